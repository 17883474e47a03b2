"""Cached public pages served by the WSGI application itself, before Django, as WhiteNoise
serves static files.

``PageCacheMiddleware`` decides what is cached and when it expires; for a page under a
language prefix (/zh-hans/…, /en/…: the language is in the path, so the environ alone
names the page) it marks the outgoing response with ``X-Page-Cache-Timeout``. This layer
removes that mark and keeps the response as it left Django, every middleware's headers
included, under a key made of the content generation and the request line. The next
request for it costs two cache reads, a header comparison and the log line: no request
object, no middleware, no URL resolution (#18: a cached page as fast as a static file).

Requests with a session cookie (possibly staff) and anything but GET and HEAD go to
Django, as in the middleware; so does a stale generation (an edit), which the
generation in the key makes a miss.
"""

import hashlib
import logging
import threading
import time
from collections import OrderedDict

from django.conf import settings
from django.core.cache import cache
from django.utils.http import parse_etags, parse_http_date_safe

from journal.cache import content_generation, page_timeout
from journal.logging import request_logger

MARK = "X-Page-Cache-Timeout"
# In the environ of requests this layer passes on: only then does the middleware mark.
SERVED_BY_WSGI_LAYER = "journal.cached_pages"
KEY = "journal:wsgi-page:{generation}:{digest}"
# Pages each process keeps in its own memory, in front of the shared cache (a Redis round
# trip and unpickling 40 KB cost more than the rest of a hit); the key holds the content
# generation, so an edit is never served stale from here either. At most ~5 MB a worker.
LOCAL_PAGES = 128
# The response headers a 304 repeats (RFC 9110 15.4.5).
NOT_MODIFIED_HEADERS = {"cache-control", "content-location", "date", "etag", "expires", "vary"}


def language_prefixed(path):
    return path.startswith(tuple(f"/{code}/" for code, _name in settings.LANGUAGES))


def cookie_names(environ):
    return {part.split("=", 1)[0].strip() for part in environ.get("HTTP_COOKIE", "").split(";")}


def scheme_of(environ):
    header = getattr(settings, "SECURE_PROXY_SSL_HEADER", None)
    if header and environ.get(header[0], "").split(",")[0].strip() == header[1]:
        return "https"
    return environ.get("wsgi.url_scheme", "http")


def page_key(environ, generation):
    parts = "\n".join(
        [
            scheme_of(environ),
            environ.get("HTTP_HOST", ""),
            environ.get("SCRIPT_NAME", "") + environ.get("PATH_INFO", ""),
            environ.get("QUERY_STRING", ""),
        ]
    )
    digest = hashlib.sha256(parts.encode("latin-1", "replace")).hexdigest()
    return KEY.format(generation=generation, digest=digest)


def not_modified(environ, entry):
    """Whether the reader's copy is this one (If-None-Match, else If-Modified-Since)."""
    if match := environ.get("HTTP_IF_NONE_MATCH"):
        etags = parse_etags(match)
        return "*" in etags or entry["etag"] in etags
    if since := parse_http_date_safe(environ.get("HTTP_IF_MODIFIED_SINCE", "")):
        return int(entry["created"]) <= since
    return False


class CachedPages:
    """The WSGI application: cached pages first, Django for everything else."""

    def __init__(self, application):
        self.application = application
        self.local = OrderedDict()
        self.lock = threading.Lock()

    def lookup(self, key):
        with self.lock:
            entry = self.local.get(key)
            if entry is not None and entry["expires"] > time.time():
                self.local.move_to_end(key)
                return entry
        entry = cache.get(key)
        if entry is not None:
            self.keep(key, entry)
        return entry

    def keep(self, key, entry):
        with self.lock:
            self.local[key] = entry
            self.local.move_to_end(key)
            while len(self.local) > LOCAL_PAGES:
                self.local.popitem(last=False)

    def __call__(self, environ, start_response):
        started = time.perf_counter()
        cacheable = (
            environ.get("REQUEST_METHOD") in ("GET", "HEAD")
            and language_prefixed(environ.get("PATH_INFO", ""))
            and page_timeout() > 0
            and settings.SESSION_COOKIE_NAME not in cookie_names(environ)
        )
        if not cacheable:
            return self.application(environ, start_response)
        environ[SERVED_BY_WSGI_LAYER] = True
        key = page_key(environ, content_generation())
        entry = self.lookup(key)
        if entry is not None:
            return self.serve(environ, start_response, entry, started)
        return self.store(environ, start_response, key)

    def serve(self, environ, start_response, entry, started):
        if not_modified(environ, entry):
            status, body = "304 Not Modified", b""
            headers = [(n, v) for n, v in entry["headers"] if n.lower() in NOT_MODIFIED_HEADERS]
        else:
            status, body = entry["status"], entry["body"]
            headers = [*entry["headers"], ("Content-Length", str(len(body)))]
        start_response(status, headers)
        code = int(status[:3])
        request_logger.log(
            logging.INFO,
            "%s %s %s",
            environ["REQUEST_METHOD"],
            environ.get("PATH_INFO", ""),
            code,
            extra={
                "method": environ["REQUEST_METHOD"],
                "path": environ.get("PATH_INFO", ""),
                "status": code,
                "duration_ms": round((time.perf_counter() - started) * 1000, 1),
                "cache": "hit",
            },
        )
        return [b""] if environ["REQUEST_METHOD"] == "HEAD" else [body]

    def store(self, environ, start_response, key):
        """Let Django answer; keep its response when the middleware marked it."""
        seen = {}

        def remember(status, headers, exc_info=None):
            timeout = next((v for n, v in headers if n == MARK), None)
            headers = [(n, v) for n, v in headers if n != MARK]
            if timeout is not None and status.startswith("200"):
                seen.update(status=status, headers=headers, timeout=int(timeout))
            return start_response(status, headers, exc_info)

        result = self.application(environ, start_response=remember)
        if not seen or environ["REQUEST_METHOD"] == "HEAD":
            return result
        try:
            body = b"".join(result)
        finally:
            if hasattr(result, "close"):
                result.close()
        headers = [(n, v) for n, v in seen["headers"] if n.lower() != "content-length"]
        named = {n.lower(): v for n, v in headers}
        entry = {
            "status": seen["status"],
            "headers": headers,
            "body": body,
            "etag": named.get("etag", ""),
            "created": parse_http_date_safe(named.get("last-modified", "")) or time.time(),
            "expires": time.time() + seen["timeout"],
        }
        cache.set(key, entry, timeout=seen["timeout"])
        self.keep(key, entry)
        return [body]
