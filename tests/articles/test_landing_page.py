"""The seed article's landing page, as a reader sees it in both languages."""

import re
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.management import call_command
from lxml import html

from articles.how_to_cite import render_citations
from articles.models import Article, Status
from tests.factories import (
    make_article,
    make_author,
    make_full_article,
    make_galley,
    make_issue,
    make_reference,
)
from tests.pages import LANDING_PAGE_QUERIES, landing

SEED_TITLE = "协同治理下政府与社会组织“补位-承接”关系的实践路径研究"
SEED_KEYWORDS = ["协同治理", "社会组织", "政府购买服务", "公共服务供给"]
SEED_ABSTRACT_START = "本文以协同治理为研究背景,基于协同治理理论与嵌入理论"
SEED_REFERENCE_1 = (
    "Ansell C, Gash A. Collaborative Governance in Theory and Practice[J]. Journal of Public "
    "Administration Research and Theory, 2023, 33(1): 5-23."
)
SEED_REFERENCE_14 = (
    "Emerson K, Nabatchi T, Balogh S. An Integrative Framework for Collaborative Governance[J]. "
    "Journal of Public Administration Research and Theory, 2022, 32(4): 640-662."
)


@pytest.fixture
def seed(db):
    call_command("load_demo", stdout=StringIO())
    return Article.objects.get(doi="10.5555/demo.2025.0201")


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response, html.fromstring(response.content)


def text_of(tree, selector):
    return " ".join(" ".join(node.text_content().split()) for node in tree.cssselect(selector))


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_seed_landing_page_shows_every_block(client, seed, language):
    response, tree = page(client, f"/{language}/demo/article/{seed.pk}/")
    assert tree.get("lang") == {"zh-hans": "zh-Hans", "en": "en"}[language]
    h1 = tree.cssselect("h1.article-title")[0]
    assert h1.text_content() == SEED_TITLE
    assert h1.get("lang") == "zh-Hans"
    translated = tree.cssselect(".article-title-translated")[0]
    assert translated.get("lang") == "en"
    assert translated.text_content().startswith("Practical Paths")
    # Journal, authors (placeholder), ORCID and corresponding author.
    assert "示例期刊" in text_of(tree, ".article-journal") or "Demo Journal" in text_of(
        tree, ".article-journal"
    )
    authors = text_of(tree, ".author-list")
    assert "示例作者" in authors
    assert tree.cssselect('a.orcid[href="https://orcid.org/0000-0002-1825-0097"]')
    assert tree.cssselect(".corresponding")
    # DOI as a full https://doi.org/ link whose text is the link (XREF-1).
    doi = tree.cssselect(".article-doi a.doi")[0]
    assert doi.get("href") == "https://doi.org/10.5555/demo.2025.0201" == doi.text_content()
    # Keywords in both languages, each a link to its keyword page.
    zh_keywords = tree.cssselect('.keywords[lang="zh-Hans"] .keyword-list a')
    assert [a.text_content() for a in zh_keywords] == SEED_KEYWORDS
    assert all(a.get("href").startswith(f"/{language}/keywords/") for a in zh_keywords)
    en_keywords = tree.cssselect('.keywords[lang="en"] .keyword-list a')
    assert en_keywords[0].text_content() == "collaborative governance"
    # Both abstracts, each in an element with its lang.
    assert text_of(tree, '.abstract[lang="zh-Hans"]').count(SEED_ABSTRACT_START) == 1
    assert "collaborative governance theory" in text_of(tree, '.abstract[lang="en"]')
    # 14 references, in order, exactly as printed.
    references = tree.cssselect(".reference-list > li")
    assert len(references) == 14
    assert references[0].text_content().strip() == SEED_REFERENCE_1
    assert references[13].text_content().strip() == SEED_REFERENCE_14
    # Sidebar blocks of the seed.
    for block in ["downloads", "published", "how-to-cite", "issue", "section", "licence"]:
        assert tree.cssselect(f".sidebar-block.{block}"), block
    assert "PDF" in text_of(tree, ".downloads") and "KB" in text_of(tree, ".downloads")
    assert tree.cssselect('.published time[datetime="2025-06-30"]')
    issue_link = tree.cssselect(f'.issue a[href="/{language}/demo/issues/{seed.issue.pk}/"]')[0]
    assert (
        issue_link.text_content()
        == {
            "zh-hans": "2025年第3卷第2期",
            "en": "Vol. 3, No. 2 (2025)",
        }[language]
    )
    assert text_of(tree, ".issue .pages") == {"zh-hans": "第 1–12 页", "en": "Pages 1–12"}[language]
    licence_links = tree.cssselect('.licence a[rel="license"]')
    assert {a.get("href") for a in licence_links} == {
        "https://creativecommons.org/licenses/by/4.0/"
    }
    badge = tree.cssselect(".licence img")[0]
    assert badge.get("src").startswith("/static/")


