"""How to Cite in Chromium: pick a style with JavaScript (in place) and without (GET form),
then press Copy and read the clipboard."""

import pytest
from playwright.sync_api import expect

from scripts.chromium import DESKTOP

pytestmark = [
    pytest.mark.browser,
    pytest.mark.filterwarnings("ignore:No directory at:UserWarning"),
]

IEEE = "ieee"


def test_style_switches_in_place_and_copy_puts_the_citation_on_the_clipboard(browser, demo):
    context = browser.new_context(viewport=DESKTOP)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=demo.base_url)
    page = context.new_page()
    page.set_default_timeout(10_000)
    url = demo.landing(demo.chinese, "en")
    page.goto(url)
    widget = page.locator(".how-to-cite")
    assert not widget.get_by_role("button", name="Show").is_visible()  # JS submits by itself
    first = widget.locator(".citation").first
    assert first.get_attribute("data-style") == "apa"

    page.evaluate("() => { window.samePage = true; }")  # lost if the page reloads
    widget.get_by_label("Citation style").select_option(IEEE)
    expect(page.locator(".how-to-cite .citation").first).to_have_attribute("data-style", "ieee")
    assert page.evaluate("() => window.samePage") is True  # switched in place
    assert page.url.endswith("?style=ieee")  # and bookmarkable
    text = first.get_attribute("data-text")
    assert text.startswith("[1] 示例作者 and 样例学者,")
    assert widget.locator('.citation a[href="https://doi.org/10.5555/demo.2025.0201"]').count() == 2

    widget.get_by_role("button", name="Copy citation").click()
    feedback = widget.locator('.cite-feedback[role="status"]')
    feedback.filter(has_text="Citation copied").wait_for()
    assert page.evaluate("() => navigator.clipboard.readText()") == text

    widget.get_by_role("button", name="Copy translated citation").click()
    translated = widget.locator(".citation").nth(1).get_attribute("data-text")
    page.wait_for_function(
        "(expected) => navigator.clipboard.readText().then((t) => t === expected)", arg=translated
    )
    assert translated.startswith("[1] E. Author and S. Scholar,")
    context.close()


def test_style_form_works_without_javascript(browser, demo):
    context = browser.new_context(viewport=DESKTOP, java_script_enabled=False)
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.goto(demo.landing(demo.chinese, "zh-hans"))
    widget = page.locator(".how-to-cite")
    assert (
        widget.locator(".citation")
        .first.get_attribute("data-style")
        .startswith("china-national-standard-gb-t-7714")
    )
    assert not widget.locator(".cite-copy").first.is_visible()  # Copy needs JavaScript
    widget.get_by_label("引文格式").select_option(IEEE)
    widget.get_by_role("button", name="显示").click()
    page.wait_for_url("**/?style=ieee")
    assert widget.locator(".citation").first.get_attribute("data-style") == IEEE
    assert widget.locator("#cite-style option:checked").get_attribute("value") == IEEE
    context.close()
