"""sitemap.xml, robots.txt and the Atom/RSS feeds (issue "Discoverability")."""

import urllib.robotparser
from urllib.parse import urlsplit

import lxml.etree
import lxml.html
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from journal.sitemaps import BilingualSitemap
from tests.factories import make_article, make_author, make_full_article, make_issue

pytestmark = pytest.mark.django_db

NS = {
    "sm": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "xhtml": "http://www.w3.org/1999/xhtml",
    "atom": "http://www.w3.org/2005/Atom",
}


def xml(response):
    assert response.status_code == 200
    return lxml.etree.fromstring(response.content)


def sitemap_urls(client):
    index = xml(client.get("/sitemap.xml"))
    urls = {}
    for loc in index.xpath("//sm:sitemap/sm:loc/text()", namespaces=NS):
        page = xml(client.get(loc.replace("http://testserver", "")))
        for url in page.xpath("//sm:url", namespaces=NS):
            links = {
                link.get("hreflang"): link.get("href")
                for link in url.xpath("xhtml:link", namespaces=NS)
            }
            urls[url.findtext("sm:loc", namespaces=NS)] = (
                links,
                url.findtext("sm:lastmod", namespaces=NS),
            )
    return urls


def test_sitemap_index_lists_every_public_page_in_both_languages(client):
    article = make_article()
    make_author(article)
    draft = make_article(status="draft", published_at=None)
    unpublished = make_issue(article.journal, is_published=False)
    urls = sitemap_urls(client)
    slug = article.journal.slug
    for path in (
        f"/{slug}/",
        f"/{slug}/issues/",
        f"/{slug}/issues/{article.issue.pk}/",
        f"/{slug}/article/{article.pk}/",
    ):
        for prefix in ("/zh-hans", "/en"):
            links, lastmod = urls[f"http://testserver{prefix}{path}"]
            assert links == {
                "zh-hans": f"http://testserver/zh-hans{path}",
                "en": f"http://testserver/en{path}",
                "x-default": f"http://testserver{path}",
            }
            assert lastmod
    assert not any(f"/article/{draft.pk}/" in url for url in urls)
    assert not any(f"/issues/{unpublished.pk}/" in url for url in urls)


def test_sitemap_file_never_exceeds_50000_urls():
    assert BilingualSitemap.limit * 2 <= 50_000


def test_sitemap_page_runs_in_constant_queries(client, django_assert_num_queries):
    for _ in range(3):
        make_article()
    with django_assert_num_queries(2):  # the highest key, then the file's range of keys
        client.get("/sitemap-articles.xml")
    for _ in range(5):
        make_article()
    with django_assert_num_queries(2):
        client.get("/sitemap-articles.xml")


