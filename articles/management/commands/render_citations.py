"""Render the How-to-Cite citations of articles and store them (after a style update too).

``--worker`` drains the queue of citation jobs and waits for more (``make run`` and
gunicorn start it beside the server); ``--queued`` drains it once and stops.
"""

from django.core.management.base import BaseCommand, CommandError

from articles.citation_queue import run_worker
from articles.how_to_cite import render_citations
from articles.models import Article


class Command(BaseCommand):
    help = "Render and store every offered citation style for articles (all by default)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--article", type=int, action="append", default=[], help="article id (repeatable)"
        )
        parser.add_argument("--journal", help="only the articles of this journal (slug)")
        parser.add_argument(
            "--stale-only",
            action="store_true",
            help="skip articles whose stored citations are current",
        )
        parser.add_argument(
            "--worker",
            action="store_true",
            help="render queued citation jobs as they come, until stopped",
        )
        parser.add_argument(
            "--queued", action="store_true", help="render the queued citation jobs, then stop"
        )

    def handle(self, *args, article, journal, stale_only, worker, queued, **options):
        if worker or queued:
            try:
                done = run_worker(once=queued)
            except KeyboardInterrupt:  # Ctrl-C on `make run` stops the server and the worker
                return
            self.stdout.write(f"{done} queued articles rendered.")
            return
        articles = Article.objects.order_by("pk")
        if article:
            articles = articles.filter(pk__in=article)
        if journal:
            articles = articles.filter(journal__slug=journal)
            if not articles.exists():
                raise CommandError(f"No articles in a journal with the slug {journal!r}.")
        rendered = skipped = 0
        for item in articles.iterator():
            if render_citations(article=item, stale_only=stale_only):
                rendered += 1
            else:
                skipped += 1
        self.stdout.write(f"{rendered} rendered, {skipped} already current.")
