"""The Content-Security-Policy breaks nothing: Chromium reports no violation on the public
pages (the JSON-LD block is data, not script) nor in the admin's article forms."""

import pytest
from django.contrib.auth import get_user_model

pytestmark = [
    pytest.mark.browser,
    pytest.mark.filterwarnings("ignore:No directory at:UserWarning"),
]

# Records every violation the page reports, before any of the page's own code runs.
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(event.violatedDirective + " " + event.blockedURI);
});
"""


def violations(page, errors):
    reported = page.evaluate("window.__cspViolations")
    return reported + [e for e in errors if "Content Security Policy" in e]


def watch(page):
    errors = []
    page.add_init_script(RECORD_VIOLATIONS)
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    return errors


@pytest.mark.parametrize("lang", ["zh-hans", "en"])
def test_landing_page_runs_under_the_policy(page, demo, lang):
    errors = watch(page)
    response = page.goto(demo.landing(demo.chinese, lang))
    assert "script-src 'self'" in response.headers["content-security-policy"]
    # The JSON-LD data block is in the page and readable.
    assert page.locator('script[type="application/ld+json"]').count() == 1
    page.wait_for_load_state("networkidle")
    assert violations(page, errors) == []
    assert errors == []
    # The journal's accent colour is an inline style the policy allows by its hash (#18).
    colour = demo.chinese.journal.accent_colour
    assert colour
    rule = page.evaluate(
        "getComputedStyle(document.documentElement).getPropertyValue('--journal-rule')"
    )
    assert rule.strip() == colour


@pytest.mark.slow  # every admin article form (~5 s)
def test_admin_article_forms_run_under_the_policy(page, demo):
    get_user_model().objects.create_superuser("editor", "editor@example.org", "a-long-passw0rd")
    errors = watch(page)
    page.goto(demo.url("/admin/login/"))
    page.fill("#id_username", "editor")
    page.fill("#id_password", "a-long-passw0rd")
    page.click("input[type=submit]")
    page.wait_for_url(demo.url("/admin/"))
    for path in (
        f"/admin/articles/article/{demo.chinese.pk}/change/",
        "/admin/articles/article/add/",
        "/admin/articles/article/",
    ):
        response = page.goto(demo.url(path))
        assert response.status == 200, path
        page.wait_for_load_state("networkidle")
        assert violations(page, errors) == [], path
