"""History and recovery: every change to an article and its parts, viewed and restored."""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from lxml import html

from articles.history import restore_article
from articles.models import Affiliation, Article, Galley, Status
from articles.publishing import publish_articles
from tests.factories import make_article, make_full_article, make_section
from tests.forms import article_form_data, form_values
from tests.pages import landing


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def history_url(article):
    return reverse("admin:articles_article_history", args=[article.pk])


def article_form(client, article):
    """What a browser posts back from the article's change form, unchanged."""
    return form_values(client.get(change_url(article)), "article_form")


def inline_row(data, prefix, field, value):
    """The index of the inline row whose ``field`` is ``value``."""
    for index in range(int(data[f"{prefix}-TOTAL_FORMS"])):
        if data.get(f"{prefix}-{index}-{field}") == value:
            return index
    raise AssertionError(f"no {prefix} row with {field}={value!r}")


def add_author(data, **fields):
    index = int(data["authors-TOTAL_FORMS"])
    data["authors-TOTAL_FORMS"] = str(index + 1)
    for name, value in fields.items():
        data[f"authors-{index}-{name}"] = value


def save(client, article, data):
    response = client.post(change_url(article), data)
    assert response.status_code == 302, response.content.decode()[:3000]


def revisions(client, article):
    """The history page as a list: [{"user", "restore", "changes": [(what, kind, fields)]}]."""
    response = client.get(history_url(article))
    assert response.status_code == 200
    page = html.fromstring(response.content.decode())
    found = []
    for section in page.cssselect("section.revision"):
        links = section.cssselect("a.restore-link")
        found.append(
            {
                "user": section.cssselect(".revision-user")[0].text_content().strip(),
                "restore": links[0].get("href") if links else None,
                "changes": [
                    (
                        row.cssselect("td")[0].text_content().strip(),
                        row.cssselect("td")[1].text_content().strip(),
                        [" ".join(li.text_content().split()) for li in row.cssselect("li")],
                    )
                    for row in section.cssselect("tr.change")
                ],
            }
        )
    return found


def public_page(article):
    """The landing page as an anonymous reader gets it (through the page cache, if on)."""
    page = html.fromstring(Client().get(landing(article)).content.decode())
    return {
        "title": page.cssselect("h1")[0].text_content().strip(),
        "authors": [a.text_content() for a in page.cssselect(".author-list .author-name")],
        "references": [li.text_content().strip() for li in page.cssselect(".reference-list > li")],
        "keywords": [li.text_content() for li in page.cssselect(".keyword-list li")],
        "affiliations": [li.text_content() for li in page.cssselect(".affiliation-list li")],
    }


@pytest.fixture
def edited(desk):
    """An article added through the admin, then edited twice through its change form."""
    client, journal = desk["client"], desk["journal"]
    issue_data = make_article(journal=journal, title_zh="占位")  # for an issue and a section
    data = article_form_data(
        issue_data.issue,
        make_section(journal),
        journal=journal.pk,
        language="en",
        title_zh="",
        title_en="First Title",
        keywords_zh="",
        keywords_en="governance; commons",
        doi="10.5555/history.1",
    )
    assert client.post(reverse("admin:articles_article_add"), data).status_code == 302
    article = Article.objects.get(doi="10.5555/history.1")

    # Second save: new title, the two authors swapped, a third added, a reference and
    # the keywords changed.
    data = article_form(client, article)
    data["title_en"] = "Second Title"
    wang = inline_row(data, "authors", "family_name", "王")
    ansell = inline_row(data, "authors", "family_name", "Ansell")
    data[f"authors-{wang}-order"], data[f"authors-{ansell}-order"] = "1", "0"
    data[f"authors-{wang}-affiliations"] = [str(Affiliation.objects.create(name="示例大学").pk)]
    add_author(data, order="2", family_name="Ostrom", given_name="Elinor", article=str(article.pk))
    first_reference = inline_row(data, "references", "order", "0")
    data[f"references-{first_reference}-raw_text"] = "Ostrom E. Governing the Commons[M]. 1990."
    data["keywords_en"] = "governance; institutions"
    save(client, article, data)

    # Third save: Ansell is removed.
    data = article_form(client, article)
    data[f"authors-{inline_row(data, 'authors', 'family_name', 'Ansell')}-DELETE"] = "on"
    save(client, article, data)
    return article


