"""Write the Crossref deposit of articles (an issue, a journal, or ids) and, when the
settings allow it, send it to Crossref (README "Registering DOIs")."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from articles import crossref
from articles.models import Article
from journal.models import Issue, Journal


class Command(BaseCommand):
    help = (
        "Write the Crossref deposit (schema 5.3.1) of a journal's, an issue's or some "
        "articles' published articles with a DOI; --send posts it to Crossref."
    )

    def add_arguments(self, parser):
        chosen = parser.add_mutually_exclusive_group(required=True)
        chosen.add_argument("--journal", help="every article of the journal with this slug")
        chosen.add_argument("--issue", type=int, help="every article of the issue with this id")
        chosen.add_argument("--article", type=int, nargs="+", help="these article ids")
        parser.add_argument("-o", "--output", required=True, help="the XML file to write")
        parser.add_argument(
            "--base-url",
            default="",
            help="https://host the landing pages start with (default: the SITE_URL setting)",
        )
        parser.add_argument(
            "--send",
            action="store_true",
            help="also send the file to CROSSREF_DEPOSIT_URL (needs CROSSREF_SEND=1 and the "
            "member's CROSSREF_USERNAME and CROSSREF_PASSWORD)",
        )

    def handle(self, *args, journal, issue, article, output, base_url, send, **options):
        articles = Article.objects.all()
        if journal:
            if not Journal.objects.filter(slug=journal).exists():
                raise CommandError(f"No journal has the slug {journal!r}.")
            articles = articles.filter(journal__slug=journal)
        elif issue:
            if not Issue.objects.filter(pk=issue).exists():
                raise CommandError(f"No issue has the id {issue}.")
            articles = articles.filter(issue=issue)
        else:
            articles = articles.filter(pk__in=article)
            missing = set(article) - set(articles.values_list("pk", flat=True))
            if missing:
                raise CommandError(f"No article has the id {', '.join(map(str, sorted(missing)))}.")
        try:
            result = crossref.deposit(
                crossref.for_deposit(articles),
                base_url=(base_url or settings.SITE_URL).rstrip("/"),
            )
        except crossref.DepositError as error:
            raise CommandError(str(error)) from error
        for left_out, reason in result.refused:
            self.stderr.write(
                f"Left out: article {left_out.pk} “{left_out.original_title}”: {reason}"
            )
        if not result.included:
            raise CommandError("No article to deposit: nothing was written.")
        Path(output).write_bytes(result.xml)
        self.stdout.write(
            f"{len(result.included)} articles written to {output} (batch {result.batch_id})."
        )
        if not send:
            crossref.record(result, sent=False)
            return
        try:
            answer = crossref.send(result)
        except crossref.SendError as error:
            raise CommandError(f"{error} The file is written; nothing was sent.") from error
        self.stdout.write(
            f"Sent to {settings.CROSSREF_DEPOSIT_URL}. Crossref's answer: {answer.strip()[:500]}\n"
            f"Crossref emails the result to {settings.CROSSREF_DEPOSITOR_EMAIL}."
        )
