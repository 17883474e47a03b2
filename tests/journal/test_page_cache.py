"""The whole-page cache: served without queries, current after any edit, HTTP-correct."""

import time
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.how_to_cite import render_citations
from articles.keywords import set_keywords
from articles.landing import CITATIONS_PENDING_SECONDS
from articles.models import Affiliation, Article, Status
from tests.factories import make_article, make_author, make_full_article, make_issue
from tests.forms import article_form_data, inline_management

pytestmark = pytest.mark.django_db


@pytest.fixture
def article(page_cache):
    article = make_full_article(authors=2, references=3)
    # As the render process leaves it after the save (on_commit never runs in a test).
    render_citations(article=article)
    return article


def issue_url(issue):
    return issue.get_absolute_url()


def test_second_request_is_served_from_the_cache_without_queries(
    client, article, django_assert_num_queries
):
    first = client.get(article.get_absolute_url())
    with django_assert_num_queries(0):
        second = client.get(article.get_absolute_url())
    assert second.status_code == 200
    assert second.content == first.content


def test_public_page_headers_allow_shared_caching_and_set_no_cookie(client, article):
    for url in [
        article.get_absolute_url(),
        issue_url(article.issue),
        reverse("journal:archive", kwargs={"journal": article.journal.slug}),
        reverse("sitemap_index"),
        reverse("oai:endpoint") + "?verb=Identify",
    ]:
        for _ in range(2):  # the miss and the hit answer alike
            response = client.get(url)
            assert response.status_code == 200, url
            control = response["Cache-Control"]
            assert "public" in control and "max-age=60" in control, url
            assert "stale-while-revalidate=600" in control, url
            assert response["ETag"].startswith('"') and response.has_header("Last-Modified")
            assert not response.cookies, url
            assert "Cookie" not in response.get("Vary", ""), url
            if url.startswith("/zh-hans/"):  # the language is in the URL: no negotiation
                assert "Accept-Language" not in response.get("Vary", ""), url


def test_a_hit_is_served_before_the_url_resolver_with_the_same_headers(
    client, article, monkeypatch
):
    """Hits skip sessions, URL resolution and the view, yet answer like the miss did."""
    url = article.get_absolute_url()
    miss = client.get(url)

    def no_resolving(*args, **kwargs):
        raise AssertionError("a cache hit resolved its URL")

    monkeypatch.setattr("django.core.handlers.base.get_resolver", no_resolving)
    hit = client.get(url)
    assert hit.status_code == 200 and hit.content == miss.content
    for header in ("Content-Type", "Content-Language", "X-Frame-Options", "ETag", "Vary"):
        assert hit.get(header) == miss.get(header), header


