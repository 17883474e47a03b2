"""The seed article's landing page, as a reader sees it in both languages."""

import re
from io import StringIO

import pytest
from django.core.management import call_command
from lxml import html

from articles.models import Article, Status
from tests.conftest import (
    make_article,
    make_author,
    make_full_article,
    make_galley,
    make_issue,
    make_reference,
)

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
    assert tree.cssselect('.issue a[href$="/demo/issues/3/2/"]')
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
    _, tree = page(client, "/zh-hans/demo/issues/3/2/")
    assert text_of(tree, ".toc-section > h2") == "研究论文"
    titles = [a.text_content() for a in tree.cssselect(".article-summary__title a")]
    assert SEED_TITLE in titles and len(titles) == 2


def test_keyword_page_lists_the_keywords_published_articles(client, seed):
    draft = make_article(journal=seed.journal, status=Status.DRAFT, published_at=None)
    from articles.services import set_keywords

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
        {"status": Status.SCHEDULED, "published_at": "2999-01-01T00:00:00Z"},
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
    article = make_article(status=Status.SCHEDULED)  # published_at is yesterday
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


QUERY_BUDGET = 6


def landing_queries(client, django_assert_num_queries, article):
    with django_assert_num_queries(QUERY_BUDGET):
        response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    return response


def test_landing_page_query_count_does_not_grow(client, db, django_assert_num_queries):
    small = make_full_article(authors=1, references=10)
    large = make_full_article(authors=50, references=200)
    landing_queries(client, django_assert_num_queries, small)
    response = landing_queries(client, django_assert_num_queries, large)
    assert len(re.findall(r'class="author"', response.content.decode())) == 50
