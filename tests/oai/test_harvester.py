"""A real harvester (Sickle) takes a 250-article journal through a live server (OAI-14)."""

import re
import time
from datetime import timedelta

import pytest
from django.utils import timezone
from sickle import Sickle

from articles.models import Article, Status
from oai.models import refresh_datestamps
from tests.factories import make_issue, make_journal, make_section

pytestmark = pytest.mark.django_db(transaction=True)


def bulk_journal(count):
    journal = make_journal(slug="bulk")
    issue = make_issue(journal)
    section = make_section(journal, slug="research")
    published_at = timezone.now() - timedelta(days=1)
    articles = Article.objects.bulk_create(
        Article(
            journal=journal,
            issue=issue,
            section=section,
            title_zh=f"文章 {n}",
            title_en=f"Article {n}",
            status=Status.PUBLISHED,
            published_at=published_at,
        )
        for n in range(count)
    )
    # bulk_create sends no post_save: store the datestamps as a bulk loader must.
    refresh_datestamps(article_ids=[article.pk for article in articles])
    return articles


def test_oai_14_sickle_harvests_every_record_through_resumption_tokens(live_server):
    articles = bulk_journal(250)
    Article.objects.create(
        journal=articles[0].journal,
        section=articles[0].section,
        issue=articles[0].issue,
        title_en="A draft",
        status=Status.DRAFT,
    )
    sickle = Sickle(f"{live_server.url}/oai/", max_retries=0)
    started = time.monotonic()
    records = list(sickle.ListRecords(metadataPrefix="oai_dc", set="bulk"))
    elapsed = time.monotonic() - started
    assert len(records) == 250
    expected = {f"oai:localhost:article/{article.pk}" for article in articles}
    assert {record.header.identifier for record in records} == expected
    assert all(re.fullmatch(r"oai:localhost:article/\d+", r.header.identifier) for r in records)
    assert not any(record.deleted for record in records)
    titles = {title for record in records for title in record.metadata["title"]}
    assert {"文章 0", "Article 249"} <= titles
    assert elapsed < 2 * 3  # three pages, under 2 s each (OAI-14)

    headers = list(sickle.ListIdentifiers(metadataPrefix="oai_dc"))
    assert {header.identifier for header in headers} == expected
    identify = sickle.Identify()
    assert identify.protocolVersion == "2.0"
