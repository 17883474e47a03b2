"""Imports an editor could use to reach past their journals, or to plant a link (#13).

Every hostile file is tried both ways in: the admin import, as an editor of
journal B (the preview, and the confirmation posted anyway), and
``manage.py import_articles --journal b``. Each is refused with a message naming
the item and the field, and leaves the database exactly as it was.
"""

import json
from io import StringIO

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import translation
from lxml import html

from articles.models import Article, Status
from tests.factories import make_article, make_full_article, make_journal
from tests.forms import article_form_data, inline_management

ISSN_A, ISSN_B, ISSN_UNKNOWN = "2096-1235", "0254-4164", "1672-6162"


def import_url():
    return reverse("admin:articles_article_import")


def csl_item(**overrides):
    """A new article for journal B, as an editor of B would import it."""
    data = {
        "id": "zotero-1",
        "type": "article-journal",
        "language": "zh-CN",
        "title": "社区养老服务研究",
        "container-title": "乙刊",
        "ISSN": ISSN_B,
        "volume": "18",
        "issue": "3",
        "page": "89-101",
        "DOI": "10.5555/import.1",
        "issued": {"date-parts": [[2021, 7, 15]]},
        "author": [{"family": "徐", "given": "家良"}],
        "custom": {"status": "published"},
    }
    data.update(overrides)
    return data


def with_references(*references):
    return csl_item(custom={"status": "published", "references": list(references)})


@pytest.fixture
def journals(db, client):
    """Journal A with a published article; journal B, whose editor is logged in (English)."""
    a = make_journal(slug="a", title_zh="甲刊", issn_online=ISSN_A)
    b = make_journal(slug="b", title_zh="乙刊", issn_print=ISSN_B)
    editor = User.objects.create_user("editor", password="pw-long-enough-1", is_staff=True)
    b.editors.add(editor)
    client.force_login(editor)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    article_a = make_full_article(journal=a, title_zh="甲刊的文章", references=2)
    article_b = make_article(journal=b, title_zh="乙刊的文章", doi="10.5555/b.1")
    return {"a": a, "b": b, "client": client, "article_a": article_a, "article_b": article_b}


def import_errors(response):
    assert response.status_code == 200
    page = html.fromstring(response.content.decode())
    return [li.text_content() for li in page.cssselect("#import-errors li")]


def preview(client, items):
    content = json.dumps(items, ensure_ascii=False).encode()
    return client.post(import_url(), {"file": SimpleUploadedFile("items.json", content)})


def confirm(client, items):
    """The confirmation form's post, as an editor could send it without a clean preview."""
    content = json.dumps(items, ensure_ascii=False)
    return client.post(import_url(), {"content": content, "_confirm": "1"})


def run_command(tmp_path, items, *options):
    path = tmp_path / "items.json"
    path.write_text(json.dumps(items, ensure_ascii=False))
    out = StringIO()
    call_command("import_articles", str(path), *options, stdout=out)
    return out.getvalue()


def in_english(article):
    """The article as the (English) messages name it, whatever language the test is in."""
    with translation.override("en"):
        return str(article)


# Each case: the item, and the message the admin and the command give for it.
HOSTILE = {
    "another-journals-doi": (
        lambda j: csl_item(DOI=j["article_a"].doi),
        lambda j: (
            f"item 1 (zotero-1), field “DOI”: {j['article_a'].doi} is the DOI of "
            f"“{in_english(j['article_a'])}” in the journal “甲刊”, "
            "which this import may not change."
        ),
    ),
    "another-journals-issn": (
        lambda j: csl_item(ISSN=ISSN_A),
        lambda j: (
            "item 1 (zotero-1), field “ISSN”: names the journal “甲刊”, which this import "
            "may not write to; it may write to: 乙刊."
        ),
    ),
    "another-journals-title": (
        lambda j: csl_item(ISSN=[], **{"container-title": "甲刊"}),
        lambda j: (
            "item 1 (zotero-1), field “container-title”: names the journal “甲刊”, which "
            "this import may not write to; it may write to: 乙刊."
        ),
    ),
    "a-new-journal": (
        lambda j: csl_item(ISSN=ISSN_UNKNOWN, **{"container-title": "新刊"}),
        lambda j: (
            f"item 1 (zotero-1), field “ISSN”: “{ISSN_UNKNOWN}” names no journal on this "
            "site, and this import may not create one (an editor’s import never does): "
            "an administrator must add the journal first."
        ),
    ),
    "javascript-url": (
        lambda j: with_references({"text": "A. Title.", "url": "javascript:alert(1)"}),
        lambda j: "item 1 (zotero-1), field “custom.references[0].url”: Enter a valid URL.",
    ),
    "data-url": (
        lambda j: with_references(
            "Ostrom E. Governing the Commons[M]. 1990.",
            {"text": "B.", "url": "data:text/html,<script>alert(1)</script>"},
        ),
        lambda j: "item 1 (zotero-1), field “custom.references[1].url”: Enter a valid URL.",
    ),
    "javascript-doi": (
        lambda j: with_references({"text": "C.", "doi": "javascript:alert(1)"}),
        lambda j: (
            "item 1 (zotero-1), field “custom.references[0].doi”: “javascript:alert(1)” "
            "is not a DOI: it must look like 10.1234/abc."
        ),
    ),
}


