"""Tombstones for OAI-PMH deleted records (OAI-9).

An article leaves the public site when its status goes back to draft, its
publication time moves into the future, or its issue is unpublished. Each of
these is a save of an Article or an Issue, so the OAI app observes those saves
rather than asking every editing path to remember it. (Bulk ``update()`` calls
bypass this; the admin uses ``save()``.)
"""

from django.db.models.signals import pre_save
from django.dispatch import receiver
from django.utils import timezone

from articles.models import Article
from journal.models import Issue
from oai.models import Tombstone


def bury(article_ids):
    now = timezone.now()
    Tombstone.objects.bulk_create(
        [Tombstone(article_id=pk, deleted_at=now) for pk in article_ids],
        update_conflicts=True,
        unique_fields=["article"],
        update_fields=["deleted_at"],
    )


@receiver(pre_save, sender=Article, dispatch_uid="oai_article_withdrawal")
def article_withdrawal(sender, instance, raw=False, **kwargs):
    if raw or instance.pk is None:
        return
    was_public = Article.objects.published().filter(pk=instance.pk).exists()
    if was_public and not instance.is_public:
        bury([instance.pk])


@receiver(pre_save, sender=Issue, dispatch_uid="oai_issue_withdrawal")
def issue_withdrawal(sender, instance, raw=False, **kwargs):
    if raw or instance.pk is None or instance.is_public:
        return
    if Issue.objects.published().filter(pk=instance.pk).exists():
        bury(Article.objects.published().filter(issue_id=instance.pk).values_list("pk", flat=True))
