"""Indexer metadata in the landing page's <head> (standards GS, DC, LD, OG, CC, I18N)."""

import json
import re
from datetime import date, datetime
from pathlib import Path
from urllib.parse import urlparse

import lxml.html
import pytest
from django.conf import settings
from django.contrib.staticfiles import finders

from articles.models import Article, Funding
from tests.factories import make_article, make_author, make_full_article, make_reference

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
    """GS-3, GS-4 (institutions right after their author), GS-5 (full ORCID URI in the block)."""
    article = make_article()
    make_author(article, family_name="张", given_name="三", affiliations=["北京大学", "清华大学"])
    make_author(article, family_name="李", given_name="四", orcid="0000-0002-1825-0097")
    doc = page(client, article)
    block = [(name, content) for name, content, _ in metas(doc) if "author" in name]
    assert block == [
        ("citation_author", "张, 三"),
        ("citation_author_institution", "北京大学"),
        ("citation_author_institution", "清华大学"),
        ("citation_author", "李, 四"),
        ("citation_author_orcid", "https://orcid.org/0000-0002-1825-0097"),
    ]
    assert all(ORCID_RE.match(v) for v in values(doc, "citation_author_orcid"))


def test_gs_3_dc_3_every_name_is_family_comma_given(client):
    """GS-3 allows "Smith, John"; the comma form is the one Zotero splits right for
    compound surnames (欧阳, 司马) and particles (van der). A name of one part (an
    organisation) has nothing to invert. DC-3: the creators carry the same form."""
    article = make_article()
    for family, given in [
        ("欧阳", "晓光"),
        ("司马", "相如"),
        ("van der Berg", "Maria"),
        ("中国社会科学院课题组", ""),
    ]:
        make_author(article, family_name=family, given_name=given, family_name_en="")
    doc = page(client, article)
    expected = ["欧阳, 晓光", "司马, 相如", "van der Berg, Maria", "中国社会科学院课题组"]
    assert values(doc, "citation_author") == expected
    assert values(doc, "DC.Creator.PersonalName") == expected


def test_gs_6_publication_date_is_zero_padded_slash_date(client, article):
    doc = page(client, article)
    expected = article.publication_date.first_day().strftime("%Y/%m/%d")
    assert values(doc, "citation_publication_date") == [expected]
    assert json_ld(doc)["datePublished"] == expected.replace("/", "-")
    assert prop(doc, "article:published_time") == [expected.replace("/", "-")]


def test_gs_7_journal_title_is_the_how_to_cite_one_on_both_variants(client, article):
    """GS-7: one journal title whatever the interface: the one the article's citation
    prints (its RIS download's T2), also in JSON-LD and DC.Source."""
    english = make_article(journal=article.journal, language="en", title_en="On Governance")
    make_author(english)
    for item, title in ((article, article.journal.title_zh), (english, article.journal.title_en)):
        ris = client.get(f"/en/{item.journal.slug}/article/{item.pk}/cite.ris").content.decode()
        assert f"T2  - {title}" in ris.splitlines()
        for language in ("en", "zh-hans"):
            doc = page(client, item, language)
            assert values(doc, "citation_journal_title") == [title]
            assert values(doc, "DC.Source") == [title]
            assert json_ld(doc)["isPartOf"]["isPartOf"]["isPartOf"]["name"] == title


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
    """GS-12; LD-6: JSON-LD identifier PropertyValue and sameAs doi.org URL agree with it."""
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
    """GS-14 and GS-15: citation_language, citation_publisher."""
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
    """DC-1 and DC-2: DC.Title equals citation_title; the other title is an Alternative
    with its lang."""
    doc = page(client, article)
    assert len(doc.xpath('//head/link[@rel="schema.DC"]')) == 1
    assert values(doc, "DC.Title") == values(doc, "citation_title")
    alternative = [(c, lang) for n, c, lang in metas(doc, "DC.") if n == "DC.Title.Alternative"]
    assert alternative == [(article.title_en, "en")]