def test_interface_language_decides_which_version_comes_first(client, seed):
    _, zh = page(client, f"/zh-hans/demo/article/{seed.pk}/")
    _, en = page(client, f"/en/demo/article/{seed.pk}/")
    assert [s.get("lang") for s in zh.cssselect(".abstract")] == ["zh-Hans", "en"]
    assert [s.get("lang") for s in en.cssselect(".abstract")] == ["en", "zh-Hans"]
    # Labels are translated; each block heading speaks its own language.
    assert "摘要" in text_of(zh, ".abstract h2") and "Abstract" in text_of(en, ".abstract h2")
    assert text_of(zh, "#licence-heading") == "许可协议"
    assert text_of(en, "#licence-heading") == "License"


def test_dates_are_localised(client, seed):
    """I18N-12: the visible date format follows the interface language."""
    _, zh = page(client, f"/zh-hans/demo/article/{seed.pk}/")
    _, en = page(client, f"/en/demo/article/{seed.pk}/")
    assert text_of(zh, ".published > p time") == "2025年6月30日"
    assert text_of(en, ".published > p time") == "30 June 2025"


def test_licence_block_has_the_publishers_terms_in_both_languages(client, seed):
    _, zh = page(client, f"/zh-hans/demo/article/{seed.pk}/")
    _, en = page(client, f"/en/demo/article/{seed.pk}/")
    assert "copyright is retained by the authors" in text_of(en, ".licence-terms")
    assert "Exceptions will be considered at the publisher's discretion." in text_of(en, ".licence")
    assert "版权均归作者所有" in text_of(zh, ".licence-terms")
    assert "Creative Commons Attribution 4.0 International" in text_of(en, ".licence")
    assert "署名 4.0 协议国际版" in text_of(zh, ".licence")
    assert "© 2025" in text_of(en, ".copyright")


def test_language_switcher_keeps_the_reader_on_the_same_page(client, seed):
    _, tree = page(client, f"/en/demo/article/{seed.pk}/")
    links = {a.get("hreflang"): a for a in tree.cssselect(".language-switcher a")}
    assert links["zh-Hans"].get("href") == f"/zh-hans/demo/article/{seed.pk}/"
    assert links["zh-Hans"].get("lang") == "zh-Hans"
    assert links["en"].get("aria-current") == "true"


def test_root_redirects_by_the_browsers_language(client, db):
    response = client.get("/", headers={"accept-language": "en-GB,en;q=0.9"})
    assert response.status_code == 302 and response["Location"] == "/en/"
    response = client.get("/", headers={"accept-language": "zh-CN,zh;q=0.9"})
    assert response.status_code == 302 and response["Location"] == "/zh-hans/"


def test_seed_article_is_reachable_by_links_from_the_home_page(client, seed):
    _, home = page(client, "/en/")
    journal_link = home.cssselect('.journal-list a[href="/en/demo/"]')
    assert journal_link
    _, journal_home = page(client, "/en/demo/")
    assert journal_home.cssselect(f'a[href="/en/demo/article/{seed.pk}/"]')


