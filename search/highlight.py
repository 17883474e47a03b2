"""Matches shown in results: escaped text with <mark> around the query's words.

Built here in Python from escaped pieces, so no template ever marks raw data safe.
"""

import re

from django.utils.html import escape
from django.utils.safestring import mark_safe

from search.tokens import CJK

# A Latin word matches whole: no letter or digit (other than CJK) right before or after.
WORD_EDGE_BEFORE = rf"(?<!(?![{CJK}])[^\W_])"
WORD_EDGE_AFTER = rf"(?!(?![{CJK}])[^\W_])"
CJK_START_RE = re.compile(rf"[{CJK}]")


def terms_pattern(terms):
    parts = []
    for term in sorted(set(terms), key=len, reverse=True):
        if CJK_START_RE.match(term):
            parts.append(re.escape(term))
        else:
            parts.append(WORD_EDGE_BEFORE + re.escape(term) + WORD_EDGE_AFTER)
    return re.compile("|".join(parts), re.IGNORECASE) if parts else None


def highlight(text, pattern):
    """Safe HTML of ``text`` with every match of ``pattern`` inside <mark>."""
    if not text:
        return ""
    if pattern is None:
        return escape(text)
    pieces, position = [], 0
    for match in pattern.finditer(text):
        pieces.append(escape(text[position : match.start()]))
        pieces.append(f"<mark>{escape(match.group(0))}</mark>")
        position = match.end()
    pieces.append(escape(text[position:]))
    return mark_safe("".join(pieces))  # noqa: S308 - every piece escaped above


def snippet(text, pattern, width=180):
    """A window of ``text`` around its first match (or its start), highlighted."""
    if not text:
        return ""
    match = pattern.search(text) if pattern is not None else None
    if match is None or len(text) <= width:
        start = 0
    else:
        start = max(0, match.start() - width // 3)
    end = min(len(text), start + width)
    window = text[start:end]
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(text) else ""
    return mark_safe(prefix + highlight(window, pattern) + suffix)  # noqa: S308