def test_dc_3_4_creators_match_and_dates_without_scheme(client, article):
    """DC-3 and DC-4: creators equal citation_author; DC.Date.* are YYYY-MM-DD, no meta[scheme]."""
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
    """LD-1, LD-3 (authors, affiliation, ORCID sameAs), LD-5 (isPartOf chain: issue, volume,
    ISSN), LD-9 (one citation per reference) and LD-10 (url, PDF encoding)."""
    article.journal.issn_online = "2096-1235"
    article.journal.save()
    doc = page(client, article, "en")
    data = json_ld(doc)
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "ScholarlyArticle"
    assert data["headline"] == doc.xpath("//h1")[0].text_content().strip()
    assert data["inLanguage"] == "zh-Hans"
    assert [a["name"] for a in data["author"]] == ["王0明", "王1明", "王2明"]
    assert [a["alternateName"] for a in data["author"]] == [
        "Ming Wang0",
        "Ming Wang1",
        "Ming Wang2",
    ]
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
    assert "citation" not in data  # LD-9 is left out: citation_reference has them
    assert data["url"] == canonical(doc)
    assert data["encoding"][0]["encodingFormat"] == "application/pdf"


def test_og_1_to_6_open_graph_and_twitter_card(client, article):
    """OG-1, OG-2 (description, locale, alternate), OG-3 (image alt), OG-5 (card type,
    lengths, no SVG image)."""
    doc = page(client, article, "en")
    assert prop(doc, "og:type") == ["article"]
    assert prop(doc, "og:url") == [canonical(doc)]
    assert prop(doc, "og:title") == [article.title_en]
    assert prop(doc, "og:image")[0].startswith("http://testserver/static/")
    assert prop(doc, "og:image:alt")[0]
    assert prop(doc, "og:locale") == ["en_US"]
    assert prop(doc, "og:locale:alternate") == ["zh_CN"]
    assert prop(doc, "og:description") == [article.abstract_en]
    assert values(doc, "twitter:card") == ["summary"]
    # X reads og:title, og:description and og:image (not an SVG) where its own are missing.
    assert values(doc, "twitter:title") == values(doc, "twitter:description") == []
    assert values(doc, "twitter:image") == []
    assert len(prop(doc, "og:title")[0]) <= 70 and len(prop(doc, "og:description")[0]) <= 200
    assert not prop(doc, "og:image")[0].endswith(".svg")
    zh = page(client, article, "zh-hans")
    assert prop(zh, "og:title") == [article.title_zh]
    assert prop(zh, "og:locale") == ["zh_CN"]
    assert prop(zh, "og:description") == [article.abstract_zh]


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_og_6_share_card_speaks_the_language_of_its_locale(client, article, language):
    """OG-6: title, description, journal and the X card in the one language og:locale
    names, the interface's when the article has it; <title> and description agree."""
    doc = page(client, article, language)
    suffix = "en" if language == "en" else "zh"
    title = getattr(article, f"title_{suffix}")
    assert prop(doc, "og:locale") == [{"en": "en_US", "zh": "zh_CN"}[suffix]]
    assert prop(doc, "og:title") == [title]
    abstract = getattr(article, f"abstract_{suffix}")
    assert prop(doc, "og:description") == [abstract]
    assert doc.xpath('//head/meta[@name="description"]/@content') == [abstract]
    journal = getattr(article.journal, f"title_{suffix}")
    assert prop(doc, "og:site_name") == [journal] == values(doc, "twitter:image:alt")
    assert prop(doc, "og:image:alt") == [journal]
    assert doc.findtext(".//title").startswith(title)


def test_og_6_article_without_a_title_in_the_interface_language_keeps_its_own(client):
    """OG-6: an English article with no Chinese title shares in English on the Chinese
    interface too, and offers no Chinese locale it does not have."""
    article = make_article(
        language="en", title_zh="", abstract_zh="", title_en="On Governance", abstract_en="Why."
    )
    make_author(article)
    doc = page(client, article, "zh-hans")
    assert prop(doc, "og:title") == ["On Governance"]
    assert prop(doc, "og:description") == ["Why."]
    assert prop(doc, "og:site_name") == [article.journal.title_en]
    assert prop(doc, "og:locale") == ["en_US"]
    assert prop(doc, "og:locale:alternate") == []


