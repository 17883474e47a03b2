"""Keeping stored citations current: a queue table and the worker that drains it.

A change that makes an article's citations stale writes a ``CitationJob`` row in its own
transaction (``schedule_citations``, called by the receivers in ``articles.receivers``).
``manage.py render_citations --worker`` renders the queued articles and deletes their
rows; ``make run`` and gunicorn (``gunicorn.conf.py``) start it beside the server. A job
survives a crash of the web process or of the worker: it stays queued until rendered.
No request-serving process ever holds a V8 heap.
"""

import logging
import time

from django.conf import settings
from django.db import DatabaseError, close_old_connections, transaction
from django.utils import timezone

from articles.how_to_cite import render_citations
from articles.models import Article, CitationJob

logger = logging.getLogger(__name__)

WORKER_POLL_SECONDS = 1.0


def schedule_citations(*, articles, mode=None):
    """Bring the citations of these articles (a queryset, instances or ids) up to date.

    ``mode`` (default: settings.CITATIONS_RENDER): "inline" renders now in this process
    (tests, management commands); "queue" writes a job that the worker picks up once
    this transaction commits.
    """
    mode = mode or settings.CITATIONS_RENDER
    ids = sorted({getattr(article, "pk", article) for article in articles})
    if not ids:
        return
    if mode == "inline":
        for article in Article.objects.filter(pk__in=ids):
            render_citations(article=article, stale_only=True)
        return
    now = timezone.now()
    CitationJob.objects.bulk_create(
        [CitationJob(article_id=pk, requested_at=now) for pk in ids],
        update_conflicts=True,
        unique_fields=["article"],
        update_fields=["requested_at"],
    )


def drain(limit=None):
    """Render every queued article once; returns the number of jobs done.

    A job is deleted only if it was not requested again while rendering (then the next
    round renders the newer state). An article that fails to render keeps its job, and
    the error is logged; the others go on.
    """
    done = 0
    for job in CitationJob.objects.order_by("requested_at", "pk")[:limit]:
        try:
            render_citations(article=job.article, stale_only=True)
        except Article.DoesNotExist:
            pass  # deleted since: its job went with it
        except Exception:
            logger.exception("Rendering the citations of article %s failed", job.article_id)
            continue
        with transaction.atomic():
            CitationJob.objects.filter(pk=job.pk, requested_at=job.requested_at).delete()
        done += 1
    return done


def run_worker(*, once=False, poll=WORKER_POLL_SECONDS):
    """Drain the queue, then wait for more; ``once``: stop when it is empty.

    A lost database connection (a restart, a failover) is logged and retried: the jobs
    wait in their table meanwhile.
    """
    while True:
        try:
            done = drain()
        except DatabaseError:
            if once:
                raise
            logger.exception("The citation worker lost the database; retrying")
            close_old_connections()
            done = 0
        if once:
            return done
        if not done:
            time.sleep(poll)
