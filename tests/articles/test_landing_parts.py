"""The landing page's parts, rendered once and kept (#18, articles.landing).

The page cache is off in these tests (tests/conftest.py): what is measured is the page
Django renders, with its parts from the cache. Readers must never notice the difference:
the same page, an edit shown at once, a withdrawn article gone at once.
"""

import time
from datetime import timedelta
from urllib.parse import urlencode

import pytest
from django.utils import timezone

from articles.how_to_cite import render_citations
from articles.keywords import set_keywords
from articles.models import Article, Status
from articles.signals import keywords_changed
from tests.factories import make_article, make_full_article, make_journal
from tests.pages import LANDING_PAGE_QUERIES_WITH_CACHED_PARTS, landing, text, tree_of

pytestmark = pytest.mark.django_db


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def main_of(page_html):
    """The page's main element: the part a query string (hreflang links) leaves alone."""
    return page_html[page_html.index("<main") : page_html.index("</main>")]


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_page_from_cached_parts_is_the_page_rendered_whole(client, settings, language):
    article = make_full_article(authors=4, references=12)
    render_citations(article=article)
    url = landing(article, language)
    settings.LANDING_PARTS_TIMEOUT = 0
    whole = page(client, url)
    settings.LANDING_PARTS_TIMEOUT = 3600
    first, cached = page(client, url), page(client, url)
    assert first == whole
    assert cached == whole
    assert 'name="citation_title"' in cached and 'class="references"' in whole


@pytest.mark.parametrize("size", [1, 40])
def test_with_cached_parts_a_page_reads_only_the_articles_row(
    client, django_assert_num_queries, size
):
    article = make_full_article(authors=size, references=size)
    url = landing(article)
    page(client, url)
    with django_assert_num_queries(LANDING_PAGE_QUERIES_WITH_CACHED_PARTS):
        cached = page(client, url)
    assert cached.count('class="author"') == size


def test_an_edit_shows_at_once_even_where_the_cache_did_not_hear_of_it(client):
    """Another app server's edit (a local-memory cache never sees its generation bump):
    the article's updated_at, read by every request, makes the cached parts old."""
    article = make_article(title_en="First title")
    url = landing(article)
    assert "First title" in page(client, url)
    Article.objects.filter(pk=article.pk).update(
        title_en="Second title", updated_at=timezone.now() + timedelta(seconds=1)
    )
    assert "Second title" in page(client, url)


def test_a_withdrawn_article_is_gone_at_once_though_its_parts_are_cached(client):
    """Visibility is the database's answer on every request, never the cache's."""
    article = make_article()
    url = landing(article)
    page(client, url)
    Article.objects.filter(pk=article.pk).update(status=Status.DRAFT)
    assert client.get(url).status_code == 404


def test_a_change_elsewhere_on_the_page_bumps_the_generation(client):
    """Keywords are stored on their own rows; their signal bumps the content generation."""
    article = make_full_article()
    url = landing(article)
    page(client, url)
    link = article.keyword_links.filter(language="en").first()
    link.tag.name = "Renamed keyword"
    link.tag.save()
    keywords_changed.send(sender=Article, article_ids=[article.pk])
    assert "Renamed keyword" in page(client, url)


def test_editors_previews_are_never_cached(client, admin_user):
    article = make_article(status=Status.DRAFT, published_at=None, title_en="Draft title")
    url = landing(article)
    client.force_login(admin_user)
    assert "preview-banner" in page(client, url)
    Article.objects.filter(pk=article.pk).update(title_en="Draft retitled")
    assert "Draft retitled" in page(client, url)
    client.logout()
    assert client.get(url).status_code == 404


def test_an_editor_sees_the_public_page_rendered_fresh(client, admin_user):
    article = make_article(title_en="Public title")
    url = landing(article)
    page(client, url)  # an anonymous reader caches the parts
    client.force_login(admin_user)
    Article.objects.filter(pk=article.pk).update(title_en="Unseen by the cache")
    assert "Unseen by the cache" in page(client, url)


def test_parts_are_kept_no_longer_than_the_next_scheduled_publication(client):
    """A related article going public by itself appears without an edit."""
    journal = make_journal()
    article = make_article(journal=journal, title_en="Reader's article")
    soon = make_article(
        journal=journal,
        title_en="Scheduled neighbour",
        published_at=timezone.now() + timedelta(seconds=3),  # room for a loaded CI
    )
    for each in (article, soon):
        set_keywords(article=each, language="en", keywords="shared keyword")
    assert "Scheduled neighbour" not in page(client, landing(article))
    time.sleep(3.2)
    assert "Scheduled neighbour" in page(client, landing(article))


def test_an_unknown_citation_style_is_served_the_default_styles_parts(
    client, django_assert_num_queries
):
    article = make_article()
    render_citations(article=article)
    url = landing(article)
    default = main_of(page(client, url))
    for junk in ["nope", "x" * 300, "%00", "apa' OR 1=1"]:
        with django_assert_num_queries(LANDING_PAGE_QUERIES_WITH_CACHED_PARTS):
            assert main_of(page(client, f"{url}?{urlencode({'style': junk})}")) == default


def test_a_chosen_style_is_cached_apart(client):
    article = make_article()
    render_citations(article=article)
    url = landing(article)
    default = tree_of(client, url)
    ieee = tree_of(client, url + "?style=ieee")
    default_again = tree_of(client, url)
    assert text(default.cssselect(".citation")[0]) == text(default_again.cssselect(".citation")[0])
    assert text(ieee.cssselect(".citation")[0]).startswith("[1]")
    assert not text(default.cssselect(".citation")[0]).startswith("[1]")
