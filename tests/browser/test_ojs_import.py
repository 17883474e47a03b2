"""Moving a journal from OJS in Chromium: an editor uploads the export, reads the preview,
confirms, and readers find the articles (#16)."""

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import expect

from articles.models import Article
from journal.models import Journal
from tests.articles import ojs_exports
from tests.articles.ojs_exports import bilingual_issues

pytestmark = pytest.mark.browser

PASSWORD = "a-long-editor-password-1"  # noqa: S105 - test account


def test_an_editor_moves_a_journal_from_ojs_in_the_admin(page, demo, tmp_path):
    editor = User.objects.create_user("editor", password=PASSWORD, is_staff=True)
    journal = Journal.objects.get(slug="demo")
    journal.editors.add(editor)
    export = tmp_path / "ojs-export.xml"
    export.write_bytes(ojs_exports.export(bilingual_issues(), version="3.4"))

    page.goto(demo.url("/admin/login/"))
    page.fill("#id_username", "editor")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.goto(demo.url("/admin/journal/journal/"))
    page.click("text=Import from OJS")
    page.select_option("#id_journal", str(journal.pk))
    page.set_input_files("#id_file", str(export))
    page.click("input[type=submit][value=Preview]")

    expect(page.locator("#import-summary")).to_contain_text("4 articles will be created")
    expect(page.locator("#import-preview tbody tr")).to_have_count(4)
    assert not Article.objects.filter(doi="10.5555/ojs.101").exists()
    page.click("input[name=_confirm]")

    expect(page.locator(".messagelist")).to_contain_text("4 articles created")
    article = Article.objects.get(doi="10.5555/ojs.101")
    page.goto(demo.landing(article, "zh-hans"))
    expect(page.locator("h1")).to_contain_text("乡村治理的数字化转型——以浙江为例")
    expect(page.locator("body")).to_contain_text("欧阳")