@pytest.mark.parametrize("case", list(HOSTILE))
def test_a_hostile_import_in_the_admin_is_refused_in_the_preview_and_on_confirmation(
    journals, database_unchanged, case
):
    make_item, message = HOSTILE[case]
    items = [make_item(journals)]
    with database_unchanged():
        assert import_errors(preview(journals["client"], items)) == [message(journals)]
        assert import_errors(confirm(journals["client"], items)) == [message(journals)]
    assert Article.objects.get(pk=journals["article_a"].pk).is_public


@pytest.mark.parametrize("case", list(HOSTILE))
def test_a_hostile_import_with_the_journal_option_is_a_command_error(
    journals, database_unchanged, tmp_path, case
):
    make_item, message = HOSTILE[case]
    with database_unchanged(), pytest.raises(CommandError) as failure:
        run_command(tmp_path, [make_item(journals)], "--journal", "b")
    assert str(failure.value) == f"Nothing was imported:\n  {message(journals)}"


def test_one_hostile_item_stops_the_whole_file(journals, database_unchanged):
    items = [csl_item(DOI="10.5555/fine.1"), csl_item(id="x", DOI=journals["article_a"].doi)]
    with database_unchanged():
        errors = import_errors(confirm(journals["client"], items))
    assert [error.split(",")[0] for error in errors] == ["item 2 (x)"]


@pytest.mark.parametrize("case", ["javascript-url", "data-url", "javascript-doi"])
def test_reference_links_are_checked_for_an_import_into_every_journal_too(
    journals, database_unchanged, tmp_path, case
):
    make_item, message = HOSTILE[case]
    with database_unchanged(), pytest.raises(CommandError, match="custom.references"):
        run_command(tmp_path, [make_item(journals)])


def test_an_unknown_journal_option_is_a_command_error(journals, database_unchanged, tmp_path):
    with database_unchanged(), pytest.raises(CommandError, match="No journal has the slug “c”"):
        run_command(tmp_path, [csl_item()], "--journal", "c")


def test_the_admin_form_refuses_the_reference_links_the_import_refuses(
    journals, database_unchanged
):
    """One validation, on the model: the admin's reference inline gives the same errors."""
    article = journals["article_b"]
    data = article_form_data(
        article.issue,
        article.section,
        journal=journals["b"].pk,
        **inline_management("authors", total=0),
        **inline_management("references", total=2),
        **{
            "references-0-raw_text": "A.",
            "references-0-url": "javascript:alert(1)",
            "references-1-raw_text": "B.",
            "references-1-doi": "javascript:alert(1)",
        },
    )
    url = reverse("admin:articles_article_change", args=[article.pk])
    with database_unchanged():
        response = journals["client"].post(url, data)
    assert response.status_code == 200
    page = html.fromstring(response.content.decode())
    errors = [li.text_content() for li in page.cssselect(".errorlist li")]
    assert "Enter a valid URL." in errors
    assert "“javascript:alert(1)” is not a DOI: it must look like 10.1234/abc." in errors


# What an editor may do


def test_an_editor_imports_into_their_own_journal(journals):
    client = journals["client"]
    page = preview(client, [csl_item()]).content.decode()
    assert "1 article will be created" in page
    response = confirm(client, [csl_item()])
    assert response.status_code == 302
    article = Article.objects.get(doi="10.5555/import.1")
    assert article.journal == journals["b"] and article.is_public
    assert client.get(article.get_absolute_url()).status_code == 200


def test_an_editors_import_updates_the_article_of_their_journal_with_that_doi(journals):
    client, article = journals["client"], journals["article_b"]
    item = csl_item(DOI=article.doi, title="乙刊的文章（修订）")
    page = preview(client, [item]).content.decode()
    assert "0 articles will be created" in page and "1 updated." in page
    assert confirm(client, [item]).status_code == 302
    article.refresh_from_db()
    assert (article.title_zh, article.journal, article.status) == (
        "乙刊的文章（修订）",
        journals["b"],
        Status.PUBLISHED,
    )
    assert Article.objects.filter(doi=article.doi).count() == 1


