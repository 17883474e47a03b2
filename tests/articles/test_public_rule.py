"""#14: "is public" is one rule. The queryset (pages, OAI-PMH, feeds, sitemaps, exports),
the article's own ``is_public``/``public_from``, the search index and OAI-PMH's records
agree on every case."""

import itertools
from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Article, Status
from oai.models import live_articles
from search.index import update_article
from search.models import SearchEntry
from tests.factories import make_article, make_issue

pytestmark = pytest.mark.django_db

NOW = timezone.now()
TODAY = timezone.localdate()
TIMES = {"past": NOW - timedelta(days=2), "future": NOW + timedelta(days=2), "none": None}
ISSUES = {
    "no issue": None,
    "published issue": {"is_published": True, "publication_date": TODAY - timedelta(days=1)},
    "issue dated later": {"is_published": True, "publication_date": TODAY + timedelta(days=3)},
    "unpublished issue": {"is_published": False, "publication_date": TODAY - timedelta(days=1)},
}
CASES = [
    (status, time, issue, deleted)
    for status, time, issue, deleted in itertools.product(
        Status.values, TIMES, ISSUES, [False, True]
    )
    # The model refuses a published article without a time.
    if not (status == Status.PUBLISHED and time == "none")
]


def build(status, time, issue, deleted):
    fields = ISSUES[issue]
    article = make_article(
        issue=make_issue(**fields) if fields else None,
        status=status,
        published_at=TIMES[time],
        deleted_at=NOW if deleted else None,
    )
    return Article.objects.select_related("issue").get(pk=article.pk)


@pytest.mark.parametrize(("status", "time", "issue", "deleted"), CASES)
def test_every_reader_of_the_rule_agrees(status, time, issue, deleted):
    article = build(status, time, issue, deleted)
    in_queryset = Article.objects.published().filter(pk=article.pk).exists()
    expected = (
        status == Status.PUBLISHED
        and time == "past"
        and not deleted
        and issue
        in {
            "no issue",
            "published issue",
        }
    )
    assert in_queryset is expected
    assert article.is_public is expected
    update_article(article)  # the factory saves directly, without the services' signals
    in_search = SearchEntry.objects.public().filter(article=article).exists()
    assert in_search is expected
    # OAI-PMH's stored record (kept by post_save) copies the rule too.
    assert live_articles().filter(pk=article.pk).exists() is expected

    scheduled = Article.objects.scheduled().filter(pk=article.pk).exists()
    assert article.is_scheduled is scheduled
    assert scheduled is (
        status == Status.PUBLISHED
        and not deleted
        and issue != "unpublished issue"
        and (time == "future" or issue == "issue dated later")
    )
