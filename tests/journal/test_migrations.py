"""Upgrading a deployment: its database's migration history still fits the files (#14), and
its data comes through the schema's changes (#15)."""

import io
from datetime import UTC, date, datetime

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.recorder import MigrationRecorder
from django.db.models import Value
from django.db.models.functions import Concat
from django.utils import timezone

pytestmark = pytest.mark.django_db


def test_database_that_recorded_the_removed_merge_migration_has_nothing_to_migrate():
    # journal 0003 was an empty merge of the two 0002s; databases migrated before its
    # removal keep its row in django_migrations.
    MigrationRecorder(connection).record_applied(
        "journal", "0003_merge_citation_styles_and_editors"
    )

    # --check exits non-zero if anything is left to apply; an inconsistent history raises.
    call_command("migrate", check_unapplied=True, verbosity=0)


ISSUE_AND_PAGES_BEFORE = [
    ("journal", "0005_unique_issns"),
    ("articles", "0004_reference_doi_validated"),
]
ISSUE_AND_PAGES_AFTER = [
    ("journal", "0006_issue_numbering_as_printed"),
    ("articles", "0007_pages_never_null"),
]


@pytest.mark.slow  # migrates two apps back and forth (~5 s)
@pytest.mark.django_db(transaction=True)
def test_integer_volumes_numbers_and_pages_become_the_printed_text():
    """#15: a database of integer issue numbers and pages keeps every value, as text."""
    executor = MigrationExecutor(connection)
    try:
        executor.migrate(ISSUE_AND_PAGES_BEFORE)
        old = executor.loader.project_state(ISSUE_AND_PAGES_BEFORE).apps
        journal = old.get_model("journal", "Journal").objects.create(
            slug="old", title_zh="旧刊", publisher="P", citation_styles=["apa"]
        )
        Issue = old.get_model("journal", "Issue")
        issue = Issue.objects.create(
            journal=journal, volume=3, number=12, year=2019, publication_date=date(2019, 6, 1)
        )
        section = old.get_model("journal", "Section").objects.create(journal=journal, slug="s")
        Article = old.get_model("articles", "Article")
        paged, unpaged, one_page = (
            Article.objects.create(
                journal=journal,
                issue=issue,
                section=section,
                title_zh=f"文{n}",
                first_page=first,
                last_page=last,
            ).pk
            for n, (first, last) in enumerate([(5, 23), (None, None), (7, None)])
        )
        old.get_model("articles", "HistoricalArticle").objects.create(
            id=paged,
            journal_id=journal.pk,
            section_id=section.pk,
            title_zh="文0",
            first_page=5,
            last_page=None,
            history_date=datetime(2019, 6, 1, tzinfo=UTC),
            history_type="+",
            created_at=datetime(2019, 6, 1, tzinfo=UTC),
        )

        executor = MigrationExecutor(connection)  # a fresh graph, as `migrate` would load
        executor.migrate(ISSUE_AND_PAGES_AFTER)
        new = executor.loader.project_state(ISSUE_AND_PAGES_AFTER).apps
        migrated = new.get_model("journal", "Issue").objects.get(pk=issue.pk)
        assert (migrated.volume, migrated.number, migrated.year) == (3, "12", 2019)
        pages = dict(
            new.get_model("articles", "Article").objects.values_list(
                "pk", Concat("first_page", Value("|"), "last_page")
            )
        )
        assert pages == {paged: "5|23", unpaged: "|", one_page: "7|"}
        history = new.get_model("articles", "HistoricalArticle").objects.get(id=paged)
        assert (history.first_page, history.last_page) == ("5", "")
        assert new.get_model("articles", "Article").objects.filter(order=0).count() == 3

        # And back, for a deployment that must roll back: whole numbers become integers.
        executor = MigrationExecutor(connection)
        executor.migrate(ISSUE_AND_PAGES_BEFORE)
        old = executor.loader.project_state(ISSUE_AND_PAGES_BEFORE).apps
        assert old.get_model("journal", "Issue").objects.get(pk=issue.pk).number == 12
        back = old.get_model("articles", "Article").objects.values_list(
            "pk", "first_page", "last_page"
        )
        assert set(back) == {(paged, 5, 23), (unpaged, None, None), (one_page, 7, None)}
    finally:
        MigrationExecutor(connection).migrate(
            MigrationExecutor(connection).loader.graph.leaf_nodes()
        )


