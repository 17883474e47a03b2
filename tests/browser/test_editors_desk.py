"""An editor's day in Chromium: log in, write an article with JS helpers, publish, read it."""

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import expect

from articles.models import Article, Status
from journal.models import Journal
from tests.factories import pdf_bytes

pytestmark = pytest.mark.browser

PASSWORD = "a-long-editor-password-1"  # noqa: S105 - test account

REFERENCES = (
    "[1] 陈晓晓.政府与社会组织合作研究[D]. 广州: 广州大学, 2025.\n"
    "[2] Ansell C, Gash A. Collaborative governance in theory and practice[J]. "
    "Journal of Public Administration Research and Theory, 2008, 18(4): 543-571."
)


def choose(page, field, text):
    """Search ``text`` in a Django admin autocomplete (select2) widget; take the one hit."""
    page.click(f"#id_{field} + .select2 .select2-selection")
    page.fill(".select2-container--open .select2-search__field", text)
    page.click(".select2-results__option[role=option]:not(.loading-results)")
    assert page.input_value(f"#id_{field}")


@pytest.fixture
def editor(demo):
    user = User.objects.create_user("editor", password=PASSWORD, is_staff=True)
    Journal.objects.get(slug="demo").editors.add(user)
    return user


@pytest.mark.slow  # the article form end to end (~8 s)
def test_editor_writes_publishes_and_reads_an_article(page, demo, editor, tmp_path):
    page.goto(demo.url("/admin/login/"))
    page.fill("#id_username", "editor")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.goto(demo.url("/admin/articles/article/add/"))

    journal = demo.chinese.journal
    choose(page, "journal", journal.canonical_title)
    choose(page, "issue", f"{demo.chinese.issue.volume} {demo.chinese.issue.number}")
    choose(page, "section", demo.chinese.section.title_zh)
    page.fill("#id_title_zh", "浏览器中的协同治理研究")
    page.fill("#id_title_en", "Collaborative Governance in the Browser")
    page.fill("#id_keywords_zh", "协同治理；社会组织、公共服务，数字治理")
    page.fill("#id_keywords_en", "collaborative governance; social organizations")
    page.fill("#id_references_text", REFERENCES)

    page.click("#authors-group .add-row a")
    page.fill("#id_authors-0-family_name", "单")
    page.fill("#id_authors-0-given_name", "雄信")
    page.click("#authors-0 .propose-romanisation")
    # expect() polls without eval(), which the admin's CSP forbids.
    expect(page.locator("#id_authors-0-family_name_en")).to_have_value("Shan")
    assert page.input_value("#id_authors-0-given_name_en") == "Xiongxin"
    page.click("#authors-group .add-row a")
    page.fill("#id_authors-1-family_name", "Ansell")
    page.fill("#id_authors-1-given_name", "Chris")
    # The ↓ button moves the first author down and renumbers the order fields.
    page.click("#authors-0 .move-down")
    assert page.input_value("#id_authors-1-order") == "1"
    assert page.input_value("#id_authors-0-order") == "2"
    page.click("#authors-0 .move-down")  # first row is now Ansell's; move 单 back up
    page.click("#authors-0 .move-up")

    # With a mouse: drag a row's ⠿ handle onto another row, and back. A window tall enough
    # for two author rows (with their biographies): Playwright's drag does not auto-scroll.
    page.set_viewport_size({"width": 1280, "height": 1600})

    def drop_below(row):  # on the lower part of the row: the dragged row goes after it
        # Both rows in the window first: a drag that has to scroll the page is lost.
        page.locator("#authors-group .dynamic-authors").first.evaluate(
            "row => row.scrollIntoView()"
        )
        box = page.locator(row).bounding_box()
        return {"x": box["width"] / 2, "y": box["height"] * 0.8}

    page.drag_and_drop(
        "#authors-0 .drag-handle", "#authors-1", target_position=drop_below("#authors-1")
    )
    assert page.input_value("#id_authors-0-order") == "2"
    assert page.input_value("#id_authors-1-order") == "1"
    page.drag_and_drop(
        "#authors-1 .drag-handle", "#authors-0", target_position=drop_below("#authors-0")
    )
    assert page.input_value("#id_authors-0-order") == "1"

    pdf = tmp_path / "paper.pdf"
    pdf.write_bytes(pdf_bytes("Browser galley"))
    page.click("#galleys-group .add-row a")
    page.set_input_files("#id_galleys-0-file", str(pdf))

    page.click("input[name=_save]")
    page.wait_for_selector(".messagelist")
    assert "errornote" not in page.content()

    article = Article.objects.get(title_en="Collaborative Governance in the Browser")
    assert article.status == Status.DRAFT
    page.check(f"input[name=_selected_action][value='{article.pk}']")
    page.select_option("select[name=action]", "publish")
    page.click("button[name=index]")
    page.wait_for_selector(".messagelist .success")

    page.goto(demo.landing(article, "en"))
    body = page.inner_text("main")
    assert "Preview for editors" not in body
    assert "Xiongxin Shan" in body and "Chris Ansell" in body
    assert "社会组织" in body and "数字治理" in body
    assert "Collaborative governance in theory and practice" in body
    assert page.locator("a[href*='/galley/']").count() >= 1
    page.goto(demo.landing(article, "zh-hans"))
    assert "单雄信" in page.inner_text("main")
