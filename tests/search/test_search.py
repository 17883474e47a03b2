"""Search: CJK-aware matching in both languages, filters, highlighting, odd input."""

import io
from datetime import timedelta
from unittest import mock

import pytest
from django.core.management import call_command
from django.utils import timezone
from lxml import html

from articles.keywords import set_keywords
from articles.models import Article, Status
from articles.publishing import (
    delete_articles,
    publish_articles,
    publish_issue,
    restore_articles,
    unpublish_articles,
    unpublish_issue,
)
from search import query as search_query
from search import views as search_views
from search.index import update_article
from search.models import SearchEntry
from search.tokens import document_tokens, query_tokens
from tests.factories import make_article, make_author, make_issue, make_journal
from tests.forms import form_values

pytestmark = pytest.mark.django_db


def indexed(article):
    update_article(article)
    return article


def english(**fields):
    """A published article whose full text (so its headline title) is English."""
    return make_article(language="en", **fields)


def search_page(client, query="", lang="en", **params):
    response = client.get(f"/{lang}/search/", {"q": query, **params})
    assert response.status_code == 200
    return response, html.fromstring(response.content)


def result_titles(page):
    return [" ".join(a.text_content().split()) for a in page.cssselect(".search-result h2 a")]


def test_chinese_text_becomes_bigrams_and_characters():
    assert query_tokens("协同治理") == ["协同", "同治", "治理"]
    assert query_tokens("治") == ["治"]
    assert {"治理", "治", "理"} <= set(document_tokens("协同治理"))
    assert query_tokens("Collaborative GOVERNANCE, 2025") == ["collaborative", "governance", "2025"]


def test_a_two_character_chinese_word_finds_its_article(client):
    article = indexed(make_article(title_zh="基层治理的数字化转型"))
    indexed(
        make_article(title_zh="文化遗产保护", title_en="Heritage", abstract_zh="", abstract_en="")
    )

    _, page = search_page(client, "治理")

    assert result_titles(page) == ["基层治理的数字化转型"]
    assert page.cssselect(".search-result h2 mark")[0].text == "治理"
    assert article.get_absolute_url().replace("/zh-hans/", "/en/") in page.cssselect(
        ".search-result h2 a"
    )[0].get("href")


def test_english_words_match_whatever_their_case(client):
    indexed(make_article(title_en="Collaborative Governance in Cities"))

    for query in ["governance", "GOVERNANCE", "Governance cities"]:
        _, page = search_page(client, query)
        assert len(result_titles(page)) == 1, query


def test_every_word_must_match(client):
    indexed(make_article(title_en="Collaborative Governance", abstract_en="", abstract_zh=""))

    _, page = search_page(client, "governance elephants")

    assert result_titles(page) == []
    assert "0 articles match" in page.cssselect(".search-summary")[0].text_content()


def test_abstracts_keywords_and_author_names_in_both_languages_are_searched(client):
    article = make_article(
        title_zh="一篇论文", title_en="A paper", abstract_en="<p>About <i>wetlands</i>.</p>"
    )
    make_author(article, family_name="欧阳", given_name="修", family_name_en="Ouyang")
    set_keywords(article=article, language="zh-hans", keywords="湿地保护")
    set_keywords(article=article, language="en", keywords="ecology")
    indexed(article)

    for query in ["wetlands", "湿地", "ecology", "欧阳", "ouyang"]:
        _, page = search_page(client, query)
        assert len(result_titles(page)) == 1, query


@pytest.mark.parametrize(
    "fields",
    [
        {"status": Status.DRAFT},
        {"status": Status.PUBLISHED, "published_at": timezone.now() + timedelta(days=3)},
    ],
    ids=["draft", "scheduled"],
)
def test_unpublished_articles_are_never_found(client, fields):
    indexed(make_article(title_en="Hidden governance", **fields))

    _, page = search_page(client, "hidden")

    assert result_titles(page) == []


def test_articles_of_an_unpublished_issue_are_never_found(client):
    issue = make_issue(is_published=False)
    indexed(make_article(issue=issue, title_en="Hidden governance"))

    _, page = search_page(client, "hidden")

    assert result_titles(page) == []


