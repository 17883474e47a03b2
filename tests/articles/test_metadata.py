"""Indexer metadata in the landing page's <head> (standards GS, DC, LD, OG, CC, I18N)."""

import json
import re
from datetime import date
from urllib.parse import urlparse

import lxml.html
import pytest

from articles.models import Article
from tests.conftest import make_article, make_author, make_full_article, make_reference

pytestmark = pytest.mark.django_db

ORCID_RE = re.compile(r"^https://orcid\.org/\d{4}-\d{4}-\d{4}-\d{3}[\dX]$")


def page(client, article, language="en"):
    response = client.get(f"/{language}/{article.journal.slug}/article/{article.pk}/")
    assert response.status_code == 200
    return lxml.html.fromstring(response.content)


def metas(doc, prefix="citation_"):
    """[(name, content, lang)] of <meta name=prefix…> in document order."""
    return [
        (m.get("name"), m.get("content"), m.get("lang"))
        for m in doc.xpath("//head/meta[@name]")
        if m.get("name").startswith(prefix)
    ]


def values(doc, name):
    return [content for key, content, _ in metas(doc, name) if key == name]


def prop(doc, name):
    return [m.get("content") for m in doc.xpath(f'//head/meta[@property="{name}"]')]


def json_ld(doc):
    scripts = doc.xpath('//script[@type="application/ld+json"]')
    assert len(scripts) == 1
    return json.loads(scripts[0].text)


def canonical(doc):
    (link,) = doc.xpath('//head/link[@rel="canonical"]')
    return link.get("href")


@pytest.fixture
def article():
    return make_full_article()


def test_gs_1_journal_and_issue_pages_carry_no_citation_tags(client, article):
    for url in (f"/en/{article.journal.slug}/", article.issue.get_absolute_url()):
        doc = lxml.html.fromstring(client.get(url).content)
        assert metas(doc) == []


def test_gs_2_one_citation_title_in_article_language(client, article):
    for language in ("en", "zh-hans"):
        doc = page(client, article, language)
        assert values(doc, "citation_title") == [article.title_zh]


def test_gs_3_4_5_authors_in_byline_order_with_institutions_and_orcid(client):
    article = make_article()
    make_author(article, family_name="张", given_name="三", affiliations=["北京大学", "清华大学"])
    make_author(article, family_name="李", given_name="四", orcid="0000-0002-1825-0097")
    doc = page(client, article)
    block = [(name, content) for name, content, _ in metas(doc) if "author" in name]
    assert block == [
        ("citation_author", "张三"),
        ("citation_author_institution", "北京大学"),
        ("citation_author_institution", "清华大学"),
        ("citation_author", "李四"),
        ("citation_author_orcid", "https://orcid.org/0000-0002-1825-0097"),
    ]
    assert all(ORCID_RE.match(v) for v in values(doc, "citation_author_orcid"))


def test_gs_6_publication_date_is_zero_padded_slash_date(client, article):
    doc = page(client, article)
    expected = article.publication_date.strftime("%Y/%m/%d")
    assert values(doc, "citation_publication_date") == [expected]
    assert json_ld(doc)["datePublished"] == expected.replace("/", "-")
    assert prop(doc, "article:published_time") == [expected.replace("/", "-")]


def test_gs_7_journal_title_is_canonical_on_both_variants(client, article):
    for language in ("en", "zh-hans"):
        doc = page(client, article, language)
        assert values(doc, "citation_journal_title") == [article.journal.canonical_title]


def test_gs_8_both_issns_online_first(client, article):
    article.journal.issn_print = "0317-8471"
    article.journal.issn_online = "2096-1235"
    article.journal.save()
    doc = page(client, article)
    assert values(doc, "citation_issn") == ["2096-1235", "0317-8471"]


def test_gs_9_volume_issue_pages_are_bare(client, article):
    doc = page(client, article)
    assert values(doc, "citation_volume") == [str(article.issue.volume)]
    assert values(doc, "citation_issue") == [str(article.issue.number)]
    assert values(doc, "citation_firstpage") == ["1"]
    assert values(doc, "citation_lastpage") == ["12"]


def test_gs_10_pdf_url_is_absolute_under_the_page_path_and_serves_a_pdf(client, article):
    doc = page(client, article)
    (pdf,) = values(doc, "citation_pdf_url")
    page_path = urlparse(canonical(doc)).path
    assert pdf.startswith("http://testserver/")
    assert urlparse(pdf).path.startswith(page_path)
    response = client.get(urlparse(pdf).path)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"


def test_gs_11_abstract_html_url_is_the_canonical(client, article):
    doc = page(client, article, "zh-hans")
    assert values(doc, "citation_abstract_html_url") == [canonical(doc)]
    assert (
        canonical(doc) == f"http://testserver/zh-hans/{article.journal.slug}/article/{article.pk}/"
    )


