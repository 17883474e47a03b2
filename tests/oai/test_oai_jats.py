"""OAI-PMH's second format, oai_jats (#17): the JATS front matter of each article, valid
against NLM's JATS 1.3 XSD, harvested by two real harvesters (Sickle and pyoai) through a
live server in both formats."""

import pytest
from lxml import etree
from oaipmh.client import Client
from oaipmh.metadata import MetadataReader, MetadataRegistry, oai_dc_reader
from sickle import Sickle

from tests.articles.xml_cases import compound_surnames_article, funded_article
from tests.factories import make_article
from tests.oai.pyoai_compat import lxml_for_pyoai
from tests.oai.responses import error_code, identifier_of, xpath
from tests.xml_schemas import valid_jats

OAI_NS = "{http://www.openarchives.org/OAI/2.0/}"
JATS_READER = MetadataReader(
    fields={
        "title": ("textList", "article/front/article-meta/title-group/article-title/text()"),
        "doi": ("textList", "article/front/article-meta/article-id[@pub-id-type='doi']/text()"),
        "surname": ("textList", "article/front/article-meta/contrib-group/contrib//surname/text()"),
        "award": ("textList", "article/front/article-meta/funding-group//award-id/text()"),
    },
    namespaces={},
)


def jats_articles(record_element):
    return record_element.findall(f"{OAI_NS}metadata/article")


@pytest.mark.django_db
def test_get_record_in_oai_jats_is_the_jats_front_matter(harvest):
    article = funded_article()
    tree = harvest(verb="GetRecord", identifier=identifier_of(article), metadataPrefix="oai_jats")
    (record,) = xpath(tree, "//o:GetRecord/o:record/o:metadata/article")
    valid_jats(record)
    assert record.find("back") is None  # front matter only, as OJS's plugin gives it
    assert record.xpath("front/article-meta/article-id[@pub-id-type='doi']/text()") == [
        "10.5555/funded"
    ]
    assert record.xpath("front/article-meta/funding-group//award-id/text()") == [
        "72074123",
        "71974054",
    ]


@pytest.mark.django_db
def test_an_unknown_prefix_is_still_refused(harvest):
    article = make_article()
    tree = harvest(verb="GetRecord", identifier=identifier_of(article), metadataPrefix="jats")
    assert error_code(tree) == "cannotDisseminateFormat"


@pytest.mark.django_db
@pytest.mark.parametrize("count", [1, 20])
def test_list_records_in_oai_jats_runs_a_fixed_number_of_queries(
    harvest, django_assert_num_queries, count
):
    for _ in range(count):
        article = compound_surnames_article()
        article.doi = f"10.5555/compound.{article.pk}"
        article.save()
    # oai_dc's 7, and the authors' affiliations and the funding
    with django_assert_num_queries(9):
        tree = harvest(verb="ListRecords", metadataPrefix="oai_jats")
    records = xpath(tree, "//o:record/o:metadata/article")
    assert len(records) == count
    for record in records:
        valid_jats(record)


@pytest.mark.django_db(transaction=True)
def test_sickle_and_pyoai_harvest_both_formats(live_server, monkeypatch):
    lxml_for_pyoai(monkeypatch)
    articles = [funded_article(), compound_surnames_article()]
    identifiers = {f"oai:localhost:article/{article.pk}" for article in articles}
    url = f"{live_server.url}/oai/"

    sickle = Sickle(url, max_retries=0)
    formats = {f.metadataPrefix for f in sickle.ListMetadataFormats()}
    assert formats == {"oai_dc", "oai_jats"}
    for prefix in ("oai_dc", "oai_jats"):
        records = list(sickle.ListRecords(metadataPrefix=prefix))
        assert {record.header.identifier for record in records} == identifiers
    jats_records = list(sickle.ListRecords(metadataPrefix="oai_jats"))
    for record in jats_records:
        (article,) = jats_articles(record.xml)
        valid_jats(etree.fromstring(etree.tostring(article)))
    titles = {t for record in jats_records for t in record.metadata["article-title"]}
    assert "协同治理下政府与社会组织关系研究" in titles

    registry = MetadataRegistry()
    registry.registerReader("oai_dc", oai_dc_reader)
    registry.registerReader("oai_jats", JATS_READER)
    client = Client(url, registry, force_http_get=True)
    assert client.identify().protocolVersion() == "2.0"
    assert {prefix for prefix, _, _ in client.listMetadataFormats()} == {"oai_dc", "oai_jats"}
    dc = list(client.listRecords(metadataPrefix="oai_dc"))
    assert {header.identifier() for header, _, _ in dc} == identifiers
    jats = {
        header.identifier(): metadata
        for header, metadata, _ in client.listRecords(metadataPrefix="oai_jats")
    }
    assert set(jats) == identifiers
    funded = jats[f"oai:localhost:article/{articles[0].pk}"]
    assert funded.getField("doi") == ["10.5555/funded"]
    assert funded.getField("award") == ["72074123", "71974054"]
    surnames = jats[f"oai:localhost:article/{articles[1].pk}"].getField("surname")
    assert surnames[:3] == ["欧阳", "Ouyang", "司马"]


@pytest.mark.django_db
def test_oai_jats_pages_keep_the_article_out_of_the_oai_namespace(harvest, settings):
    settings.OAI_PAGE_SIZE = 1
    funded_article()
    make_article(doi="10.5555/second")
    first = harvest(verb="ListRecords", metadataPrefix="oai_jats")
    token = xpath(first, "string(//o:resumptionToken)")
    second = harvest(verb="ListRecords", resumptionToken=token)
    for page in (first, second):
        (article,) = xpath(page, "//o:record/o:metadata/*")
        assert article.tag == "article"  # no namespace, as JATS has none
        valid_jats(etree.fromstring(etree.tostring(article)))
    # oai_dc responses keep the OAI namespace as the default, as before.
    dc = harvest(verb="ListRecords", metadataPrefix="oai_dc")
    assert dc.nsmap[None] == "http://www.openarchives.org/OAI/2.0/"
