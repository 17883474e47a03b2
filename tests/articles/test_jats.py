"""JATS 1.3 (Journal Publishing) at /…/article/<id>/jats.xml (#17), valid against NLM's
XSD (tests/fixtures/jats/) for every case the issue lists."""

import pytest
from django.utils import translation
from lxml import etree

from articles.models import Status
from tests.articles.xml_cases import (
    ESCAPE_TITLE_ZH,
    compound_surnames_article,
    escaping_article,
    every_case,
    funded_article,
    particle_authors_article,
    shape_articles,
    year_only_article,
)
from tests.factories import make_article, make_full_article
from tests.pages import tree_of
from tests.xml_schemas import valid_jats

pytestmark = pytest.mark.django_db

XLINK = "{http://www.w3.org/1999/xlink}href"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def jats_url(article):
    with translation.override("en"):
        return f"{article.get_absolute_url()}jats.xml"


def jats_of(client, article):
    response = client.get(jats_url(article))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/jats+xml; charset=utf-8"
    return valid_jats(response.content)


def texts(tree, path):
    return ["".join(node.itertext()) for node in tree.xpath(path)]


def test_every_case_of_the_issue_is_valid_jats(client):
    for name, article in every_case():
        tree = jats_of(client, article)
        assert tree.get("dtd-version") == "1.3", name


def test_front_matter_of_a_chinese_article(client):
    article = compound_surnames_article()
    tree = jats_of(client, article)
    meta = tree.find("front/article-meta")
    assert tree.get(XML_LANG) == "zh"
    assert texts(meta, "title-group/article-title") == ["协同治理下政府与社会组织关系研究"]
    (trans,) = meta.xpath("title-group/trans-title-group")
    assert trans.get(XML_LANG) == "en"
    assert trans.findtext("trans-title").startswith("Government and Social")
    contribs = meta.xpath("contrib-group/contrib")
    first = contribs[0]
    names = first.xpath("name-alternatives/name")
    assert [(n.get("name-style"), n.get(XML_LANG)) for n in names] == [
        ("eastern", "zh"),
        ("western", "en"),
    ]
    assert [n.findtext("surname") for n in names] == ["欧阳", "Ouyang"]
    assert [n.findtext("given-names") for n in names] == ["晓光", "Xiaoguang"]
    assert first.get("corresp") == "yes" and first.findtext("email") == "ouyang@example.org"
    orcid = first.find("contrib-id")
    assert orcid.text == "https://orcid.org/0000-0002-1825-0097"
    assert orcid.get("authenticated") == "false"
    # One part only (诸葛亮 undivided): a surname, no romanised alternative.
    assert contribs[2].xpath("name/surname/text()") == ["诸葛亮"]
    assert contribs[2].find("name").get("name-style") == "eastern"
    # Affiliations once each, numbered by first appearance, ROR where known.
    rid = f"a{article.pk}"
    assert [x.get("rid") for x in contribs[1].findall("xref")] == [f"{rid}-aff1", f"{rid}-aff2"]
    (aff1,) = meta.xpath(f"contrib-group/aff[@id='{rid}-aff1']")
    assert aff1.findtext("institution-wrap/institution") == "北京大学政府管理学院"
    assert aff1.findtext("institution-wrap/institution-id") == "https://ror.org/02v51f717"
    assert aff1.findtext("country") == "China"


def test_particles_stay_in_the_surname_in_byline_order(client):
    tree = jats_of(client, particle_authors_article())
    names = tree.xpath("//contrib/name")
    assert [n.findtext("surname") for n in names][:3] == [
        "van der Berg",
        "van Beethoven",
        "de Gaulle",
    ]
    assert len(names) == 9
    assert {n.get("name-style") for n in names} == {"western"}
    assert len(tree.xpath("//contrib-group/aff")) == 1


def test_dates_at_their_precision_history_funding_keywords_and_references(client):
    article = funded_article()
    tree = jats_of(client, article)
    meta = tree.find("front/article-meta")
    history = {d.get("date-type"): d.get("iso-8601-date") for d in meta.xpath("history/date")}
    assert history == {"received": "2024-01-05", "rev-recd": "2024-03-02", "accepted": "2024-05-01"}
    (online,) = meta.xpath("pub-date[@publication-format='electronic']")
    assert online.findtext("year") and online.findtext("day")
    award_groups = meta.xpath("funding-group/award-group")
    assert (
        award_groups[0].findtext("funding-source/institution-wrap/institution")
        == "国家自然科学基金"
    )
    assert award_groups[0].xpath("award-id/text()") == ["72074123", "71974054"]
    (funder_id,) = award_groups[0].xpath(".//institution-id")
    assert (funder_id.get("institution-id-type"), funder_id.text) == (
        "doi",
        "10.13039/501100001809",
    )
    assert award_groups[1].find(".//institution-id").get("institution-id-type") == "ror"
    groups = meta.xpath("kwd-group")
    assert [(g.get(XML_LANG), g.xpath("kwd/text()")) for g in groups] == [
        ("zh", ["协同治理", "社会组织"]),
        ("en", ["collaborative governance"]),
    ]
    licence = meta.find("permissions/license")
    assert licence.get(XLINK) == "https://creativecommons.org/licenses/by/4.0/"
    citations = tree.xpath("back/ref-list/ref/mixed-citation")
    assert "".join(citations[0].itertext()) == (
        "Ostrom E. Governing the Commons. doi:10.1017/CBO9780511807763"
    )
    assert citations[0].xpath("pub-id[@pub-id-type='doi']/text()") == ["10.1017/CBO9780511807763"]
    assert citations[1].text == "王明. 治理研究[J]. 2020." and not len(citations[1])


