from django.core.management.base import BaseCommand

from search.index import rebuild


class Command(BaseCommand):
    help = "Rebuild the search index of every article (titles, abstracts, keywords, authors)."

    def handle(self, *args, **options):
        count = rebuild()
        self.stdout.write(self.style.SUCCESS(f"Indexed {count} articles."))
