"""What the OAI-PMH endpoint remembers beyond the articles themselves: withdrawals."""

from django.db import models
from django.db.models import Exists, F, OuterRef, Value
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from articles.models import Article


def live_articles():
    """Public articles (``Article.objects.published()``) with their OAI datestamp.

    ``oai_datestamp`` is the last change a harvester must pick up: the article's
    own edit, the moment a scheduled article went public, or its issue's last
    change (an issue published later makes its articles public then) (OAI-10).
    """
    return Article.objects.published().annotate(
        oai_live=Value(True),
        oai_datestamp=Greatest(
            "updated_at", "published_at", Coalesce("issue__updated_at", "updated_at")
        ),
    )


class TombstoneQuerySet(models.QuerySet):
    def deleted_records(self):
        """Withdrawn articles that are not public again, datestamped at their withdrawal (OAI-9).

        A tombstone outlives a hard delete (its article is then NULL), so the
        record stays answerable as deleted for good: ``deletedRecord`` is
        ``persistent``. An article public again (republished, restored, its
        issue back) is a live record; its old tombstone is ignored.
        """
        public = Article.objects.published().filter(pk=OuterRef("article_id"))
        return self.filter(~Exists(public)).annotate(
            oai_datestamp=F("deleted_at"), oai_live=Value(False)
        )

    def in_set(self, journal_slug, section_slug=""):
        selection = self.filter(journal_slug=journal_slug)
        return selection.filter(section_slug=section_slug) if section_slug else selection


class Tombstone(models.Model):
    """An article that was public and was withdrawn: unpublished, deleted, its issue withdrawn.

    It keeps what a deleted record's header needs (the identifier's number and the
    sets), so that it survives the article itself.
    """

    article = models.OneToOneField(
        Article,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="oai_tombstone",
        verbose_name=_("article"),
    )
    record_id = models.PositiveBigIntegerField(
        _("article number"), unique=True, help_text=_("The number in the OAI identifier.")
    )
    journal_slug = models.CharField(_("journal"), max_length=80)
    section_slug = models.CharField(_("section"), max_length=80)
    deleted_at = models.DateTimeField(_("withdrawn"))

    objects = TombstoneQuerySet.as_manager()

    class Meta:
        ordering = ["-deleted_at", "pk"]
        verbose_name = _("withdrawn article")
        verbose_name_plural = _("withdrawn articles")

    def __str__(self):
        return f"article {self.record_id} withdrawn {self.deleted_at:%Y-%m-%d %H:%M}"

    @property
    def set_specs(self):
        return [self.journal_slug, f"{self.journal_slug}:{self.section_slug}"]


def bury(article_ids, *, detach=False):
    """Record these articles as withdrawn now (again, if they were before).

    ``detach``: the articles are about to be hard-deleted; the tombstones must not
    point at them.
    """
    now = timezone.now()
    rows = Article.objects.filter(pk__in=list(article_ids)).values_list(
        "pk", "journal__slug", "section__slug"
    )
    Tombstone.objects.bulk_create(
        [
            Tombstone(
                article_id=None if detach else pk,
                record_id=pk,
                journal_slug=journal_slug,
                section_slug=section_slug,
                deleted_at=now,
            )
            for pk, journal_slug, section_slug in rows
        ],
        update_conflicts=True,
        unique_fields=["record_id"],
        update_fields=["article", "journal_slug", "section_slug", "deleted_at"],
    )


def unbury(article_ids):
    """Forget the withdrawal of those of these articles that are public again."""
    Tombstone.objects.filter(
        article__in=Article.objects.published().filter(pk__in=list(article_ids))
    ).delete()