def test_a_year_only_date_has_no_month_or_day(client):
    tree = jats_of(client, year_only_article())
    (printed,) = tree.xpath("//pub-date[@publication-format='print']")
    assert [child.tag for child in printed] == ["year"]
    assert printed.findtext("year") == "2019"
    assert tree.xpath("//article-meta/volume") == []  # the issue has no volume
    assert tree.xpath("//article-meta/issue/text()") == ["5"]


def test_pages_or_the_article_number(client):
    shapes = shape_articles()
    numbered = jats_of(client, shapes["article-number"])
    assert numbered.xpath("//article-meta/elocation-id/text()") == ["e1021"]
    assert numbered.xpath("//article-meta/fpage") == []
    roman = jats_of(client, shapes["roman-pages"])
    assert roman.xpath("//article-meta/fpage/text()") == ["iii"]
    assert roman.xpath("//article-meta/lpage/text()") == ["xii"]
    no_volume = jats_of(client, shapes["no-volume"])
    assert no_volume.xpath("//article-meta/volume") == []


def test_escaping_titles_and_rich_text_abstracts(client):
    tree = jats_of(client, escaping_article())
    meta = tree.find("front/article-meta")
    # A title is text: what the editors typed comes back exactly, markup-like parts too.
    assert meta.findtext("title-group/article-title") == ESCAPE_TITLE_ZH
    trans = meta.findtext("title-group/trans-title-group/trans-title")
    assert trans == "Filling In & Taking Over: <b>\"Quotes\"</b> 'and' <sup>2</sup>"
    # Abstracts: paragraphs, with italic, sub- and superscripts as JATS elements.
    (abstract,) = meta.xpath("abstract")
    paragraphs = abstract.findall("p")
    assert len(paragraphs) == 2
    assert "".join(paragraphs[0].itertext()) == (
        "研究 A & B < C > D \"q\" 'a'，H2O 与 E=mc2：斜体。"
    )
    assert paragraphs[0].xpath("sub/text()") == ["2"]
    assert paragraphs[0].xpath("sup/text()") == ["2"]
    assert paragraphs[0].xpath("italic/text()") == ["斜体"]
    assert "".join(paragraphs[1].itertext()) == "第二段；“引文”《书名》……"
    (trans_abstract,) = meta.xpath("trans-abstract")
    assert trans_abstract.get("{http://www.w3.org/XML/1998/namespace}lang") == "en"
    assert trans_abstract.xpath("p/italic/text()") == ["in vivo"]
    assert "&lt;tags&gt;" in etree.tostring(trans_abstract, encoding="unicode")


def test_no_doi_is_fine_for_jats(client):
    tree = jats_of(client, make_article(doi=""))
    assert tree.xpath("//article-id[@pub-id-type='doi']") == []
    assert tree.xpath("//article-id[@pub-id-type='publisher-id']/text()")


def test_drafts_are_not_found(client):
    draft = make_article(status=Status.DRAFT, published_at=None)
    assert client.get(jats_url(draft)).status_code == 404
    assert client.get("/en/nope/article/999999/jats.xml").status_code == 404


def test_landing_page_links_its_jats(client):
    article = make_full_article()
    with translation.override("en"):
        tree = tree_of(client, article.get_absolute_url())
    (alternate,) = tree.xpath('//head/link[@rel="alternate"][@type="application/jats+xml"]')
    assert alternate.get("href") == jats_url(article)
    (download,) = tree.cssselect('.downloads a[type="application/jats+xml"]')
    assert download.get("href") == jats_url(article)
    assert download.text_content() == "Article metadata (JATS XML)"


JATS_QUERIES = 7  # the article with its places, authors, affiliations, keywords,
# references, galleys, funding: whatever their numbers


@pytest.mark.parametrize("authors", [1, 9])
def test_jats_xml_runs_a_fixed_number_of_queries(client, django_assert_num_queries, authors):
    article = make_full_article(authors=authors, references=authors * 3)
    url = jats_url(article)
    with django_assert_num_queries(JATS_QUERIES):
        response = client.get(url)
    assert response.status_code == 200
