"""One row of search text per article; the database's full-text index reads it.

SQLite: an FTS5 table (``search_fts``) kept in step with this table by triggers.
PostgreSQL: a GIN index on ``to_tsvector('simple', tokens)``. Both are created in the
migration. Rows are written by ``search.index.update_article``, never by a reader's request.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from articles.models import Article


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

    class Meta:
        verbose_name = _("search entry")
        verbose_name_plural = _("search entries")

    def __str__(self):
        return str(self.article_id)
