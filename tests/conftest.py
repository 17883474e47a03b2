"""Fixtures and hooks of the whole suite. Factories are in tests/factories.py, form
helpers in tests/forms.py: test modules import those, never a conftest or another test."""

import io
import os
import socket
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest
from django.conf import settings as django_settings
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test import override_settings
from django.utils import translation

from journal.cache import forget_generation
from tests import factories


@pytest.fixture(autouse=True)
def _fresh_sequence():
    """Each test numbers its journals, issues and DOIs from 1 (tests/factories.py)."""
    factories.sequence.reset()


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the site's default language: a request through LocaleMiddleware
    leaves its language active in the thread, and which test ran before on this worker
    (pytest-xdist) must not decide what get_absolute_url() says."""
    with translation.override(django_settings.LANGUAGE_CODE):
        yield


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    """Uploaded files of a test land in its own temporary folder."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _static_without_manifest(settings):
    """Tests render templates without running collectstatic first."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def _no_login_throttling(settings):
    """django-axes needs the request in authenticate(), which Client.login() does not pass;
    the throttling test turns it back on."""
    settings.AXES_ENABLED = False


def pytest_runtest_setup(item):
    """A `postgres` test runs only on PostgreSQL (DATABASE_URL=postgres://...): elsewhere it
    is skipped, unless REQUIRE_POSTGRES=1 makes a missing or unreachable server a failure."""
    if item.get_closest_marker("postgres") is None:
        return
    required = os.environ.get("REQUIRE_POSTGRES") == "1"
    if connection.vendor != "postgresql":
        if required:
            pytest.fail("REQUIRE_POSTGRES=1 but DATABASE_URL is not a PostgreSQL database")
        pytest.skip("needs PostgreSQL (DATABASE_URL=postgres://...)")
    host = connection.settings_dict["HOST"] or "127.0.0.1"
    port = int(connection.settings_dict["PORT"] or 5432)
    try:
        if not host.startswith("/"):  # a Unix socket folder is left to the driver
            socket.create_connection((host, port), timeout=2).close()
    except OSError:
        if required:
            pytest.fail(f"PostgreSQL is not reachable at {host}:{port}")
        pytest.skip(f"PostgreSQL is not reachable at {host}:{port}")


def pytest_collection_modifyitems(config, items):
    """Everything under tests/browser/ is a browser test, marked or not (make test splits on it)."""
    browser_dir = Path(__file__).parent / "browser"
    for item in items:
        if browser_dir in Path(item.fspath).parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session", autouse=True)
def _cache_of_this_worker():
    """Every test clears the cache, which on Redis (a run with CACHE_URL set) empties the
    whole database: under pytest-xdist each worker gets a database of its own, the URL's
    number plus the worker's (gw0 keeps it, gw1 the next one), and its own key prefix."""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "")
    cache_settings = django_settings.CACHES["default"]
    if not worker or "redis" not in cache_settings["BACKEND"].lower():
        yield
        return
    index = int(worker.removeprefix("gw"))
    url = urlsplit(cache_settings["LOCATION"])
    database = int(url.path.strip("/") or 0) + index
    location = urlunsplit(url._replace(path=f"/{database}"))
    prefix = f"{cache_settings.get('KEY_PREFIX', '')}-{worker}"
    own = {**cache_settings, "LOCATION": location, "KEY_PREFIX": prefix}
    with override_settings(CACHES={**django_settings.CACHES, "default": own}):
        yield


@pytest.fixture(autouse=True)
def _page_cache_off(settings):
    """Pages render afresh in each test; tests of the page cache turn it on (page_cache)."""
    cache.clear()
    forget_generation()
    settings.PAGE_CACHE_TIMEOUT = 0


@pytest.fixture
def landing_parts_off(settings):
    """Landing pages render their parts on every request: the page's whole (cold) cost."""
    settings.LANDING_PARTS_TIMEOUT = 0


@pytest.fixture
def page_cache(settings):
    """The whole-page cache on, empty, as in production."""
    cache.clear()
    forget_generation()
    settings.PAGE_CACHE_TIMEOUT = 3600
    yield cache
    cache.clear()


# Rows a request writes whatever it does: a login's session, django-axes' access log.
NOT_CONTENT = ["sessions", "axes", "admin.logentry"]


def database_dump():
    """Every content row of the database, as dumpdata writes it."""
    out = io.StringIO()
    call_command("dumpdata", exclude=NOT_CONTENT, stdout=out)
    return out.getvalue()


@pytest.fixture
def database_unchanged(db):
    """``with database_unchanged(): ...`` fails the test when the block wrote any row."""

    @contextmanager
    def check():
        before = database_dump()
        yield
        assert database_dump() == before, "the database changed"

    return check
