"""DOAJ article XML export (DOAJ-8): management command and admin download.

Validated against DOAJ's own schema, vendored in tests/fixtures/doaj/ (CI has no
network; see its README for the source URL and commit).
"""

from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from articles.models import Status
from tests.articles.doaj_schema import valid
from tests.factories import make_article, make_author, make_full_article, make_issue, make_journal

pytestmark = pytest.mark.django_db

BASE = "https://journals.example.org"


@pytest.fixture
def journal_articles(settings):
    settings.SITE_URL = BASE
    chinese = make_full_article(
        journal=make_journal(issn_online="2096-1235", issn_print=""),
        authors=5,
        title_zh="“补位—承接”关系研究：A & B <i>x</i>（案例）",
        title_en='"Filling In" & Taking Over <b>—</b> a Case',
    )
    journal, issue = chinese.journal, chinese.issue
    english = make_article(
        journal=journal,
        issue=issue,
        section=chinese.section,
        language="en",
        title_zh="",
        title_en="Contracting Out Community Care",
        abstract_zh="",
        first_page=13,
        last_page=24,
    )
    make_author(
        english,
        family_name="Example",
        given_name="Jane",
        family_name_en="",
        given_name_en="",
        email="jane@example.org",
    )
    hidden = [
        make_article(journal=journal, issue=issue, status=Status.DRAFT, published_at=None),
        make_article(
            journal=journal,
            issue=issue,
            status=Status.PUBLISHED,
            published_at=timezone.now() + timedelta(days=3),
        ),
        make_article(journal=journal, issue=make_issue(journal, is_published=False)),
    ]
    return {"journal": journal, "issue": issue, "articles": [chinese, english], "hidden": hidden}


def export(journal, tmp_path, *options):
    output = tmp_path / "doaj.xml"
    call_command("export_doaj", journal.slug, "-o", str(output), *options)
    return output.read_bytes()


def test_doaj_8_export_validates_against_the_doaj_schema(journal_articles, tmp_path):
    tree = valid(export(journal_articles["journal"], tmp_path))
    chinese, english = journal_articles["articles"]
    assert tree.xpath("/records/record/publisherRecordId/text()") == [
        str(chinese.pk),
        str(english.pk),
    ]


def test_doaj_8_drafts_scheduled_and_unpublished_issues_are_never_exported(
    journal_articles, tmp_path
):
    tree = valid(export(journal_articles["journal"], tmp_path))
    exported = set(tree.xpath("//publisherRecordId/text()"))
    for article in journal_articles["hidden"]:
        assert str(article.pk) not in exported


def test_doaj_8_record_carries_the_article_language_metadata(journal_articles, tmp_path):
    chinese, english = journal_articles["articles"]
    journal = journal_articles["journal"]
    tree = valid(export(journal, tmp_path))
    first, second = tree.xpath("/records/record")
    assert first.findtext("language") == "chi"
    assert first.findtext("journalTitle") == journal.canonical_title
    assert first.findtext("eissn") == "2096-1235"
    assert first.findtext("publicationDate") == chinese.publication_date.isoformat()
    assert first.findtext("volume") == str(chinese.issue.volume)
    assert first.findtext("issue") == str(chinese.issue.number)
    assert (first.findtext("startPage"), first.findtext("endPage")) == ("1", "12")
    assert first.findtext("doi") == chinese.doi
    # DOAJ shows one title and abstract: the full-text language's, never the translation.
    titles = first.findall("title")
    assert [(t.get("language"), t.text) for t in titles] == [("chi", chinese.title_zh)]
    assert [(a.get("language"), a.text) for a in first.findall("abstract")] == [
        ("chi", "本文研究协同治理。")
    ]
    assert first.xpath("keywords/@language") == ["chi"]
    assert first.xpath("keywords/keyword/text()") == ["协同治理", "社会组织", "政府购买服务"]
    assert first.xpath("authors/author/name/text()") == [f"王{i}明" for i in range(5)]
    assert first.xpath("authors/author/orcid_id/text()") == [
        "https://orcid.org/0000-0002-1825-0097"
    ]
    assert first.xpath("affiliationsList/affiliationName/text()") == ["示例大学0", "示例大学1"]
    assert first.xpath("authors/author/affiliationId/text()") == ["0", "1", "0", "1", "0"]
    galley = chinese.galleys.get()
    assert first.findtext("fullTextUrl") == (
        f"{BASE}/zh-hans/{journal.slug}/article/{chinese.pk}/galley/{galley.pk}/"
    )
    assert first.find("fullTextUrl").get("format") == "pdf"
    # An English article without a galley points DOAJ at its landing page.
    assert second.findtext("language") == "eng"
    assert second.xpath("title/@language") == ["eng"]
    assert second.xpath("authors/author/name/text()") == ["Jane Example"]
    assert second.findtext("fullTextUrl") == f"{BASE}/en/{journal.slug}/article/{english.pk}/"
    assert second.find("fullTextUrl").get("format") == "html"


def test_doaj_8_no_email_addresses_are_exported(journal_articles, tmp_path):
    body = export(journal_articles["journal"], tmp_path)
    assert valid(body).xpath("//email") == []
    assert b"jane@example.org" not in body


