"""An ISSN names one journal: in either column, print or online (#13)."""

import importlib

import pytest
from django.apps import apps
from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.urls import reverse
from lxml import html

from journal.models import Journal
from tests.factories import make_journal
from tests.forms import journal_form_data

pytestmark = pytest.mark.django_db


def form_errors(response):
    return [
        e.text_content()
        for e in html.fromstring(response.content.decode()).cssselect(".errorlist li")
    ]


def editor_of(client, journal):
    editor = User.objects.create_user("editor", password="pw-long-enough-1", is_staff=True)
    journal.editors.add(editor)
    client.force_login(editor)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"


def test_the_admin_refuses_another_journals_online_issn_as_a_print_issn(client, database_unchanged):
    make_journal(title_en="Journal A", language="en", issn_online="2096-1235")
    b = make_journal(title_en="Journal B")
    editor_of(client, b)
    url = reverse("admin:journal_journal_change", args=[b.pk])
    with database_unchanged():
        response = client.post(url, journal_form_data(b, issn_print="2096 1235"))
    assert response.status_code == 200
    assert "ISSN 2096-1235 is already an ISSN of the journal “Journal A”." in form_errors(response)


def test_the_admin_refuses_an_issn_another_journal_has_in_the_same_column(
    admin_client, database_unchanged
):
    make_journal(title_en="Journal A", language="en", issn_print="0254-4164")
    admin_client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    data = journal_form_data(Journal(slug="new", title_en="New", publisher="P"))
    data.update(issn_print="0254-4164", citation_styles=["apa"])
    with database_unchanged():
        response = admin_client.post(reverse("admin:journal_journal_add"), data)
    assert response.status_code == 200
    assert "ISSN 0254-4164 is already an ISSN of the journal “Journal A”." in form_errors(response)


def test_a_journal_keeps_its_own_issns_when_saved_again_in_the_admin(client):
    journal = make_journal(issn_online="2096-1235", issn_print="0254-4164")
    editor_of(client, journal)
    url = reverse("admin:journal_journal_change", args=[journal.pk])
    data = journal_form_data(journal, issn_online="2096-1235", issn_print="0254-4164")
    assert client.post(url, data).status_code == 302


def test_the_database_refuses_a_shared_issn_per_column_but_not_two_empty_ones():
    make_journal(issn_online="", issn_print="")
    make_journal(issn_online="", issn_print="")  # empty is "no ISSN", not a shared one
    make_journal(issn_online="2096-1235", issn_print="0254-4164")
    for column, issn in [("issn_online", "2096-1235"), ("issn_print", "0254-4164")]:
        with pytest.raises(IntegrityError), transaction.atomic():
            make_journal(**{column: issn})


def test_the_migration_stops_and_names_journals_that_share_an_issn_across_columns():
    # The database constraints are per column: across columns only the migration can tell.
    make_journal(slug="a", issn_print="2096-1235")
    make_journal(slug="b", issn_online="2096-1235")
    make_journal(slug="c", issn_print="0254-4164", issn_online="1672-6162")
    migration = importlib.import_module("journal.migrations.0005_unique_issns")
    with pytest.raises(RuntimeError) as failure:
        migration.refuse_shared_issns(apps, None)
    message = str(failure.value)
    assert f"2096-1235: a (id {Journal.objects.get(slug='a').pk}), b (id " in message
    assert "0254-4164" not in message and "c (id" not in message


def test_the_migration_passes_journals_with_distinct_issns():
    make_journal(slug="c", issn_print="0254-4164", issn_online="1672-6162")
    make_journal(slug="d")
    importlib.import_module("journal.migrations.0005_unique_issns").refuse_shared_issns(apps, None)
