"""Compute every article's related articles anew (after the migration that adds them;
afterwards they follow changes by themselves, ``articles.receivers``)."""

from django.core.management.base import BaseCommand
from django.db import transaction

from articles.models import Article
from articles.related import refresh_related


class Command(BaseCommand):
    help = "Compute every article's related articles (landing pages' 'Related articles')."

    def handle(self, *args, **options):
        ids = list(Article.objects.values_list("pk", flat=True))
        with transaction.atomic():
            refresh_related(ids)
        self.stdout.write(f"Related articles computed for {len(ids)} articles.")
