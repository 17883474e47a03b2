"""The article app's own subscribers: citations follow the data, keywords follow taggit.

Connected in ``ArticlesConfig.ready()``.
"""

from django.db.models.signals import post_save
from taggit.models import Tag

from articles.citation_queue import schedule_citations
from articles.models import Article, ArticleKeyword
from articles.related import refresh_related
from articles.signals import (
    article_saved,
    articles_state_changed,
    keywords_changed,
)


def citations_follow(sender, article_ids, **kwargs):
    """Fields, numbering, status and dates are in the citations: render them again
    (the worker skips those whose stored citations are still current)."""
    schedule_citations(articles=article_ids)


def related_follow(sender, article_ids, **kwargs):
    """Keywords, section or state written: the related lists they can touch, recomputed."""
    refresh_related(article_ids)


def keyword_renamed(sender, instance, created, **kwargs):
    """A tag renamed anywhere (taggit's own admin too) changes its articles' keywords."""
    if created:
        return
    ids = set(
        ArticleKeyword.objects.filter(tag=instance).values_list("content_object_id", flat=True)
    )
    if ids:
        keywords_changed.send(sender=Article, article_ids=ids)


def connect():
    article_saved.connect(citations_follow, dispatch_uid="citations_after_save")
    articles_state_changed.connect(citations_follow, dispatch_uid="citations_after_state")
    article_saved.connect(related_follow, dispatch_uid="related_after_save")
    keywords_changed.connect(related_follow, dispatch_uid="related_after_keywords")
    articles_state_changed.connect(related_follow, dispatch_uid="related_after_state")
    post_save.connect(keyword_renamed, sender=Tag, dispatch_uid="keywords_after_tag_rename")
