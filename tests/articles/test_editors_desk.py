"""The editors' desk in the admin: roles, publishing, preview, history, uploads, import."""

import json
from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from articles.keywords import set_keywords
from articles.models import Article, Author, Galley, Status
from articles.publishing import publish_issue
from articles.romanise import propose_romanisation
from journal.models import Issue
from tests.factories import (
    make_article,
    make_author,
    make_issue,
    make_journal,
    make_section,
    pdf_bytes,
)
from tests.forms import article_form_data, galley_data, inline_management
from tests.pages import landing

# Roles


def test_editor_gets_403_on_another_journals_objects(desk):
    client, b = desk["client"], desk["b"]
    for name, obj in [
        ("articles_article", b),
        ("journal_issue", b.issue),
        ("journal_section", b.section),
        ("journal_journal", b.journal),
    ]:
        assert client.get(reverse(f"admin:{name}_change", args=[obj.pk])).status_code == 403
        assert client.get(reverse(f"admin:{name}_history", args=[obj.pk])).status_code == 403
    assert client.get(reverse("admin:articles_article_delete", args=[b.pk])).status_code == 403
    assert (
        client.get(reverse("admin:articles_article_change", args=[desk["a"].pk])).status_code == 200
    )


def test_another_journals_objects_are_absent_from_lists_and_autocompletes(desk):
    client, a, b = desk["client"], desk["a"], desk["b"]
    page = client.get(reverse("admin:articles_article_changelist")).content.decode()
    assert "甲刊文章" in page and "乙刊文章" not in page
    assert str(b.journal) not in page  # not even in the journal filter
    for name in ["journal_issue", "journal_section", "journal_journal"]:
        page = client.get(reverse(f"admin:{name}_changelist")).content.decode()
        assert str(b.journal) not in page and str(a.journal) in page
    for field in ["journal", "issue", "section"]:
        response = client.get(
            reverse("admin:autocomplete"),
            {"app_label": "articles", "model_name": "article", "field_name": field, "term": ""},
        )
        ids = {int(result["id"]) for result in response.json()["results"]}
        assert getattr(a, f"{field}_id") in ids
        assert getattr(b, f"{field}_id") not in ids


def test_editor_cannot_file_an_article_under_another_journals_issue(desk):
    b, a = desk["b"], desk["a"]
    data = article_form_data(b.issue, b.section, journal=b.journal.pk)
    response = desk["client"].post(reverse("admin:articles_article_add"), data)
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not Article.objects.filter(title_en=data["title_en"]).exists()
    # Own journal: accepted.
    data = article_form_data(a.issue, a.section, journal=a.journal.pk, doi="")
    assert desk["client"].post(reverse("admin:articles_article_add"), data).status_code == 302


def test_staff_without_a_journal_cannot_use_the_desk(db, client):
    user = User.objects.create_user("nobody", password="pw-long-enough-1", is_staff=True)
    client.force_login(user)
    assert client.get(reverse("admin:articles_article_changelist")).status_code == 403


def test_only_superusers_choose_a_journals_editors(desk, admin_client):
    a = desk["a"].journal
    url = reverse("admin:journal_journal_change", args=[a.pk])
    assert 'name="editors"' not in desk["client"].get(url).content.decode()
    assert 'name="editors"' in admin_client.get(url).content.decode()


@pytest.mark.slow  # a password hash per failed sign-in (~3 s)
def test_login_is_throttled_after_repeated_wrong_passwords(db, client, settings):
    settings.AXES_ENABLED = True
    User.objects.create_user("editor", password="right-password-1", is_staff=True)
    url = reverse("admin:login")
    for _ in range(5):
        client.post(url, {"username": "editor", "password": "wrong"})
    response = client.post(url, {"username": "editor", "password": "right-password-1"})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


# Publishing


