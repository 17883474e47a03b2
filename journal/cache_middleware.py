"""The whole-page cache for the public pages, with exact invalidation and conditional GET.

Pages are marked cacheable by ``journal.cache.public_page`` and keyed by the content
generation (``journal.cache``). Hits are served by ``PageCacheMiddleware``, placed
right after WhiteNoise: a cached page costs two cache reads and no session, URL
resolution or view, as close to a static file as Django gets. The middleware stores
the response as the inner middleware left it (Content-Language, Vary,
X-Frame-Options included), so a hit replays the same headers.

Time-based visibility (a scheduled article or issue going public by itself) is kept
by never caching a page past the next scheduled publication moment; finding that
moment reads the article and issue models, hence this module sits in the project
layer, above the apps.
"""

import hashlib
import time
from datetime import datetime
from datetime import time as day_time
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date
from django.utils.translation import get_language_from_request

from articles.models import Article, Status
from journal.cache import PUBLIC_CACHE_CONTROL, content_generation, page_timeout
from journal.cached_pages import MARK, SERVED_BY_WSGI_LAYER, language_prefixed
from journal.models import Issue

NEXT_EVENT_KEY = "journal:next-publication:{generation}"
PAGE_KEY = "journal:page:{generation}:{digest}"
# Headers the cache must not replay: per-response or set again by the middleware.
UNCACHED_HEADERS = {"set-cookie", "content-length"}


def next_publication_moment():
    """When the next scheduled article or issue goes public (aware datetime) or None."""
    now = timezone.now()
    article_time = (
        Article.objects.exclude(status=Status.DRAFT)
        .filter(published_at__gt=now)
        .order_by("published_at")
        .values_list("published_at", flat=True)
        .first()
    )
    issue_date = (
        Issue.objects.filter(is_published=True, publication_date__gt=timezone.localdate())
        .order_by("publication_date")
        .values_list("publication_date", flat=True)
        .first()
    )
    moments = [article_time] if article_time else []
    if issue_date:
        moments.append(timezone.make_aware(datetime.combine(issue_date, day_time.min)))
    return min(moments) if moments else None


def seconds_to_next_publication(generation):
    """Seconds until the next scheduled publication; computed once per generation."""
    key = NEXT_EVENT_KEY.format(generation=generation)
    moment = cache.get(key)
    if moment is None:
        found = next_publication_moment()
        moment = found.timestamp() if found else 0
        # Kept until that moment passes (then recomputed), or for a day at most.
        keep = min(86400, moment - time.time()) if moment else 86400
        cache.set(key, moment, timeout=max(1, int(keep)))
    return moment - time.time() if moment else None


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