def test_issue_table_of_contents_groups_articles_by_section(client, seed):
    _, tree = page(client, f"/zh-hans/demo/issues/{seed.issue.pk}/")
    assert text_of(tree, "h1") == "2025年第3卷第2期"
    assert text_of(tree, ".toc-section > h2") == "研究论文"
    titles = [a.text_content() for a in tree.cssselect(".article-summary__title a")]
    assert SEED_TITLE in titles and len(titles) == 2


def test_keyword_page_lists_the_keywords_published_articles(client, seed):
    draft = make_article(journal=seed.journal, status=Status.DRAFT, published_at=None)
    from articles.keywords import set_keywords

    set_keywords(article=draft, language="zh-hans", keywords="协同治理")
    _, tree = page(client, "/en/keywords/协同治理/")
    hrefs = [a.get("href") for a in tree.cssselect(".article-summary__title a")]
    assert f"/en/demo/article/{seed.pk}/" in hrefs
    assert f"/en/demo/article/{draft.pk}/" not in hrefs


def test_galley_is_served_as_pdf_under_the_landing_page_path(client, seed):
    galley = seed.galleys.get()
    response = client.get(f"/en/demo/article/{seed.pk}/galley/{galley.pk}/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


@pytest.mark.parametrize(
    "fields",
    [
        {"status": Status.DRAFT, "published_at": None},
        {"status": Status.PUBLISHED, "published_at": "2999-01-01T00:00:00Z"},
    ],
    ids=["draft", "scheduled"],
)
def test_unpublished_article_is_404_for_the_public(client, db, fields):
    article = make_article(**fields)
    galley = make_galley(article)
    url = article.get_absolute_url()
    assert client.get(url).status_code == 404
    assert client.get(f"{url}galley/{galley.pk}/").status_code == 404
    assert client.get(f"{url}cite.json").status_code == 404


def test_scheduled_article_goes_public_at_its_time_without_a_job(client, db):
    article = make_article(status=Status.PUBLISHED)  # published_at is yesterday
    assert client.get(article.get_absolute_url()).status_code == 200


def test_article_of_an_unpublished_issue_is_404(client, db):
    issue = make_issue(is_published=False)
    article = make_article(issue=issue)
    assert client.get(article.get_absolute_url()).status_code == 404
    assert client.get(issue.get_absolute_url()).status_code == 404


def test_staff_preview_a_draft_marked_as_preview(client, db, admin_user):
    article = make_article(status=Status.DRAFT, published_at=None)
    client.force_login(admin_user)
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    tree = html.fromstring(response.content)
    assert tree.cssselect(".preview-banner")
    assert tree.cssselect('meta[name="robots"][content="noindex"]')


def test_unknown_pages_are_404(client, seed):
    for url in [
        "/en/nope/",
        "/en/demo/article/999999/",
        "/en/demo/issues/99/99/",
        "/en/keywords/no-such-keyword/",
        f"/en/other-journal/article/{seed.pk}/",
        "/fr/demo/",
    ]:
        assert client.get(url).status_code == 404, url


def test_reference_dois_in_any_form_become_doi_links(client, db):
    """XREF-4: each reference with a known DOI links to https://doi.org/."""
    article = make_article()
    make_reference(article, raw_text="A. Title[J]. J, 2020. doi:10.1000/abc.1")
    make_reference(article, raw_text="B. Title[J]. J, 2020. https://dx.doi.org/10.1000/abc.2.")
    make_reference(article, raw_text="C. Title[J]. J, 2020. 10.1000/abc.3")
    make_reference(article, raw_text="D. Title. https://example.org/report.pdf")
    _, tree = page(client, article.get_absolute_url())
    hrefs = [a.get("href") for a in tree.cssselect(".reference-list a")]
    assert hrefs == [
        "https://doi.org/10.1000/abc.1",
        "https://doi.org/10.1000/abc.2",
        "https://doi.org/10.1000/abc.3",
        "https://example.org/report.pdf",
    ]


def test_chinese_names_print_without_space_western_names_in_western_order(client, db):
    article = make_article()
    make_author(article, family_name="王", given_name="明", family_name_en="", given_name_en="")
    make_author(
        article, family_name="Ansell", given_name="Chris", family_name_en="", given_name_en=""
    )
    _, tree = page(client, f"/zh-hans/{article.journal.slug}/article/{article.pk}/")
    names = [n.text_content() for n in tree.cssselect(".author-name")]
    assert names == ["王明", "Chris Ansell"]


def test_abstract_markup_is_sanitised(client, db):
    article = make_article(
        abstract_zh='H<sub>2</sub>O <i>x</i><script>alert(1)</script><a href="javascript:x">y</a>'
    )
    response, tree = page(client, article.get_absolute_url())
    body = response.content.decode()
    assert "<sub>2</sub>" in body and "<i>x</i>" in body
    assert "<script>alert" not in body and "javascript:" not in body


QUERY_BUDGET = LANDING_PAGE_QUERIES


def landing_queries(client, django_assert_num_queries, article):
    with django_assert_num_queries(QUERY_BUDGET):
        response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    return response


# #18: the seed landing page stays within 35 KB as metadata blocks are added, and asks
# for no render-blocking resource but its one stylesheet (the print one does not block).
PAGE_BUDGET_BYTES = 35_000


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_seed_landing_page_keeps_its_budget(client, seed, language):
    render_citations(article=seed)
    response, tree = page(client, landing(seed, language))
    assert tree.cssselect(".how-to-cite .citation")  # the widget as readers get it
    # Served by make serve, every /static/ URL carries a 12-digit hash (".0123456789ab").
    served = len(response.content) + 13 * response.content.count(b'"/static/')
    assert served <= PAGE_BUDGET_BYTES
    screen_css = tree.xpath('//head/link[@rel="stylesheet"][not(@media="print")]')
    assert len(screen_css) == 1
    assert tree.xpath("//head/script[@src]") == []
    assert all(script.get("defer") is not None for script in tree.xpath("//script[@src]"))
    (accent,) = tree.xpath("//head/style")  # the demo journal's colour, inline
    assert "--accent:#" in accent.text


@pytest.mark.usefixtures("landing_parts_off")
def test_landing_page_query_count_does_not_grow(client, db, django_assert_num_queries):
    small = make_full_article(authors=1, references=10)
    large = make_full_article(authors=50, references=200)
    landing_queries(client, django_assert_num_queries, small)
    response = landing_queries(client, django_assert_num_queries, large)
    assert len(re.findall(r'class="author"', response.content.decode())) == 50


# -- standards checklist: what readers and crawlers see on the landing page -------------

HAN = re.compile(r"[\u4e00-\u9fff]")
LATIN_WORD = re.compile(r"^[A-Za-z][A-Za-z'’-]*[.,;:]?$")


def language_of(element):
    """The lang in force at an element (its own or the nearest ancestor's), lower-cased."""
    for node in (element, *element.iterancestors()):
        if node.get("lang"):
            return node.get("lang").lower()
    return ""


def text_nodes(tree):
    """(element, text) of every text node in <body>, scripts and styles left out."""
    for element in tree.body.iter():
        if not isinstance(element.tag, str) or element.tag in ("script", "style", "template"):
            continue
        for text in (element.text, *(child.tail for child in element)):
            if text and text.strip():
                yield element, text


def test_gs_18_article_language_abstract_is_server_rendered_and_not_hidden(client, seed):
    """GS-18: the full article-language abstract is in the HTML, under a heading, on both
    variants, and nothing hides it (hidden, aria-hidden, template, noscript, display:none)."""
    for language in ("zh-hans", "en"):
        _, tree = page(client, f"/{language}/demo/article/{seed.pk}/")
        (section,) = tree.cssselect('section.abstract[lang="zh-Hans"]')
        assert " ".join(section.text_content().split()).count(SEED_ABSTRACT_START) == 1
        assert section.cssselect("h2")[0].text_content() == "摘要"
        for node in (section, *section.iterancestors()):
            assert node.get("hidden") is None and node.get("aria-hidden") != "true"
            assert node.tag not in ("template", "noscript")
            assert "display:none" not in (node.get("style") or "").replace(" ", "")


@pytest.mark.parametrize(("language", "heading"), [("zh-hans", "参考文献"), ("en", "References")])
def test_gs_22_references_have_their_own_heading_and_an_ordered_list(
    client, seed, language, heading
):
    """GS-22: a "References" heading on its own, then one ol > li per reference."""
    _, tree = page(client, f"/{language}/demo/article/{seed.pk}/")
    (section,) = tree.cssselect("section.references")
    assert section[0].tag == "h2" and section[0].text_content() == heading
    assert section[1].tag == "ol"
    assert len(section[1].findall("li")) == seed.references.count() == 14


def test_i18n_1_html_lang_is_the_interface_language(client, seed):
    """I18N-1: <html lang> follows the URL prefix (canonical casing), no xml:lang."""
    for language, tag in (("zh-hans", "zh-Hans"), ("en", "en")):
        _, tree = page(client, f"/{language}/demo/article/{seed.pk}/")
        assert tree.get("lang") == tag
        assert tree.get("xml:lang") is None


def test_i18n_2_passages_in_the_other_script_carry_their_lang(client, seed):
    """I18N-2: on /en/ every text with 4+ Han characters sits inside lang="zh…"; on
    /zh-hans/ every run of 4+ English words sits inside lang="en"."""
    _, en = page(client, f"/en/demo/article/{seed.pk}/")
    han = [(el, text) for el, text in text_nodes(en) if len(HAN.findall(text)) >= 4]
    assert han  # the Chinese title, abstract, keywords, names, references
    for element, text in han:
        assert language_of(element).startswith("zh"), text
    _, zh = page(client, f"/zh-hans/demo/article/{seed.pk}/")
    english = [
        (el, text)
        for el, text in text_nodes(zh)
        if sum(bool(LATIN_WORD.match(word)) for word in text.split()) >= 4 and not HAN.search(text)
    ]
    assert english  # the English title, abstract and references
    for element, text in english:
        assert language_of(element) == "en", text


def test_i18n_5_canonical_is_the_variant_itself_and_alternates_do_not_redirect(client, seed):
    """I18N-5: canonical never points across languages; hreflang targets answer 200."""
    for language in ("zh-hans", "en"):
        path = f"/{language}/demo/article/{seed.pk}/"
        _, tree = page(client, path)
        (link,) = tree.xpath('//head/link[@rel="canonical"]')
        assert link.get("href") == f"http://testserver{path}"
        for alternate in tree.xpath('//head/link[@rel="alternate"][@hreflang]'):
            if alternate.get("hreflang") != "x-default":  # negotiates on purpose (I18N-8)
                assert client.get(alternate.get("href")).status_code == 200


def test_i18n_6_english_variant_has_english_title_and_abstract(client, seed):
    """I18N-6: /en/ is translated: English <title>, English abstract first, English UI."""
    _, tree = page(client, f"/en/demo/article/{seed.pk}/")
    assert tree.findtext(".//title").startswith("Practical Paths")
    first = tree.cssselect(".abstract")[0]
    assert first.get("lang") == "en"
    assert "collaborative governance theory" in first.text_content()
    assert text_of(tree, "#references-heading") == "References"
    _, zh = page(client, f"/zh-hans/demo/article/{seed.pk}/")
    assert zh.findtext(".//title").startswith(SEED_TITLE)


def test_i18n_7_language_switcher_labels_each_language_in_itself_without_flags(client, seed):
    """I18N-7: a labelled nav; each link goes to this page in the other prefix, carries
    lang and hreflang, names its language in that language; the current one is marked."""
    for language, other in (("en", "zh-hans"), ("zh-hans", "en")):
        _, tree = page(client, f"/{language}/demo/article/{seed.pk}/")
        (nav,) = tree.cssselect("nav.language-switcher")
        assert nav.get("aria-label")
        assert not nav.cssselect("img")
        links = {a.get("lang"): a for a in nav.cssselect("a")}
        assert {tag: a.get("hreflang") for tag, a in links.items()} == {
            "zh-Hans": "zh-Hans",
            "en": "en",
        }
        assert links["zh-Hans"].text_content() == "简体中文"
        assert links["en"].text_content() == "English"
        current = [a for a in links.values() if a.get("aria-current") == "true"]
        assert len(current) == 1
        (target,) = [a for a in links.values() if a.get("aria-current") is None]
        assert target.get("href") == f"/{other}/demo/article/{seed.pk}/"


def test_i18n_12_visible_dates_are_localised_inside_time_elements(client, seed):
    """I18N-12: <time datetime> equals citation_publication_date with - for /."""
    _, tree = page(client, f"/zh-hans/demo/article/{seed.pk}/")
    (time,) = tree.cssselect(".published > p time")
    (date,) = tree.xpath('//head/meta[@name="citation_publication_date"]/@content')
    assert time.get("datetime") == date.replace("/", "-") == "2025-06-30"
    assert time.text_content() == "2025年6月30日"


def test_xref_2_landing_page_has_bibliographic_data_full_text_and_doi(client, seed):
    """XREF-2: title, authors, journal, date, a way to the full text and the DOI link."""
    for language in ("zh-hans", "en"):
        _, tree = page(client, f"/{language}/demo/article/{seed.pk}/")
        assert tree.cssselect("h1")[0].text_content() == SEED_TITLE
        assert tree.cssselect(".author-list .author-name")
        assert text_of(tree, ".article-journal")
        assert tree.cssselect(".published time[datetime]")
        (pdf,) = tree.cssselect('.downloads a.galley[type="application/pdf"]')
        assert client.get(pdf.get("href")).status_code == 200
        assert tree.cssselect(f'a.doi[href="https://doi.org/{seed.doi}"]')


def test_xref_5_doi_text_is_copyable_exactly(client, seed):
    """XREF-5: the visible DOI is the DOI URL, case kept, with no invisible characters."""
    _, tree = page(client, f"/en/demo/article/{seed.pk}/")
    (link,) = tree.cssselect(".article-doi a.doi")
    assert link.text_content() == f"https://doi.org/{seed.doi}"
    assert not re.search("[\u00a0\u00ad\u200b-\u200d\u2060]", link.text_content())


@pytest.mark.parametrize(("language", "label"), [("en", "DOI for: "), ("zh-hans", "DOI")])
def test_xref_6_doi_link_has_an_accessible_name_naming_the_article(client, seed, language, label):
    """XREF-6: the DOI link's aria-label names its target article."""
    _, tree = page(client, f"/{language}/demo/article/{seed.pk}/")
    (link,) = tree.cssselect(".article-doi a.doi")
    aria = link.get("aria-label")
    assert label in aria and seed.doi in aria
    assert seed.title_en in aria or SEED_TITLE in aria


def test_doaj_1_landing_page_and_pdf_are_free_to_anonymous_readers(client, seed):
    """DOAJ-1: one URL per article; an anonymous reader gets the page and the PDF."""
    url = f"/en/demo/article/{seed.pk}/"
    _, tree = page(client, url)
    (pdf,) = tree.cssselect(".downloads a.galley")
    response = client.get(pdf.get("href"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert pdf.get("href").startswith(url)


def test_xc_3_no_duplicate_ids_and_no_obsolete_attributes(client, seed):
    """XC-3 (the T1 part): no duplicate ids, no meta[scheme], no head[profile]."""
    for language in ("zh-hans", "en"):
        _, tree = page(client, f"/{language}/demo/article/{seed.pk}/")
        ids = tree.xpath("//@id")
        assert ids and len(ids) == len(set(ids))
        assert not tree.xpath("//meta[@scheme] | //head[@profile]")


CJK_FAMILIES = {
    "PingFang SC",
    "Hiragino Sans GB",
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "Microsoft YaHei",
    "Songti SC",
    "Noto Serif CJK SC",
    "Source Han Serif SC",
    "SimSun",
}


def stylesheet_rules(client, seed):
    """[(selectors, {property: value})] of the site's screen stylesheet the landing page
    links (the journal's accent colour is an inline style of its own)."""
    _, tree = page(client, f"/zh-hans/demo/article/{seed.pk}/")
    (href,) = tree.xpath(
        '//head/link[@rel="stylesheet"][not(@media)][contains(@href, "/css/")]/@href'
    )
    css = Path(finders.find(href.removeprefix(settings.STATIC_URL))).read_text(encoding="utf-8")
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    rules = []
    for selectors, body in re.findall(r"([^{}]+)\{([^{}]*)\}", css):
        declarations = dict(
            (name.strip(), value.strip())
            for name, _, value in (d.partition(":") for d in body.split(";") if ":" in d)
        )
        rules.append(([sel.strip() for sel in selectors.split(",")], declarations))
    return rules


def declared(rules, selector):
    """The declarations of every rule listing ``selector``, merged in order."""
    merged = {}
    for selectors, declarations in rules:
        if selector in selectors:
            merged.update(declarations)
    return merged


def test_i18n_9_chinese_text_gets_a_cjk_font_first(client, seed):
    """I18N-9: a :lang(zh…) rule whose first font-family is a CJK family."""
    rules = stylesheet_rules(client, seed)
    variables = declared(rules, ":root")
    family = declared(rules, ":lang(zh-Hans)")["font-family"]
    family = re.sub(r"var\((--[\w-]+)\)", lambda m: variables[m.group(1)], family)
    assert family.split(",")[0].strip().strip('"') in CJK_FAMILIES


def test_i18n_10_chinese_line_breaking_and_wrapping_dois(client, seed):
    """I18N-10: strict (or normal) line-break and normal word-break for zh text, never
    break-all; DOIs and URLs wrap anywhere."""
    rules = stylesheet_rules(client, seed)
    chinese = declared(rules, ":lang(zh-Hans)")
    assert chinese["line-break"] in ("strict", "normal")
    assert chinese["word-break"] == "normal"
    assert all(d.get("word-break") != "break-all" for _, d in rules)
    for selector in (".doi", ".url"):
        assert declared(rules, selector)["overflow-wrap"] == "anywhere", selector


def test_i18n_11_no_italics_for_han_text(client, seed):
    """I18N-11: em and i in Chinese are upright (bold instead), never synthesised oblique."""
    rules = stylesheet_rules(client, seed)
    for selector in ("em:lang(zh)", "i:lang(zh)", "em:lang(zh-Hans)", "i:lang(zh-Hans)"):
        assert declared(rules, selector)["font-style"] == "normal", selector


def test_doaj_6_no_third_party_scripts_frames_or_images(client, seed):
    """DOAJ-6 (the T1 part; the content review is T3): no ad or tracker can load, since
    every script, frame, image and stylesheet of the article page is served by us."""
    for language in ("zh-hans", "en"):
        _, tree = page(client, f"/{language}/demo/article/{seed.pk}/")
        assert not tree.xpath("//iframe | //embed | //object")
        sources = tree.xpath("//script/@src | //img/@src | //link[@rel='stylesheet']/@href")
        assert sources
        assert all(src.startswith("/") and not src.startswith("//") for src in sources), sources
