"""The journal home (#19): current issue with its cover and contents, most read of the
last 30 days (COUNTER unique investigations), latest articles, About links."""

import io
from datetime import timedelta

import pytest
from django.utils import timezone
from PIL import Image

from articles.models import Status
from journal.images import store_issue_cover
from stats.models import DailyCount
from stats.services import refresh_recent_readers, refresh_usage
from tests.factories import make_article, make_issue, make_journal
from tests.pages import text, tree_of

pytestmark = pytest.mark.django_db


def read(article, readers, days_ago=0):
    DailyCount.objects.create(
        article=article,
        date=timezone.localdate() - timedelta(days=days_ago),
        views=readers * 2,
        unique_investigations=readers,
    )


def cover_bytes():
    buffer = io.BytesIO()
    Image.new("RGB", (600, 800), (20, 60, 120)).save(buffer, "JPEG")
    return buffer.getvalue()


@pytest.fixture
def home():
    journal = make_journal()
    old = make_issue(journal, publication_date=timezone.localdate() - timedelta(days=200))
    current = make_issue(
        journal, publication_date=timezone.localdate() - timedelta(days=10), cover_alt_en="Blue"
    )
    store_issue_cover(current, cover_bytes(), "cover.jpg")
    articles = {
        "steady": make_article(issue=current, title_zh="稳定", title_en="Steady"),
        "burst": make_article(issue=current, title_zh="近来", title_en="Recent burst"),
        "old hit": make_article(issue=old, title_zh="旧作", title_en="Old hit"),
        "draft": make_article(issue=current, title_zh="草稿", status=Status.DRAFT),
        "unread": make_article(issue=old, title_zh="无人读", title_en="Unread"),
    }
    read(articles["steady"], 3, days_ago=0)
    read(articles["steady"], 3, days_ago=29)  # still within the last 30 days
    read(articles["burst"], 5, days_ago=1)
    read(articles["old hit"], 500, days_ago=30)  # a day too old
    read(articles["old hit"], 1, days_ago=2)
    read(articles["draft"], 900, days_ago=1)
    refresh_usage(article_ids=[a.pk for a in articles.values()])  # as flush_stats does
    return journal, current, articles


def test_most_read_of_the_last_30_days_by_unique_readers(client, home):
    journal, _, _ = home
    page = tree_of(client, journal.get_absolute_url().replace("/zh-hans/", "/en/"))
    (block,) = page.xpath('//section[contains(@class, "most-read")]')
    assert text(block.xpath(".//h2")[0]) == "Most read in the last 30 days"
    entries = [text(li) for li in block.xpath(".//li")]
    assert entries == ["稳定 6 readers", "近来 5 readers", "旧作 1 reader"]


def test_a_day_leaving_the_window_lowers_the_count_at_the_next_flush(client, home):
    journal, _, articles = home
    refresh_recent_readers(today=timezone.localdate() + timedelta(days=1))
    page = tree_of(client, journal.get_absolute_url().replace("/zh-hans/", "/en/"))
    entries = [text(li) for li in page.xpath('//section[contains(@class, "most-read")]//li')]
    # Tomorrow the steady article's readers of 29 days ago are out of the window.
    assert entries == ["近来 5 readers", "稳定 3 readers", "旧作 1 reader"]


def test_current_issue_with_cover_and_contents_and_the_about_links(client, home):
    journal, current, articles = home
    page = tree_of(client, journal.get_absolute_url())
    (section,) = page.xpath('//section[@aria-labelledby="current-heading"]')
    (img,) = section.xpath(".//picture//img")
    assert img.get("width") == "480" and img.get("height") == "640"
    assert img.get("alt") == "Blue"  # no Chinese text: the English one, not none
    toc = [text(a) for a in section.xpath('.//*[contains(@class, "article-summary__title")]/a')]
    assert sorted(toc) == ["稳定", "近来"]
    about = page.xpath('//nav[@class="about-links"]//a/@href')
    assert len(about) == 8 and all("/about/#" in href for href in about)
    assert page.xpath('//section[@aria-labelledby="latest-heading"]//li')


def test_a_journal_nobody_read_has_no_most_read_block(client):
    journal = make_journal()
    make_article(issue=make_issue(journal))
    page = tree_of(client, journal.get_absolute_url())
    assert not page.xpath('//section[contains(@class, "most-read")]')