def test_matches_are_highlighted_and_titles_escaped(client):
    indexed(make_article(language="en", title_en="Governance <script>alert(1)</script> & trust"))

    response, page = search_page(client, "governance")

    assert b"<script>alert(1)" not in response.content
    heading = page.cssselect(".search-result h2 a")[0]
    assert heading.cssselect("mark")[0].text == "Governance"
    assert "<script>alert(1)</script> & trust" in heading.text_content()


def test_abstract_snippet_shows_the_match(client):
    abstract = "Padding words. " * 30 + "The wetland finding is here. " + "More text. " * 30
    indexed(make_article(title_en="A study", abstract_en=abstract, abstract_zh=""))

    _, page = search_page(client, "wetland")

    snippet = page.cssselect(".search-result__snippet")[0]
    assert snippet.get("lang") == "en"
    assert snippet.cssselect("mark")[0].text == "wetland"
    assert snippet.text_content().startswith("…")


def test_filters_by_journal_and_year_with_counts(client):
    first, second = make_journal(slug="first"), make_journal(slug="second")
    indexed(english(journal=first, issue=make_issue(first, year=2024), title_en="Governance A"))
    indexed(english(journal=first, issue=make_issue(first, year=2025), title_en="Governance B"))
    indexed(english(journal=second, issue=make_issue(second, year=2025), title_en="Governance C"))

    _, page = search_page(client, "governance")
    assert len(result_titles(page)) == 3
    journal_options = [o.text_content() for o in page.cssselect("#search-journal option")]
    assert [option.rsplit(" ", 1)[1] for option in journal_options[1:]] == ["(2)", "(1)"]
    assert [o.text_content() for o in page.cssselect("#search-year option")][1:] == [
        "2025 (2)",
        "2024 (1)",
    ]

    _, page = search_page(client, "governance", journal="first")
    assert sorted(result_titles(page)) == ["Governance A", "Governance B"]

    _, page = search_page(client, "governance", journal="first", year="2025")
    assert result_titles(page) == ["Governance B"]
    assert page.cssselect("#search-year option[selected]")[0].get("value") == "2025"


def test_results_are_paginated_and_keep_the_query(client):
    issue = make_issue()
    for number in range(23):
        indexed(make_article(issue=issue, title_en=f"Governance {number}"))

    _, page = search_page(client, "governance")
    assert len(result_titles(page)) == 20
    next_link = page.cssselect(".pagination a[rel=next]")[0].get("href")
    assert "q=governance" in next_link and "page=2" in next_link

    _, page = search_page(client, "governance", page="2")
    assert len(result_titles(page)) == 3
    # A page that does not exist gives the last one, not an error.
    _, page = search_page(client, "governance", page="99")
    assert len(result_titles(page)) == 3


def test_an_empty_query_explains_what_to_type(client):
    _, page = search_page(client, "", lang="zh-hans")

    assert page.cssselect(".search-help")
    assert "治理" in page.cssselect(".search-help")[0].text_content()
    assert not page.cssselect(".search-results")


def test_an_overlong_query_is_trimmed_with_a_notice(client):
    indexed(make_article(title_en="Governance"))

    _, page = search_page(client, "governance " + "x" * 400)

    assert "200 characters" in page.cssselect(".notice")[0].text_content()
    assert len(page.cssselect("#search-q")[0].get("value")) == 200


@pytest.mark.parametrize(
    "query",
    [
        '"',
        "*",
        "NEAR(governance",
        "governance OR",
        "AND NOT",
        "'; DROP TABLE search_fts; --",
        "gov\x00ernance",
        "^:-()[]{}",
        "％＄＃",
        " " * 50,
        "a" * 5000,
    ],
)
def test_odd_queries_get_a_page_never_an_error(client, query):
    indexed(make_article(title_en="Governance"))

    response = client.get("/en/search/", {"q": query, "year": "20x5", "journal": "\x00"})

    assert response.status_code == 200


def test_invalid_utf8_and_lone_surrogates_get_a_page(client):
    indexed(english(title_en="Governance"))

    for raw in ["%ED%A0%80governance", "%FF%FEgovernance", "governance%00"]:
        response = client.get(f"/en/search/?q={raw}")
        assert response.status_code == 200, raw
        assert result_titles(html.fromstring(response.content)) == ["Governance"]


def test_a_query_of_punctuation_only_says_so(client):
    _, page = search_page(client, '"*()')

    assert "no letters" in page.cssselect(".notice")[0].text_content()


