"""Keyword strings as authors type them.

Chinese authors separate keywords with ``；``, ``，`` or ``、``; others with ``;``
or ``,``. All of them split, order is kept, and duplicates (ignoring case) drop.
taggit uses these through TAGGIT_TAGS_FROM_STRING / TAGGIT_STRING_FROM_TAGS.
"""

import re

from django.db import transaction
from taggit.models import Tag

from articles.models import ArticleKeyword
from articles.signals import keywords_changed

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


def keyword_tag(name):
    """The existing tag of this name (case-insensitive), or a new one."""
    tag = Tag.objects.filter(name__iexact=name).first()
    return tag or Tag.objects.create(name=name)


@transaction.atomic
def set_keywords(*, article, language, keywords):
    """Replace the article's keywords in one language, keeping the given order.

    ``keywords`` is a list of names or one string with any separator authors use.
    """
    names = (
        parse_keywords(keywords)
        if isinstance(keywords, str)
        else parse_keywords("\n".join(keywords))
    )
    old = ArticleKeyword.objects.filter(content_object=article, language=language)
    if [link.tag.name for link in old.select_related("tag").order_by("order", "pk")] == names:
        return names  # unchanged: no history entry
    for link in old:
        link.delete()  # one by one, so that the history records each removal
    for index, name in enumerate(names):
        ArticleKeyword.objects.create(
            content_object=article, tag=keyword_tag(name), language=language, order=index
        )
    keywords_changed.send(sender=type(article), article_ids={article.pk})
    return names


def keywords_text(article, language):
    """The keywords of one language as one editable string."""
    links = ArticleKeyword.objects.filter(content_object=article, language=language)
    return "; ".join(link.tag.name for link in links.select_related("tag").order_by("order", "pk"))
