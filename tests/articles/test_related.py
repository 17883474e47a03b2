"""Related articles (#19): by shared keywords in either language, then the same section;
public ones only; stored when articles change, so the landing page's queries stay fixed."""

import pytest

from articles.keywords import set_keywords
from articles.models import Article, RelatedArticle, Status
from articles.publishing import delete_articles, save_article, unpublish_articles
from tests.factories import make_article, make_full_article, make_journal, make_section
from tests.pages import LANDING_PAGE_QUERIES, landing, text, tree_of

pytestmark = pytest.mark.django_db


def related_titles(client, article, language="en"):
    page = tree_of(client, landing(article, language))
    return [text(a) for a in page.xpath('//section[contains(@class, "related")]//li/a')]


def titled(title, **fields):
    return make_article(title_zh=title, title_en=title, **fields)


@pytest.fixture
def journal_with_neighbours():
    journal = make_journal()
    policy, other_section = make_section(journal), make_section(journal)
    a = titled("A", journal=journal, section=policy)
    b = titled("B two shared", journal=journal, section=other_section)
    c = titled("C one shared, English", journal=journal, section=other_section)
    d = titled("D same section", journal=journal, section=policy)
    e = titled("E nothing shared", journal=journal, section=other_section)
    draft = titled("F draft", journal=journal, section=policy, status=Status.DRAFT)
    elsewhere = titled("G other journal")
    set_keywords(article=a, language="zh-hans", keywords="协同治理；社会组织")
    set_keywords(article=a, language="en", keywords="collaborative governance")
    set_keywords(article=b, language="zh-hans", keywords="社会组织；协同治理")
    set_keywords(article=c, language="en", keywords="Collaborative governance; NGOs")
    set_keywords(article=draft, language="zh-hans", keywords="协同治理；社会组织")
    set_keywords(article=elsewhere, language="zh-hans", keywords="协同治理；社会组织")
    save_article(article=d)
    save_article(article=e)
    return {"a": a, "b": b, "c": c, "d": d, "e": e, "draft": draft}


def test_shared_keywords_first_then_the_same_section_public_only(client, journal_with_neighbours):
    a = journal_with_neighbours["a"]
    assert related_titles(client, a) == ["B two shared", "C one shared, English", "D same section"]
    # B shares its two Chinese keywords with A only; then come the articles of its section.
    first, *others = related_titles(client, journal_with_neighbours["b"])
    assert first == "A" and sorted(others) == ["C one shared, English", "E nothing shared"]


def test_the_lists_follow_keyword_and_state_changes(client, journal_with_neighbours):
    a, b, e = (journal_with_neighbours[key] for key in "abe")
    set_keywords(article=e, language="en", keywords="NGOs; collaborative governance")
    assert "E nothing shared" in related_titles(client, a)
    unpublish_articles(articles=Article.objects.filter(pk=b.pk))
    assert "B two shared" not in related_titles(client, a)
    delete_articles(articles=Article.objects.filter(pk=e.pk))
    assert "E nothing shared" not in related_titles(client, a)
    assert not RelatedArticle.objects.filter(article=e).exists()


def test_at_most_five_and_none_without_neighbours(client):
    journal = make_journal()
    section = make_section(journal)
    lone = titled("Lone", journal=journal, section=make_section(journal))
    save_article(article=lone)
    assert related_titles(client, lone) == []
    articles = [titled(f"N{n}", journal=journal, section=section) for n in range(8)]
    for article in articles:
        set_keywords(article=article, language="en", keywords="governance")
    assert len(related_titles(client, articles[0])) == 5


@pytest.mark.usefixtures("landing_parts_off")
def test_the_landing_page_reads_them_in_one_query(client, django_assert_num_queries):
    article = make_full_article(authors=3, references=10)
    for n in range(6):
        other = make_full_article(authors=1, references=1, journal=article.journal)
        set_keywords(article=other, language="en", keywords=f"shared; own {n}")
    set_keywords(article=article, language="en", keywords="shared")
    with django_assert_num_queries(LANDING_PAGE_QUERIES):
        assert client.get(article.get_absolute_url()).status_code == 200
    assert len(tree_of(client, landing(article)).xpath('//ul[@class="related-list"]/li')) == 5