def test_canonical_uses_site_url_when_set(client, article, settings):
    settings.SITE_URL = "https://journals.example.org"
    doc = page(client, article)
    assert canonical(doc).startswith("https://journals.example.org/en/")
    hrefs = doc.xpath('//head/link[@rel="alternate"][@hreflang]/@href')
    assert all(href.startswith("https://journals.example.org/") for href in hrefs)


def test_gs_12_doi_is_bare_and_agrees_with_dc_and_json_ld(client, article):
    doc = page(client, article)
    assert values(doc, "citation_doi") == [article.doi]
    assert values(doc, "DC.Identifier.DOI") == [article.doi]
    data = json_ld(doc)
    assert data["identifier"] == {
        "@type": "PropertyValue",
        "propertyID": "DOI",
        "value": article.doi,
    }
    assert data["sameAs"] == f"https://doi.org/{article.doi}"


def test_gs_13_keywords_in_article_language_only_with_lang(client, article):
    doc = page(client, article, "en")
    keywords = [
        (content, lang) for name, content, lang in metas(doc) if name == "citation_keywords"
    ]
    assert keywords == [
        ("协同治理", "zh-Hans"),
        ("社会组织", "zh-Hans"),
        ("政府购买服务", "zh-Hans"),
    ]


def test_gs_14_15_language_and_publisher(client, article):
    doc = page(client, article)
    assert values(doc, "citation_language") == ["zh-Hans"]
    assert values(doc, "citation_publisher") == [article.journal.publisher]


def test_gs_16_one_citation_reference_per_reference_in_order(client, article):
    doc = page(client, article)
    references = values(doc, "citation_reference")
    assert references == [ref.raw_text for ref in article.references.order_by("order")]
    assert len(references) == 14


def test_gs_19_escaping_round_trips_quotes_ampersands_and_brackets(client):
    title = '"A & B" <i>x</i>，：；（）—'
    article = make_article(title_zh=title)
    make_author(article)
    response = client.get(article.get_absolute_url())
    doc = lxml.html.fromstring(response.content)
    assert values(doc, "citation_title") == [title]
    assert json_ld(doc)["headline"] == title
    assert b"</i>x" not in response.content.split(b"<body")[0].replace(b"&lt;/i&gt;", b"")


def test_json_ld_cannot_break_out_of_its_script_element(client):
    article = make_article(title_zh="</script><script>alert(1)</script>")
    make_author(article)
    response = client.get(article.get_absolute_url())
    head = response.content.decode().split("</head>")[0]
    script = head.split('<script type="application/ld+json">')[1]
    assert "</script>" not in script.split("</script>", 1)[0]
    assert json_ld(lxml.html.fromstring(response.content))["headline"].startswith("</script>")


def test_gs_20_minimum_trio_present(client, article):
    doc = page(client, article)
    assert values(doc, "citation_title")[0]
    assert values(doc, "citation_author")[0]
    assert values(doc, "citation_publication_date")[0][:4].isdigit()


def test_gs_21_citation_block_identical_on_both_variants_except_urls(client, article):
    def block(language):
        doc = page(client, article, language)
        return [item for item in metas(doc) if not item[0].endswith("_url")]

    assert block("en") == block("zh-hans")


def test_gs_24_non_scholarly_section_emits_no_citation_tags(client, article):
    article.section.is_scholarly = False
    article.section.save()
    doc = page(client, article)
    assert metas(doc) == []
    assert values(doc, "DC.Title") == [article.title_zh]


def test_dc_1_2_schema_declared_and_translated_title_is_alternative(client, article):
    doc = page(client, article)
    assert len(doc.xpath('//head/link[@rel="schema.DC"]')) == 1
    assert values(doc, "DC.Title") == values(doc, "citation_title")
    alternative = [(c, lang) for n, c, lang in metas(doc, "DC.") if n == "DC.Title.Alternative"]
    assert alternative == [(article.title_en, "en")]


def test_dc_3_4_creators_match_and_dates_without_scheme(client, article):
    doc = page(client, article)
    assert values(doc, "DC.Creator.PersonalName") == values(doc, "citation_author")
    for name, content, _ in metas(doc, "DC.Date"):
        assert re.match(r"^\d{4}-\d{2}-\d{2}$", content), name
    assert doc.xpath("//meta[@scheme]") == []


def test_dc_6_7_rights_language_and_localised_meta_have_lang(client, article):
    doc = page(client, article)
    assert values(doc, "DC.Rights") == ["https://creativecommons.org/licenses/by/4.0/"]
    assert values(doc, "DC.Language") == ["zh-Hans"]
    for name, _, lang in metas(doc, "DC."):
        if name in ("DC.Description", "DC.Subject", "DC.Title.Alternative"):
            assert lang in ("zh-Hans", "en")


