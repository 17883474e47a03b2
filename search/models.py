"""One row of search text per article; the database's full-text index reads it.

SQLite: an FTS5 table (``search_fts``) kept in step with this table by triggers.
PostgreSQL: a GIN index on the stored ``document`` column, ``to_tsvector('simple', tokens)``.
Both are created in the migrations. Rows are written by ``search.index``, never by a
reader's request.

Besides the text, each row copies what the results page filters, counts and orders by
(journal, year, publication time, issue date), so that a query over tens of thousands of
matches never joins back to the articles and their issues.
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from articles.models import Article
from journal.models import Journal


class SearchEntryQuerySet(models.QuerySet):
    def public(self):
        """Rows of public articles: their copied ``Article.public_from`` has come."""
        return self.filter(published_at__lte=timezone.now())


class SearchEntry(models.Model):
    article = models.OneToOneField(
        Article,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="search_entry",
        verbose_name=_("article"),
    )
    tokens = models.TextField(
        _("search tokens"),
        help_text=_("Words and Chinese character bigrams, space-separated."),
    )
    # Nullable so that adding them to a filled table keeps SQLite's FTS triggers (no rebuild).
    journal = models.ForeignKey(
        Journal,
        on_delete=models.CASCADE,
        null=True,
        db_index=False,  # search_entry_by_place starts with it
        related_name="+",
        verbose_name=_("journal"),
    )
    year = models.PositiveIntegerField(_("year"), null=True)
    published_at = models.DateTimeField(
        _("publication date and time"),
        null=True,
        help_text=_(
            "When the article is public from (its issue's date if later); empty while it is "
            "a draft, deleted or in an unpublished issue."
        ),
    )
    issue_date = models.DateField(_("issue publication date"), null=True)

    objects = SearchEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("search entry")
        verbose_name_plural = _("search entries")
        indexes = [
            # Newest first without a sort; covering, so SQLite never reads the wide rows.
            models.Index(
                fields=["published_at", "article", "issue_date", "journal", "year"],
                name="search_entry_by_date",
            ),
            # Looked up once per match when the full-text index drives the query.
            models.Index(
                fields=["article", "published_at", "issue_date", "journal", "year"],
                name="search_entry_by_article",
            ),
            models.Index(
                fields=["journal", "year", "published_at", "issue_date"],
                name="search_entry_by_place",
            ),
        ]

    def __str__(self):
        return str(self.article_id)
