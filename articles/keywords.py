"""Keyword strings as authors type them.

Chinese authors separate keywords with ``；``, ``，`` or ``、``; others with ``;``
or ``,``. All of them split, order is kept, and duplicates (ignoring case) drop.
taggit uses these through TAGGIT_TAGS_FROM_STRING / TAGGIT_STRING_FROM_TAGS.
"""

import re

KEYWORD_SEPARATORS_RE = re.compile(r"[;；,，、\n]+")


def parse_keywords(text):
    seen = set()
    keywords = []
    for part in KEYWORD_SEPARATORS_RE.split(text or ""):
        keyword = " ".join(part.split()).strip(" \"'“”")
        if keyword and keyword.casefold() not in seen:
            seen.add(keyword.casefold())
            keywords.append(keyword)
    return keywords


def join_keywords(tags):
    return "; ".join(str(tag) for tag in tags)