def test_og_6_description_truncates_on_a_character_boundary(client):
    """Within 160 columns, a CJK character taking two (search results cut by width)."""
    article = make_article(abstract_en="治" * 300)
    make_author(article)
    doc = page(client, article)
    (description,) = prop(doc, "og:description")
    assert description == "治" * 79 + "…"


@pytest.mark.parametrize(
    ("abstract", "description"),
    [
        # Whole sentences where the first fits; the rest is for the page.
        ("第一句话。" + "第二句话很长" * 30, "第一句话。"),
        ("One sentence. " + "Then a long one " * 20, "One sentence."),
        ("Is it? " + "Yes " * 80, "Is it?"),
        # No sentence fits: cut between words, never inside one.
        ("word " * 60, ("word " * 32).rstrip() + "…"),
        ("x" * 250, "x" * 159 + "…"),
        ("Short.", "Short."),
        ("3.5 per cent " * 20, "3.5 per cent " * 12 + "3.5…"),
    ],
)
def test_og_6_description_is_the_abstracts_opening(client, abstract, description):
    article = make_article(abstract_en=abstract, title_zh="")
    make_author(article)
    doc = page(client, article)
    assert prop(doc, "og:description") == [description]
    assert doc.xpath('//head/meta[@name="description"]/@content') == [description]


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
    assert values(doc, "citation_author") == ["Ansell, Chris"]
    assert values(doc, "citation_journal_title") == [article.journal.title_en]
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


def test_gs_17_citation_abstract_is_the_plain_article_language_abstract(client):
    """GS-17: tags stripped, in the article language, with its lang, on both variants."""
    article = make_article(abstract_zh="H<sub>2</sub>O 与 <i>协同</i>治理。")
    make_author(article)
    for language in ("en", "zh-hans"):
        doc = page(client, article, language)
        abstracts = [(c, lang) for n, c, lang in metas(doc) if n == "citation_abstract"]
        assert abstracts == [("H2O 与 协同治理。", "zh-Hans")]


def test_dc_5_identifiers_doi_uri_pages_and_the_doi_as_identifier(client, article):
    """DC-5: DOI (as GS-12), URI (the canonical, as GS-11), first-last pages; the plain
    DC.Identifier is the DOI's URL, or the landing page without a DOI (never our row id)."""
    doc = page(client, article, "zh-hans")
    assert values(doc, "DC.Identifier.DOI") == values(doc, "citation_doi") == [article.doi]
    assert values(doc, "DC.Identifier.URI") == [canonical(doc)]
    assert values(doc, "DC.Identifier.pageNumber") == ["1-12"]
    assert values(doc, "DC.Identifier") == [f"https://doi.org/{article.doi}"]
    without_doi = make_article(doi="")
    make_author(without_doi)
    doc = page(client, without_doi, "en")
    assert values(doc, "DC.Identifier") == [canonical(doc)]


def test_dc_7_localised_meta_declare_lang_and_no_lone_xml_lang(client, article):
    """DC-7: every meta with a language-bearing value has lang; xml:lang never alone."""
    doc = page(client, article)
    localised = ("DC.Title", "DC.Title.Alternative", "DC.Description", "DC.Subject")
    for name, _, lang in metas(doc, "DC."):
        if name in localised:
            assert lang in ("zh-Hans", "en"), name
    for name in ("citation_keywords", "citation_abstract"):
        assert {lang for n, _, lang in metas(doc) if n == name} == {"zh-Hans"}
    for element in doc.xpath("//meta[@xml:lang]"):
        assert (
            element.get("{http://www.w3.org/XML/1998/namespace}lang").lower()
            == (element.get("lang") or "").lower()
        )