def test_sitemap_files_split_the_articles_and_each_reads_only_its_own(
    client, monkeypatch, django_assert_num_queries
):
    monkeypatch.setattr(BilingualSitemap, "limit", 4)  # 4 URLs: 2 articles in 2 languages
    articles = sorted((make_article() for _ in range(5)), key=lambda article: article.pk)
    draft = make_article(status="draft", published_at=None)
    index = xml(client.get("/sitemap.xml")).xpath("//sm:loc/text()", namespaces=NS)
    files = [loc for loc in index if "sitemap-articles.xml" in loc]
    assert len(files) == -(-draft.pk // 2)  # every key range up to the last article
    listed = []
    for page in range(1, len(files) + 1):
        with django_assert_num_queries(2):  # the highest key, then the file's range of keys
            response = client.get(f"/sitemap-articles.xml?p={page}")
        assert response.status_code == 200
        urls = xml(response).xpath("//sm:url/sm:loc/text()", namespaces=NS)
        assert len(urls) <= 4
        listed += urls
    assert client.get(f"/sitemap-articles.xml?p={len(files) + 1}").status_code == 404
    assert listed == [
        f"http://testserver/{language}/{article.journal.slug}/article/{article.pk}/"
        for article in articles
        for language in ("zh-hans", "en")
    ]


def test_sitemap_uses_site_url_when_set(client, settings):
    settings.SITE_URL = "https://journals.example.org"
    article = make_article()
    index = xml(client.get("/sitemap.xml")).xpath("//sm:sitemap/sm:loc/text()", namespaces=NS)
    assert index and all(loc.startswith("https://journals.example.org/") for loc in index)
    # A file is a range of keys, and on PostgreSQL the keys keep counting across tests:
    # the article is in whichever file the index lists for its key, not always the first.
    locs = []
    for loc in index:
        url = urlsplit(loc)
        page = xml(client.get(f"{url.path}?{url.query}"))
        locs += page.xpath("//sm:loc/text()", namespaces=NS)
    assert f"https://journals.example.org/en/{article.journal.slug}/article/{article.pk}/" in locs
    assert all(loc.startswith("https://journals.example.org/") for loc in locs)


def test_gs_23_robots_txt_allows_pages_and_names_the_sitemap(client):
    article = make_full_article()
    response = client.get("/robots.txt")
    assert "Sitemap: http://testserver/sitemap.xml" in response.content.decode()
    parser = urllib.robotparser.RobotFileParser()
    parser.parse(response.content.decode().splitlines())
    galley = article.galleys.get()
    for url in (article.get_absolute_url(), galley.get_absolute_url(), "/en/journal-1/issues/"):
        assert parser.can_fetch("Googlebot", f"http://testserver{url}")
    assert not parser.can_fetch("Googlebot", "http://testserver/admin/")


@pytest.mark.parametrize("kind", ["atom", "rss"])
def test_journal_feed_lists_latest_articles_with_authors_abstract_and_doi(client, kind):
    article = make_full_article()
    draft = make_article(journal=article.journal, status="draft", published_at=None)
    response = client.get(f"/en/{article.journal.slug}/feed/{kind}/")
    text = response.content.decode()
    assert response.status_code == 200
    assert article.title_zh in text
    assert "王0明, 王1明, 王2明" in text
    assert article.abstract_zh in text
    assert f"https://doi.org/{article.doi}" in text
    assert f"/article/{draft.pk}/" not in text


def test_issue_feed_is_atom_and_lists_the_issue_articles(client):
    article = make_full_article()
    issue = article.issue
    doc = xml(client.get(f"/zh-hans/{article.journal.slug}/issues/{issue.pk}/feed/atom/"))
    assert doc.xpath("/atom:feed/atom:title/text()", namespaces=NS) == [
        f"{article.journal.title_zh} 2025年第3卷第{issue.number}期"
    ]
    titles = doc.xpath("//atom:entry/atom:title/text()", namespaces=NS)
    assert titles == [article.title_zh]
    assert doc.xpath("//atom:entry/atom:id/text()", namespaces=NS) == [
        f"https://doi.org/{article.doi}"
    ]


def test_unknown_journal_feed_is_404(client):
    assert client.get("/en/nope/feed/atom/").status_code == 404
    assert client.get("/en/nope/issues/1/1/feed/rss/").status_code == 404
    assert client.get("/en/nope/issues/1/feed/rss/").status_code == 404


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_issue_feed_of_the_old_volume_and_number_url_redirects_permanently(client, kind):
    issue = make_article().issue
    slug = issue.journal.slug
    response = client.get(f"/en/{slug}/issues/{issue.volume}/{issue.number}/feed/{kind}/")
    assert response.status_code == 301
    assert response["Location"] == f"/en/{slug}/issues/{issue.pk}/feed/{kind}/"
    assert client.get(response["Location"]).status_code == 200


def test_journal_home_and_issue_pages_announce_their_feeds(client):
    article = make_article()
    for url, feed in (
        (f"/en/{article.journal.slug}/", f"/en/{article.journal.slug}/feed/"),
        (article.issue.get_absolute_url(), f"{article.issue.get_absolute_url()}feed/"),
    ):
        doc = lxml.html.fromstring(client.get(url).content)
        hrefs = {
            link.get("type"): link.get("href")
            for link in doc.xpath('//head/link[@rel="alternate"][@type]')
        }
        assert hrefs == {
            "application/atom+xml": f"http://testserver{feed}atom/",
            "application/rss+xml": f"http://testserver{feed}rss/",
        }


def test_feed_query_count_is_constant(client, django_assert_num_queries):
    first = make_full_article()
    with CaptureQueriesContext(connection) as one:
        client.get(f"/en/{first.journal.slug}/feed/atom/")
    for _ in range(3):
        make_full_article(journal=first.journal, issue=first.issue)
    with django_assert_num_queries(len(one.captured_queries)):
        client.get(f"/en/{first.journal.slug}/feed/atom/")
