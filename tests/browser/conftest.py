"""Browser tests: Playwright driving the system's Chromium against pytest-django's live_server.

Nothing is downloaded: Chromium comes from the OS (/usr/bin/chromium, or CHROMIUM_PATH) and
axe-core from the pinned npm package (`npm ci --ignore-scripts` at the repository root).
Without them the tests are skipped, unless REQUIRE_BROWSER=1 (CI), which turns a missing
browser, Playwright or axe-core into a failure.
"""

import io
import os
from pathlib import Path

import pytest
from django.core.management import call_command

from articles.models import Article
from scripts.chromium import CHROMIUM_ARGS, CHROMIUM_PATH, DESKTOP

# Playwright's sync API runs an event loop in this thread, which makes Django's ORM refuse
# to run here (SynchronousOnlyOperation); the live server itself runs in its own thread.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

ROOT = Path(__file__).resolve().parents[2]
AXE_PATH = ROOT / "node_modules" / "axe-core" / "axe.min.js"


def _unavailable(reason):
    """Skip locally; fail when the environment promises a browser (REQUIRE_BROWSER=1)."""
    if os.environ.get("REQUIRE_BROWSER") == "1":
        pytest.fail(f"REQUIRE_BROWSER=1 but {reason}", pytrace=False)
    pytest.skip(f"{reason} (set REQUIRE_BROWSER=1 to make this a failure)")


@pytest.fixture(autouse=True)
def _static_files_from_finders(settings):
    """Serve static/ as is: the manifest storage needs a collectstatic run first."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(scope="session")
def axe_source():
    if not AXE_PATH.is_file():
        _unavailable(f"{AXE_PATH.relative_to(ROOT)} is missing: run `npm ci --ignore-scripts`")
    return AXE_PATH.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("the Python package playwright is not installed")
    if not os.access(CHROMIUM_PATH, os.X_OK):
        _unavailable(f"no Chromium at {CHROMIUM_PATH} (apt-get install chromium)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM_PATH), args=CHROMIUM_ARGS, headless=True
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    """A fresh desktop-sized tab; tests resize it with page.set_viewport_size()."""
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.fixture
def demo(live_server):
    """The demo journal (`manage.py load_demo`) served by the live server.

    live_server makes every test transactional, so the data is loaded for each test and
    flushed after it; ids are looked up rather than assumed.
    """
    call_command("load_demo", stdout=io.StringIO())
    chinese = Article.objects.get(doi="10.5555/demo.2025.0201")
    english = Article.objects.get(doi="10.5555/demo.2025.0202")
    return DemoSite(live_server.url, chinese, english)


class DemoSite:
    def __init__(self, base_url, chinese, english):
        self.base_url = base_url
        self.chinese = chinese
        self.english = english

    def url(self, path):
        return self.base_url + path

    def landing(self, article, language):
        return self.url(f"/{language}/{article.journal.slug}/article/{article.pk}/")
