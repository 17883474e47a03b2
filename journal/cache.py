"""The page cache's interface for views and writers: mark a public page, announce a change.

A public page is cached whole, per language (it is in the URL), host and query. The
key also holds the *content generation*: a counter in the shared cache that
``content_changed()`` bumps whenever anything a page shows is saved or deleted
(``journal.signals`` connects it). Every app server sharing the cache (Redis) sees
the new generation at once, so no server serves an old page after an edit.

The view's ``public_page`` decorator only marks its response as cacheable;
``journal.cache_middleware.PageCacheMiddleware`` serves and stores the pages. This
module imports no model, so that every app's views may use it (see `.importlinter`).

Staff requests (who may see previews) are neither served from nor stored in the
cache, and are marked ``private, no-store``. Anonymous readers never touch the
session, so public responses set no cookie and do not vary on Cookie. A request with
a session cookie skips the cache altogether: it may be staff.
"""

import time
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils.cache import patch_cache_control

GENERATION_KEY = "journal:content-generation"
PUBLIC_CACHE_CONTROL = {"public": True, "max_age": 60, "stale_while_revalidate": 600}


def page_timeout():
    """Seconds a page stays cached; 0 turns the page cache off."""
    return getattr(settings, "PAGE_CACHE_TIMEOUT", 3600)


# The generation as this process last read it, and until when (time.monotonic()) it is
# trusted without asking the shared cache again (settings.GENERATION_RECHECK_SECONDS).
_known_generation = (None, 0.0)


def content_generation():
    """The current content generation; started from the clock if the cache lost it.

    Read from the shared cache at most every ``GENERATION_RECHECK_SECONDS`` per process
    (a Redis round trip costs a cached page more than the rest of its hit, #18): an
    edit made in this process is seen at once, one made on another server within that
    time. Editors, whose requests skip the page cache, always see their own edits.
    """
    global _known_generation
    generation, until = _known_generation
    if generation is not None and time.monotonic() < until:
        return generation
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        # Microseconds since the epoch: larger than any counter value before it.
        cache.add(GENERATION_KEY, time.time_ns() // 1000, timeout=None)
        generation = cache.get(GENERATION_KEY, 0)
    recheck = getattr(settings, "GENERATION_RECHECK_SECONDS", 0)
    if recheck > 0:
        _known_generation = (generation, time.monotonic() + recheck)
    return generation


def forget_generation():
    """Read the generation from the shared cache on the next request (after a change,
    or a test that cleared the cache)."""
    global _known_generation
    _known_generation = (None, 0.0)


def _bump():
    forget_generation()
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


def is_staff_request(request):
    """Only a reader with a session cookie can be staff; others never touch the session.

    Reading request.user loads the session and makes the response vary on Cookie.
    """
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return False
    return request.user.is_active and request.user.is_staff


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
