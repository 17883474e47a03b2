"""Stored rich text (abstracts): the few inline tags scholarly abstracts use.

nh3 (the Ammonia sanitiser) cleans on save and again on output, so text that
reached the database another way is still safe to render.
"""

import html

import nh3
from django.utils.safestring import mark_safe

ALLOWED_TAGS = {"p", "br", "i", "em", "b", "strong", "sub", "sup", "span"}
ALLOWED_ATTRIBUTES = {"span": {"lang"}, "p": {"lang"}}


def clean_html(value):
    return nh3.clean(value or "", tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES).strip()


def plain_text(value):
    """The text only, for meta tags, feeds and citations (entities decoded)."""
    return " ".join(html.unescape(nh3.clean(value or "", tags=set())).split())


def render_html(value):
    """Safe HTML for a template: paragraphs from blank lines when there is no markup."""
    cleaned = clean_html(value)
    if cleaned and "<p" not in cleaned:
        paragraphs = [part.strip() for part in cleaned.split("\n\n") if part.strip()]
        cleaned = "".join(f"<p>{part}</p>" for part in paragraphs)
    return mark_safe(cleaned)  # noqa: S308 - cleaned by nh3 just above
