"""Render the How-to-Cite citations of articles and store them (after a style update too)."""

from django.core.management.base import BaseCommand, CommandError

from articles.models import Article
from articles.services import render_citations


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

    def handle(self, *args, article, journal, stale_only, **options):
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
