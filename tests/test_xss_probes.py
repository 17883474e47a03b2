"""XSS probes in every field an author or editor types stay inert in every output: the
landing page (HTML and JSON-LD), feeds, sitemap, OAI-PMH, CSL-JSON and, where they exist,
the RIS/BibTeX downloads and the search page."""

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation
from lxml import etree, html

from articles.keywords import set_keywords
from tests.factories import make_author, make_full_article, make_reference

PROBE = (
    'P<script>alert(1)</script>"><img src=x onerror=alert(1)>'
    "</script><script>alert(2)</script> javascript:alert(3) ]]> <![CDATA[x]]>"
)

# Keywords are at most 100 characters (the tag table's column).
KEYWORD_PROBE = '<script>alert(1)</script>"><img src=x onerror=alert(1)>'


@pytest.fixture
def article(db):
    article = make_full_article(
        authors=0,
        references=0,
        title_zh="标题" + PROBE,
        title_en="Title" + PROBE,
        abstract_zh="<p>摘要" + PROBE + "</p>",
        abstract_en='<p>Abstract<a href="javascript:alert(4)">x</a>' + PROBE + "</p>",
    )
    make_author(
        article,
        family_name="王" + PROBE,
        given_name="明",
        family_name_en="Wang" + PROBE,
        given_name_en="Ming" + PROBE,
        affiliations=["大学" + PROBE],
        is_corresponding=True,
    )
    make_reference(article, raw_text="Reference" + PROBE)
    set_keywords(article=article, language="en", keywords="keyword" + KEYWORD_PROBE)
    return article


def url(name, obj, lang, **kwargs):
    with translation.override(lang):
        return reverse(name, kwargs={"journal": obj.journal.slug, **kwargs})


def strings(data):
    """Every string value in parsed JSON."""
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict):
        for value in data.values():
            yield from strings(value)
    elif isinstance(data, list):
        for value in data:
            yield from strings(value)


def assert_inert_html(content):
    tree = html.fromstring(content)
    for script in tree.iter("script"):
        assert script.get("type") == "application/ld+json" or (
            script.get("src", "").startswith("/static/") and not (script.text or "").strip()
        ), html.tostring(script)
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue
        for name, value in element.attrib.items():
            assert not name.lower().startswith("on"), (element.tag, name)
            if name in {"href", "src", "action", "formaction"}:
                assert not value.strip().lower().startswith("javascript:"), value
    assert not tree.xpath("//img[@src='x']")
    return tree


@pytest.mark.parametrize("lang", ["zh-hans", "en"])
def test_landing_page_and_json_ld(client, article, lang):
    response = client.get(url("articles:landing", article, lang, article=article.pk))
    assert response.status_code == 200
    tree = assert_inert_html(response.content)
    page_text = tree.text_content()
    assert "Title" + PROBE in page_text
    assert "Reference" + PROBE in page_text
    assert "大学" + PROBE in page_text
    assert ("keyword" + KEYWORD_PROBE).lower() in page_text.lower()
    (block,) = tree.xpath('//script[@type="application/ld+json"]')
    data = json.loads(block.text)
    assert "Title" + PROBE in strings(data)
    assert "</script" not in block.text.lower()


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_feeds(client, article, kind):
    response = client.get(url(f"articles:journal_feed_{kind}", article, "en"))
    assert response.status_code == 200
    root = etree.fromstring(response.content)
    assert any(PROBE in (node.text or "") for node in root.iter())


def test_sitemaps_parse(client, article):
    index = etree.fromstring(client.get("/sitemap.xml").content)
    locations = [node.text for node in index.iter("{*}loc")]
    assert locations
    for location in locations:
        path = location.split("://", 1)[1].split("/", 1)[1]
        response = client.get("/" + path)
        assert response.status_code == 200
        etree.fromstring(response.content)


def test_oai_pmh(client, article):
    response = client.get("/oai/", {"verb": "ListRecords", "metadataPrefix": "oai_dc"})
    assert response.status_code == 200
    root = etree.fromstring(response.content)
    texts = [node.text or "" for node in root.iter()]
    assert any("Title" + PROBE in text for text in texts)
    assert not any(node.tag == "script" for node in root.iter())


def test_csl_json(client, article):
    response = client.get(url("articles:csl_json", article, "en", article=article.pk))
    assert response.status_code == 200
    item = response.json()
    item = item[0] if isinstance(item, list) else item
    assert "标题" + PROBE in strings(item)
    assert response["Content-Type"].startswith("application/")


@pytest.mark.parametrize("name", ["articles:cite_ris", "articles:cite_bib", "articles:cite_enw"])
def test_downloads_are_not_html(client, article, name):
    response = client.get(url(name, article, "en", article=article.pk))
    assert response.status_code == 200
    assert not response["Content-Type"].startswith("text/html")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "Content-Disposition" in response and "attachment" in response["Content-Disposition"]


@pytest.mark.parametrize("lang", ["zh-hans", "en"])
def test_search_page_with_the_probe_as_query_and_in_the_results(client, article, lang):
    call_command("rebuild_search_index", stdout=StringIO())
    with translation.override(lang):
        path = reverse("search:results")
    response = client.get(path, {"q": "alert " + PROBE})
    assert response.status_code == 200
    tree = assert_inert_html(response.content)
    # The query comes back as typed, as text; the article is found, its (Chinese) title
    # shown as text.
    assert tree.get_element_by_id("search-q").get("value") == "alert " + PROBE
    (title,) = tree.cssselect(".search-result h2 a")
    assert title.text_content() == "标题" + PROBE
    assert title.cssselect("mark"), "the matching words are highlighted"
