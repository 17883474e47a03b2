"""Journal home, publisher page and error pages as a reader sees them."""

import re

import pytest
from django.test import override_settings
from lxml import html

from articles.models import Status
from tests.factories import make_article, make_issue, make_journal, make_section

pytestmark = pytest.mark.django_db


def get_page(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, url
    return html.fromstring(response.content)


def test_journal_home_shows_about_issns_current_issue_and_latest_articles(client):
    journal = make_journal(description_en="A journal about governance.", issn_print="0254-4164")
    make_article(journal=journal, issue=make_issue(journal, volume=1, number=1, year=2024))
    current = make_issue(journal, volume=2, number=1, year=2025)
    make_article(journal=journal, issue=current, title_en="The newest article", language="en")
    make_article(
        journal=journal, issue=current, status=Status.DRAFT, title_en="A draft", language="en"
    )

    page = get_page(client, f"/en/{journal.slug}/")

    text = page.text_content()
    assert "A journal about governance." in text
    assert "0254-4164" in text
    current_link = page.cssselect("#current-heading a")[0]
    assert current_link.get("href") == f"/en/{journal.slug}/issues/{current.pk}/"
    assert current_link.text_content() == "Vol. 2, No. 1 (2025)"
    latest = page.cssselect("#latest-heading + ul .article-summary__title a")
    assert len(latest) == 2
    assert "A draft" not in text


@pytest.mark.parametrize("lang", ["en", "zh-hans"])
def test_doaj_3_every_journal_page_shows_each_issn(client, lang):
    """DOAJ-3: home, about, archive, issue, section and article pages show both ISSNs."""
    journal = make_journal(issn_online="2096-1235", issn_print="0254-4164")
    article = make_article(journal=journal)
    section = make_section(journal, slug="essays")
    issue = article.issue
    for path in (
        "",
        "about/",
        "issues/",
        f"issues/{issue.pk}/",
        f"sections/{section.slug}/",
        f"article/{article.pk}/",
    ):
        footer = get_page(client, f"/{lang}/{journal.slug}/{path}").cssselect("footer")[0]
        issns = re.findall(r"\b\d{4}-\d{3}[\dX]\b", footer.text_content())
        assert issns == ["2096-1235", "0254-4164"], path


def test_publisher_page_lists_every_journal(client):
    make_journal(title_en="First Journal")
    make_journal(title_en="Second Journal")

    page = get_page(client, "/en/")

    titles = [" ".join(h.text_content().split()) for h in page.cssselect(".journal-card h3")]
    assert titles == ["First Journal", "Second Journal"]


@pytest.mark.parametrize(("lang", "heading"), [("en", "Page not found"), ("zh-hans", "页面不存在")])
def test_not_found_page_speaks_the_interface_language(client, lang, heading):
    page = get_page(client, f"/{lang}/no-such-journal/issues/", status=404)

    assert page.cssselect("h1")[0].text_content() == heading
    assert page.cssselect("form[role=search]")


@override_settings(DEBUG=False)
def test_server_error_page_is_bilingual(client):
    from django.views.defaults import server_error

    response = server_error(client.get("/en/").wsgi_request)

    assert response.status_code == 500
    text = response.content.decode()
    assert "Server error" in text and "服务器错误" in text
