"""Upgrading a deployment: its database's migration history still fits the files (#14)."""

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder

pytestmark = pytest.mark.django_db


def test_database_that_recorded_the_removed_merge_migration_has_nothing_to_migrate():
    # journal 0003 was an empty merge of the two 0002s; databases migrated before its
    # removal keep its row in django_migrations.
    MigrationRecorder(connection).record_applied(
        "journal", "0003_merge_citation_styles_and_editors"
    )

    # --check exits non-zero if anything is left to apply; an inconsistent history raises.
    call_command("migrate", check_unapplied=True, verbosity=0)
