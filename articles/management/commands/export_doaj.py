"""Write a journal's (or one issue's) published articles as DOAJ article XML (DOAJ-8)."""

import re
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from articles.doaj import doaj_xml
from articles.models import Article
from journal.models import Issue, Journal

# VOLUME/NUMBER, the number as printed: 3/2, 3/1-2, 3/S1.
ISSUE_RE = re.compile(r"^(\d+)[/:](.+)$")


class Command(BaseCommand):
    help = "Export the published articles of a journal, or of one issue, as DOAJ XML."

    def add_arguments(self, parser):
        parser.add_argument("journal", help="the journal's slug")
        parser.add_argument(
            "--issue",
            help=(
                "only this issue: its id (as in its URL, /issues/ID/), or VOLUME/NUMBER "
                "with the number as printed (e.g. 3/2, 3/1-2, 3/S1)"
            ),
        )
        parser.add_argument("-o", "--output", required=True, help="the XML file to write")
        parser.add_argument(
            "--base-url",
            default="",
            help="https://host the full-text URLs start with (default: the SITE_URL setting)",
        )

    def handle(self, *args, journal, issue, output, base_url, **options):
        base_url = (base_url or settings.SITE_URL).rstrip("/")
        if not re.match(r"^https?://", base_url):
            raise CommandError(
                "Give --base-url https://host (or set SITE_URL): DOAJ needs "
                "absolute full-text URLs."
            )
        found = Journal.objects.filter(slug=journal).first()
        if found is None:
            raise CommandError(f"No journal has the slug {journal!r}.")
        articles = Article.objects.filter(journal=found)
        if issue:
            articles = articles.filter(issue=self.chosen_issue(found, issue))
        articles = list(articles.for_doaj_export())
        if not articles:  # DOAJ's schema wants one record at least
            raise CommandError("No published articles to export.")
        Path(output).write_bytes(doaj_xml(articles, base_url=base_url))
        self.stdout.write(f"{len(articles)} published articles written to {output}.")

    def chosen_issue(self, journal, issue):
        issues = Issue.objects.filter(journal=journal)
        if issue.isdigit():
            chosen = issues.filter(pk=int(issue)).first()
        elif match := ISSUE_RE.match(issue):
            volume, number = match.groups()
            chosen = issues.numbered(volume=int(volume), number=number).first()
        else:
            raise CommandError(
                "Give the issue as its id or as VOLUME/NUMBER, e.g. --issue 12 or --issue 3/2."
            )
        if chosen is None:
            raise CommandError(f"{journal.slug} has no issue {issue}.")
        return chosen
