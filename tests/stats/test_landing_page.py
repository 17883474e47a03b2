"""The Downloads block: totals, the monthly chart and its text alternative."""

from datetime import UTC, date, datetime

import pytest
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone
from lxml import html

from stats.counting import record
from stats.models import DailyCount, Kind
from stats.services import flush_hits, refresh_usage
from stats.summary import article_summary, last_months
from tests.factories import make_article, make_galley
from tests.stats.readers import BROWSER, reader


def tree_of(response):
    assert response.status_code == 200
    return html.fromstring(response.content)


def at(*args):
    return timezone.make_aware(datetime(*args))


def test_monthly_counts_cross_month_and_year_boundaries_in_the_sites_time_zone(db):
    article = make_article()
    factory = RequestFactory(headers={"User-Agent": BROWSER})
    events = [
        (1, at(2024, 12, 31, 23, 59, 50), Kind.VIEW),
        # 16:30 UTC on 31 December is 00:30 on 1 January in Asia/Shanghai.
        (2, datetime(2024, 12, 31, 16, 30, tzinfo=UTC), Kind.VIEW),
        (3, at(2025, 1, 1, 0, 0, 5), Kind.DOWNLOAD),
        (4, at(2025, 1, 31, 23, 59, 59), Kind.VIEW),
        (5, at(2025, 2, 1, 0, 0, 0), Kind.VIEW),
    ]
    for n, moment, kind in events:
        record(factory.get("/", REMOTE_ADDR=f"198.51.100.{n}"), article.pk, kind, now=moment)
    flush_hits()
    assert sorted(DailyCount.objects.values_list("date", "views", "downloads")) == [
        (date(2024, 12, 31), 1, 0),
        (date(2025, 1, 1), 1, 1),
        (date(2025, 1, 31), 1, 0),
        (date(2025, 2, 1), 1, 0),
    ]
    summary = article_summary(article, today=date(2025, 2, 14))
    by_month = {m.month: (m.views, m.downloads) for m in summary.months}
    assert list(by_month)[0] == date(2024, 3, 1) and list(by_month)[-1] == date(2025, 2, 1)
    assert by_month[date(2024, 12, 1)] == (1, 0)
    assert by_month[date(2025, 1, 1)] == (2, 1)
    assert by_month[date(2025, 2, 1)] == (1, 0)
    assert (summary.views, summary.downloads) == (4, 1)


def test_the_last_twelve_months_wrap_the_year():
    months = last_months(date(2025, 1, 15))
    assert months[0] == date(2024, 2, 1) and months[-1] == date(2025, 1, 1) and len(months) == 12
    assert last_months(date(2025, 12, 31))[0] == date(2025, 1, 1)


@pytest.mark.parametrize(
    ("language", "totals", "month"),
    [
        ("en", "Views: 5 · Downloads: 2", "March 2025"),
        ("zh-hans", "浏览：5 · 下载：2", "2025年3月"),
    ],
)
def test_landing_page_shows_totals_and_an_accessible_monthly_chart(
    client, db, language, totals, month
):
    article = make_article()
    today = timezone.localdate()
    DailyCount.objects.create(article=article, date=today, views=3, downloads=2)
    DailyCount.objects.create(article=article, date=date(2025, 3, 2), views=2)
    refresh_usage(article_ids=[article.pk])  # what flush_stats does after folding hits
    tree = tree_of(client.get(f"/{language}/{article.journal.slug}/article/{article.pk}/"))
    block = tree.cssselect(".downloads")[0]
    assert " ".join(block.cssselect(".usage-totals")[0].text_content().split()) == totals
    svg = block.cssselect("svg.usage-chart")[0]
    assert svg.get("role") == "img"
    title = svg.cssselect("title")[0]
    assert svg.get("aria-labelledby") == title.get("id") and title.text_content()
    assert len(svg.cssselect("rect.usage-views")) >= 1
    # The same numbers as a table for screen readers (visually hidden, not aria-hidden).
    table = block.cssselect("table.usage-table")[0]
    assert "visually-hidden" in table.get("class") and table.get("aria-hidden") is None
    assert table.cssselect("caption")[0].text_content() == title.text_content()
    rows = [[c.text_content() for c in tr] for tr in table.cssselect("tbody tr")]
    assert len(rows) == 12
    assert rows[-1][1:] == ["3", "2"]
    if (today.year, today.month) <= (2026, 2):
        assert [month, "2", "0"] in rows


def test_a_page_without_usage_shows_zero_and_no_chart(client, db):
    article = make_article()
    tree = tree_of(client.get(f"/en/{article.journal.slug}/article/{article.pk}/"))
    assert "Views: 0 · Downloads: 0" in tree.cssselect(".usage-totals")[0].text_content()
    assert not tree.cssselect("svg.usage-chart")


def test_the_landing_page_loads_the_beacon_script_and_no_inline_javascript(client, db):
    article = make_article()
    tree = tree_of(client.get(f"/en/{article.journal.slug}/article/{article.pk}/"))
    scripts = tree.cssselect("script:not([type='application/ld+json'])")
    assert all(s.get("src") and s.get("defer") is not None for s in scripts)
    assert not any(s.text_content().strip() for s in scripts)
    beacon = [s for s in scripts if s.get("src").endswith("js/stats.js")]
    assert len(beacon) == 1
    assert beacon[0].get("data-beacon") == reverse("stats:view", kwargs={"article": article.pk})


def test_a_cached_landing_page_still_counts_its_views(
    client, db, settings, django_assert_num_queries
):
    settings.ROOT_URLCONF = "tests.stats.cached_urls"
    article = make_article()
    make_galley(article)
    url = f"/en/{article.journal.slug}/article/{article.pk}/"
    first = client.get(url, **reader(1))
    beacon_url = tree_of(first).cssselect("script[data-beacon]")[0].get("data-beacon")
    assert client.post(beacon_url, **reader(1)).status_code == 204
    with django_assert_num_queries(0):  # served from the page cache
        second = client.get(url, **reader(2))
    assert client.post(beacon_url, **reader(2)).status_code == 204
    assert second.content == first.content
    flush_hits()
    assert DailyCount.objects.get(article=article).views == 2
