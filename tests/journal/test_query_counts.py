"""Every public page renders in a fixed number of queries, however much it shows.

Each page is fetched with one item and with many (authors, references, keywords,
articles in an issue, issues in an archive); the count is pinned and the same.
The page cache is off here (tests/conftest.py), so these are the uncached costs.
"""

from datetime import date

import pytest
from django.urls import reverse

from articles.how_to_cite import render_citations
from articles.models import Article, ArticleKeyword, Funding
from journal.models import BoardMember
from tests.factories import make_full_article, make_issue
from tests.pages import LANDING_PAGE_QUERIES

pytestmark = pytest.mark.django_db

BUDGETS = {
    "publisher": 5,
    # current issue TOC and latest articles, each with byline and galleys; most read (#19)
    "home": 11,
    "about": 2,  # the journal and its editorial board
    "archive": 3,  # the journal, the count for the pager, a page of issues (#18)
    "issue": 5,
    "section": 6,
    "keyword": 6,
    "landing": LANDING_PAGE_QUERIES,
    # Reads Article.objects.for_landing_page(): 7 until #15 point 3 added the funding rows.
    "journal feed": 8,
    "issue feed": 7,
    "sitemap index": 6,
    "sitemap page": 2,  # the highest key, then the file's range of keys
}


def build(size):
    """A journal with `size` issues, `size` articles in the latest, each article rich."""
    first = make_full_article(authors=size, references=size * 2, clc_codes="G633.3")
    for order in range(size):
        Funding.objects.create(
            article=first, order=order, funder_zh=f"基金{order}", award_numbers=f"{order}; 9"
        )
    journal, issue = first.journal, first.issue
    shapes = [(1, "{}"), (None, "{}"), (None, "{}-{}"), (2, "S{}")]  # 合刊, 增刊, no volume
    for number in range(1, size):
        volume, printed = shapes[number % len(shapes)]
        make_issue(
            journal,
            volume=volume,
            number=printed.format(100 + number, 101 + number),
            publication_date=date(2025, 1, number),  # before the current issue
        )
    for position in range(1, size):
        make_full_article(
            authors=size,
            references=2,
            journal=journal,
            issue=issue,
            section=first.section,
            first_page=["iii", "S12", ""][position % 3],
            last_page=["xii", "S19", ""][position % 3],
            article_number=f"e{1020 + position}",
        )
    for order in range(size):
        BoardMember.objects.create(journal=journal, order=order, name=f"编委{order}")
    tag = ArticleKeyword.objects.filter(content_object=first).first().tag
    slug = journal.slug
    return {
        "publisher": reverse("journal:publisher"),
        "home": reverse("journal:home", kwargs={"journal": slug}),
        "about": reverse("journal:about", kwargs={"journal": slug}),
        "archive": reverse("journal:archive", kwargs={"journal": slug}),
        "issue": issue.get_absolute_url(),
        "section": first.section.get_absolute_url(),
        "keyword": reverse("articles:keyword", kwargs={"slug": tag.slug}),
        "landing": first.get_absolute_url(),
        "journal feed": reverse("articles:journal_feed_atom", kwargs={"journal": slug}),
        "issue feed": reverse(
            "articles:issue_feed_atom",
            kwargs={"journal": slug, "issue": issue.pk},
        ),
        "sitemap index": reverse("sitemap_index"),
        "sitemap page": reverse("sitemap_section", kwargs={"section": "articles"}),
    }


@pytest.mark.usefixtures("landing_parts_off")
@pytest.mark.parametrize("size", [1, 6])
def test_each_public_page_runs_a_fixed_number_of_queries(client, django_assert_num_queries, size):
    urls = build(size)
    for page, url in urls.items():
        with django_assert_num_queries(BUDGETS[page], info=page):
            response = client.get(url)
        assert response.status_code == 200, page


def test_a_cached_page_runs_no_query_and_a_miss_few_more(
    client, page_cache, django_assert_num_queries
):
    url = build(2)["landing"]
    for article in Article.objects.all():  # as the render process leaves them
        render_citations(article=article)
    # First miss of a content generation: the page, plus finding the next scheduled
    # publication (an article, an issue) once for every page of that generation.
    with django_assert_num_queries(BUDGETS["landing"] + 2):
        client.get(url)
    with django_assert_num_queries(0):
        client.get(url)
    with django_assert_num_queries(BUDGETS["landing"]):
        client.get(url.replace("/zh-hans/", "/en/", 1))