def test_ld_3_a_persons_other_name_form_is_its_alternate_name(client):
    """LD-3: the romanised name beside the name in characters, and on an English article
    (which shows the romanised name) the name in characters; none when there is one form."""
    chinese = make_article()
    make_author(
        chinese,
        family_name="欧阳",
        given_name="晓光",
        family_name_en="Ouyang",
        given_name_en="Xiaoguang",
    )
    make_author(chinese, family_name="Berg", given_name="Maria", family_name_en="")
    english = make_article(language="en", title_en="On Governance")
    make_author(
        english,
        family_name="欧阳",
        given_name="晓光",
        family_name_en="Ouyang",
        given_name_en="Xiaoguang",
    )
    people = [json_ld(page(client, item))["author"] for item in (chinese, english)]
    assert [(p["name"], p.get("alternateName")) for p in people[0]] == [
        ("欧阳晓光", "Xiaoguang Ouyang"),
        ("Maria Berg", None),
    ]
    assert [(p["name"], p["alternateName"]) for p in people[1]] == [
        ("Xiaoguang Ouyang", "欧阳晓光")
    ]


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_ld_2_headline_name_and_alternative_headline_follow_the_page(client, article, language):
    """LD-2: headline and name equal the visible h1; the visible translated title is the
    alternativeHeadline; inLanguage is the full-text language, not the interface's."""
    doc = page(client, article, language)
    data = json_ld(doc)
    h1 = doc.xpath("//h1")[0].text_content().strip()
    assert data["headline"] == data["name"] == h1
    translated = doc.cssselect(".article-title-translated")[0].text_content().strip()
    assert data["alternativeHeadline"] == translated == article.title_en
    assert data["inLanguage"] == "zh-Hans"


def test_ld_4_dates_are_iso_and_modified_is_not_before_published(client, article):
    """LD-4: datePublished equals GS-6; dateModified is ISO 8601 and not earlier."""
    doc = page(client, article)
    data = json_ld(doc)
    published = date.fromisoformat(data["datePublished"])
    modified = datetime.fromisoformat(data["dateModified"])
    assert data["datePublished"] == values(doc, "citation_publication_date")[0].replace("/", "-")
    assert modified.tzinfo is not None
    assert modified.date() >= published


def test_ld_5_pages_are_given(client, article):
    """LD-5: pageStart, pageEnd and pagination agree with citation_firstpage/lastpage."""
    data = json_ld(page(client, article))
    assert (data["pageStart"], data["pageEnd"], data["pagination"]) == ("1", "12", "1-12")


def test_ld_7_abstract_is_visible_keywords_licence_and_free_access(client, article):
    """LD-7: abstract is the visible article-language abstract; licence is the CC-1 URL;
    isAccessibleForFree is true."""
    doc = page(client, article, "en")
    data = json_ld(doc)
    visible = doc.cssselect('.abstract[lang="zh-Hans"]')[0].text_content()
    assert data["abstract"] == article.abstract_zh
    assert data["abstract"] in visible
    assert data["license"] == "https://creativecommons.org/licenses/by/4.0/"
    assert data["isAccessibleForFree"] is True


def test_ld_8_publisher_organisation_and_image(client, article):
    """LD-8: publisher is an Organization with name and url; image is absolute and exists."""
    doc = page(client, article, "zh-hans")
    data = json_ld(doc)
    publisher = data["publisher"]
    assert publisher["@type"] == "Organization"
    assert publisher["name"] == article.journal.publisher
    assert publisher["url"] == "http://testserver/zh-hans/"
    assert client.get(urlparse(publisher["url"]).path).status_code == 200
    image = urlparse(data["image"])
    assert (image.scheme, image.netloc) == ("http", "testserver")
    found = finders.find(image.path.removeprefix(settings.STATIC_URL))
    assert found and Path(found).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_ld_9_references_are_left_to_the_citation_reference_tags(client):
    """LD-9 (MAY) is left out to keep the page within 35 KB (#18): every reference is a
    citation_reference tag, in order, and the visible list."""
    article = make_article()
    make_reference(article, raw_text="A. One[J]. J, 2020.", doi="10.1000/one")
    make_reference(article, raw_text="B. Two[J]. J, 2021.")
    doc = page(client, article)
    assert "citation" not in json_ld(doc)
    assert values(doc, "citation_reference") == ["A. One[J]. J, 2020.", "B. Two[J]. J, 2021."]


def test_ld_10_url_and_main_entity_are_this_variants_canonical(client, article):
    """LD-10: url, mainEntityOfPage and @id are the canonical URL; the PDF is a MediaObject."""
    for language in ("en", "zh-hans"):
        doc = page(client, article, language)
        data = json_ld(doc)
        assert data["url"] == data["mainEntityOfPage"] == data["@id"] == canonical(doc)
        assert [m["contentUrl"] for m in data["encoding"]] == values(doc, "citation_pdf_url")


