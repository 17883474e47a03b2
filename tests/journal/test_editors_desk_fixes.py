"""Issue #13, the editors' desk: citation styles of new journals, references' DOIs shown
once, the login lockout page, capitalised and translated admin labels, the restore
message's time, `make backup` in development and editors' usage statistics."""

import json
import os
import shutil
import sqlite3
import subprocess
from datetime import date
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib import admin
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.auth.models import User
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from lxml import html

from articles.models import Article
from journal.models import Journal
from scholarly.csl import STYLES
from stats.models import DailyCount
from tests.factories import make_article, make_issue, make_journal, make_reference
from tests.forms import form_lists

GBT = "china-national-standard-gb-t-7714-2015-numeric"
EVERY_STYLE = set(STYLES)


def tree_of(response):
    return html.fromstring(response.content.decode())


def field_labels(page):
    """The labels of a rendered admin form's fields (not those of a widget's options)."""
    return [
        label.text_content().strip().rstrip(":：")
        for label in page.cssselect("#content-main form label")
        if not label.cssselect("input") and label.text_content().strip()
    ]


# 3. New journals offer every citation style


def checked_styles(page):
    return [
        box.get("value")
        for box in page.cssselect('input[name="citation_styles"]')
        if box.get("checked") is not None
    ]


@pytest.mark.parametrize(
    ("language", "label", "apa"),
    [
        ("en", "Citation styles offered", "APA 7th edition"),
        ("zh-hans", "提供的引文格式", "APA 格式（第 7 版）"),
    ],
)
def test_the_add_form_ticks_every_style_named_in_the_admins_language(
    admin_client, language, label, apa
):
    response = admin_client.get(reverse("admin:journal_journal_add"), HTTP_ACCEPT_LANGUAGE=language)
    page = tree_of(response)
    assert set(checked_styles(page)) == EVERY_STYLE
    assert label in field_labels(page)
    options = page.cssselect("#id_citation_styles label")
    assert apa in [option.text_content().strip() for option in options]
    # The default styles are chosen by name, not typed as ids.
    for field, chosen in [("citation_style_zh", GBT), ("citation_style_en", "apa")]:
        (selected,) = page.cssselect(f"select#id_{field} option[selected]")
        assert selected.get("value") == chosen
    assert page.cssselect('select#id_citation_style_en option[value="apa"]')[0].text == apa