def test_the_history_page_lists_every_change_of_the_article_and_its_parts(desk, edited):
    found = revisions(desk["client"], edited)
    assert len(found) == 3
    assert {revision["user"] for revision in found} == {"editor"}
    removal, edit, creation = found

    assert ("Author: Chris Ansell", "deleted", []) in removal["changes"]

    changes = {what: (kind, fields) for what, kind, fields in edit["changes"]}
    assert changes["Article: Second Title"] == (
        "changed",
        ["Title (English): First Title → Second Title"],
    )
    assert changes["Author: Chris Ansell"] == ("changed", ["Order: 1 → 0"])
    assert changes["Author: 王明"] == ("changed", ["Order: 0 → 1", "Affiliations: — → 示例大学"])
    kind, fields = changes["Author: Elinor Ostrom"]
    assert kind == "created" and "Family name: — → Ostrom" in fields
    kind, fields = changes["Reference: Ostrom E. Governing the Commons[M]. 1990."]
    assert kind == "changed"
    assert (
        "Citation as printed: Ansell C, Gash A. Collaborative Governance[J]. 2008. → "
        "Ostrom E. Governing the Commons[M]. 1990." in fields
    )
    assert changes["Keyword: commons (English)"] == ("deleted", [])
    assert changes["Keyword: institutions (English)"][0] == "created"
    assert "Keyword: governance (English)" not in changes  # rewritten by the save, unchanged

    whats = [what for what, _kind, _fields in creation["changes"]]
    assert whats[0] == "Article: First Title"
    assert "Author: 王明" in whats and "Keyword: governance (English)" in whats
    # The newest revision is the current state: nothing to restore to there.
    assert removal["restore"] is None and edit["restore"] and creation["restore"]


def test_restoring_an_earlier_point_brings_back_the_article_and_its_parts_then_undo(
    desk, edited, page_cache
):
    client = desk["client"]
    now = public_page(edited)
    assert now["title"] == "Second Title"
    assert now["authors"] == ["Ming Wang", "Elinor Ostrom"]
    assert now["affiliations"] == ["示例大学"]

    creation = revisions(client, edited)[-1]
    confirmation = client.get(creation["restore"])
    assert confirmation.status_code == 200
    plan = html.fromstring(confirmation.content.decode()).cssselect("#restore-plan")[0]
    shown = " ".join(plan.text_content().split())
    assert "Title (English): Second Title → First Title" in shown
    assert "Author: Chris Ansell restored" in shown
    assert "Author: Elinor Ostrom removed" in shown
    assert Article.objects.get(pk=edited.pk).title_en == "Second Title"  # GET changes nothing

    at = html.fromstring(confirmation.content.decode()).cssselect("input[name=at]")[0].get("value")
    response = client.post(reverse("admin:articles_article_restore", args=[edited.pk]), {"at": at})
    assert response.status_code == 302
    assert "restored to its state of" in client.get(response.url).content.decode()

    earlier = public_page(edited)
    assert earlier["title"] == "First Title"
    assert earlier["authors"] == ["Ming Wang", "Chris Ansell"]
    assert earlier["references"][0].startswith("Ansell C, Gash A. Collaborative Governance")
    assert earlier["keywords"] == ["governance", "commons"]
    assert earlier["affiliations"] == []

    # The restore is itself a revision, by the editor; restoring the one before it undoes it.
    restore, before_restore = revisions(client, edited)[:2]
    assert restore["user"] == "editor"
    assert ("Author: Chris Ansell", "created", []) not in restore["changes"]
    assert any(
        what == "Author: Elinor Ostrom" and kind == "deleted"
        for what, kind, _f in restore["changes"]
    )
    confirmation = client.get(before_restore["restore"])
    at = html.fromstring(confirmation.content.decode()).cssselect("input[name=at]")[0].get("value")
    client.post(reverse("admin:articles_article_restore", args=[edited.pk]), {"at": at})
    assert public_page(edited) == now


