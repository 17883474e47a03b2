"""Plain factory functions shared by the test suite."""

import io
import os
import socket
from contextlib import contextmanager
from datetime import date, timedelta
from itertools import count
from pathlib import Path

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from django.utils import timezone
from fpdf import FPDF
from fpdf.enums import EncryptionMethod

from articles.models import Affiliation, Article, Author, Galley, Reference, Status
from articles.services import set_keywords
from journal.models import Issue, Journal, Section

_sequence = count(1)


def make_journal(**fields):
    n = next(_sequence)
    defaults = {
        "slug": f"journal-{n}",
        "title_zh": f"测试期刊{n}",
        "title_en": f"Test Journal {n}",
        "publisher": "Axon Academic Publishing Institute",
        "issn_online": "",  # unique per journal: a test that needs one gives it
        "licence_terms_zh": "版权归作者所有。",
        "licence_terms_en": "Copyright is retained by the authors.",
    }
    defaults.update(fields)
    return Journal.objects.create(**defaults)


def make_issue(journal=None, **fields):
    journal = journal or make_journal()
    defaults = {
        "journal": journal,
        "volume": 3,
        "number": next(_sequence),
        "year": 2025,
        "publication_date": date(2025, 6, 30),
        "is_published": True,
    }
    defaults.update(fields)
    return Issue.objects.create(**defaults)


def make_section(journal, **fields):
    defaults = {
        "journal": journal,
        "slug": f"section-{next(_sequence)}",
        "title_zh": "研究论文",
        "title_en": "Research Articles",
    }
    defaults.update(fields)
    return Section.objects.create(**defaults)


def make_article(journal=None, issue=None, section=None, **fields):
    """A published Chinese article in a published issue, unless told otherwise."""
    if issue is None and "issue" not in fields:
        issue = make_issue(journal)
    journal = journal or (issue.journal if issue else make_journal())
    section = section or make_section(journal)
    defaults = {
        "journal": journal,
        "issue": issue,
        "section": section,
        "language": "zh-hans",
        "title_zh": "协同治理下政府与社会组织关系研究",
        "title_en": "Government and Social Organizations under Collaborative Governance",
        "abstract_zh": "本文研究协同治理。",
        "abstract_en": "This paper studies collaborative governance.",
        "status": Status.PUBLISHED,
        "published_at": timezone.now() - timedelta(days=1),
        "first_page": 1,
        "last_page": 12,
    }
    defaults.update(fields)
    return Article.objects.create(**defaults)


def make_author(article, **fields):
    defaults = {
        "article": article,
        "order": article.authors.count(),
        "family_name": "王",
        "given_name": "明",
        "family_name_en": "Wang",
        "given_name_en": "Ming",
    }
    defaults.update(fields)
    affiliations = defaults.pop("affiliations", [])
    author = Author.objects.create(**defaults)
    for name in affiliations:
        author.affiliations.add(Affiliation.objects.get_or_create(name=name)[0])
    return author


def make_reference(article, raw_text="Ostrom E. Governing the Commons[M]. 1990.", **fields):
    return Reference.objects.create(
        article=article, raw_text=raw_text, order=article.references.count(), **fields
    )


def pdf_bytes(text="Test galley"):
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=12)
    pdf.cell(0, 10, text)
    return bytes(pdf.output())


def encrypted_pdf_bytes(user_password, method="RC4", text="Test galley"):
    """A PDF encrypted with an owner password; ``user_password`` "" opens without one."""
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=12)
    pdf.cell(0, 10, text)
    pdf.set_encryption(
        owner_password="owner-secret",
        user_password=user_password,
        encryption_method=EncryptionMethod[method],
    )
    return bytes(pdf.output())


def pdf_upload(name="paper.pdf", text="Test galley"):
    return SimpleUploadedFile(name, pdf_bytes(text), content_type="application/pdf")


def make_galley(article, **fields):
    galley = Galley(article=article, label="PDF", language=article.language, **fields)
    galley.file.save("paper.pdf", io.BytesIO(pdf_bytes()), save=False)
    galley.save()
    return galley


def make_full_article(authors=3, references=14, **fields):
    """An article with authors, keywords in both languages, references and a PDF."""
    article = make_article(doi=f"10.5555/test.{next(_sequence)}", **fields)
    for index in range(authors):
        make_author(
            article,
            family_name=f"王{index}",
            given_name="明",
            family_name_en=f"Wang{index}",
            given_name_en="Ming",
            orcid="0000-0002-1825-0097" if index == 0 else "",
            affiliations=[f"示例大学{index % 2}"],
            is_corresponding=index == 0,
        )
    for index in range(references):
        make_reference(
            article, raw_text=f"Author {index}. Title {index}[J]. Journal, 2020, 1(1): 1-2."
        )
    set_keywords(article=article, language="zh-hans", keywords="协同治理；社会组织、政府购买服务")
    set_keywords(
        article=article, language="en", keywords="collaborative governance; social organizations"
    )
    make_galley(article)
    return article


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


@pytest.fixture(autouse=True)
def _page_cache_off(settings):
    """Pages render afresh in each test; tests of the page cache turn it on (page_cache)."""
    cache.clear()
    settings.PAGE_CACHE_TIMEOUT = 0


@pytest.fixture
def page_cache(settings):
    """The whole-page cache on, empty, as in production."""
    cache.clear()
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
