"""Cached public pages answered by the WSGI application before Django (#18)."""

import io
import time
from wsgiref.util import setup_testing_defaults

import pytest
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, connection
from django.test.utils import CaptureQueriesContext

from articles.models import Article
from journal.cache import GENERATION_KEY
from journal.wsgi import application
from tests.factories import make_article
from tests.pages import landing

pytestmark = pytest.mark.django_db


def call(path, **environ_extra):
    """One request through the project's WSGI application: (status, headers, body, queries)."""
    environ = {"PATH_INFO": path, "HTTP_HOST": "testserver", "wsgi.input": io.BytesIO()}
    environ.update(environ_extra)
    setup_testing_defaults(environ)
    answer = {}

    def start_response(status, headers, exc_info=None):
        answer.update(status=status, headers=headers)

    # As Django's test client does: the start and end of a request must not close the
    # test's connection (PostgreSQL's would be, with the transaction the test runs in).
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        with CaptureQueriesContext(connection) as queries:
            result = application(environ, start_response)
            body = b"".join(result)
            if hasattr(result, "close"):
                result.close()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
    return answer["status"], dict(answer["headers"]), body, len(queries)


@pytest.fixture
def article(settings):
    settings.PAGE_CACHE_TIMEOUT = 300
    return make_article(title_zh="缓存中的文章")


def test_a_cached_page_is_answered_before_django_with_every_header(article):
    first = call(landing(article, "zh-hans"))
    second = call(landing(article, "zh-hans"))
    assert first[0] == second[0] == "200 OK"
    assert first[3] > 0 and second[3] == 0  # the second touched no database
    assert second[2] == first[2] and "缓存中的文章".encode() in second[2]
    for header in ("Content-Security-Policy", "X-Content-Type-Options", "ETag", "Content-Language"):
        assert second[1][header] == first[1][header]
    assert second[1]["Content-Length"] == str(len(second[2]))
    assert "X-Page-Cache-Timeout" not in first[1] and "X-Page-Cache-Timeout" not in second[1]


def test_an_edit_is_seen_at_once(article):
    call(landing(article, "zh-hans"))
    article.title_zh = "改过的标题"
    article.save()
    status, _headers, body, queries = call(landing(article, "zh-hans"))
    assert "改过的标题".encode() in body and queries > 0


def test_another_servers_edit_is_seen_within_the_recheck_time(article, settings):
    """Each process trusts the generation it read for GENERATION_RECHECK_SECONDS: an edit
    on another server (its bump reaches the shared cache, not this process) shows then."""
    settings.GENERATION_RECHECK_SECONDS = 2  # room for a loaded CI between the two calls
    call(landing(article, "zh-hans"))
    Article.objects.filter(pk=article.pk).update(title_zh="别的服务器改的标题")
    cache.incr(GENERATION_KEY)  # what content_changed() does there
    assert "缓存中的文章".encode() in call(landing(article, "zh-hans"))[2]
    time.sleep(2.1)
    assert "别的服务器改的标题".encode() in call(landing(article, "zh-hans"))[2]


def test_a_reader_with_a_session_cookie_goes_to_django(article):
    call(landing(article, "zh-hans"))
    *_rest, queries = call(landing(article, "zh-hans"), HTTP_COOKIE="sessionid=abc")
    assert queries > 0


def test_conditional_and_head_requests(article):
    _status, headers, _body, _queries = call(landing(article, "en"))
    call(landing(article, "en"))
    status, not_modified, body, queries = call(
        landing(article, "en"), HTTP_IF_NONE_MATCH=headers["ETag"]
    )
    assert (status, body, queries) == ("304 Not Modified", b"", 0)
    assert not_modified["ETag"] == headers["ETag"]
    status, head_headers, body, _queries = call(landing(article, "en"), REQUEST_METHOD="HEAD")
    assert (status, body) == ("200 OK", b"")


def hits(caplog):
    return [r.path for r in caplog.records if getattr(r, "cache", None) == "hit"]


def test_pages_without_a_language_prefix_stay_with_django(article, caplog):
    caplog.set_level("INFO", logger="journal.request")
    for _ in range(2):
        call("/oai/", QUERY_STRING="verb=Identify")
        call(landing(article, "en"))
    status, headers, _body, _queries = call("/oai/", QUERY_STRING="verb=Identify")
    assert status == "200 OK" and "X-Page-Cache-Timeout" not in headers
    # The landing page's second request was this layer's; the OAI page never was.
    assert hits(caplog) == [landing(article, "en")]