def test_negotiated_language_of_unprefixed_pages_is_part_of_the_key(client, article):
    """/oai/ and the sitemaps sit outside the language prefixes: each language is kept apart."""
    url = reverse("oai:endpoint") + "?verb=Identify"
    english = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
    chinese = client.get(url, HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert english["Content-Language"] == "en"
    assert chinese["Content-Language"] == "zh-hans"


def test_a_page_still_preparing_its_citation_is_not_cached(client, article):
    """Citations render in another process after a save; its cache bump may not reach us."""
    stored = Article.objects.get(pk=article.pk).citations
    Article.objects.filter(pk=article.pk).update(citations={})  # as if just edited
    url = article.get_absolute_url()
    assert "citation-pending" in client.get(url).content.decode()
    # The render process stores the citations; this process's cache hears nothing of it.
    Article.objects.filter(pk=article.pk).update(citations=stored)
    time.sleep(CITATIONS_PENDING_SECONDS + 0.1)
    page = client.get(url).content.decode()
    assert "citation-pending" not in page and 'class="citation"' in page


def test_matching_etag_or_date_gets_304(client, article):
    url = article.get_absolute_url()
    response = client.get(url)
    again = client.get(url, HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304 and again.content == b""
    since = client.get(url, HTTP_IF_MODIFIED_SINCE=response["Last-Modified"])
    assert since.status_code == 304
    stale = client.get(url, HTTP_IF_NONE_MATCH='"something-else"')
    assert stale.status_code == 200


def test_each_language_has_its_own_cached_page(client, article):
    chinese = client.get(article.get_absolute_url()).content.decode()
    english = client.get(
        article.get_absolute_url().replace("/zh-hans/", "/en/", 1)
    ).content.decode()
    assert 'lang="zh-Hans"' in chinese and 'lang="en"' in english
    assert chinese != english


def edit_article(article):
    article.title_zh = "新的标题"
    article.save()
    return "新的标题"


def edit_author(article):
    author = article.authors.first()
    author.family_name = "欧阳"
    author.save()
    return "欧阳"


def add_author(article):
    make_author(article, family_name="司马", given_name="迁", family_name_en="Sima")
    return "司马"


def edit_affiliation(article):
    affiliation = Affiliation.objects.filter(authors__article=article).first()
    affiliation.name = "新的大学"
    affiliation.save()
    return "新的大学"


def link_affiliation(article):
    article.authors.first().affiliations.add(Affiliation.objects.create(name="另一所大学"))
    return "另一所大学"


def edit_reference(article):
    reference = article.references.first()
    reference.raw_text = "Changed R. A New Reference[J]. 2024."
    reference.save()
    return "A New Reference"


def delete_reference(article):
    reference = article.references.first()
    text = reference.raw_text
    reference.delete()
    return ("absent", text)


def edit_keywords(article):
    set_keywords(article=article, language="zh-hans", keywords="数字治理")
    return "数字治理"


def edit_galley(article):
    galley = article.galleys.first()
    galley.label = "Full text PDF"
    galley.save()
    return "Full text PDF"


def edit_issue(article):
    article.issue.title_zh = article.issue.title_en = "专题：数字政府"
    article.issue.save()
    return "专题：数字政府"


def edit_section(article):
    article.section.title_zh = article.section.title_en = "书评"
    article.section.save()
    return "书评"


def edit_journal(article):
    article.journal.title_zh = "改名的期刊"
    article.journal.save()
    return "改名的期刊"


EDITS = [
    edit_article,
    edit_author,
    add_author,
    edit_affiliation,
    link_affiliation,
    edit_reference,
    delete_reference,
    edit_keywords,
    edit_galley,
    edit_issue,
    edit_section,
    edit_journal,
]


@pytest.mark.parametrize("edit", EDITS, ids=lambda edit: edit.__name__)
def test_any_edit_makes_the_cached_pages_current_at_once(client, article, edit):
    urls = [article.get_absolute_url(), issue_url(article.issue)]
    for url in urls:
        client.get(url)
    expected = edit(Article.objects.get(pk=article.pk))
    body = "".join(client.get(url).content.decode() for url in urls)
    if isinstance(expected, tuple):
        assert expected[1] not in body
    else:
        assert expected in body


def test_table_of_contents_shows_a_new_article_at_once(client, article):
    url = issue_url(article.issue)
    client.get(url)
    make_article(issue=article.issue, title_zh="刚刚发表的文章")
    assert "刚刚发表的文章" in client.get(url).content.decode()


def test_admin_change_reaches_the_cached_public_page(admin_client, client, page_cache):
    issue = make_issue()
    section = issue.journal.sections.create(slug="research", title_zh="研究", title_en="Research")
    admin_client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    response = admin_client.post(
        reverse("admin:articles_article_add"), article_form_data(issue, section)
    )
    assert response.status_code == 302
    article = Article.objects.get()
    url = article.get_absolute_url()
    assert "协同治理研究" in client.get(url).content.decode()

    data = article_form_data(issue, section, title_zh="管理后台改过的标题")
    data.update(inline_management("authors"))
    data.update(inline_management("references"))
    data = {
        key: value
        for key, value in data.items()
        if not key.startswith(("authors-0", "authors-1", "references-0", "references-1"))
    }
    change = admin_client.post(reverse("admin:articles_article_change", args=[article.pk]), data)
    assert change.status_code == 302
    assert "管理后台改过的标题" in client.get(url).content.decode()


def test_staff_bypass_the_cache_and_previews_are_private(admin_client, client, page_cache):
    draft = make_article(status=Status.DRAFT, published_at=None)
    assert client.get(draft.get_absolute_url()).status_code == 404
    preview = admin_client.get(draft.get_absolute_url())
    assert preview.status_code == 200
    assert "no-store" in preview["Cache-Control"] and "private" in preview["Cache-Control"]
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_anonymous_reader_with_a_session_cookie_still_sees_only_public(client, page_cache):
    draft = make_article(status=Status.DRAFT, published_at=None)
    client.cookies["sessionid"] = "not-a-real-session"
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_scheduled_article_appears_when_its_time_comes_despite_the_cache(client, page_cache):
    issue = make_issue()
    make_article(issue=issue, title_zh="早已发表")
    make_article(
        issue=issue,
        title_zh="定时发表的文章",
        status=Status.PUBLISHED,
        published_at=timezone.now() + timedelta(seconds=3),  # room for a loaded CI
    )
    url = issue_url(issue)
    before = client.get(url).content.decode()
    assert "早已发表" in before and "定时发表的文章" not in before
    time.sleep(3.2)
    assert "定时发表的文章" in client.get(url).content.decode()


def test_query_string_is_normalised_in_the_key(client, article, django_assert_num_queries):
    url = reverse("oai:endpoint")
    client.get(url, {"verb": "ListSets", "x": "1"})
    with django_assert_num_queries(0):
        response = client.get(url + "?x=1&verb=ListSets")
    assert response.status_code == 200
