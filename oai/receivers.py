"""OAI-PMH deleted records follow the articles (``articles.signals``).

Publishing, unpublishing, soft deletion, restoring and issue changes announce which
articles they took off the site or brought back; a hard delete (a shell, a script, a
cascade: the admin deletes softly) is seen by ``pre_delete`` alone. Together they keep
the promise ``deletedRecord=persistent`` makes to harvesters. Every save of an article or
an issue stores the articles' datestamps (``oai.models.Record``). Connected in ``ready()``.
"""

from django.db.models.signals import post_save, pre_delete

from articles.models import Article
from articles.signals import articles_published, articles_withdrawn
from journal.models import Issue
from oai.models import bury, refresh_datestamps, unbury


def tombstones_for_withdrawn(sender, article_ids, **kwargs):
    bury(article_ids)


def tombstones_dropped_for_published(sender, article_ids, **kwargs):
    unbury(article_ids)


def tombstone_before_hard_delete(sender, instance, **kwargs):
    """A public article about to be erased becomes a deleted record (an earlier
    tombstone needs nothing: ``on_delete=SET_NULL`` unlinks it)."""
    if Article.objects.published().filter(pk=instance.pk).exists():
        bury([instance.pk], detach=True)  # unlinked: the row it would point at is going


def datestamp_of_saved_article(sender, instance, raw=False, **kwargs):
    if not raw:
        refresh_datestamps(article_ids=[instance.pk])


def datestamps_of_saved_issue(sender, instance, raw=False, **kwargs):
    if not raw:
        refresh_datestamps(issue_ids=[instance.pk])


def connect():
    articles_withdrawn.connect(tombstones_for_withdrawn, dispatch_uid="oai_withdrawn")
    articles_published.connect(tombstones_dropped_for_published, dispatch_uid="oai_published")
    pre_delete.connect(tombstone_before_hard_delete, sender=Article, dispatch_uid="oai_hard_delete")
    # Every save: the datestamp is the article's (or its issue's) last change, however
    # it was made (admin, import, shell).
    post_save.connect(datestamp_of_saved_article, sender=Article, dispatch_uid="oai_datestamp")
    post_save.connect(datestamps_of_saved_issue, sender=Issue, dispatch_uid="oai_issue_datestamps")