def test_ld_1_to_10_scholarly_article_graph(client, article):
    article.journal.issn_online = "2096-1235"
    article.journal.save()
    doc = page(client, article, "en")
    data = json_ld(doc)
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "ScholarlyArticle"
    assert data["headline"] == doc.xpath("//h1")[0].text_content().strip()
    assert data["inLanguage"] == "zh-Hans"
    assert [a["name"] for a in data["author"]] == values(doc, "citation_author")
    assert data["author"][0]["sameAs"] == "https://orcid.org/0000-0002-1825-0097"
    assert data["author"][0]["affiliation"] == [{"@type": "Organization", "name": "示例大学0"}]
    issue = data["isPartOf"]
    assert issue["@type"] == "PublicationIssue"
    assert issue["issueNumber"] == str(article.issue.number)
    volume = issue["isPartOf"]
    assert volume["volumeNumber"] == str(article.issue.volume)
    assert volume["isPartOf"]["issn"] == values(doc, "citation_issn")
    assert data["license"] == "https://creativecommons.org/licenses/by/4.0/"
    assert data["keywords"] == values(doc, "citation_keywords")
    assert len(data["citation"]) == 14
    assert data["url"] == canonical(doc)
    assert data["encoding"][0]["encodingFormat"] == "application/pdf"


def test_og_1_to_6_open_graph_and_twitter_card(client, article):
    doc = page(client, article, "en")
    assert prop(doc, "og:type") == ["article"]
    assert prop(doc, "og:url") == [canonical(doc)]
    assert prop(doc, "og:title") == [doc.xpath("//h1")[0].text_content().strip()]
    assert prop(doc, "og:image")[0].startswith("http://testserver/static/")
    assert prop(doc, "og:image:alt")[0]
    assert prop(doc, "og:locale") == ["en_US"]
    assert prop(doc, "og:locale:alternate") == ["zh_CN"]
    assert prop(doc, "og:description") == [article.abstract_en]
    assert values(doc, "twitter:card") == ["summary"]
    assert len(values(doc, "twitter:title")[0]) <= 70
    assert len(values(doc, "twitter:description")[0]) <= 200
    assert not values(doc, "twitter:image")[0].endswith(".svg")
    zh = page(client, article, "zh-hans")
    assert prop(zh, "og:locale") == ["zh_CN"]
    assert prop(zh, "og:description") == [article.abstract_zh]


def test_og_6_description_truncates_on_a_character_boundary(client):
    article = make_article(abstract_en="治" * 300)
    make_author(article)
    doc = page(client, article)
    (description,) = prop(doc, "og:description")
    assert len(description) == 200
    assert description.endswith("…")


def test_cc_1_2_link_rel_license_is_canonical(client, article):
    doc = page(client, article)
    assert doc.xpath('//head/link[@rel="license"]/@href') == [
        "https://creativecommons.org/licenses/by/4.0/"
    ]


def test_i18n_4_hreflang_alternates_with_x_default_and_self_equals_canonical(client, article):
    for language in ("en", "zh-hans"):
        doc = page(client, article, language)
        links = {
            link.get("hreflang"): link.get("href")
            for link in doc.xpath('//head/link[@rel="alternate"][@hreflang]')
        }
        path = f"/{article.journal.slug}/article/{article.pk}/"
        assert links == {
            "zh-Hans": f"http://testserver/zh-hans{path}",
            "en": f"http://testserver/en{path}",
            "x-default": f"http://testserver{path}",
        }
        assert canonical(doc) == links["en" if language == "en" else "zh-Hans"]


def test_i18n_8_x_default_negotiates_and_redirects(client, article):
    path = f"/{article.journal.slug}/article/{article.pk}/"
    response = client.get(path, headers={"accept-language": "en"})
    assert response.status_code == 302
    assert response["Location"] == f"/en{path}"
    assert "Accept-Language" in response["Vary"]


def test_i18n_3_english_article_uses_en_everywhere(client):
    article = make_article(language="en", title_en="On Governance", abstract_en="An abstract.")
    make_author(
        article, family_name="Ansell", given_name="Chris", family_name_en="", given_name_en=""
    )
    doc = page(client, article, "zh-hans")
    assert values(doc, "citation_language") == ["en"]
    assert values(doc, "citation_author") == ["Chris Ansell"]
    assert values(doc, "DC.Language") == ["en"]
    assert json_ld(doc)["inLanguage"] == "en"
    assert prop(doc, "og:locale") == ["zh_CN"]


def test_xc_2_draft_article_has_no_metadata_for_the_public(client):
    article = make_article(status="draft", published_at=None)
    assert client.get(article.get_absolute_url()).status_code == 404
    assert not Article.objects.published().filter(pk=article.pk).exists()


def test_publication_date_without_issue(client):
    article = make_article()
    Article.objects.filter(pk=article.pk).update(issue=None)
    make_reference(article)
    doc = page(client, article)
    assert values(doc, "citation_volume") == []
    assert "isPartOf" in json_ld(doc)
    assert date.fromisoformat(json_ld(doc)["datePublished"])
