"""Galleys: only real PDFs are stored, under names of our own, and served only as PDFs,
only for articles the reader may see."""

import importlib
import re
from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import clear_url_caches, reverse
from django.utils import timezone
from lxml import html

import journal.urls
from articles.models import Galley, Status
from tests.factories import (
    encrypted_pdf_bytes,
    make_article,
    make_galley,
    make_issue,
    pdf_bytes,
    pdf_upload,
)
from tests.forms import galley_data


@pytest.fixture
def reader():
    """An anonymous reader (the desk's ``client`` is the editor's)."""
    return Client()


def upload_galley(desk, upload):
    article = desk["a"]
    return desk["client"].post(
        reverse("admin:articles_article_change", args=[article.pk]), galley_data(article, upload)
    )


def download(client, galley):
    response = client.get(galley.get_absolute_url())
    body = b"".join(response.streaming_content) if response.status_code == 200 else b""
    return response, body


def test_a_galley_is_stored_under_a_generated_pdf_name_not_the_uploaders(desk):
    upload = SimpleUploadedFile("../../<script>.html", pdf_bytes("Renamed"), "text/html")
    assert upload_galley(desk, upload).status_code == 302
    galley = Galley.objects.get()
    assert re.fullmatch(rf"galleys/a/{desk['a'].pk}/[0-9a-f]{{32}}\.pdf", galley.file.name)
    assert galley.file.storage.exists(galley.file.name)
    # Two uploads of the same name get two files.
    upload = SimpleUploadedFile("../../<script>.html", pdf_bytes("Again"), "text/html")
    assert upload_galley(desk, upload).status_code == 302
    assert len({g.file.name for g in Galley.objects.all()}) == 2


def test_a_galley_is_served_as_a_sandboxed_pdf(desk, reader):
    galley = make_galley(desk["a"])
    response, body = download(reader, galley)
    assert response.status_code == 200
    assert body.startswith(b"%PDF-")
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "sandbox"
    assert response["Content-Disposition"] == (
        f'inline; filename="a-{desk["a"].pk}-{galley.pk}.pdf"'
    )


@pytest.mark.parametrize("method", ["RC4", "AES_128", "AES_256"])
def test_an_encrypted_pdf_that_opens_without_a_password_is_accepted(desk, method):
    """Print or copy restrictions (an owner password only) are common in typeset PDFs."""
    upload = SimpleUploadedFile("paper.pdf", encrypted_pdf_bytes("", method), "application/pdf")
    assert upload_galley(desk, upload).status_code == 302
    galley = Galley.objects.get()
    assert galley.file.read().startswith(b"%PDF-")


def test_a_galley_stored_under_an_earlier_name_still_downloads(desk, reader):
    """Before generated names the uploader's file name was kept; those rows stay valid."""
    article = desk["a"]
    name = default_storage.save(
        f"galleys/a/{article.pk}/My Paper (final).pdf", ContentFile(pdf_bytes("Old"))
    )
    galley = Galley.objects.create(article=article, file=name, language=article.language)
    assert Galley.objects.get().file.name == name
    response, body = download(reader, galley)
    assert response.status_code == 200 and body.startswith(b"%PDF-")


def hide_draft(article):
    article.status, article.published_at = Status.DRAFT, None


def hide_scheduled(article):
    article.status = Status.PUBLISHED
    article.published_at = timezone.now() + timedelta(days=3)


def hide_in_unpublished_issue(article):
    article.issue = make_issue(article.journal, is_published=False)


def hide_in_issue_not_yet_out(article):
    article.issue = make_issue(
        article.journal, publication_date=timezone.localdate() + timedelta(days=3)
    )


def hide_deleted(article):
    article.deleted_at = timezone.now()


@pytest.mark.parametrize(
    "hide",
    [
        hide_draft,
        hide_scheduled,
        hide_in_unpublished_issue,
        hide_in_issue_not_yet_out,
        hide_deleted,
    ],
)
def test_the_galley_of_an_article_not_public_is_hidden_from_readers(desk, reader, hide):
    article = desk["a"]
    galley = make_galley(article)
    assert download(reader, galley)[0].status_code == 200
    hide(article)
    article.save()
    assert download(reader, galley)[0].status_code == 404