# schema.org terms, read on schema.org (type pages and property pages): the
# properties each type used on our landing page may carry. A property outside this list
# (an invented or misspelt one) fails LD-11.
SCHEMA_ORG = {
    "ScholarlyArticle": {
        "@context",
        "@type",
        "@id",
        "url",
        "mainEntityOfPage",
        "headline",
        "name",
        "alternativeHeadline",
        "inLanguage",
        "author",
        "isPartOf",
        "publisher",
        "license",
        "isAccessibleForFree",
        "image",
        "dateModified",
        "datePublished",
        "abstract",
        "keywords",
        "pageStart",
        "pageEnd",
        "pagination",
        "identifier",
        "sameAs",
        "encoding",
        "citation",
        "copyrightYear",
        "copyrightHolder",
        "about",
        "funding",
    },
    "Person": {
        "@type",
        "name",
        "alternateName",
        "affiliation",
        "sameAs",
        "identifier",
        "url",
        "description",
        "email",
    },
    "Organization": {"@type", "@id", "name", "alternateName", "url", "sameAs", "identifier"},
    "Grant": {"@type", "identifier", "funder"},
    "DefinedTerm": {"@type", "termCode", "inDefinedTermSet"},
    "DefinedTermSet": {"@type", "name"},
    "PropertyValue": {"@type", "propertyID", "value"},
    "MediaObject": {"@type", "contentUrl", "encodingFormat"},
    "PublicationIssue": {"@type", "issueNumber", "datePublished", "isPartOf"},
    "PublicationVolume": {"@type", "volumeNumber", "isPartOf"},
    "Periodical": {"@type", "name", "issn", "publisher", "url"},
    "CreativeWork": {"@type", "name", "sameAs"},
}


def test_ld_11_every_type_and_property_is_schema_org_vocabulary(client, article):
    """LD-11: no invented types or properties anywhere in the graph, the Chinese-journal
    fields (funding, CLC number, article ID, biography, contact) included."""
    Article.objects.filter(pk=article.pk).update(
        clc_codes="G633.3; TP391.1", caj_article_id="1000-0135(2019)05-0032-07"
    )
    Funding.objects.create(
        article=article, funder_zh="基金", award_numbers="1", funder_id="10.13039/501100001809"
    )
    Funding.objects.create(article=article, funder_en="Harvard", funder_id="03vek6s52")
    article.authors.filter(is_corresponding=True).update(biography_zh="简介", email="a@example.org")
    seen = set()

    def walk(node):
        if isinstance(node, list):
            for child in node:
                walk(child)
        elif isinstance(node, dict):
            kind = node["@type"]
            assert kind in SCHEMA_ORG, kind
            assert set(node) <= SCHEMA_ORG[kind], (kind, set(node) - SCHEMA_ORG[kind])
            seen.add(kind)
            for value in node.values():
                walk(value)

    walk(json_ld(page(client, article)))
    assert {"ScholarlyArticle", "Person", "Periodical", "PublicationIssue"} <= seen
    assert {"Grant", "DefinedTerm", "DefinedTermSet"} <= seen


def test_og_2_site_name_is_the_journal_in_the_page_language(client, article):
    """OG-2: og:site_name names the journal."""
    assert prop(page(client, article, "en"), "og:site_name") == [article.journal.title_en]
    assert prop(page(client, article, "zh-hans"), "og:site_name") == [article.journal.title_zh]


def test_og_3_image_has_alt_and_size(client, article):
    """OG-3: og:image:alt non-empty; width and height at least 1200×630."""
    doc = page(client, article)
    assert prop(doc, "og:image:alt")[0].strip()
    assert int(prop(doc, "og:image:width")[0]) >= 1200
    assert int(prop(doc, "og:image:height")[0]) >= 630


def test_og_4_article_namespace_dates_section_and_tags(client, article):
    """OG-4: article:* times equal JSON-LD (LD-4); one tag per keyword; no author names."""
    doc = page(client, article)
    data = json_ld(doc)
    assert prop(doc, "article:published_time") == [data["datePublished"]]
    assert prop(doc, "article:modified_time") == [data["dateModified"]]
    assert prop(doc, "article:section") == [article.section.title_en]
    assert prop(doc, "article:tag") == values(doc, "citation_keywords")
    assert prop(doc, "article:author") == []


