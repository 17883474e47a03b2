"""Writes that span several rows: keywords, publishing. Each runs in one transaction."""

from django.db import transaction
from django.utils import timezone
from taggit.models import Tag

from articles.keywords import parse_keywords
from articles.models import ArticleKeyword, Status


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
    ArticleKeyword.objects.filter(content_object=article, language=language).delete()
    ArticleKeyword.objects.bulk_create(
        ArticleKeyword(
            content_object=article, tag=keyword_tag(name), language=language, order=index
        )
        for index, name in enumerate(names)
    )
    return names


@transaction.atomic
def publish_articles(*, articles):
    """Publish drafts and scheduled articles now; an existing future time is kept.

    Returns the number of articles changed.
    """
    now = timezone.now()
    changed = 0
    for article in articles.select_for_update().exclude(status=Status.PUBLISHED):
        article.status = Status.PUBLISHED
        article.published_at = article.published_at or now
        article.save(update_fields=["status", "published_at", "updated_at"])
        changed += 1
    return changed


def keywords_text(article, language):
    """The keywords of one language as one editable string."""
    links = ArticleKeyword.objects.filter(content_object=article, language=language)
    return "; ".join(link.tag.name for link in links.select_related("tag").order_by("order", "pk"))
