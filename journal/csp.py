"""Inline styles the Content Security Policy allows by their hash, one page at a time.

The policy allows no inline style (settings.CONTENT_SECURITY_POLICY). A journal's accent
colour is the one exception worth making: as a file of its own it was a second
render-blocking request on every page (#18), for three custom properties. The template
tag ``accent_style`` writes it inline and names its SHA-256 here; this middleware adds
the hash to the response's ``style-src``, where django-csp's middleware (outside this
one) reads it. The page cache keeps it with the page (``journal.cache_middleware``).
"""

import base64
import hashlib

CSP_UPDATE = "_csp_update"  # what django-csp reads on a response


def accent_css(colour):
    """The accent colour ``rrggbb`` (validated by the Journal model) as CSS."""
    return (
        f"@media (prefers-color-scheme:light){{:root{{--accent:#{colour}}}}}"
        f":root{{--journal-rule:#{colour}}}"
    )


def allow_inline_style(request, css):
    """Let this response's policy allow the ``<style>`` element holding exactly ``css``."""
    digest = base64.b64encode(hashlib.sha256(css.encode()).digest()).decode()
    request.__dict__.setdefault("inline_style_hashes", set()).add(f"'sha256-{digest}'")


class InlineStyleHashesMiddleware:
    """Hand the hashes the page's templates named to django-csp's middleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        hashes = request.__dict__.get("inline_style_hashes")
        if hashes:
            update = dict(getattr(response, CSP_UPDATE, None) or {})
            update["style-src"] = [*update.get("style-src", []), *sorted(hashes)]
            setattr(response, CSP_UPDATE, update)
        return response
