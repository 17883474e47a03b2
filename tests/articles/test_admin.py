"""Editors' round trip through the Django admin forms."""

import pytest
from django.urls import reverse
from lxml import html

from articles.models import Article, Status
from tests.factories import make_article, make_issue, make_section
from tests.forms import article_form_data


@pytest.fixture(autouse=True)
def english_admin(admin_client):
    """The admin follows the browser's language; these tests read English messages."""
    admin_client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"


@pytest.fixture
def places(db):
    issue = make_issue()
    return issue, make_section(issue.journal)


@pytest.mark.slow  # every inline of the article form, twice (~8 s)
def test_admin_add_and_change_round_trip(admin_client, places):
    issue, section = places
    response = admin_client.post(
        reverse("admin:articles_article_add"), article_form_data(issue, section)
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    article = Article.objects.get()
    assert article.doi == "10.5555/Admin.1"
    assert [a.name for a in article.authors.order_by("order")] == ["王明", "Chris Ansell"]
    assert [link.tag.name for link in article.keyword_links.filter(language="zh-hans")] == [
        "协同治理",
        "社会组织",
        "政府购买服务",
        "公共服务供给",
    ]
    assert article.references.order_by("order").last().doi == "10.1000/xyz"

    # The change form shows what was saved, keywords joined in order.
    change_url = reverse("admin:articles_article_change", args=[article.pk])
    form = html.fromstring(admin_client.get(change_url).content.decode())
    assert (
        form.cssselect("#id_keywords_zh")[0].get("value")
        == "协同治理; 社会组织; 政府购买服务; 公共服务供给"
    )

    # The public page shows the edit.
    page = html.fromstring(admin_client.get(article.get_absolute_url()).content.decode())
    assert page.cssselect("h1")[0].text_content() == "协同治理研究"
    assert len(page.cssselect(".reference-list li")) == 2


def test_admin_rejects_bad_identifiers_with_field_errors_and_saves_nothing(admin_client, places):
    issue, section = places
    data = article_form_data(
        issue, section, doi="not-a-doi", **{"authors-0-orcid": "0000-0002-1825-0098"}
    )
    response = admin_client.post(reverse("admin:articles_article_add"), data)
    assert response.status_code == 200
    body = response.content.decode()
    assert "is not a DOI" in body
    assert "is not a valid ORCID iD" in body
    assert not Article.objects.exists()


def test_admin_requires_the_full_text_language_title_before_publishing(admin_client, places):
    """I18N-13: the full-text-language fields are required before publishing."""
    issue, section = places
    response = admin_client.post(
        reverse("admin:articles_article_add"), article_form_data(issue, section, title_zh="")
    )
    assert response.status_code == 200
    assert "required before publishing" in response.content.decode()


def test_publish_action_reports_what_it_did(admin_client, db):
    drafts = [make_article(status=Status.DRAFT, published_at=None) for _ in range(2)]
    response = admin_client.post(
        reverse("admin:articles_article_changelist"),
        {"action": "publish", "_selected_action": [a.pk for a in drafts]},
        follow=True,
    )
    assert "2 articles published." in response.content.decode()
    assert all(a.is_public for a in Article.objects.all())


def test_admin_lists_filter_and_search(admin_client, db):
    article = make_article(title_zh="独特标题", doi="10.5555/find.me")
    url = reverse("admin:articles_article_changelist")
    assert "独特标题" in admin_client.get(url, {"q": "10.5555/find.me"}).content.decode()
    assert admin_client.get(url, {"status__exact": "draft"}).content.decode().count("独特标题") == 0
    assert admin_client.get(url, {"journal__id__exact": article.journal_id}).status_code == 200
    # Autocomplete for the issue field answers JSON.
    auto = admin_client.get(
        reverse("admin:autocomplete"),
        {"app_label": "articles", "model_name": "article", "field_name": "issue", "term": ""},
    )
    assert auto.status_code == 200 and auto.json()["results"]


def test_adding_an_issue_in_the_admin_saves_it(admin_client, places):
    issue, _section = places
    response = admin_client.post(
        reverse("admin:journal_issue_add"),
        {
            "journal": issue.journal.pk,
            "volume": "9",
            "number": "2",
            "year": "2026",
            "publication_date": "2026-03-01",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    assert issue.journal.issues.filter(volume=9, number=2, year=2026).exists()


def test_article_list_shows_and_filters_the_publication_state(admin_client, db):
    """#14: "scheduled" is read from the time, in the list as on the site."""
    from datetime import timedelta

    from django.utils import timezone

    public = make_article(title_zh="公开的")
    scheduled = make_article(title_zh="定时的", published_at=timezone.now() + timedelta(days=2))
    draft = make_article(title_zh="草稿", status=Status.DRAFT, published_at=None)
    waiting = make_article(title_zh="等期", issue=make_issue(is_published=False))
    url = reverse("admin:articles_article_changelist")

    def rows(query=""):
        tree = html.fromstring(admin_client.get(url + query).content.decode())
        return {
            row.cssselect("th a")[0].text_content(): row.cssselect("td.field-publication")[
                0
            ].text_content()
            for row in tree.cssselect("#result_list tbody tr")
        }

    assert rows() == {
        "公开的": "Public",
        "定时的": "Scheduled",
        "草稿": "Draft",
        "等期": "Issue not published",
    }
    assert list(rows("?publication=scheduled")) == ["定时的"]
    assert list(rows("?publication=public")) == ["公开的"]
    assert list(rows("?publication=draft")) == ["草稿"]
    assert {public.pk, scheduled.pk, draft.pk, waiting.pk} <= set(
        Article.objects.values_list("pk", flat=True)
    )
