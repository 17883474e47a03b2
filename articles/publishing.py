"""Publishing: what readers see changes here, in one transaction per call.

Every write of status, time, issue or deletion runs inside ``public_state_followed``,
which announces it (``articles.signals``): the search index, OAI-PMH tombstones and the
citations follow from there.
"""

import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from datetime import time as day_time

from django.core.cache import cache
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from articles.models import Article, Author, Status
from articles.signals import articles_published, articles_state_changed, articles_withdrawn
from journal.models import Issue
from scholarly.languages import in_language


def public_ids(ids):
    return set(Article.objects.published().filter(pk__in=ids).values_list("pk", flat=True))


@contextmanager
def public_state_followed(articles, change):
    """Around a write of status, time, issue or deletion: announce it, and which of
    ``articles`` it made public or took off the site (``articles.signals``).

    The ids are frozen first: the write may change what a filtered queryset matches.
    """
    ids = set(articles.values_list("pk", flat=True))
    before = public_ids(ids)
    yield
    if not ids:
        return
    after = public_ids(ids)
    articles_state_changed.send(sender=Article, article_ids=ids, change=change)
    if withdrawn := before - after:
        articles_withdrawn.send(sender=Article, article_ids=withdrawn)
    if published := after - before:
        articles_published.send(sender=Article, article_ids=published)


@transaction.atomic
def publish_articles(*, articles):
    """Publish drafts: now, or at their own time if one is set (then they are scheduled).

    Returns the number of articles changed.
    """
    now = timezone.now()
    changed = 0
    with public_state_followed(articles, change="published"):
        # of=("self",): PostgreSQL cannot lock the nullable side of the outer join to the issue.
        for article in articles.select_for_update(of=("self",)).exclude(status=Status.PUBLISHED):
            article.status = Status.PUBLISHED
            article.published_at = article.published_at or now
            article.save(update_fields=["status", "published_at", "updated_at"])
            changed += 1
    return changed


@transaction.atomic
def unpublish_articles(*, articles):
    """Take articles off the public site: they become drafts again, their date kept.

    Returns the number of articles changed.
    """
    changed = 0
    with public_state_followed(articles, change="unpublished"):
        for article in articles.select_for_update(of=("self",)).exclude(status=Status.DRAFT):
            article.status = Status.DRAFT
            article.save(update_fields=["status", "updated_at"])
            changed += 1
    return changed


@transaction.atomic
def save_article(*, article):
    """Save an edited article; an edit that takes it off the site (status, time, issue)
    makes it a deleted OAI record, one that brings it back a live one."""
    with public_state_followed(Article.objects.filter(pk=article.pk), change="saved"):
        article.save()


@transaction.atomic
def save_issue(*, issue):
    """Save an edited issue; unpublishing it or moving its date into the future makes
    its public articles deleted OAI records (and the search index follows).
    A new issue has no articles yet: nothing to follow."""
    if issue.pk is None:
        issue.save()
        return
    with public_state_followed(Article.objects.in_issue(issue), change="issue"):
        issue.save()


def is_ready(article):
    """Ready to publish with its issue: a title in the full-text language and an author.

    (The section is required by the model already.) A draft missing either stays a
    draft when its issue is published, and the editor is told which ones.
    """
    has_author = getattr(article, "has_author", None)
    if has_author is None:
        has_author = article.authors.exists()
    return bool(in_language(article, "title", article.language)) and has_author


@dataclass
class IssuePublication:
    published: list = field(default_factory=list)
    not_ready: list = field(default_factory=list)


@transaction.atomic
def publish_issue(*, issue):
    """Publish an issue and, in the same transaction, its ready draft articles.

    Scheduled articles keep their time; ready drafts become published (at their
    own time if set, else now). Deleted articles stay deleted. The articles go
    public when the issue does: on its publication date.
    """
    result = IssuePublication()
    articles = (
        Article.objects.current()
        .in_issue(issue)
        .filter(status=Status.DRAFT)
        .annotate(has_author=Exists(Author.objects.filter(article=OuterRef("pk"))))
        .select_for_update(of=("self",))
        .order_by("first_page", "pk")
    )
    now = timezone.now()
    with public_state_followed(Article.objects.in_issue(issue), change="issue"):
        for article in articles:
            if not is_ready(article):
                result.not_ready.append(article)
                continue
            article.status = Status.PUBLISHED
            article.published_at = article.published_at or now
            article.save(update_fields=["status", "published_at", "updated_at"])
            result.published.append(article)
        if not issue.is_published:
            issue.is_published = True
            issue.save(update_fields=["is_published", "updated_at"])
    return result


@transaction.atomic
def unpublish_issue(*, issue):
    """Take an issue, and so all its articles, off the public site. Returns 1 or 0."""
    if not issue.is_published:
        return 0
    with public_state_followed(Article.objects.in_issue(issue), change="issue"):
        issue.is_published = False
        issue.save(update_fields=["is_published", "updated_at"])
    return 1


@transaction.atomic
def delete_articles(*, articles):
    """Delete softly: hidden from the public and the editors' list, restorable."""
    return mark_deleted(articles, timezone.now(), change="deleted")


@transaction.atomic
def restore_articles(*, articles):
    """Undo a deletion: the article is back as it was, public again if it was."""
    return mark_deleted(articles, None, change="restored")


def mark_deleted(articles, moment, *, change):
    """Set ``deleted_at`` on each article not so yet, one save each (the history records
    every one); returns the number changed."""
    changed = 0
    with public_state_followed(articles, change=change):
        selected = articles.select_for_update(of=("self",)).filter(
            deleted_at__isnull=moment is not None
        )
        for article in selected:
            article.deleted_at = moment
            article.save(update_fields=["deleted_at", "updated_at"])
            changed += 1
    return changed


NEXT_EVENT_KEY = "journal:next-publication:{generation}"


def next_publication_moment():
    """When the next scheduled article or issue goes public (aware datetime) or None."""
    now = timezone.now()
    article_time = (
        Article.objects.exclude(status=Status.DRAFT)
        .filter(published_at__gt=now)
        .order_by("published_at")
        .values_list("published_at", flat=True)
        .first()
    )
    issue_date = (
        Issue.objects.filter(is_published=True, publication_date__gt=timezone.localdate())
        .order_by("publication_date")
        .values_list("publication_date", flat=True)
        .first()
    )
    moments = [article_time] if article_time else []
    if issue_date:
        moments.append(timezone.make_aware(datetime.combine(issue_date, day_time.min)))
    return min(moments) if moments else None


def seconds_to_next_publication(generation):
    """Seconds until the next scheduled publication; computed once per generation."""
    key = NEXT_EVENT_KEY.format(generation=generation)
    moment = cache.get(key)
    if moment is None:
        found = next_publication_moment()
        moment = found.timestamp() if found else 0
        # Kept until that moment passes (then recomputed), or for a day at most.
        keep = min(86400, moment - time.time()) if moment else 86400
        cache.set(key, moment, timeout=max(1, int(keep)))
    return moment - time.time() if moment else None