def test_fts_operators_are_plain_words(client):
    indexed(english(title_en="Near or far", abstract_en="", abstract_zh=""))

    _, page = search_page(client, "NEAR OR")

    assert result_titles(page) == ["Near or far"]


def test_search_page_runs_in_a_constant_number_of_queries(client, django_assert_num_queries):
    issue = make_issue()
    for number in range(3):
        article = make_article(issue=issue, title_en=f"Governance {number}")
        make_author(article)
        indexed(article)
    with django_assert_num_queries(3):
        search_page(client, "governance")

    for number in range(12):
        article = make_article(issue=issue, title_en=f"Governance more {number}")
        make_author(article)
        make_author(article, family_name="李")
        indexed(article)
    with django_assert_num_queries(3):
        search_page(client, "governance")
    with django_assert_num_queries(0):
        search_page(client, "")


def test_every_page_has_a_search_box(client):
    article = make_article()

    page = html.fromstring(client.get(article.get_absolute_url()).content)

    form = page.cssselect("header form[role=search]")[0]
    assert form.get("action").endswith("/search/")
    assert form.cssselect("input[name=q]")


def test_new_keywords_are_found_at_once(client):
    article = indexed(make_article(title_en="A paper", abstract_en="", abstract_zh=""))
    assert result_titles(search_page(client, "mangroves")[1]) == []
    set_keywords(article=article, language="en", keywords="mangroves")
    assert result_titles(search_page(client, "mangroves")[1]) == [
        "协同治理下政府与社会组织关系研究"
    ]


def test_a_keyword_renamed_in_taggits_admin_is_found_by_its_new_name_at_once(client, admin_client):
    """#14: the rename happens outside the article app (taggit's own admin)."""
    article = indexed(make_article(title_en="A paper", abstract_en="", abstract_zh=""))
    set_keywords(article=article, language="en", keywords="mangroves")
    tag = article.keyword_links.get().tag
    url = f"/admin/taggit/tag/{tag.pk}/change/"
    fields = {**form_values(admin_client.get(url), "tag_form"), "name": "salt marshes"}
    response = admin_client.post(url, fields)
    assert response.status_code == 302, response.content[:2000]
    assert result_titles(search_page(client, "marshes")[1]) == ["协同治理下政府与社会组织关系研究"]
    assert result_titles(search_page(client, "mangroves")[1]) == []
    page = client.get(article.get_absolute_url()).content.decode()
    assert "salt marshes" in page


def test_deleting_an_article_removes_it_from_the_index(client):
    article = indexed(make_article(title_en="Governance", status=Status.DRAFT))
    article.delete()

    assert SearchEntry.objects.count() == 0
    assert result_titles(search_page(client, "governance")[1]) == []


def test_rebuild_command_and_demo_import_fill_the_index(client):
    call_command("load_demo", stdout=io.StringIO())
    assert SearchEntry.objects.count() == 2
    SearchEntry.objects.all().delete()

    call_command("rebuild_search_index", stdout=io.StringIO())

    assert SearchEntry.objects.count() == 2
    _, page = search_page(client, "治理", lang="zh-hans")
    assert len(result_titles(page)) == 2


def test_year_of_an_article_without_issue_is_its_publication_year(client):
    published = timezone.make_aware(timezone.datetime(2023, 5, 1, 12))
    article = english(title_en="Online first governance", published_at=published)
    Article.objects.filter(pk=article.pk).update(issue=None)
    indexed(article)

    _, page = search_page(client, "online", year="2023")

    assert result_titles(page) == ["Online first governance"]
    assert page.cssselect("#search-year option")[1].text_content() == "2023 (1)"


def test_publishing_services_keep_the_index_current(client):
    article = indexed(english(title_en="Mangrove governance", status=Status.DRAFT))
    assert result_titles(search_page(client, "mangrove")[1]) == []

    publish_articles(articles=Article.objects.filter(pk=article.pk))
    assert result_titles(search_page(client, "mangrove")[1]) == ["Mangrove governance"]

    delete_articles(articles=Article.objects.filter(pk=article.pk))
    assert result_titles(search_page(client, "mangrove")[1]) == []
    restore_articles(articles=Article.objects.filter(pk=article.pk))
    assert result_titles(search_page(client, "mangrove")[1]) == ["Mangrove governance"]

    unpublish_issue(issue=article.issue)
    assert result_titles(search_page(client, "mangrove")[1]) == []
    publish_issue(issue=article.issue)
    assert result_titles(search_page(client, "mangrove")[1]) == ["Mangrove governance"]

    unpublish_articles(articles=Article.objects.filter(pk=article.pk))
    assert result_titles(search_page(client, "mangrove")[1]) == []


