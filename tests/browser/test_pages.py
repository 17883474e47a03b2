"""What only a browser shows: language switching, keyboard focus, reflow at phone width and
axe-core's WCAG 2.1 A/AA rules, on every public page type in both interface languages."""

import json

import pytest

from scripts.chromium import DESKTOP, PHONE

pytestmark = [
    pytest.mark.browser,
    # WhiteNoise looks for collectstatic output; the live server serves static/ itself.
    pytest.mark.filterwarnings("ignore:No directory at:UserWarning"),
]

LANGUAGES = ["zh-hans", "en"]
PAGES = {
    "publisher": "/{lang}/",
    "journal-home": "/{lang}/demo/",
    "about": "/{lang}/demo/about/",
    "archive": "/{lang}/demo/issues/",
    "issue": "/{lang}/demo/issues/{issue}/",
    "chinese-article": "landing:chinese",
    "english-article": "landing:english",
    "keyword": "/{lang}/keywords/collaborative-governance/",
    "not-found": "/{lang}/no-such-page/",
    "search-empty": "/{lang}/search/",
    "search-results": "/{lang}/search/?q=%E6%B2%BB%E7%90%86+governance",
    "search-no-results": "/{lang}/search/?q=axolotl",
}
PUBLIC_PAGES = [
    pytest.param(name, lang, id=f"{name}-{lang}") for name in PAGES for lang in LANGUAGES
]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def open_page(page, demo, name, lang):
    path = PAGES[name]
    if path.startswith("landing:"):
        url = demo.landing(getattr(demo, path.removeprefix("landing:")), lang)
    else:
        url = demo.url(path.format(lang=lang, issue=demo.chinese.issue_id))
    response = page.goto(url)
    assert response.status == (404 if name == "not-found" else 200), url
    return url


def test_language_switcher_keeps_the_article(page, demo):
    page.goto(demo.landing(demo.chinese, "zh-hans"))

    page.get_by_role("navigation", name="Language").get_by_role("link", name="English").click()

    page.wait_for_url(demo.landing(demo.chinese, "en"))
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("heading", level=1).inner_text() != ""

    page.get_by_role("navigation", name="Language").get_by_role("link", name="简体中文").click()

    page.wait_for_url(demo.landing(demo.chinese, "zh-hans"))
    assert page.locator("html").get_attribute("lang") == "zh-Hans"


# Every element that should be reachable with Tab, in document order, numbered in the page.
MARK_FOCUSABLES = """() => {
  const selector = 'a[href], button:not([disabled]), input:not([disabled]):not([type=hidden]),'
    + ' select:not([disabled]), textarea:not([disabled]), summary,'
    + ' [tabindex]:not([tabindex="-1"])';
  const visible = (el) => {
    const style = getComputedStyle(el);
    return style.visibility !== 'hidden' && style.display !== 'none'
      && (el.getClientRects().length > 0 || el.classList.contains('skip-link'));
  };
  const found = [...document.querySelectorAll(selector)].filter(visible);
  found.forEach((el, i) => { el.dataset.focusIndex = String(i); });
  return found.map((el) => el.outerHTML.slice(0, 120));
}"""

DESCRIBE_FOCUS = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const style = getComputedStyle(el);
  const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
  const shadow = style.boxShadow && style.boxShadow !== 'none';
  const rect = el.getBoundingClientRect();
  return {
    index: el.dataset.focusIndex ?? null,
    html: el.outerHTML.slice(0, 120),
    indicator: outline || shadow,
    onScreen: rect.width > 0 && rect.height > 0 && rect.bottom > 0 && rect.right > 0
      && rect.top < innerHeight && rect.left < innerWidth,
  };
}"""


@pytest.mark.parametrize("lang", LANGUAGES)
def test_keyboard_reaches_every_control_with_a_visible_focus_ring(page, demo, lang):
    page.goto(demo.landing(demo.chinese, lang))
    focusables = page.evaluate(MARK_FOCUSABLES)
    assert len(focusables) > 10

    reached, missing_ring = [], []
    for _ in range(len(focusables) + 5):
        page.keyboard.press("Tab")
        focus = page.evaluate(DESCRIBE_FOCUS)
        if focus is None or focus["index"] is None:
            break  # focus left the page content (back to the browser chrome)
        reached.append(int(focus["index"]))
        if not (focus["indicator"] and focus["onScreen"]):
            missing_ring.append(focus["html"])

    assert reached[0] == 0 and "skip-link" in focusables[0], "the skip link comes first"
    assert reached == list(range(len(focusables))), [
        focusables[i] for i in range(len(focusables)) if i not in reached
    ]
    assert missing_ring == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_skip_link_moves_focus_to_the_main_content(page, demo, lang):
    page.goto(demo.landing(demo.chinese, lang))

    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.classList.contains('skip-link')")
    assert page.locator(".skip-link").is_visible()
    page.keyboard.press("Enter")

    assert page.evaluate("document.activeElement.id") == "main"


@pytest.mark.parametrize(("name", "lang"), PUBLIC_PAGES)
def test_no_horizontal_scrolling_on_a_phone(page, demo, name, lang):
    page.set_viewport_size(PHONE)
    open_page(page, demo, name, lang)

    overflow = page.evaluate(
        """() => [...document.querySelectorAll('body *')]
          .filter((el) => el.getBoundingClientRect().right > innerWidth + 0.5)
          .slice(0, 5).map((el) => el.outerHTML.slice(0, 100))"""
    )
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], overflow


@pytest.mark.parametrize(
    ("viewport", "scheme"),
    [(DESKTOP, "light"), (PHONE, "light"), (DESKTOP, "dark")],
    ids=["desktop", "phone", "desktop-dark"],
)
@pytest.mark.parametrize(("name", "lang"), PUBLIC_PAGES)
def test_axe_finds_no_wcag21_aa_violations(page, demo, axe_source, name, lang, viewport, scheme):
    page.set_viewport_size(viewport)
    page.emulate_media(color_scheme=scheme)  # the stylesheet has a dark palette too
    open_page(page, demo, name, lang)
    # Evaluated through the DevTools protocol: the CSP forbids an inline <script> tag.
    page.evaluate(axe_source)

    results = page.evaluate(
        "(tags) => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS
    )

    violations = [
        {
            "rule": violation["id"],
            "help": violation["help"],
            "nodes": [node["target"] for node in violation["nodes"]][:5],
            "summary": violation["nodes"][0].get("failureSummary", ""),
        }
        for violation in results["violations"]
    ]
    assert violations == [], json.dumps(violations, ensure_ascii=False, indent=1)


def test_print_shows_the_article_without_the_sites_navigation(page, demo):
    """The print rules live in the one stylesheet (#18): printed, the landing page keeps the
    article and its references and drops the header, search and language switcher."""
    page.goto(demo.landing(demo.chinese, "zh-hans"))
    page.emulate_media(media="print")
    shown = page.evaluate(
        """() => Object.fromEntries(
            [".site-header", ".site-footer", ".article-title", ".references"].map(
                (selector) => [selector, getComputedStyle(document.querySelector(selector)).display]
            )
        )"""
    )
    assert shown[".site-header"] == shown[".site-footer"] == "none"
    assert shown[".article-title"] != "none" and shown[".references"] != "none"
    page.emulate_media(media="screen")
    header = "getComputedStyle(document.querySelector('.site-header')).display"
    assert page.evaluate(header) != "none"
