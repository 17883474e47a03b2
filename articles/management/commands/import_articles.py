from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from articles.importer import ImportFailed, import_items, load_items
from journal.models import Journal


class Command(BaseCommand):
    help = (
        "Import articles from a CSL-JSON file (an array of items, as Zotero and Crossref "
        "export it). All items are written or none. Prints the DOI and page path per item."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="CSL-JSON file")
        parser.add_argument(
            "--journal",
            metavar="SLUG",
            help=(
                "Import into this journal only: an item naming another journal (ISSN, "
                "container-title) or carrying the DOI of another journal's article is an "
                "error, and no journal is created."
            ),
        )

    def handle(self, *args, file, journal=None, **options):
        journals = None
        if journal is not None:
            found = Journal.objects.filter(slug=journal).first()
            if found is None:
                raise CommandError(f"No journal has the slug “{journal}”.")
            journals = {found.pk}
        try:
            raw = file.read_bytes().decode("utf-8-sig")
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error.strerror}") from error
        except UnicodeDecodeError as error:
            raise CommandError(f"{file} is not UTF-8 text.") from error
        try:
            # Messages name items and fields in English, whatever the server's language.
            with translation.override("en"):
                results = import_items(load_items(raw), journals=journals)
        except ImportFailed as failure:
            raise CommandError(
                "Nothing was imported:\n" + "\n".join(f"  {line}" for line in failure.errors)
            ) from failure
        with translation.override(settings.LANGUAGE_CODE):
            for result in results:
                article = result.article
                action = "created" if result.created else "updated"
                self.stdout.write(f"{action}\t{article.doi or '-'}\t{article.get_absolute_url()}")