def test_a_scheduled_article_is_found_once_its_time_has_come(client):
    moment = timezone.now() + timedelta(days=3)
    indexed(english(title_en="Scheduled governance", status=Status.PUBLISHED, published_at=moment))
    assert result_titles(search_page(client, "scheduled")[1]) == []

    with mock.patch("django.utils.timezone.now", return_value=moment + timedelta(minutes=1)):
        assert result_titles(search_page(client, "scheduled")[1]) == ["Scheduled governance"]


@pytest.fixture
def small_count_limit(monkeypatch):
    """Counting stops at 3 matches, as it does at 1,000 on a large site."""
    monkeypatch.setattr(search_query, "COUNT_LIMIT", 3)
    monkeypatch.setattr(search_query, "WALK_LIMIT", 4)


def test_a_huge_match_set_says_how_many_it_counted_in_both_languages(client, small_count_limit):
    first, second = make_journal(slug="first"), make_journal(slug="second")
    for number in range(3):
        indexed(
            english(journal=first, issue=make_issue(first, year=2024), title_en=f"Gov A{number}")
        )
    indexed(english(journal=second, issue=make_issue(second, year=2025), title_en="Gov B"))
    indexed(english(journal=second, title_en="Hidden gov", status=Status.DRAFT))

    _, page = search_page(client, "gov")
    assert "3+ articles match “gov”" in page.cssselect(".search-summary")[0].text_content()
    # Still offered as filters, without counts that would have to read every match.
    assert [o.text_content() for o in page.cssselect("#search-year option")][1:] == ["2025", "2024"]
    assert len(page.cssselect("#search-journal option")) == 3
    _, page = search_page(client, "gov", lang="zh-hans")
    assert "超过 3 篇论文与“gov”匹配" in page.cssselect(".search-summary")[0].text_content()

    # Within a filter the count is exact again.
    _, page = search_page(client, "gov", journal="second")
    assert result_titles(page) == ["Gov B"]
    assert "1 article matches" in page.cssselect(".search-summary")[0].text_content()


def test_every_page_of_a_huge_match_set_is_newest_first(client, monkeypatch):
    monkeypatch.setattr(search_query, "COUNT_LIMIT", 8)
    monkeypatch.setattr(search_query, "WALK_LIMIT", 4)
    monkeypatch.setattr(search_views, "RESULTS_PER_PAGE", 2)
    issue = make_issue()
    now = timezone.now()
    for number in range(9):
        indexed(
            english(
                issue=issue, title_en=f"Gov {number}", published_at=now - timedelta(days=number)
            )
        )
    indexed(english(issue=issue, title_en="Other", abstract_en="", abstract_zh=""))

    # Pages 1 and 2 read rows newest first; pages 3 and 4 test them against the matches.
    titles = []
    for number in range(1, 5):
        titles += result_titles(search_page(client, "gov", page=str(number))[1])
    assert titles == [f"Gov {number}" for number in range(8)]


def test_a_huge_match_set_runs_in_a_constant_number_of_queries(
    client, small_count_limit, django_assert_num_queries
):
    issue = make_issue()
    for number in range(5):
        article = make_article(issue=issue, title_en=f"Governance {number}")
        make_author(article)
        indexed(article)
    # The sample, the journals and years to filter by, the page, its authors.
    with django_assert_num_queries(4):
        search_page(client, "governance")
    # The list of journals and years is kept; a filter adds a capped count.
    with django_assert_num_queries(4):
        search_page(client, "governance", year="2025")


def test_editing_an_issue_in_the_admin_moves_its_articles_to_the_new_year(admin_client, client):
    issue = make_issue(year=2024)
    indexed(english(issue=issue, title_en="Governance"))
    url = f"/admin/journal/issue/{issue.pk}/change/"
    values = form_values(admin_client.get(url), "issue_form")

    response = admin_client.post(url, {**values, "year": "2021"})

    assert response.status_code == 302
    _, page = search_page(client, "governance", year="2021")
    assert result_titles(page) == ["Governance"]
