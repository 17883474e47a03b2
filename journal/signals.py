"""Every change to what a public page shows bumps the page-cache generation.

Infrastructure, not domain flow: one receiver per kind of row, so any writing path
(admin, services, importer, shell) keeps the cached pages current. Paths that skip
signals (``bulk_create``, ``QuerySet.update``) call ``content_changed()`` themselves.
"""

from django.db.models.signals import m2m_changed, post_delete, post_save
from taggit.models import Tag

from articles.models import Affiliation, Article, ArticleKeyword, Author, Galley, Reference
from journal.cache import content_changed
from journal.models import BoardMember, Issue, Journal, Section

CONTENT_MODELS = [
    Journal,
    BoardMember,
    Issue,
    Section,
    Article,
    Author,
    Affiliation,
    ArticleKeyword,
    Tag,
    Reference,
    Galley,
]


def connect():
    for model in CONTENT_MODELS:
        uid = f"page_cache_{model._meta.label_lower}"
        post_save.connect(content_changed, sender=model, dispatch_uid=f"{uid}_save")
        post_delete.connect(content_changed, sender=model, dispatch_uid=f"{uid}_delete")
    for through in (Author.affiliations.through, ArticleKeyword):  # taggit sends m2m_changed
        m2m_changed.connect(
            content_changed, sender=through, dispatch_uid=f"page_cache_m2m_{through.__name__}"
        )