def test_the_journal_option_imports_and_updates_inside_that_journal(journals, tmp_path):
    article = journals["article_b"]
    items = [csl_item(), csl_item(id="z2", DOI=article.doi, title="乙刊的文章（修订）")]
    output = run_command(tmp_path, items, "--journal", "b")
    assert [line.split("\t")[:2] for line in output.splitlines()] == [
        ["created", "10.5555/import.1"],
        ["updated", article.doi],
    ]
    article.refresh_from_db()
    assert article.title_zh == "乙刊的文章（修订）"
    assert set(Article.objects.filter(journal=journals["b"]).values_list("doi", flat=True)) == {
        "10.5555/import.1",
        article.doi,
    }


def test_import_errors_are_in_the_admins_language(admin_client, db):
    admin_client.defaults["HTTP_ACCEPT_LANGUAGE"] = "zh-hans"
    assert import_errors(preview(admin_client, [csl_item(title="")])) == [
        "第 1 条（zotero-1），字段“title”：缺失"
    ]
    bad_json = SimpleUploadedFile("items.json", b"{not json")
    errors = import_errors(admin_client.post(import_url(), {"file": bad_json}))
    assert errors[0].startswith("文件不是有效的 JSON：")


def test_an_editor_reads_the_scope_errors_in_chinese(journals):
    client = journals["client"]
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "zh-hans"
    article_a = journals["article_a"]
    items = [
        csl_item(DOI=article_a.doi),
        csl_item(id="z2", DOI="10.5555/new.2", ISSN=ISSN_A),
        csl_item(id="z3", DOI="10.5555/new.3", ISSN=ISSN_UNKNOWN, **{"container-title": "新刊"}),
    ]
    assert import_errors(preview(client, items)) == [
        f"第 1 条（zotero-1），字段“DOI”：{article_a.doi} 是期刊“甲刊”中论文“{article_a}”的 DOI，"
        "此次导入不能修改该论文。",
        "第 2 条（z2），字段“ISSN”：对应期刊“甲刊”，此次导入不能写入该期刊；可写入的期刊：乙刊。",
        f"第 3 条（z3），字段“ISSN”：本站没有与“{ISSN_UNKNOWN}”对应的期刊，而此次导入不能新建期刊"
        "（编辑的导入一律不能）：须先由管理员添加该期刊。",
    ]


def test_an_item_whose_issns_name_two_journals_is_refused_even_for_every_journal(
    journals, database_unchanged, tmp_path
):
    with database_unchanged(), pytest.raises(CommandError) as failure:
        run_command(tmp_path, [csl_item(ISSN=[ISSN_A, ISSN_B])])
    assert f"field “ISSN”: “{ISSN_A}, {ISSN_B}” names several journals: 甲刊, 乙刊" in str(
        failure.value
    )


@pytest.mark.parametrize(
    "overrides, message",
    [
        ({"custom": ["x"]}, "field “custom”: is not a JSON object"),
        ({"custom": {"journal": "乙刊"}}, "field “custom.journal”: is not a JSON object"),
        ({"custom": {"section": "x"}}, "field “custom.section”: is not a JSON object"),
        ({"custom": {"translation": "x"}}, "field “custom.translation”: is not a JSON object"),
        ({"custom": {"references": "Ostrom E."}}, "field “custom.references”: is not a JSON array"),
        ({"author": "徐家良"}, "field “author”: is not a JSON array"),
        ({"author": ["徐家良"]}, "field “author[0]”: is not a JSON object"),
        ({"custom": {"authors": ["x"]}}, "field “custom.authors[0]”: is not a JSON object"),
        (
            {"custom": {"authors": [{"romanised": "Xu"}]}},
            "field “custom.authors[0].romanised”: is not a JSON object",
        ),
        (
            {"custom": {"keywords": [1, 2]}},
            "field “custom.keywords”: is not a string or a list of strings",
        ),
        (
            {"custom": {"translation": {"keywords": {"a": 1}}}},
            "field “custom.translation.keywords”: is not a string or a list of strings",
        ),
    ],
)
def test_a_part_of_the_wrong_json_type_is_an_error_not_a_crash(
    journals, database_unchanged, overrides, message
):
    with database_unchanged():
        errors = import_errors(preview(journals["client"], [csl_item(**overrides)]))
    assert errors == [f"item 1 (zotero-1), {message}"]
