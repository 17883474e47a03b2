"""XC-1: the demo articles say the same thing in every output.

Title, authors, date, DOI and licence are read back from the visible page,
citation_*, Dublin Core, JSON-LD, both feeds, How to Cite and OAI-PMH, and compared.
"""

import json

import lxml.etree
import lxml.html
import pytest
from django.core.management import call_command

from articles.models import Article
from scholarly.languages import bcp47

pytestmark = pytest.mark.django_db

ATOM = {"atom": "http://www.w3.org/2005/Atom"}


@pytest.fixture
def demo(db):
    call_command("load_demo", verbosity=0)
    return list(Article.objects.published().for_landing_page().order_by("pk"))


def meta(doc, name):
    return doc.xpath(f'//head/meta[@name="{name}"]/@content')


def outputs(client, article, language):
    doc = lxml.html.fromstring(client.get(f"/{language}/demo/article/{article.pk}/").content)
    (script,) = doc.xpath('//script[@type="application/ld+json"]/text()')
    ld = json.loads(script)
    visible = {
        "title": doc.xpath("//h1")[0].text_content().strip(),
        "authors_text": " ".join(doc.xpath('//*[@class="author-list"]//text()')),
        "date": doc.xpath('//section[contains(@class,"published")]//time/@datetime')[0],
        "doi": doc.xpath('//a[@class="doi"]/@href')[0],
        "licence": doc.xpath('//section[contains(@class,"licence")]//a[@rel="license"]/@href'),
    }
    citation = {
        "title": meta(doc, "citation_title")[0],
        "authors": meta(doc, "citation_author"),
        "date": meta(doc, "citation_publication_date")[0].replace("/", "-"),
        "doi": meta(doc, "citation_doi")[0],
    }
    dublin_core = {
        "title": meta(doc, "DC.Title")[0],
        "authors": meta(doc, "DC.Creator.PersonalName"),
        "date": meta(doc, "DC.Date.created")[0],
        "doi": meta(doc, "DC.Identifier.DOI")[0],
        "licence": meta(doc, "DC.Rights")[0],
    }
    json_ld = {
        "title": ld["headline"],
        "authors": [person["name"] for person in ld["author"]],
        "date": ld["datePublished"],
        "doi": next(  # one identifier, or several (the DOI and the CNKI article ID)
            value["value"]
            for value in (
                ld["identifier"] if isinstance(ld["identifier"], list) else [ld["identifier"]]
            )
            if value["propertyID"] == "DOI"
        ),
        "licence": ld["license"],
    }
    head_licence = doc.xpath('//head/link[@rel="license"]/@href')[0]
    return visible, citation, dublin_core, json_ld, head_licence


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_xc_1_demo_articles_agree_across_page_tags_json_ld_and_feeds(client, demo, language):
    assert len(demo) == 2
    feed = lxml.etree.fromstring(client.get(f"/{language}/demo/feed/atom/").content)
    entries = {
        entry.find("atom:link", ATOM).get("href"): entry
        for entry in feed.findall("atom:entry", ATOM)
    }
    for article in demo:
        visible, citation, dublin_core, json_ld, head_licence = outputs(client, article, language)
        title = visible["title"]
        assert citation["title"] == dublin_core["title"] == json_ld["title"] == title
        # Machines read "Family, Given" (GS-3, DC-3); people and JSON-LD see the byline.
        assert citation["authors"] == dublin_core["authors"]
        assert [name.split(", ")[0] for name in citation["authors"]] == [
            author.family_name for author in article.byline
        ]
        assert all(name in visible["authors_text"] for name in json_ld["authors"])
        assert citation["date"] == dublin_core["date"] == json_ld["date"] == visible["date"]
        assert citation["doi"] == dublin_core["doi"] == json_ld["doi"] == article.doi
        assert visible["doi"] == f"https://doi.org/{article.doi}"
        licence = "https://creativecommons.org/licenses/by/4.0/"
        assert dublin_core["licence"] == json_ld["licence"] == head_licence == licence
        assert licence in visible["licence"]

        entry = entries[f"http://testserver/{language}/demo/article/{article.pk}/"]
        assert entry.findtext("atom:title", namespaces=ATOM) == title
        assert entry.findtext("atom:author/atom:name", namespaces=ATOM) == ", ".join(
            json_ld["authors"]
        )
        assert entry.findtext("atom:published", namespaces=ATOM).startswith(visible["date"][:4])
        assert entry.findtext("atom:id", namespaces=ATOM) == visible["doi"]
        assert visible["doi"] in entry.findtext("atom:summary", namespaces=ATOM)


OAI_DC = {
    "oai": "http://www.openarchives.org/OAI/2.0/",
    "dc": "http://purl.org/dc/elements/1.1/",
}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
LICENCE = "https://creativecommons.org/licenses/by/4.0/"


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_xc_1_how_to_cite_and_oai_pmh_agree_with_the_page(client, demo, language):
    harvest = lxml.etree.fromstring(
        client.get("/oai/", {"verb": "ListRecords", "metadataPrefix": "oai_dc"}).content
    )
    records = {
        identifier.text: record
        for record in harvest.iterfind(".//oai:record", OAI_DC)
        for identifier in record.iterfind(".//dc:identifier", OAI_DC)
    }
    for article in demo:
        url = f"/{language}/demo/article/{article.pk}/"
        page = lxml.html.fromstring(client.get(url).content.decode())
        title = page.xpath("//h1")[0].text_content().strip()
        families = [author.family_name.casefold() for author in article.byline]
        date = page.xpath('//section[contains(@class,"published")]//time/@datetime')[0]
        doi_url = f"https://doi.org/{article.doi}"

        # How to Cite: the default style of this interface, as stored at save time.
        citation = page.xpath('//section[contains(@class,"how-to-cite")]//div[@data-text]')[0]
        text = citation.get("data-text").casefold()
        assert title.casefold() in text
        assert all(family in text for family in families)
        assert date[:4] in text
        assert citation.xpath(f'.//a[@href="{doi_url}"]')

        # OAI-PMH: the same title (in the article's language), authors, date, DOI, licence.
        record = records[doi_url]
        titles = {t.get(XML_LANG): t.text for t in record.iterfind(".//dc:title", OAI_DC)}
        assert titles[bcp47(article.language)] == article.original_title
        creators = [c.text.casefold() for c in record.iterfind(".//dc:creator", OAI_DC)]
        assert [c.split(",")[0] for c in creators] == families
        assert record.findtext(".//dc:date", namespaces=OAI_DC).startswith(date)
        identifiers = [i.text for i in record.iterfind(".//dc:identifier", OAI_DC)]
        assert any(i.endswith(f"/demo/article/{article.pk}/") for i in identifiers)
        assert any(LICENCE in (r.text or "") for r in record.iterfind(".//dc:rights", OAI_DC))
