"""Whole-page cache for the public pages, with exact invalidation and conditional GET.

A public page is cached whole, per language (it is in the URL), host and query. The
key also holds the *content generation*: a counter in the shared cache that
``content_changed()`` bumps whenever anything a page shows is saved or deleted
(``journal.signals`` connects it). Every app server sharing the cache (Redis) sees
the new generation at once, so no server serves an old page after an edit.

Time-based visibility (a scheduled article or issue going public by itself) is kept
by never caching a page past the next scheduled publication moment.

Hits are served by ``PageCacheMiddleware``, placed right after WhiteNoise: a cached
page costs two cache reads and no session, URL resolution or view, as close to a
static file as Django gets. The view's ``public_page`` decorator only marks its
response as cacheable; the middleware stores it as the inner middleware left it
(Content-Language, Vary, X-Frame-Options included), so a hit replays the same headers.

Staff requests (who may see previews) are neither served from nor stored in the
cache, and are marked ``private, no-store``. Anonymous readers never touch the
session, so public responses set no cookie and do not vary on Cookie. A request with
a session cookie skips the cache altogether: it may be staff.
"""

import hashlib
import time
from datetime import datetime
from datetime import time as day_time
from functools import wraps
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date
from django.utils.translation import get_language_from_request

GENERATION_KEY = "journal:content-generation"
NEXT_EVENT_KEY = "journal:next-publication:{generation}"
PAGE_KEY = "journal:page:{generation}:{digest}"
# Headers the cache must not replay: per-response or set again by the middleware.
UNCACHED_HEADERS = {"set-cookie", "content-length"}
PUBLIC_CACHE_CONTROL = {"public": True, "max_age": 60, "stale_while_revalidate": 600}


def page_timeout():
    """Seconds a page stays cached; 0 turns the page cache off."""
    return getattr(settings, "PAGE_CACHE_TIMEOUT", 3600)


def content_generation():
    """The current content generation; started from the clock if the cache lost it."""
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        # Microseconds since the epoch: larger than any counter value before it.
        cache.add(GENERATION_KEY, time.time_ns() // 1000, timeout=None)
        generation = cache.get(GENERATION_KEY, 0)
    return generation


def _bump():
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # not in the cache (first edit, eviction, restart)
        cache.set(GENERATION_KEY, time.time_ns() // 1000, timeout=None)


def content_changed(**kwargs):
    """Something a public page shows changed: every cached page is out of date.

    Bumped at once (the writer's next request sees its edit) and again when the
    transaction commits (no other request can cache the old rows in between).
    Accepts signal arguments, so it can be a receiver itself.
    """
    _bump()
    transaction.on_commit(_bump, robust=True)


def next_publication_moment():
    """When the next scheduled article or issue goes public (aware datetime) or None."""
    from articles.models import Article, Status
    from journal.models import Issue

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


def is_staff_request(request):
    """Only a reader with a session cookie can be staff; others never touch the session.

    Reading request.user loads the session and makes the response vary on Cookie.
    """
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return False
    return request.user.is_active and request.user.is_staff


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
            return _conditional(request, entry)

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
        if timeout >= 1:
            cache.set(key, entry, timeout=int(timeout))
        return _conditional(request, entry)


def public_page(view):
    """Mark a public page's response for the page cache (PageCacheMiddleware)."""

    @wraps(view)
    def cached_view(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if request.method not in ("GET", "HEAD") or page_timeout() <= 0:
            return response
        if is_staff_request(request):
            patch_cache_control(response, private=True, no_store=True)
        else:
            response.public_page = True
        return response

    return cached_view