def test_restoring_the_current_state_changes_nothing(desk, edited):
    client = desk["client"]
    newest = Article.history.filter(id=edited.pk).latest()
    at = max(
        newest.history_date,
        *[a.history_date for a in edited.authors.model.history.filter(article_id=edited.pk)],
    ).isoformat()
    url = reverse("admin:articles_article_restore", args=[edited.pk])
    page = client.get(url, {"at": at}).content.decode()
    assert "already in that state" in page
    response = client.post(url, {"at": at}, follow=True)
    assert "Nothing to restore" in response.content.decode()
    assert len(revisions(client, edited)) == 3


def test_galleys_come_back_and_a_missing_file_is_reported(desk):
    client = desk["client"]
    article = make_full_article(journal=desk["journal"])
    kept_galley = Galley.objects.get(article=article)
    moment = Galley.history.filter(id=kept_galley.pk).latest().history_date
    stored, pk = kept_galley.file.name, kept_galley.pk
    kept_galley.delete()
    assert kept_galley.file.storage.exists(stored)  # deleting the row leaves the file

    url = reverse("admin:articles_article_restore", args=[article.pk])
    response = client.post(url, {"at": moment.isoformat()}, follow=True)
    assert response.status_code == 200
    galley = Galley.objects.get(article=article)
    assert galley.pk == pk and galley.file.name == stored
    assert client.get(galley.get_absolute_url()).status_code == 200

    # The file goes from storage, the row is deleted, then restored: said, not a crash.
    moment = Galley.history.filter(id=galley.pk).latest().history_date
    galley.file.storage.delete(stored)
    galley.delete()
    response = client.post(url, {"at": moment.isoformat()}, follow=True)
    assert response.status_code == 200
    assert "is no longer stored" in response.content.decode()
    assert Galley.objects.filter(article=article).exists()


@pytest.mark.parametrize(
    "at",
    [
        "",
        "yesterday",
        "2026-13-45T00:00:00+00:00",
        "2026-01-01T00:00:00",  # no time zone: ambiguous
        "\x00",
        "9999-12-31T23:59:59-12:00",
        "0001-01-01T00:00:00+14:00",
    ],
)
def test_a_bad_moment_is_a_404(desk, edited, at):
    url = reverse("admin:articles_article_restore", args=[edited.pk])
    assert desk["client"].get(url, {"at": at}).status_code == 404
    assert desk["client"].post(url, {"at": at}).status_code == 404


def test_a_moment_before_the_article_existed_is_a_clear_message(desk, edited):
    url = reverse("admin:articles_article_restore", args=[edited.pk])
    response = desk["client"].post(url, {"at": "1990-01-01T00:00:00+00:00"}, follow=True)
    assert response.status_code == 200
    assert "no recorded state at that time" in response.content.decode()
    assert Article.objects.get(pk=edited.pk).title_en == "Second Title"


@pytest.mark.parametrize("object_id", ["999999", "abc", "1%00", "-1"])
def test_unknown_article_ids_are_404(desk, object_id):
    client = desk["client"]
    at = "2026-01-01T00:00:00+00:00"
    assert client.get(f"/admin/articles/article/{object_id}/history/").status_code == 404
    response = client.get(f"/admin/articles/article/{object_id}/history/restore/", {"at": at})
    assert response.status_code == 404


def test_an_editor_cannot_see_or_restore_another_journals_article(desk):
    client, b = desk["client"], desk["b"]
    moment = Article.history.filter(id=b.pk).earliest().history_date.isoformat()
    b.title_en = "Changed in journal B"
    b.save()
    restore = reverse("admin:articles_article_restore", args=[b.pk])
    assert client.get(history_url(b)).status_code == 403
    assert client.get(restore, {"at": moment}).status_code == 403
    assert client.post(restore, {"at": moment}).status_code == 403
    assert Article.objects.get(pk=b.pk).title_en == "Changed in journal B"


def test_restore_needs_a_post_with_a_csrf_token(desk, edited):
    careful = Client(enforce_csrf_checks=True)
    careful.force_login(desk["editor"])
    moment = Article.history.filter(id=edited.pk).earliest().history_date.isoformat()
    url = reverse("admin:articles_article_restore", args=[edited.pk])
    assert careful.post(url, {"at": moment}).status_code == 403
    assert Article.objects.get(pk=edited.pk).title_en == "Second Title"