def test_publishing_an_issue_publishes_its_ready_articles_in_one_action(desk):
    journal = desk["a"].journal
    issue = make_issue(journal, is_published=False)
    section = make_section(journal)
    ready = make_article(
        journal=journal, issue=issue, section=section, status=Status.DRAFT, published_at=None
    )
    make_author(ready)
    no_author = make_article(
        journal=journal,
        issue=issue,
        section=section,
        status=Status.DRAFT,
        published_at=None,
        title_zh="无作者",
        doi="",
    )
    client = desk["client"]
    assert client.get(landing(ready)).status_code == 200  # editor's preview
    client.logout()
    assert client.get(landing(ready)).status_code == 404
    client.force_login(desk["editor"])
    response = client.post(
        reverse("admin:journal_issue_changelist"),
        {"action": "publish", "_selected_action": [issue.pk]},
        follow=True,
    )
    page = response.content.decode()
    assert "published with 1 article made public" in page
    assert "Left as drafts" in page and "无作者" in page
    client.logout()
    assert client.get(landing(ready)).status_code == 200
    assert client.get(landing(no_author)).status_code == 404
    assert Issue.objects.get(pk=issue.pk).is_public


def test_publish_issue_is_all_or_nothing(desk, monkeypatch):
    issue = make_issue(desk["a"].journal, is_published=False)
    article = make_article(
        journal=issue.journal, issue=issue, status=Status.DRAFT, published_at=None, doi=""
    )
    make_author(article)

    def broken_save(self, *args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(Issue, "save", broken_save)
    with pytest.raises(RuntimeError):
        publish_issue(issue=issue)
    article.refresh_from_db()
    assert article.status == Status.DRAFT


def test_scheduled_article_goes_public_by_itself(desk, client):
    article = desk["a"]
    Article.objects.filter(pk=article.pk).update(
        status=Status.PUBLISHED, published_at=timezone.now() + timedelta(seconds=60)
    )
    client.logout()
    assert client.get(landing(article)).status_code == 404
    Article.objects.filter(pk=article.pk).update(published_at=timezone.now() - timedelta(seconds=1))
    assert client.get(landing(article)).status_code == 200


def test_unpublish_action_takes_articles_off_the_site(desk):
    a, client = desk["a"], desk["client"]
    response = client.post(
        reverse("admin:articles_article_changelist"),
        {"action": "unpublish", "_selected_action": [a.pk]},
        follow=True,
    )
    assert "1 article unpublished." in response.content.decode()
    client.logout()
    assert client.get(landing(a)).status_code == 404


def test_editors_preview_drafts_in_both_languages_but_not_other_journals(desk):
    a, b, client = desk["a"], desk["b"], desk["client"]
    Article.objects.filter(pk__in=[a.pk, b.pk]).update(status=Status.DRAFT)
    page = client.get(landing(a, "en")).content.decode()
    assert "Preview for editors" in page and "甲刊文章" in page
    page = client.get(landing(a, "zh-hans")).content.decode()
    assert 'class="preview-banner"' in page and "甲刊文章" in page
    assert client.get(landing(b)).status_code == 404
    change = client.get(reverse("admin:articles_article_change", args=[a.pk])).content.decode()
    assert f'href="{landing(a, "zh-hans")}"' in change and f'href="{landing(a, "en")}"' in change


# Authors


@pytest.mark.parametrize(
    ("family", "given", "expected"),
    [
        ("单", "雄信", ("Shan", "Xiongxin")),
        ("曾", "国藩", ("Zeng", "Guofan")),
        ("仇", "英", ("Qiu", "Ying")),
        ("朴", "槿惠", ("Piao", "Jinhui")),
        ("解", "缙", ("Xie", "Jin")),
        ("区", "家麟", ("Ou", "Jialin")),
        ("查", "良镛", ("Zha", "Liangyong")),
        ("盖", "叫天", ("Ge", "Jiaotian")),
        ("乐", "嘉", ("Yue", "Jia")),
        ("尉迟", "恭", ("Yuchi", "Gong")),
        ("欧阳", "修", ("Ouyang", "Xiu")),
        ("王", "西安", ("Wang", "Xi'an")),
        ("Ansell", "Chris", None),
    ],
)
def test_romanisation_reads_polyphonic_surnames_right(family, given, expected):
    assert propose_romanisation(family, given) == expected


def test_saving_a_chinese_author_proposes_the_romanised_name_for_checking(admin_client, db):
    issue = make_issue()
    data = article_form_data(
        issue,
        make_section(issue.journal),
        **{"authors-0-family_name": "单", "authors-0-given_name": "雄信"},
    )
    data["authors-0-family_name_en"] = data["authors-0-given_name_en"] = ""
    admin_client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    response = admin_client.post(reverse("admin:articles_article_add"), data, follow=True)
    assert "Romanised names proposed; please check" in response.content.decode()
    author = Author.objects.get(family_name="单")
    assert (author.family_name_en, author.given_name_en) == ("Shan", "Xiongxin")
    ansell = Author.objects.get(family_name="Ansell")
    assert ansell.family_name_en == ""  # not Chinese: nothing proposed


def test_romanisation_endpoint_for_the_inline_button(desk):
    url = reverse("admin:articles_article_romanise")
    response = desk["client"].get(url, {"family": "曾", "given": "国藩"})
    assert response.json() == {"family": "Zeng", "given": "Guofan"}
    desk["client"].logout()
    assert desk["client"].get(url, {"family": "曾"}).status_code == 302  # to the login


def test_keyword_suggestions_come_from_the_editors_own_journals(desk):
    set_keywords(article=desk["a"], language="zh-hans", keywords="协同治理；社会组织")
    set_keywords(article=desk["b"], language="zh-hans", keywords="协同创新")
    url = reverse("admin:articles_article_keywords")
    response = desk["client"].get(url, {"q": "协同", "language": "zh-hans"})
    assert response.json() == {"keywords": ["协同治理"]}
    assert desk["client"].get(url, {"q": "协同", "language": "en"}).json() == {"keywords": []}


# History and recovery


def test_every_change_is_recorded_with_who_and_can_be_reverted(desk):
    a, client = desk["a"], desk["client"]
    data = article_form_data(
        a.issue,
        a.section,
        journal=a.journal.pk,
        doi="10.5555/a.1",
        title_en="Changed English title",
        **inline_management("authors", total=0),
        **inline_management("references", total=0),
    )
    url = reverse("admin:articles_article_change", args=[a.pk])
    assert client.post(url, data).status_code == 302
    latest = a.history.latest()
    assert latest.history_user == desk["editor"]
    assert "title_en" in latest.diff_against(latest.prev_record).changed_fields
    page = client.get(reverse("admin:articles_article_history", args=[a.pk])).content.decode()
    assert "editor" in page and "Changed English title" in page
    # Revert to the first version through the admin's history form.
    first = a.history.earliest()
    revert_url = reverse("admin:articles_article_simple_history", args=[a.pk, first.history_id])
    form_page = client.get(revert_url)
    assert form_page.status_code == 200
    data["title_en"] = first.title_en
    assert client.post(revert_url, data).status_code == 302
    a.refresh_from_db()
    assert a.title_en == first.title_en


def test_removed_authors_stay_in_the_history(desk):
    author = make_author(desk["a"], family_name="曾", given_name="国藩")
    pk = author.pk
    author.delete()
    record = Author.history.filter(id=pk).latest()
    assert record.history_type == "-" and record.family_name == "曾"


def test_deleting_an_article_hides_it_and_can_be_undone(desk):
    a, client = desk["a"], desk["client"]
    public_url = landing(a)
    response = client.post(
        reverse("admin:articles_article_delete", args=[a.pk]), {"post": "yes"}, follow=True
    )
    assert "Restore" in response.content.decode()
    assert Article.objects.filter(pk=a.pk).exists()  # nothing erased
    assert (
        "甲刊文章" not in client.get(reverse("admin:articles_article_changelist")).content.decode()
    )
    deleted_list = client.get(reverse("admin:articles_article_changelist"), {"deleted": "yes"})
    assert "甲刊文章" in deleted_list.content.decode()
    client.logout()
    assert client.get(public_url).status_code == 404
    client.force_login(desk["editor"])
    response = client.post(
        reverse("admin:articles_article_changelist") + "?deleted=yes",
        {"action": "restore", "_selected_action": [a.pk]},
        follow=True,
    )
    assert "1 article restored." in response.content.decode()
    client.logout()
    assert client.get(public_url).status_code == 200


def test_bulk_delete_action_is_soft_too(desk):
    response = desk["client"].post(
        reverse("admin:articles_article_changelist"),
        {"action": "delete_selected", "_selected_action": [desk["a"].pk], "post": "yes"},
        follow=True,
    )
    assert response.status_code == 200
    assert Article.objects.deleted().filter(pk=desk["a"].pk).exists()
    assert not Article.objects.published().filter(pk=desk["a"].pk).exists()


# Uploads


def test_a_file_that_is_not_a_pdf_is_refused_with_a_clear_error(desk, settings):
    a = desk["a"]
    fake = SimpleUploadedFile("paper.pdf", b"<html>not a pdf</html>", "application/pdf")
    response = desk["client"].post(
        reverse("admin:articles_article_change", args=[a.pk]), galley_data(a, fake)
    )
    assert response.status_code == 200
    assert "This file is not a PDF." in response.content.decode()
    assert not Galley.objects.exists()
    media = settings.MEDIA_ROOT
    assert not media.exists() or not any(p.is_file() for p in media.rglob("*"))


def test_a_pdf_over_the_size_limit_is_refused(desk, settings):
    settings.GALLEY_MAX_UPLOAD_SIZE = 100
    a = desk["a"]
    upload = SimpleUploadedFile("paper.pdf", pdf_bytes(), "application/pdf")
    response = desk["client"].post(
        reverse("admin:articles_article_change", args=[a.pk]), galley_data(a, upload)
    )
    assert "the limit is" in response.content.decode()
    assert not Galley.objects.exists()


def test_a_real_pdf_is_stored_and_served(desk):
    a = desk["a"]
    upload = SimpleUploadedFile("whatever.bin", pdf_bytes("Real"), "application/octet-stream")
    response = desk["client"].post(
        reverse("admin:articles_article_change", args=[a.pk]), galley_data(a, upload)
    )
    assert response.status_code == 302
    galley = Galley.objects.get()
    assert galley.file.storage.exists(galley.file.name)
    download = desk["client"].get(galley.get_absolute_url())
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF-")


# Import


def csl_item(**overrides):
    data = {
        "id": "zotero-1",
        "type": "article-journal",
        "language": "zh-CN",
        "title": "社区养老服务研究",
        "ISSN": "2096-1235",
        "volume": "18",
        "issue": "3",
        "page": "89-101",
        "DOI": "10.5555/import.1",
        "issued": {"date-parts": [[2021, 7, 15]]},
        "author": [{"family": "徐", "given": "家良"}],
    }
    data.update(overrides)
    return data


def test_import_shows_a_dry_run_preview_then_imports_on_confirmation(admin_client, db):
    make_journal(issn_online="2096-1235")
    admin_client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    url = reverse("admin:articles_article_import")
    content = json.dumps([csl_item()], ensure_ascii=False).encode()
    upload = SimpleUploadedFile("items.json", content, "application/json")
    page = admin_client.post(url, {"file": upload}).content.decode()
    assert "Preview: nothing has been saved yet" in page
    assert "社区养老服务研究" in page and "1 article will be created" in page
    assert not Article.objects.exists()
    html_value = json.dumps([csl_item()], ensure_ascii=False)
    response = admin_client.post(url, {"content": html_value, "_confirm": "1"}, follow=True)
    assert "1 article imported." in response.content.decode()
    assert Article.objects.get().title_zh == "社区养老服务研究"


def test_import_reports_bad_files_without_saving(admin_client, db):
    admin_client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    upload = SimpleUploadedFile("items.json", b"{not json", "application/json")
    page = admin_client.post(reverse("admin:articles_article_import"), {"file": upload})
    assert page.status_code == 200
    assert "not valid JSON" in page.content.decode()
    assert not Article.objects.exists()


def test_an_editor_imports_only_into_their_own_journals(desk):
    issn = desk["b"].journal.issn_online or "2096-1235"
    type(desk["b"].journal).objects.filter(pk=desk["b"].journal.pk).update(issn_online=issn)
    content = json.dumps([csl_item(ISSN=issn)], ensure_ascii=False).encode()
    upload = SimpleUploadedFile("items.json", content, "application/json")
    page = desk["client"].post(reverse("admin:articles_article_import"), {"file": upload})
    assert f"names the journal “{desk['b'].journal}”, which this import may not write to" in (
        page.content.decode()
    )
    assert not Article.objects.filter(title_zh="社区养老服务研究").exists()
