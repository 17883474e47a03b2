"""The whole-page cache for the public pages, with exact invalidation and conditional GET.

Pages are marked cacheable by ``journal.cache.public_page`` and keyed by the content
generation (``journal.cache``). Hits are served by ``PageCacheMiddleware``, placed
right after WhiteNoise: a cached page costs two cache reads and no session, URL
resolution or view, as close to a static file as Django gets. The middleware stores
the response as the inner middleware left it (Content-Language, Vary,
X-Frame-Options included), so a hit replays the same headers.

Time-based visibility (a scheduled article or issue going public by itself) is kept
by never caching a page past the next scheduled publication moment
(``articles.publishing.seconds_to_next_publication``, which the landing page's cached
parts obey too); this module sits in the project layer, above the apps.
"""

import hashlib
import time
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date
from django.utils.translation import get_language_from_request

from articles.publishing import seconds_to_next_publication
from journal.cache import PUBLIC_CACHE_CONTROL, content_generation, page_timeout
from journal.cached_pages import MARK, SERVED_BY_WSGI_LAYER, language_prefixed
from journal.csp import CSP_UPDATE

PAGE_KEY = "journal:page:{generation}:{digest}"
# Headers the cache must not replay: per-response or set again by the middleware.
UNCACHED_HEADERS = {"set-cookie", "content-length"}


def page_key(request, generation):
    # The language as LocaleMiddleware will choose it (URL prefix, else negotiation),
    # worked out here because hits are served before LocaleMiddleware runs.
    language = get_language_from_request(request, check_path=True)
    query = urlencode(sorted(request.GET.lists()), doseq=True)
    parts = "\n".join([request.scheme, request.get_host(), language, request.path, query])
    digest = hashlib.sha256(parts.encode()).hexdigest()
    return PAGE_KEY.format(generation=generation, digest=digest)


def _conditional(request, entry):
    response = HttpResponse(entry["body"], status=entry["status"])
    for name, value in entry["headers"]:
        response[name] = value
    if entry.get(CSP_UPDATE):  # the page's inline styles, for django-csp (journal.csp)
        setattr(response, CSP_UPDATE, entry[CSP_UPDATE])
    response["ETag"] = entry["etag"]
    response["Last-Modified"] = http_date(entry["created"])
    patch_cache_control(response, **PUBLIC_CACHE_CONTROL)
    return get_conditional_response(
        request, etag=entry["etag"], last_modified=int(entry["created"]), response=response
    )


def _entry(response):
    body = response.content
    return {
        "body": body,
        "status": response.status_code,
        "headers": [
            (name, value)
            for name, value in response.items()
            if name.lower() not in UNCACHED_HEADERS
        ],
        "etag": f'"{hashlib.md5(body, usedforsecurity=False).hexdigest()}"',
        "created": time.time(),
        CSP_UPDATE: getattr(response, CSP_UPDATE, None),
    }


def _cacheable_request(request):
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and page_timeout() > 0
    )


def _mark_for_wsgi(request, response, entry):
    """Hand a page the language prefix names to the WSGI layer (journal.cached_pages),
    which keeps it with every middleware's headers and serves it before Django."""
    remaining = int(entry.get("expires", 0) - time.time())
    if (
        request.META.get(SERVED_BY_WSGI_LAYER)
        and response.status_code == 200
        and remaining >= 1
        and language_prefixed(request.path_info)
    ):
        response[MARK] = str(remaining)
    return response


class PageCacheMiddleware:
    """Serve cached public pages early; store the pages ``public_page`` marked."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _cacheable_request(request):
            return self.get_response(request)
        generation = content_generation()
        key = page_key(request, generation)
        entry = cache.get(key)
        if entry is not None:
            return _mark_for_wsgi(request, _conditional(request, entry), entry)

        response = self.get_response(request)
        if (
            not getattr(response, "public_page", False)
            or response.status_code != 200
            or response.streaming
            or response.cookies
        ):
            return response
        entry = _entry(response)
        # A view may cut the time short for a page that will change by itself.
        timeout = min(page_timeout(), getattr(response, "page_cache_timeout", page_timeout()))
        until_next = seconds_to_next_publication(generation)
        if until_next is not None:
            timeout = min(timeout, until_next)
        if timeout < 1:
            return _conditional(request, entry)
        entry["expires"] = entry["created"] + int(timeout)
        cache.set(key, entry, timeout=int(timeout))
        return _mark_for_wsgi(request, _conditional(request, entry), entry)