def test_the_history_page_runs_the_same_queries_for_any_number_of_parts(
    desk, django_assert_num_queries
):
    client = desk["client"]
    small = make_full_article(journal=desk["journal"], authors=1, references=2)
    large = make_full_article(journal=desk["journal"], authors=8, references=30)
    for article in (small, large):
        for author in article.authors.all():
            author.given_name_en = "Changed"
            author.save()
        article.references.first().delete()
    client.get(history_url(small))  # session and user, warmed once
    for article in (small, large):
        # One query per part model (authors, funding, references, keywords, galleys).
        with django_assert_num_queries(18):
            assert client.get(history_url(article)).status_code == 200


def test_the_history_and_restore_pages_speak_chinese_too(desk, edited):
    client = desk["client"]
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "zh-hans"
    page = client.get(history_url(edited)).content.decode()
    assert "修改历史：" in page and "字段（原值 → 新值）" in page and "恢复到此时…" in page
    assert "标题（英文）: First Title" in " ".join(html.fromstring(page).text_content().split())
    link = html.fromstring(page).cssselect("a.restore-link")[-1].get("href")
    confirmation = client.get(link).content.decode()
    assert "是，恢复" in confirmation and "字段（当前 → 恢复后）" in confirmation


def test_a_restore_that_no_longer_fits_says_why_and_changes_nothing(desk, edited):
    client = desk["client"]
    creation = revisions(client, edited)[-1]
    data = article_form(client, edited)
    data["doi"] = "10.5555/history.2"
    save(client, edited, data)
    make_article(journal=desk["journal"], doi="10.5555/history.1")  # takes the old DOI
    at = parse_qs(urlsplit(creation["restore"]).query)["at"][0]
    url = reverse("admin:articles_article_restore", args=[edited.pk])
    response = client.post(url, {"at": at}, follow=True)
    assert response.status_code == 200
    assert "Not restored:" in response.content.decode()
    edited.refresh_from_db()
    assert (edited.doi, edited.title_en) == ("10.5555/history.2", "Second Title")
    assert edited.authors.count() == 2


def test_an_editor_cannot_restore_an_article_into_a_journal_they_do_not_edit(desk):
    """Moved from journal B to the editor's journal A by a superuser: B's state stays B's."""
    article = make_article(journal=desk["b"].journal, title_en="Filed under B")
    moment = Article.history.filter(id=article.pk).latest().history_date.isoformat()
    journal_a = desk["journal"]
    article.journal, article.issue, article.section = journal_a, None, make_section(journal_a)
    article.save()
    url = reverse("admin:articles_article_restore", args=[article.pk])
    response = desk["client"].post(url, {"at": moment}, follow=True)
    assert "belonged to a journal you do not edit" in response.content.decode()
    assert Article.objects.get(pk=article.pk).journal == journal_a


def test_a_superuser_sees_and_restores_any_journals_article(desk, admin_client):
    b = desk["b"]
    moment = Article.history.filter(id=b.pk).latest().history_date.isoformat()
    b.title_en = "Changed by hand"
    b.save()
    admin_client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    page = admin_client.get(history_url(b)).content.decode()
    assert "Changed by hand" in page
    url = reverse("admin:articles_article_restore", args=[b.pk])
    assert admin_client.post(url, {"at": moment}).status_code == 302
    assert Article.objects.get(pk=b.pk).title_en == (
        "Government and Social Organizations under Collaborative Governance"
    )


def test_restoring_a_point_when_the_article_was_a_draft_makes_it_a_deleted_oai_record(desk, client):
    """OAI-9: a restore that takes an article off the site leaves a tombstone too."""
    article = make_article(
        journal=desk["journal"], status=Status.DRAFT, published_at=None, doi="10.5555/a.9"
    )
    drafted = timezone.now()
    publish_articles(articles=Article.objects.filter(pk=article.pk))
    identifier = f"oai:testserver:article/{article.pk}"
    record = (
        Client()
        .get("/oai/", {"verb": "GetRecord", "identifier": identifier, "metadataPrefix": "oai_dc"})
        .content.decode()
    )
    assert 'status="deleted"' not in record and "<metadata>" in record

    restore_article(article=article, moment=drafted, user=desk["editor"])
    assert Client().get(landing(article)).status_code == 404
    record = (
        Client()
        .get("/oai/", {"verb": "GetRecord", "identifier": identifier, "metadataPrefix": "oai_dc"})
        .content.decode()
    )
    assert 'status="deleted"' in record and "<metadata>" not in record
