from django.core.management.base import BaseCommand

from stats.services import flush_hits


class Command(BaseCommand):
    help = (
        "Fold pending views and downloads into the daily counts that the landing pages, "
        "the admin and the COUNTER reports show. Run it from cron, e.g. every 5 minutes."
    )

    def handle(self, *args, **options):
        folded = flush_hits()
        self.stdout.write(f"Folded {folded} hits into daily counts.")