def test_an_editor_previews_their_journals_draft_galley_and_no_other(desk, reader):
    article = desk["a"]
    hide_draft(article)
    article.save()
    galley = make_galley(article)
    assert download(reader, galley)[0].status_code == 404
    assert download(desk["client"], galley)[0].status_code == 200
    other = make_article(journal=desk["b"].journal, status=Status.DRAFT, published_at=None)
    assert download(desk["client"], make_galley(other))[0].status_code == 404


@pytest.fixture
def debug_urls(settings):
    """The root URLconf as `make run` (DJANGO_DEBUG=1) builds it."""
    settings.DEBUG = True
    importlib.reload(journal.urls)
    clear_url_caches()
    yield
    settings.DEBUG = False
    importlib.reload(journal.urls)
    clear_url_caches()


def test_media_does_not_serve_a_drafts_galley_even_under_debug(desk, reader, debug_urls):
    article = desk["a"]
    hide_draft(article)
    article.save()
    galley = make_galley(article)
    assert galley.file.storage.exists(galley.file.name)
    assert reader.get(f"/media/{galley.file.name}").status_code == 404
    assert download(reader, galley)[0].status_code == 404


def galley_errors(response):
    page = html.fromstring(response.content.decode())
    return [li.text_content() for li in page.cssselect("#galleys-group .errorlist li")]


def test_after_a_form_error_the_galley_row_asks_for_its_file_again(desk, settings):
    """A browser cannot refill a file field: the editor is told rather than the article
    saved later without its galley."""
    article = desk["a"]
    data = galley_data(article, pdf_upload("paper-final.pdf"))
    data["doi"] = "not-a-doi"
    response = desk["client"].post(
        reverse("admin:articles_article_change", args=[article.pk]), data
    )
    assert response.status_code == 200
    assert galley_errors(response) == [
        "The file “paper-final.pdf” was not kept because the form has errors: "
        "choose it again before saving."
    ]
    assert "Please correct the errors below." in response.content.decode()
    assert not Galley.objects.exists()
    media = settings.MEDIA_ROOT
    assert not media.exists() or not any(p.is_file() for p in media.rglob("*"))

    data = galley_data(article, pdf_upload("论文.pdf"))
    data["doi"] = "not-a-doi"
    response = desk["client"].post(
        reverse("admin:articles_article_change", args=[article.pk]),
        data,
        HTTP_ACCEPT_LANGUAGE="zh-hans",
    )
    assert galley_errors(response) == [
        "表单有错误，文件“论文.pdf”未保留：请在保存前重新选择该文件。"
    ]


def test_without_a_form_error_or_a_file_the_galley_row_says_nothing(desk):
    article = desk["a"]
    data = galley_data(article, "")
    data["galleys-TOTAL_FORMS"] = "0"
    data["doi"] = "not-a-doi"
    response = desk["client"].post(
        reverse("admin:articles_article_change", args=[article.pk]), data
    )
    assert response.status_code == 200 and galley_errors(response) == []
    # A refused file keeps its own error only.
    data = galley_data(article, SimpleUploadedFile("x.pdf", b"<html>", "application/pdf"))
    response = desk["client"].post(
        reverse("admin:articles_article_change", args=[article.pk]), data
    )
    assert galley_errors(response) == ["This file is not a PDF."]


def test_the_admin_links_a_stored_galley_through_the_galley_view(desk, reader):
    """/media/ is not served: the link previews the file as the public URL will give it."""
    article = desk["a"]
    hide_draft(article)
    article.save()
    galley = make_galley(article)
    url = reverse("admin:articles_article_change", args=[article.pk])
    page = html.fromstring(desk["client"].get(url).content.decode())
    link = page.cssselect("#galleys-0 .file-upload a")[0]
    assert link.get("href") == galley.get_absolute_url()
    assert link.text_content() == galley.download_name
    assert download(desk["client"], galley)[0].status_code == 200
    assert download(reader, galley)[0].status_code == 404