STATE_BEFORE = [
    ("journal", "0006_issue_numbering_as_printed"),
    ("articles", "0007_pages_never_null"),
    ("search", "0003_places"),
]
STATE_AFTER = [
    ("articles", "0008_scheduled_derived_citation_jobs"),
    ("search", "0004_public_from"),
]


@pytest.mark.slow  # migrates two apps back and forth
@pytest.mark.django_db(transaction=True)
def test_scheduled_articles_stay_scheduled_and_search_rows_wait_for_their_issue():
    """#14: "scheduled" is derived from the time, and the index stores when each article is
    public from: the old rows keep their meaning."""
    executor = MigrationExecutor(connection)
    try:
        executor.migrate(STATE_BEFORE)
        old = executor.loader.project_state(STATE_BEFORE).apps
        journal = old.get_model("journal", "Journal").objects.create(
            slug="old", title_zh="旧刊", publisher="P", citation_styles=["apa"]
        )
        issue = old.get_model("journal", "Issue").objects.create(
            journal=journal, number="1", year=2999, publication_date=date(2999, 1, 1)
        )
        section = old.get_model("journal", "Section").objects.create(journal=journal, slug="s")
        moment = datetime(2998, 6, 1, tzinfo=UTC)
        Article = old.get_model("articles", "Article")
        scheduled = Article.objects.create(
            journal=journal,
            issue=issue,
            section=section,
            title_zh="定时",
            status="scheduled",
            published_at=moment,
        )
        old.get_model("search", "SearchEntry").objects.create(
            article_id=scheduled.pk,
            tokens=" x ",
            journal_id=journal.pk,
            year=2999,
            published_at=moment,
            issue_date=date(2999, 1, 1),
        )

        executor = MigrationExecutor(connection)
        executor.migrate(STATE_AFTER)
        new = executor.loader.project_state(STATE_AFTER).apps
        article = new.get_model("articles", "Article").objects.get(pk=scheduled.pk)
        assert (article.status, article.published_at) == ("published", moment)
        entry = new.get_model("search", "SearchEntry").objects.get(article_id=scheduled.pk)
        # The start of its issue's day (the later moment), in the journal's time zone.
        assert timezone.localtime(entry.published_at) == timezone.make_aware(datetime(2999, 1, 1))
    finally:
        MigrationExecutor(connection).migrate(
            MigrationExecutor(connection).loader.graph.leaf_nodes()
        )


DATESTAMPS_BEFORE = [
    ("oai", "0002_tombstones_outlive_articles"),
    ("articles", "0011_ojs_import"),
    ("journal", "0007_issue_dates_at_precision"),
]
DATESTAMPS_AFTER = [("oai", "0003_stored_records")]


@pytest.mark.slow  # migrates back and forth
@pytest.mark.django_db(transaction=True)
def test_every_existing_article_gets_its_oai_datestamp_stored():
    """#18: OAI datestamps are stored; an existing database gets every article's, the
    latest of its own change, its publication and its issue's change."""
    executor = MigrationExecutor(connection)
    try:
        executor.migrate(DATESTAMPS_BEFORE)
        old = executor.loader.project_state(DATESTAMPS_BEFORE).apps
        journal = old.get_model("journal", "Journal").objects.create(
            slug="old", title_zh="旧刊", publisher="P", citation_styles=["apa"]
        )
        Issue = old.get_model("journal", "Issue")
        issue = Issue.objects.create(
            journal=journal,
            number="1",
            year=2020,
            publication_date=date(2020, 1, 1),
            is_published=True,
        )
        section = old.get_model("journal", "Section").objects.create(journal=journal, slug="s")
        Article = old.get_model("articles", "Article")
        edited, in_issue, draft = (
            Article.objects.create(journal=journal, section=section, title_zh=title, **fields)
            for title, fields in (
                (
                    "后来修改",
                    {"status": "published", "published_at": datetime(2020, 1, 1, tzinfo=UTC)},
                ),
                (
                    "期次后改",
                    {
                        "status": "published",
                        "issue": issue,
                        "published_at": datetime(2020, 1, 1, tzinfo=UTC),
                    },
                ),
                ("草稿", {}),
            )
        )
        Article.objects.filter(pk=edited.pk).update(updated_at=datetime(2021, 3, 4, tzinfo=UTC))
        Article.objects.filter(pk=in_issue.pk).update(updated_at=datetime(2020, 2, 2, tzinfo=UTC))
        Issue.objects.filter(pk=issue.pk).update(updated_at=datetime(2022, 5, 6, tzinfo=UTC))

        executor = MigrationExecutor(connection)
        executor.migrate(DATESTAMPS_AFTER)
        new = executor.loader.project_state(DATESTAMPS_AFTER).apps
        records = new.get_model("oai", "Record").objects
        stored = dict(records.values_list("article_id", "datestamp"))
        assert stored[edited.pk] == datetime(2021, 3, 4, tzinfo=UTC)
        assert stored[in_issue.pk] == datetime(2022, 5, 6, tzinfo=UTC)
        assert draft.pk in stored  # a draft's is kept too: it is there the day it is published
        live = dict(records.values_list("article_id", "public_from"))
        assert live[edited.pk] == datetime(2020, 1, 1, tzinfo=UTC)
        # The issue's day starts later (in the journal's time zone) than 00:00 UTC.
        assert live[in_issue.pk] == max(
            datetime(2020, 1, 1, tzinfo=UTC), timezone.make_aware(datetime(2020, 1, 1))
        )
        assert live[draft.pk] is None
    finally:
        MigrationExecutor(connection).migrate(
            MigrationExecutor(connection).loader.graph.leaf_nodes()
        )