def test_doaj_8_special_characters_survive_as_text(journal_articles, tmp_path):
    tree = valid(export(journal_articles["journal"], tmp_path))
    assert tree.xpath("string(/records/record[1]/title)") == (
        "“补位—承接”关系研究：A & B <i>x</i>（案例）"
    )


@pytest.mark.parametrize("named_by", ["volume/number", "id"])
def test_doaj_8_one_issue_only(journal_articles, tmp_path, named_by):
    journal, issue = journal_articles["journal"], journal_articles["issue"]
    other = make_article(journal=journal, issue=make_issue(journal, volume=9, number="1-2"))
    chosen = f"{issue.volume}/{issue.number}" if named_by == "volume/number" else str(issue.pk)
    tree = valid(export(journal, tmp_path, "--issue", chosen))
    assert str(other.pk) not in tree.xpath("//publisherRecordId/text()")
    assert len(tree.xpath("//record")) == 2
    double = valid(export(journal, tmp_path, "--issue", "9/1-2"))
    assert double.xpath("//publisherRecordId/text()") == [str(other.pk)]


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["no-such-journal"], "No journal"),
        (["{slug}", "--issue", "three"], "VOLUME/NUMBER"),
        (["{slug}", "--issue", "99/1"], "no issue 99/1"),
        (["{slug}"], "No published articles"),
    ],
)
def test_doaj_8_command_refuses_bad_arguments_with_a_message(
    tmp_path, settings, arguments, message
):
    settings.SITE_URL = BASE
    journal = make_journal()
    arguments = [argument.format(slug=journal.slug) for argument in arguments]
    with pytest.raises(CommandError, match=message):
        call_command("export_doaj", *arguments, "-o", str(tmp_path / "x.xml"))


def test_doaj_8_command_needs_absolute_urls(tmp_path, settings):
    settings.SITE_URL = ""
    with pytest.raises(CommandError, match="base-url"):
        call_command("export_doaj", make_journal().slug, "-o", str(tmp_path / "x.xml"))


def test_doaj_8_admin_downloads_a_journal_or_an_issue_as_doaj_xml(journal_articles, admin_client):
    journal, issue = journal_articles["journal"], journal_articles["issue"]
    for changelist, pk, name in (
        ("admin:journal_journal_changelist", journal.pk, f"doaj-{journal.slug}.xml"),
        (
            "admin:journal_issue_changelist",
            issue.pk,
            f"doaj-{journal.slug}-issue-{issue.pk}.xml",
        ),
    ):
        response = admin_client.post(
            reverse(changelist), {"action": "export_doaj", "_selected_action": [pk]}
        )
        assert response.status_code == 200
        assert response["Content-Type"] == "application/xml; charset=utf-8"
        assert response["Content-Disposition"] == f'attachment; filename="{name}"'
        assert len(valid(response.content).xpath("//record")) == 2


def test_doaj_8_editor_cannot_download_another_journals_articles(journal_articles, client):
    mine = make_journal()
    editor = User.objects.create_user("editor", password="pw-long-enough-1", is_staff=True)
    mine.editors.add(editor)
    client.force_login(editor)
    theirs = journal_articles["journal"]
    response = client.post(
        reverse("admin:journal_journal_changelist"),
        {"action": "export_doaj", "_selected_action": [theirs.pk]},
    )
    # Not in the editor's list, so not selectable: no file, back to the list.
    assert response.status_code == 302
    assert response.get("Content-Disposition") is None


def test_doaj_8_admin_says_when_there_is_nothing_to_export(admin_client):
    journal = make_journal()
    make_article(journal=journal, status=Status.DRAFT, published_at=None)
    response = admin_client.post(
        reverse("admin:journal_journal_changelist"),
        {"action": "export_doaj", "_selected_action": [journal.pk]},
        follow=True,
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.get("Content-Disposition") is None
    assert "No published articles to export." in response.content.decode()


@pytest.mark.parametrize(
    ("volume", "number", "first", "last", "article_number", "expected"),
    [
        (None, "5", "32", "38", "", (None, "5", "32", "38")),
        (None, "1-2", "5", "23", "", (None, "1-2", "5", "23")),
        (3, "S1", "S12", "S19", "", ("3", "S1", "S12", "S19")),
        (None, "增刊1", "7", "", "", (None, "增刊1", "7", None)),
        (12, "3", "", "", "e1021", ("12", "3", "e1021", None)),
        (3, "2", "iii", "xii", "", ("3", "2", "iii", "xii")),
    ],
    ids=["no volume", "double issue", "supplement pages", "增刊", "article number", "roman"],
)
def test_doaj_8_numbering_as_printed_stays_valid(
    tmp_path, settings, volume, number, first, last, article_number, expected
):
    """#15: no volume element without a volume; the issue as printed; the article number
    as the start page when there are no pages (DOAJ's schema has no place of its own)."""
    settings.SITE_URL = BASE
    journal = make_journal()
    make_article(
        journal=journal,
        issue=make_issue(journal, volume=volume, number=number, year=2019),
        first_page=first,
        last_page=last,
        article_number=article_number,
    )
    record = valid(export(journal, tmp_path)).find("record")
    fields = ("volume", "issue", "startPage", "endPage")
    assert tuple(record.findtext(field) for field in fields) == expected
