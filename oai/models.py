"""What the OAI-PMH endpoint remembers beyond the articles themselves: withdrawals."""

from django.db import models
from django.db.models import Exists, F, OuterRef, Value
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from articles.models import Article


def datestamp_of():
    """The OAI datestamp of an article, as an expression: the last change a harvester must
    pick up: the article's own edit, the moment a scheduled article went public, or its
    issue's last change (an issue published later makes its articles public then) (OAI-10).
    """
    return Greatest(
        "updated_at",
        Coalesce("published_at", "updated_at"),
        Coalesce("issue__updated_at", "updated_at"),
    )


def live_articles():
    """Public articles with their OAI datestamp, both read from the stored ``Record``:
    a harvest walks the (datestamp, article) index and checks each record's copied
    ``public_from`` (``Article.public_from``, the one rule of ``published()``, as the
    search index copies it), instead of computing and sorting every article's datestamp
    (flat at 100,000 articles)."""
    # A row written without post_save (bulk_create) has no record until
    # refresh_datestamps() runs: bench/generate.py does, as any bulk loader must.
    return Article.objects.filter(oai_record__public_from__lte=timezone.now()).annotate(
        oai_live=Value(True), oai_datestamp=F("oai_record__datestamp")
    )


def refresh_datestamps(*, article_ids=None, issue_ids=None, batch=2000):
    """Store the records of these articles (or of these issues' articles; of every
    article when neither is given), in batches: datestamp and ``public_from``."""
    articles = Article.objects.select_related("issue").order_by("pk")
    if article_ids is not None:
        articles = articles.filter(pk__in=list(article_ids))
    if issue_ids is not None:
        articles = articles.filter(issue_id__in=list(issue_ids))
    articles = articles.annotate(stamp=datestamp_of())
    last = 0
    while chunk := list(articles.filter(pk__gt=last)[:batch]):
        Record.objects.bulk_create(
            [
                Record(
                    article_id=article.pk, datestamp=article.stamp, public_from=article.public_from
                )
                for article in chunk
            ],
            update_conflicts=True,
            unique_fields=["article"],
            update_fields=["datestamp", "public_from"],
        )
        last = chunk[-1].pk


class Record(models.Model):
    """An article's OAI datestamp, kept by ``oai.receivers`` whenever the article or its
    issue is saved (``refresh_datestamps``), and indexed for ListRecords' order."""

    article = models.OneToOneField(
        Article,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="oai_record",
        verbose_name=_("article"),
    )
    datestamp = models.DateTimeField(_("datestamp"))
    # Article.public_from, copied: when the record is live (None: not publishable).
    public_from = models.DateTimeField(_("public from"), null=True, blank=True)

    class Meta:
        # ListRecords' order: (datestamp, article number).
        indexes = [models.Index(fields=["datestamp", "article"], name="oai_record_order")]
        verbose_name = _("OAI record")
        verbose_name_plural = _("OAI records")

    def __str__(self):
        return f"article {self.article_id} at {self.datestamp:%Y-%m-%d %H:%M:%S}"


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