IDENTITY_BEFORE = [
    ("journal", "0007_issue_dates_at_precision"),
    ("articles", "0010_chinese_journal_fields"),
]
IDENTITY_AFTER = [("journal", "0009_journal_identity"), ("articles", "0013_related_articles")]


@pytest.mark.slow  # migrates two apps back and forth
@pytest.mark.django_db(transaction=True)
def test_a_database_of_the_release_before_identity_keeps_its_rows_and_gets_related_articles():
    """#19: journals, issues and articles come through with no cover, image or colour;
    `manage.py refresh_related` gives the articles already there their related lists."""
    executor = MigrationExecutor(connection)
    try:
        executor.migrate(IDENTITY_BEFORE)
        old = executor.loader.project_state(IDENTITY_BEFORE).apps
        journal = old.get_model("journal", "Journal").objects.create(
            slug="old", title_zh="旧刊", publisher="P", citation_styles=["apa"]
        )
        issue = old.get_model("journal", "Issue").objects.create(
            journal=journal,
            volume=1,
            number="1",
            year=2024,
            publication_date=date(2024, 1, 1),
            is_published=True,
        )
        section = old.get_model("journal", "Section").objects.create(journal=journal, slug="s")
        Article = old.get_model("articles", "Article")
        Tag = old.get_model("taggit", "Tag")
        shared = Tag.objects.create(name="治理", slug="zhi-li")
        articles = [
            Article.objects.create(
                journal=journal,
                issue=issue,
                section=section,
                title_zh=f"文{n}",
                status="published",
                published_at=datetime(2024, 1, 1, tzinfo=UTC),
            )
            for n in range(3)
        ]
        for article in articles:
            old.get_model("articles", "ArticleKeyword").objects.create(
                content_object=article, tag=shared, language="zh-hans"
            )

        executor = MigrationExecutor(connection)
        executor.migrate(IDENTITY_AFTER)
        new = executor.loader.project_state(IDENTITY_AFTER).apps
        migrated = new.get_model("journal", "Issue").objects.get(pk=issue.pk)
        assert (migrated.cover, migrated.cover_renditions, migrated.cover_alt_en) == ("", {}, "")
        upgraded = new.get_model("journal", "Journal").objects.get(pk=journal.pk)
        assert (upgraded.accent_colour, upgraded.logo, upgraded.image_renditions) == ("", "", {})
        Related = new.get_model("articles", "RelatedArticle")
        assert not Related.objects.exists()
        call_command("refresh_related", stdout=io.StringIO())
        pairs = set(Related.objects.values_list("article_id", "related_id"))
        ids = [article.pk for article in articles]
        assert pairs == {(a, b) for a in ids for b in ids if a != b}
    finally:
        MigrationExecutor(connection).migrate(
            MigrationExecutor(connection).loader.graph.leaf_nodes()
        )