def test_og_5_twitter_card_cuts_a_long_title_to_70_characters(client):
    """OG-5: the X card's title stays within 70 characters, its image alt within 420."""
    article = make_article(title_zh="协" * 120)
    make_author(article)
    doc = page(client, article, "zh-hans")
    assert values(doc, "twitter:card") == ["summary"]
    (title,) = values(doc, "twitter:title")
    assert len(title) == 70 and title.startswith("协" * 69)
    assert prop(doc, "og:title") == ["协" * 120]
    assert 0 < len(values(doc, "twitter:image:alt")[0]) <= 420


def test_cc_2_licence_block_links_with_rel_license(client, article):
    """CC-2: the licence block's links carry rel=license and point to the CC-1 URL."""
    for language in ("en", "zh-hans"):
        doc = page(client, article, language)
        links = doc.cssselect("section.licence a[rel~=license]")
        assert links
        assert {a.get("href") for a in links} == {"https://creativecommons.org/licenses/by/4.0/"}


@pytest.mark.parametrize(
    ("language", "name"),
    [
        ("en", "Creative Commons Attribution 4.0 International (CC BY 4.0)"),
        ("zh-hans", "署名 4.0 协议国际版 (CC BY 4.0)"),
    ],
)
def test_cc_3_visible_licence_block_names_the_licence_and_copyright(
    client, article, language, name
):
    """CC-3: localised licence name, "CC BY 4.0" and "© {year} {authors}" on both variants."""
    doc = page(client, article, language)
    block = " ".join(doc.cssselect("section.licence")[0].text_content().split())
    assert name in block
    assert "© 2025 王0明, 王1明, 王2明" in block  # the issue's year, the byline


def test_cc_5_badge_is_served_from_our_static_files_with_alt(client, article):
    """CC-5: no hotlinked CC images; the badge is under STATIC_URL; alt names the licence."""
    doc = page(client, article)
    assert not doc.xpath('//img[contains(@src,"creativecommons.org")]')
    assert not doc.xpath('//img[contains(@src,"licensebuttons.net")]')
    (badge,) = doc.cssselect("section.licence img")
    assert badge.get("src").startswith(settings.STATIC_URL)
    assert finders.find(badge.get("src").removeprefix(settings.STATIC_URL))
    link = badge.getparent()
    assert badge.get("alt") == "CC BY 4.0" or link.text_content().strip()


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_cc_8_article_page_never_says_all_rights_reserved(client, article, language):
    """CC-8: nothing on the article page contradicts the licence."""
    doc = page(client, article, language)
    assert not re.search(r"all rights reserved|保留所有权利", doc.text_content(), re.I)


@pytest.mark.parametrize(
    ("language", "label", "licensed"),
    [
        ("en", "How to attribute:", ", licensed under CC BY 4.0"),
        ("zh-hans", "署名方式:", "采用 CC BY 4.0"),
    ],
)
def test_cc_4_licence_block_suggests_a_tasl_attribution(client, article, language, label, licensed):
    """CC-4: title, every author, © notice, source, DOI URL and the licence with its URL."""
    doc = page(client, article, language)
    (line,) = doc.cssselect("section.licence .attribution")
    text = " ".join(line.text_content().split())
    assert text.startswith(f"{label} “{article.title_zh}” © 2025 王0明, 王1明, 王2明")
    assert f"{article.journal.title_zh} 3({article.issue.number})" in text
    assert f"https://doi.org/{article.doi}" in text
    assert licensed in text
    assert "(https://creativecommons.org/licenses/by/4.0/)" in text or (
        "（https://creativecommons.org/licenses/by/4.0/）" in text
    )
    assert {span.get("lang") for span in line.cssselect("span[lang]")} == {"zh-Hans"}


def test_cc_4_attribution_keeps_the_authors_when_someone_else_holds_the_copyright(client):
    """CC-4: a copyright holder other than the authors does not hide the creators."""
    article = make_full_article(authors=2, copyright_holder="示例出版社")
    doc = page(client, article)
    text = doc.cssselect("section.licence .attribution")[0].text_content()
    assert "王0明, 王1明, © 2025 示例出版社" in text
