import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from tqdm import tqdm

from articles.importer import ImportFailed
from articles.ojs_import import Progress, import_ojs
from journal.models import Journal


class ProgressBar(Progress):
    """The import's progress on the terminal: bytes of the file read, with counts."""

    def __init__(self, stream):
        self.stream = stream
        self.bar = None
        self.counts = {}

    def stage(self, name, total):
        self.close()
        self.bar = tqdm(total=total, desc=name, unit="B", unit_scale=True, file=self.stream)

    def advance(self, position, counts):
        if self.bar is None:
            return
        if counts and counts != self.counts:  # the parser reads ahead: counts lag the bytes
            self.counts = counts
            self.bar.set_postfix(counts, refresh=False)
        if position > self.bar.n:
            self.bar.update(position - self.bar.n)

    def close(self):
        if self.bar is not None:
            self.bar.refresh()
            self.bar.close()
            self.bar = None


class Command(BaseCommand):
    help = (
        "Import an OJS Native XML export (Tools → Import/Export → Native XML in OJS 3.2-3.5:"
        " issues with their sections, articles, authors, galleys) into one journal. The file"
        " is validated against the OJS schema first; then everything is written or nothing."
        " Importing the same file again changes nothing; a re-export updates what changed."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="the OJS export (XML)")
        parser.add_argument(
            "--journal", metavar="SLUG", required=True, help="import into this journal"
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="read and check everything, report what would be done, write nothing",
        )
        parser.add_argument(
            "--no-progress", action="store_true", help="no progress bar (for logs and cron)"
        )

    def handle(self, *args, file, journal, dry_run=False, no_progress=False, **options):
        found = Journal.objects.filter(slug=journal).first()
        if found is None:
            raise CommandError(f"No journal has the slug “{journal}”.")
        if not file.is_file():
            raise CommandError(f"Cannot read {file}: no such file.")
        started = time.monotonic()
        progress = None if no_progress else ProgressBar(self.stderr._out)
        try:
            # Messages name items and fields in English, whatever the server's language.
            with translation.override("en"):
                report = import_ojs(
                    file,
                    journal=found,
                    journals={found.pk},
                    dry_run=dry_run,
                    allow_local_files=True,
                    allow_private_hosts=True,
                    progress=progress,
                )
        except ImportFailed as failure:
            raise CommandError(
                "Nothing was imported:\n" + "\n".join(f"  {line}" for line in failure.errors)
            ) from failure
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error.strerror or error}") from error
        finally:
            if progress is not None:
                progress.close()
        elapsed = time.monotonic() - started
        with translation.override(settings.LANGUAGE_CODE):
            for result in report.results:
                action = (
                    "unchanged" if result.unchanged else "created" if result.created else "updated"
                )
                article = result.article
                self.stdout.write(f"{action}\t{article.doi or '-'}\t{article.get_absolute_url()}")
        for note in report.notes:
            self.stdout.write(f"note\t{note}")
        verb = "would be" if dry_run else "were"
        self.stdout.write(
            f"OJS {report.version} export: {report.created} articles {verb} created,"
            f" {report.updated} updated, {report.unchanged} unchanged;"
            f" {report.issues_created} issues {verb} created; {report.galleys} galleys"
            f" {verb} stored ({elapsed:.1f} s)."
            + (" Dry run: nothing was written." if dry_run else "")
        )
