"""What the OAI-PMH endpoint remembers beyond the articles themselves: withdrawals."""

from django.db import models
from django.db.models import Case, DateTimeField, Exists, F, OuterRef, Q, When
from django.db.models.functions import Coalesce, Greatest
from django.utils.translation import gettext_lazy as _

from articles.models import Article


def harvestable_articles():
    """Every article a harvester may learn about, with its OAI datestamp.

    Public articles (``Article.objects.published()``), plus articles that were
    public once and are not any more (they have a tombstone): those show as
    deleted records. Drafts that were never public never appear.

    ``oai_datestamp`` is the last change a harvester must pick up: the article's
    own edit, the moment a scheduled article went public, or its issue's last
    change (an issue published later makes its articles public then) (OAI-10).
    For a withdrawn article it is the withdrawal time (OAI-9).
    """
    public = Article.objects.published().filter(pk=OuterRef("pk"))
    return (
        Article.objects.annotate(oai_live=Exists(public))
        .filter(Q(oai_live=True) | Q(oai_tombstone__isnull=False))
        .annotate(
            oai_datestamp=Case(
                When(
                    oai_live=True,
                    then=Greatest(
                        "updated_at",
                        "published_at",
                        Coalesce("issue__updated_at", "updated_at"),
                    ),
                ),
                default=F("oai_tombstone__deleted_at"),
                output_field=DateTimeField(),
            )
        )
    )


class Tombstone(models.Model):
    """An article that was public and was withdrawn (back to draft, or its issue unpublished)."""

    article = models.OneToOneField(
        Article,
        on_delete=models.CASCADE,
        related_name="oai_tombstone",
        verbose_name=_("article"),
    )
    deleted_at = models.DateTimeField(_("withdrawn"))

    class Meta:
        ordering = ["-deleted_at", "pk"]
        verbose_name = _("withdrawn article")
        verbose_name_plural = _("withdrawn articles")

    def __str__(self):
        return f"article {self.article_id} withdrawn {self.deleted_at:%Y-%m-%d %H:%M}"