@pytest.mark.parametrize(("language", "first"), [("en", "apa"), ("zh-hans", GBT)])
def test_a_journal_added_in_the_admin_offers_every_style_its_languages_first(
    admin_client, client, language, first
):
    add_url = reverse("admin:journal_journal_add")
    page = tree_of(admin_client.get(add_url, HTTP_ACCEPT_LANGUAGE="en"))
    data = form_lists(page, "journal_form")
    data.update(
        slug=["new"], title_en=["New Journal"], language=[language], publisher=["Publisher"]
    )
    response = admin_client.post(add_url, data, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 302, response.content.decode()[:2000]
    journal = Journal.objects.get(slug="new")
    assert journal.citation_styles[0] == first
    assert set(journal.citation_styles) == EVERY_STYLE

    # Readers get the style picker, the journal's usual style first, no endless promise.
    article = make_article(journal=journal, language=language, title_en="An Article")
    page = tree_of(client.get(f"/en/new/article/{article.pk}/"))
    options = [option.get("value") for option in page.cssselect("#cite-style option")]
    assert options[0] == first and set(options) == EVERY_STYLE


def test_the_change_form_keeps_the_journals_order_and_adds_new_ticks_after_it(admin_client):
    journal = make_journal(citation_styles=["ieee", "apa"], language="en")
    url = reverse("admin:journal_journal_change", args=[journal.pk])
    page = tree_of(admin_client.get(url, HTTP_ACCEPT_LANGUAGE="en"))
    data = form_lists(page, "journal_form")
    assert set(data["citation_styles"]) == {"ieee", "apa"}
    data["citation_styles"] = [*data["citation_styles"], "modern-language-association"]
    assert admin_client.post(url, data).status_code == 302
    journal.refresh_from_db()
    assert journal.citation_styles == ["ieee", "apa", "modern-language-association"]


def test_journals_created_in_the_shell_without_styles_offer_them_all(db):
    english = Journal.objects.create(slug="en", title_en="E", publisher="P", language="en")
    chinese = Journal.objects.create(slug="zh", title_zh="中", publisher="P", citation_styles=None)
    chosen = Journal.objects.create(slug="c", title_en="C", publisher="P", citation_styles=["ieee"])
    none = Journal.objects.create(slug="n", title_en="N", publisher="P", citation_styles=[])
    assert english.citation_styles[0] == "apa" and set(english.citation_styles) == EVERY_STYLE
    assert chinese.citation_styles == list(STYLES)  # the registry's order: GB/T 7714 first
    assert chosen.citation_styles == ["ieee"] and none.citation_styles == []
    # Saved again later, an English journal keeps whatever its editors chose.
    english.citation_styles = list(STYLES)
    english.save()
    english.refresh_from_db()
    assert english.citation_styles == list(STYLES)


@pytest.mark.django_db
def test_journals_created_by_the_importer_offer_every_style(tmp_path):
    items = [
        {
            "id": "en-1",
            "type": "article-journal",
            "language": "en",
            "title": "Care in Cities",
            "container-title": "Journal of Urban Care",
            "volume": "1",
            "issue": "1",
            "DOI": "10.5555/importer.1",
            "issued": {"date-parts": [[2024, 3, 1]]},
            "author": [{"family": "Smith", "given": "Ann"}],
            "publisher": "P",
        },
        {
            "id": "zh-1",
            "type": "article-journal",
            "language": "zh-CN",
            "title": "城市照护",
            "container-title": "城市照护学报",
            "volume": "1",
            "issue": "1",
            "DOI": "10.5555/importer.2",
            "issued": {"date-parts": [[2024, 3, 1]]},
            "author": [{"family": "王", "given": "明"}],
            "publisher": "P",
        },
    ]
    path = tmp_path / "items.json"
    path.write_text(json.dumps(items, ensure_ascii=False))
    call_command("import_articles", str(path), stdout=StringIO())
    english = Journal.objects.get(title_en="Journal of Urban Care")
    chinese = Journal.objects.get(title_zh="城市照护学报")
    assert english.citation_styles[0] == "apa" and set(english.citation_styles) == EVERY_STYLE
    assert chinese.citation_styles == list(STYLES)


@pytest.mark.parametrize(
    ("language", "pending"), [("en", "being prepared"), ("zh-hans", "正在生成")]
)
def test_a_journal_without_styles_shows_the_downloads_and_no_promise(client, db, language, pending):
    article = make_article(journal=make_journal(citation_styles=[]))
    response = client.get(f"/{language}/{article.journal.slug}/article/{article.pk}/")
    widget = tree_of(response).cssselect(".how-to-cite")[0]
    assert not widget.cssselect("#cite-style") and not widget.cssselect(".cite-output")
    assert pending not in widget.text_content()
    downloads = [a.text for a in widget.cssselect(".citation-downloads a")]
    assert downloads == ["RIS", "BibTeX", "EndNote", "CSL-JSON"]
    for link in widget.cssselect(".citation-downloads a"):
        assert client.get(link.get("href")).status_code == 200


# 9. A reference's DOI is shown once


def reference_items(client, article):
    return tree_of(client.get(f"/en/{article.journal.slug}/article/{article.pk}/")).cssselect(
        ".reference-list > li"
    )


APA = (
    "Ansell, C., & Gash, A. (2008). Collaborative governance in theory and practice. Journal "
    "of Public Administration Research and Theory, 18(4), 543–571. "
    "https://doi.org/10.1093/jopart/mum032"
)
GBT_REFERENCE = (
    "王明. 协同治理研究[J]. 公共管理学报, 2020, 17(2): 1-12. "
    "DOI:10.16149/j.cnki.23-1523.2020.02.001."
)


def test_an_apa_reference_shows_its_doi_once_as_a_link_where_printed(client, db):
    article = make_article()
    make_reference(article, raw_text=APA)
    make_reference(article, raw_text=GBT_REFERENCE)
    apa, gbt = reference_items(client, article)
    assert apa.text_content() == APA
    assert apa.text_content().count("10.1093/jopart/mum032") == 1
    (link,) = apa.cssselect("a")
    assert link.get("href") == "https://doi.org/10.1093/jopart/mum032"
    assert link.text == "https://doi.org/10.1093/jopart/mum032"
    assert gbt.text_content() == GBT_REFERENCE
    (link,) = gbt.cssselect("a")
    assert link.text == "DOI:10.16149/j.cnki.23-1523.2020.02.001"
    assert link.get("href") == "https://doi.org/10.16149/j.cnki.23-1523.2020.02.001"


def test_a_doi_or_url_the_text_does_not_print_follows_it_once(client, db):
    article = make_article()
    make_reference(article, raw_text="Ostrom E. Governing the Commons[M]. 1990.", doi="10.1017/x")
    make_reference(article, raw_text="Report <2020>. https://example.org/report.pdf.")
    make_reference(article, raw_text="Longer DOI. doi:10.1000/abc.12", doi="10.1000/abc.1")
    corrected, report, longer = reference_items(client, article)
    assert corrected.text_content() == (
        "Ostrom E. Governing the Commons[M]. 1990. https://doi.org/10.1017/x"
    )
    assert report.text_content() == "Report <2020>. https://example.org/report.pdf."
    assert [a.get("href") for a in report.cssselect("a")] == ["https://example.org/report.pdf"]
    # 10.1000/abc.1 is not printed (10.1000/abc.12 is): its link comes after the text.
    assert longer.text_content() == "Longer DOI. doi:10.1000/abc.12 https://doi.org/10.1000/abc.1"


# 10. The lockout page; labels capitalised and translated; the restore message's time


@pytest.mark.slow  # a password hash per failed sign-in (~3 s)
@pytest.mark.parametrize(
    ("language", "html_lang", "heading", "wait"),
    [
        ("en", "en", "Too many failed sign-ins", "Try again in 1\xa0hour."),
        ("zh-hans", "zh-Hans", "登录失败次数过多", "请在 1\xa0小时后重试。"),
    ],
)
def test_a_locked_out_login_gets_the_sites_page_in_its_language(
    db, client, settings, language, html_lang, heading, wait
):
    settings.AXES_ENABLED = True
    User.objects.create_user("editor", password="right-password-1", is_staff=True)
    url = reverse("admin:login")
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = language
    for _ in range(5):
        client.post(url, {"username": "editor", "password": "wrong"})
    response = client.post(url, {"username": "editor", "password": "right-password-1"})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    page = tree_of(response)
    assert page.get("lang") == html_lang
    assert page.cssselect(".site-header")  # the site's own page, header and all
    assert page.cssselect("h1")[0].text == heading
    assert wait in page.cssselect("main")[0].text_content()


@pytest.mark.slow  # a password hash per failed sign-in (~3 s)
def test_the_lockout_page_states_a_shorter_cool_off(db, client, settings):
    settings.AXES_ENABLED = True
    settings.AXES_COOLOFF_TIME = 0.5
    url = reverse("admin:login")
    for _ in range(6):
        response = client.post(
            url, {"username": "nobody", "password": "wrong"}, HTTP_ACCEPT_LANGUAGE="en"
        )
    assert response.status_code == 429
    assert "Try again in 30\xa0minutes." in response.content.decode()


def test_every_admin_add_form_labels_its_fields_with_a_capital(admin_client, rf):
    request = rf.get("/admin/")
    request.user = User.objects.get(username="admin")
    checked = []
    for model, model_admin in admin.site._registry.items():
        if not model_admin.has_add_permission(request):
            continue
        opts = model._meta
        response = admin_client.get(
            reverse(f"admin:{opts.app_label}_{opts.model_name}_add"), HTTP_ACCEPT_LANGUAGE="en"
        )
        assert response.status_code == 200, opts.label
        for label in field_labels(tree_of(response)):
            if label[0].isalpha():
                assert label[0].isupper(), f"{opts.label}: {label!r}"
        checked.append(opts.label)
    assert {"articles.Article", "journal.Journal"} <= set(checked)


def test_the_article_forms_keyword_labels_are_capitalised_and_translated(admin_client):
    url = reverse("admin:articles_article_add")
    english = field_labels(tree_of(admin_client.get(url, HTTP_ACCEPT_LANGUAGE="en")))
    chinese = field_labels(tree_of(admin_client.get(url, HTTP_ACCEPT_LANGUAGE="zh-hans")))
    assert {"Keywords (Chinese)", "Keywords (English)"} <= set(english)
    assert {"关键词（中文）", "关键词（英文）"} <= set(chinese)


@pytest.mark.parametrize(
    ("language", "said"),
    [
        ("en", "The article was restored to its state of {moment}. The restore is in"),
        ("zh-hans", "文章已恢复到 {moment} 时的状态。"),
    ],
)
def test_the_restore_message_prints_the_time_as_the_history_does(admin_client, language, said):
    article = make_article(title_en="First")
    article.title_en = "Second"
    article.save()
    moment = Article.history.filter(id=article.pk).earliest().history_date
    response = admin_client.post(
        reverse("admin:articles_article_restore", args=[article.pk]),
        {"at": moment.isoformat()},
        follow=True,
        HTTP_ACCEPT_LANGUAGE=language,
    )
    message = tree_of(response).cssselect(".messagelist .success")[0].text_content()
    shown = timezone.localtime(moment).strftime("%Y-%m-%d %H:%M:%S")
    assert said.format(moment=shown) in message
    assert ".." not in message
    assert Article.objects.get(pk=article.pk).title_en == "First"


# 11. make backup right after make run


# Both write a new backups/<UTC second>[-n]/ of this checkout and remove it; on one xdist
# worker (make test runs --dist loadgroup), so that the checkout's backups/ is theirs alone.
@pytest.mark.xdist_group("checkout-backups-folder")
@pytest.mark.parametrize("secret_key", ["", "a-production-secret-key"])
def test_make_backup_works_without_production_settings(tmp_path, secret_key):
    """No DJANGO_SECRET_KEY: the development setup of `make run` (DJANGO_DEBUG=1);
    with one, the environment as it is, as for the server."""
    make = shutil.which("make")
    if make is None:
        pytest.skip("make is not installed")
    database = tmp_path / "db.sqlite3"
    with sqlite3.connect(database) as connection:
        connection.execute("create table marker (word text)")
        connection.execute("insert into marker values ('backed up')")
    connection.close()
    (tmp_path / "media").mkdir()
    (tmp_path / "media" / "galley.pdf").write_bytes(b"%PDF-1.4")
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(DATABASE_URL=f"sqlite:///{database}", DJANGO_MEDIA_ROOT=str(tmp_path / "media"))
    if secret_key:
        env["DJANGO_SECRET_KEY"] = secret_key
    result = subprocess.run(
        [make, "--no-print-directory", "-o", ".venv/.installed", "backup"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    folder = Path(result.stdout.strip().splitlines()[-1])
    try:
        assert folder.parent == Path(settings.BASE_DIR) / "backups"
        with sqlite3.connect(folder / "database.sqlite3") as copy:
            assert copy.execute("select word from marker").fetchall() == [("backed up",)]
        copy.close()
        assert "media.tar.gz" in json.loads((folder / "manifest.json").read_text())["files"]
    finally:
        shutil.rmtree(folder)


# 12. Editors see their own journals' usage statistics


@pytest.fixture
def two_journals(db, client):
    """Journal A edited by the logged-in editor, journal B by someone else; usage in both."""
    journal_a, journal_b = make_journal(slug="a"), make_journal(slug="b")
    editor = User.objects.create_user("editor", password="pw-long-enough-1", is_staff=True)
    journal_a.editors.add(editor)
    client.force_login(editor)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    ours = make_article(issue=make_issue(journal_a, volume=1), title_en="Ours", doi="10.5555/ours")
    theirs = make_article(
        issue=make_issue(journal_b, volume=9), title_en="Theirs", doi="10.5555/theirs"
    )
    for article, views in [(ours, 3), (theirs, 7)]:
        DailyCount.objects.create(
            article=article, date=date(2025, 1, 2), views=views, unique_investigations=views
        )
    return {"client": client, "ours": ours, "theirs": theirs}


def test_an_editor_sees_the_usage_statistics_of_their_journals_articles(two_journals):
    client, ours = two_journals["client"], two_journals["ours"]
    index = client.get(reverse("admin:index")).content.decode()
    assert reverse("admin:stats_articlestatistics_changelist") in index
    response = client.get(reverse("admin:stats_articlestatistics_changelist"))
    assert response.status_code == 200
    rows = tree_of(response).cssselect("#result_list tbody tr")
    assert [[cell.text_content() for cell in row][1:] for row in rows] == [
        [str(ours), str(ours.issue), "3", "0", "3", "0"]
    ]
    response = client.get(reverse("admin:stats_issuestatistics_changelist"))
    assert str(ours.issue) in response.content.decode()
    response = client.get(reverse("admin:stats_dailycount_changelist"))
    assert response.status_code == 200 and "Ours" in response.content.decode()
    # Read-only, even for their own journal.
    assert (
        "_save"
        not in client.get(
            reverse("admin:stats_articlestatistics_change", args=[ours.pk])
        ).content.decode()
    )


def test_an_editor_never_sees_another_journals_usage_statistics(two_journals):
    client, theirs = two_journals["client"], two_journals["theirs"]
    for name in ["articlestatistics", "issuestatistics", "dailycount"]:
        page = client.get(reverse(f"admin:stats_{name}_changelist")).content.decode()
        assert "Theirs" not in page and str(theirs.journal) not in page
        assert str(theirs.issue) not in page
    for name, pk in [
        ("articlestatistics", theirs.pk),
        ("issuestatistics", theirs.issue.pk),
        ("dailycount", DailyCount.objects.get(article=theirs).pk),
    ]:
        assert client.get(reverse(f"admin:stats_{name}_change", args=[pk])).status_code == 403
    # The report of "everything" is the editor's own journals' only.
    response = client.post(
        reverse("admin:stats_articlestatistics_changelist"),
        {
            "action": "export_item_report",
            "select_across": "1",
            ACTION_CHECKBOX_NAME: [str(two_journals["ours"].pk)],
        },
    )
    report = response.content.decode("utf-8-sig")
    assert "10.5555/ours" in report and "10.5555/theirs" not in report


def test_staff_without_a_journal_see_no_statistics(db, client):
    make_article(title_en="Anyone's")
    User.objects.create_user("staff", password="pw-long-enough-1", is_staff=True)
    client.login(username="staff", password="pw-long-enough-1")
    response = client.get(reverse("admin:stats_articlestatistics_changelist"))
    assert response.status_code == 403
