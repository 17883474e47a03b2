"""Article-level models: articles, their authors, keywords, references and galleys."""

import logging
import re
import uuid
from datetime import datetime, time

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef, Prefetch, Q
from django.db.models.functions import Length
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from pypdf import PasswordType, PdfReader
from simple_history.models import HistoricalRecords
from taggit.managers import TaggableManager
from taggit.models import Tag, TaggedItemBase

from journal.models import Issue, Journal, Section
from scholarly import numbering
from scholarly.classification import (
    DocumentCode,
    clc_codes,
    normalize_caj_article_id,
    normalize_clc_codes,
    validate_caj_article_id,
    validate_clc_codes,
)
from scholarly.dates import PartialDate, normalized_partial_date, validate_partial_date
from scholarly.identifiers import (
    doi_url,
    find_doi,
    funder_id_url,
    normalize_doi,
    normalize_funder_id,
    normalize_orcid,
    orcid_url,
    validate_doi,
    validate_funder_id,
    validate_orcid,
)
from scholarly.languages import (
    Language,
    current_language,
    in_language,
    is_cjk,
    localized,
    localized_with_language,
    other_language,
    script_language,
)
from scholarly.licences import LICENCES, LicenceChoice
from scholarly.numbering import is_page, pages_out_of_order, printed
from scholarly.richtext import clean_html

logger = logging.getLogger(__name__)

URL_IN_TEXT_RE = re.compile(r"https?://[^\s<>\"，。；]+")
# A DOI as a reference prints it: https://doi.org/10.…, doi.org/10.…, DOI: 10.…, doi：10.…
PRINTED_DOI_PREFIX = r"(?:(?:https?://)?(?:dx\.)?doi\.org/|doi\s*[:：]\s*)?"
# A printed identifier ends with the text, a space or Chinese punctuation, maybe after a
# full stop or comma (10.1/a.1 is not the start of 10.1/a.12 nor of 10.1/a.1.2).
IDENTIFIER_END = r"(?=[.,;]*(?:[\s<>\"。，；]|$))"
# Journals print several award numbers as "72074123, 71974054" or "72074123；71974054".
AWARD_SEPARATOR_RE = re.compile(r"\s*[;；,，、]\s*")


class Status(models.TextChoices):
    """What the editors decided. Whether a published article is public yet, or scheduled,
    follows from its time and its issue (``Article.public_from``): no status to flip."""

    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


# The one rule of what readers see (#14), in SQL; ``Article.public_from`` is the same rule
# in Python, and a test holds the two together. Pages, search, OAI-PMH, feeds, sitemaps
# and exports all go through ``ArticleQuerySet.published()`` or ``Article.public_from``.
# Publishable: published by the editors, not deleted, its issue (if any) published.
PUBLISHABLE = (
    ~Q(status=Status.DRAFT)
    & Q(deleted_at__isnull=True)
    & (Q(issue__isnull=True) | Q(issue__is_published=True))
)


def public_time_reached():
    """Its own time and its issue's date have come (compared now, so nothing to flip)."""
    return Q(published_at__lte=timezone.now()) & (
        Q(issue__isnull=True) | Q(issue__publication_date__lte=timezone.localdate())
    )


# An issue's articles: the editors' order, then the first page. Pages are text ("5", "12",
# "iii"): the shorter first, so that 5 comes before 12 (and S9 before S12) without a number.
TOC_ORDER = ["order", Length("first_page"), "first_page", "pk"]


def byline_prefetch():
    """Authors (with affiliations) in byline order."""
    return Prefetch(
        "authors", queryset=Author.objects.order_by("order", "pk").prefetch_related("affiliations")
    )


def landing_page_prefetches():
    """The rows of an article's page beyond its places (``with_places``), as lookups for
    ``prefetch_related`` or, on an article already read, ``prefetch_related_objects``."""
    return [
        byline_prefetch(),
        Prefetch(
            "keyword_links",
            queryset=ArticleKeyword.objects.select_related("tag").order_by(
                "language", "order", "pk"
            ),
        ),
        Prefetch("references", queryset=Reference.objects.order_by("order", "pk")),
        Prefetch("galleys", queryset=Galley.objects.order_by("order", "pk")),
        Prefetch("funding", queryset=Funding.objects.order_by("order", "pk")),
    ]


def related_articles_prefetch():
    """The landing page's related articles, stored when articles change
    (articles.related): the public ones, in their order, in one query."""
    return Prefetch(
        "related_links",
        # EXISTS per row (a primary-key lookup each), not IN (every published article):
        # the IN list cost 0.3 s a page at 100,000 articles (#18).
        queryset=RelatedArticle.objects.filter(
            Exists(Article.objects.published().filter(pk=OuterRef("related_id")))
        )
        .select_related("related__journal")
        .order_by("order", "pk"),
    )


class ArticleQuerySet(models.QuerySet):
    def published(self):
        """Public articles: publishable, and their time and their issue's date have come.

        Compared with the current time on every query, so a scheduled article
        goes public by itself without a cron job.
        """
        return self.filter(PUBLISHABLE & public_time_reached())

    def scheduled(self):
        """Publishable, but their time (or their issue's date) is still to come."""
        return self.filter(PUBLISHABLE & Q(published_at__isnull=False)).exclude(
            public_time_reached()
        )

    def current(self):
        """Not deleted: what editors work on (deleted ones can be restored)."""
        return self.filter(deleted_at__isnull=True)

    def deleted(self):
        return self.filter(deleted_at__isnull=False)

    def in_issue(self, issue):
        return self.filter(issue=issue)

    def with_places(self):
        """Journal, issue and section, each able to build its own URL without a query."""
        return self.select_related("journal", "issue__journal", "section__journal")

    def with_byline(self):
        """Authors (with affiliations) in byline order, for any list of articles."""
        return self.prefetch_related(byline_prefetch())

    def for_landing_page(self):
        """Everything an article's page, exports and deposits show, in a constant number
        of queries: places, byline, keywords, references, galleys, funding."""
        return self.with_places().prefetch_related(*landing_page_prefetches())

    def with_related(self):
        """The landing page's related articles (see ``related_articles_prefetch``)."""
        return self.prefetch_related(related_articles_prefetch())

    def for_listing(self):
        """Tables of contents, keyword pages, journal home: byline and galleys."""
        return (
            self.with_places()
            .with_byline()
            .prefetch_related(Prefetch("galleys", queryset=Galley.objects.order_by("order", "pk")))
        )

    def for_doaj_export(self):
        """Public articles with what a DOAJ XML record reads, in table-of-contents order."""
        return (
            self.published()
            .for_listing()
            .prefetch_related(
                Prefetch(
                    "keyword_links",
                    queryset=ArticleKeyword.objects.select_related("tag").order_by(
                        "language", "order", "pk"
                    ),
                )
            )
            .order_by("issue__year", "issue__publication_date", "issue__pk", *TOC_ORDER)
        )

    def for_issue_toc(self, issue):
        return (
            self.published()
            .in_issue(issue)
            .for_listing()
            .order_by("section__order", "section__pk", *TOC_ORDER)
        )

    def with_keyword(self, tag):
        return self.filter(keyword_links__tag=tag).distinct()


class Article(models.Model):
    journal = models.ForeignKey(
        Journal, on_delete=models.PROTECT, related_name="articles", verbose_name=_("journal")
    )
    issue = models.ForeignKey(
        Issue,
        on_delete=models.PROTECT,
        related_name="articles",
        null=True,
        blank=True,
        verbose_name=_("issue"),
        help_text=_("Empty for an article published online ahead of its issue."),
    )
    section = models.ForeignKey(
        Section, on_delete=models.PROTECT, related_name="articles", verbose_name=_("section")
    )
    language = models.CharField(
        _("full-text language"),
        max_length=10,
        choices=Language.choices,
        default=Language.ZH_HANS,
        help_text=_("The language of the full text; its title and abstract are the original."),
    )
    title_zh = models.CharField(_("title (Chinese)"), max_length=500, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=500, blank=True)
    abstract_zh = models.TextField(
        _("abstract (Chinese)"),
        blank=True,
        help_text=_("Italics, sub- and superscripts allowed; other markup is removed."),
    )
    abstract_en = models.TextField(_("abstract (English)"), blank=True)
    doi = models.CharField(
        "DOI",
        max_length=255,
        blank=True,
        validators=[validate_doi],
        help_text=_(
            "Bare form, e.g. 10.1234/abc.2025.001; a doi.org link is accepted and trimmed."
        ),
    )
    # Pages as printed: 5, iii, S12. The article number (eLocator) is for journals that
    # number articles instead of (or beside) paginating them; citations print it where
    # pages go when there are none.
    first_page = models.CharField(
        _("first page"), max_length=20, blank=True, help_text=_("As printed: 5, iii, S12.")
    )
    last_page = models.CharField(
        _("last page"), max_length=20, blank=True, help_text=_("Empty for a one-page article.")
    )
    article_number = models.CharField(
        _("article number (eLocator)"),
        max_length=50,
        blank=True,
        help_text=_(
            "For a journal that numbers its articles (eLocator), e.g. e1021 or 102345; "
            "citations print it where pages go when there are none."
        ),
    )
    # What a Chinese journal prints on the first page (CAJ-CD B/T 1-2006, as CNKI indexes it).
    clc_codes = models.CharField(
        _("CLC number (中图分类号)"),
        max_length=200,
        blank=True,
        validators=[validate_clc_codes],
        help_text=_("Chinese Library Classification, e.g. G633.3; several separated by “;”."),
    )
    document_code = models.CharField(
        _("document code (文献标志码)"), max_length=1, choices=DocumentCode.choices, blank=True
    )
    caj_article_id = models.CharField(
        _("article ID (文章编号)"),
        max_length=50,
        blank=True,
        validators=[validate_caj_article_id],
        help_text=_(
            "As CNKI numbers articles: ISSN(year)issue-first page-page count, e.g. "
            "1000-0135(2019)05-0032-07. Not the article number (eLocator) above."
        ),
    )
    order = models.PositiveIntegerField(
        _("order in the issue"),
        default=0,
        help_text=_(
            "Position in the issue's table of contents, within the article's section; "
            "articles with the same position follow their first page."
        ),
    )
    received = models.DateField(_("received"), null=True, blank=True)
    revised = models.DateField(_("revised"), null=True, blank=True)
    accepted = models.DateField(_("accepted"), null=True, blank=True)
    online_first = models.DateField(
        _("published online first"),
        null=True,
        blank=True,
        help_text=_("The day of online-first publication (网络首发), before the issue."),
    )
    # The publication date as printed, at the precision known: 2019, 2019-05 or
    # 2019-05-03. Apart from published_at, the moment the article goes public here.
    issued = models.CharField(
        _("publication date as printed"),
        max_length=10,
        blank=True,
        validators=[validate_partial_date],
        help_text=_(
            "The year, year and month, or day the journal prints: 2019, 2019-05 or "
            "2019-05-03. Empty: the issue's date as printed, else the day the article goes "
            "public."
        ),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    published_at = models.DateTimeField(
        _("publication date and time"),
        null=True,
        blank=True,
        help_text=_("A scheduled article goes public at this moment by itself."),
    )
    licence = models.CharField(
        _("licence"), max_length=20, choices=LicenceChoice.choices, default=LicenceChoice.CC_BY_4
    )
    copyright_holder = models.CharField(
        _("copyright holder"),
        max_length=300,
        blank=True,
        help_text=_("Empty means the authors, as the journal's licence terms say."),
    )
    copyright_year = models.PositiveIntegerField(_("copyright year"), null=True, blank=True)
    citations = models.JSONField(
        _("rendered citations"),
        default=dict,
        blank=True,
        editable=False,
        help_text=_("Rendered when the article is saved; no reader's request runs the engine."),
    )
    # Where an imported article came from: OJS's submission id (a re-export after
    # corrections finds the article by it) and a digest of what the import last wrote
    # (the same file imported again changes nothing).
    ojs_submission_id = models.PositiveIntegerField(
        _("OJS submission id"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("The submission's id in the OJS site it was imported from."),
    )
    import_digest = models.CharField(max_length=64, blank=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    deleted_at = models.DateTimeField(
        _("deleted"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("A deleted article is hidden everywhere and can be restored in the admin."),
    )

    history = HistoricalRecords(excluded_fields=["citations", "updated_at", "import_digest"])

    keywords = TaggableManager(
        verbose_name=_("keywords"), through="ArticleKeyword", blank=True, help_text=""
    )

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-pk"]
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        constraints = [
            models.UniqueConstraint(
                fields=["doi"], condition=~Q(doi=""), name="article_unique_doi"
            ),
            models.CheckConstraint(
                condition=Q(status=Status.DRAFT) | Q(published_at__isnull=False),
                name="article_public_has_publication_time",
            ),
            models.CheckConstraint(
                condition=~Q(title_zh="", title_en=""), name="article_has_a_title"
            ),
            models.UniqueConstraint(
                fields=["journal", "ojs_submission_id"],
                condition=Q(ojs_submission_id__isnull=False),
                name="article_unique_ojs_submission",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "published_at"]),
            # A journal's latest articles (home page, feeds): read in order, stop at the
            # first few, instead of sorting every published article (0.9 s at 100,000).
            models.Index(fields=["journal", "published_at"], name="article_journal_latest"),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.doi = normalize_doi(self.doi)
        self.abstract_zh = clean_html(self.abstract_zh)
        self.abstract_en = clean_html(self.abstract_en)
        self.title_zh = self.title_zh.strip()
        self.title_en = self.title_en.strip()
        self.first_page, self.last_page = printed(self.first_page), printed(self.last_page)
        self.article_number = printed(self.article_number)
        self.issued = normalized_partial_date(self.issued)
        self.clc_codes = normalize_clc_codes(self.clc_codes)
        self.caj_article_id = normalize_caj_article_id(self.caj_article_id)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse(
            "articles:landing", kwargs={"journal": self.journal.slug, "article": self.pk}
        )

    def clean(self):
        errors = {}
        if self.status != Status.DRAFT and not self.published_at:
            errors["published_at"] = _("A scheduled or published article needs a publication time.")
        if self.status != Status.DRAFT and not in_language(self, "title", self.language):
            field = "title_zh" if self.language == Language.ZH_HANS else "title_en"
            errors[field] = _("The title in the full-text language is required before publishing.")
        self.first_page, self.last_page = printed(self.first_page), printed(self.last_page)
        self.issued = normalized_partial_date(self.issued)
        self.clc_codes = normalize_clc_codes(self.clc_codes)
        self.caj_article_id = normalize_caj_article_id(self.caj_article_id)
        for field in ("first_page", "last_page"):
            if (page := getattr(self, field)) and not is_page(page):
                errors[field] = _("A page has a digit (5, S12) or is in roman numerals (iii).")
        if self.last_page and not self.first_page:
            errors["first_page"] = _("A last page needs a first page.")
        elif not errors.keys() & {"first_page", "last_page"} and pages_out_of_order(
            self.first_page, self.last_page
        ):
            errors["last_page"] = _("The last page comes before the first page.")
        if self.issue_id and self.journal_id and self.issue.journal_id != self.journal_id:
            errors["issue"] = _("This issue belongs to another journal.")
        if self.section_id and self.journal_id and self.section.journal_id != self.journal_id:
            errors["section"] = _("This section belongs to another journal.")
        if errors:
            raise ValidationError(errors)

    # Bilingual text. "original" is the full-text language, whatever the interface.
    @property
    def title(self):
        return localized(self, "title")

    @property
    def original_title(self):
        return in_language(self, "title", self.language) or localized(self, "title")

    @property
    def translated_title(self):
        return in_language(self, "title", other_language(self.language))

    @property
    def translation_language(self):
        return other_language(self.language)

    def abstract_in(self, language):
        return in_language(self, "abstract", language)

    @property
    def abstract_groups(self):
        """[(language, html)], the interface language first, empty ones left out."""
        current = current_language()
        return [
            (language, text)
            for language in (current, other_language(current))
            if (text := self.abstract_in(language))
        ]

    @property
    def original_abstract(self):
        return self.abstract_in(self.language)

    # Publication facts.
    @property
    def is_publishable(self):
        """``PUBLISHABLE`` of one article (its issue read from memory)."""
        return (
            self.status != Status.DRAFT
            and self.deleted_at is None
            and (self.issue is None or self.issue.is_published)
        )

    @property
    def public_from(self):
        """The moment the article is (or was) public from; None if it is not publishable.

        Its own time, or the start of its issue's date when that is later: the rule of
        ``published()``, which the search index copies (it stores this moment).
        """
        if not self.is_publishable or self.published_at is None:
            return None
        if self.issue is None:
            return self.published_at
        issue_day = datetime.combine(self.issue.publication_date, time.min)
        return max(self.published_at, timezone.make_aware(issue_day))

    @property
    def is_public(self):
        moment = self.public_from
        return moment is not None and moment <= timezone.now()

    @property
    def is_scheduled(self):
        moment = self.public_from
        return moment is not None and moment > timezone.now()

    @property
    def publication_date(self):
        """The bibliographic publication date (a PartialDate) at the precision known: the
        article's as printed, else its issue's as printed, else the day it goes public."""
        printed_dates = [self.issued, self.issue.issued if self.issue_id else ""]
        for printed_date in filter(None, printed_dates):
            try:
                return PartialDate.parse(printed_date)
            except ValueError:  # only an unsaved form's bad input; full_clean refuses it
                pass
        return PartialDate.from_date(
            timezone.localdate(self.published_at) if self.published_at else None
        )

    @property
    def year(self):
        if self.issue_id:
            return self.issue.year
        return self.publication_date.year if self.publication_date else None

    @property
    def pages(self):
        """The printed pages as a reader sees them: 5–23, iii–xii, S12–S19, or one page."""
        return numbering.page_range(self.first_page, self.last_page, dash="–")

    @property
    def page_range(self):
        """The pages as citations write them (CSL ``page``): 5-23, or one page."""
        return numbering.page_range(self.first_page, self.last_page)

    @property
    def doi_url(self):
        return doi_url(self.doi)

    @property
    def licence_info(self):
        return LICENCES[self.licence]

    @property
    def copyright_year_or_default(self):
        return self.copyright_year or self.year

    @property
    def clc_code_list(self):
        return clc_codes(self.clc_codes)

    @property
    def has_classification(self):
        return bool(self.clc_codes or self.document_code or self.caj_article_id)

    # Related rows, in order. These read the prefetch of for_landing_page().
    @property
    def byline(self):
        return list(self.authors.all())

    @property
    def funding_list(self):
        return list(self.funding.all())

    @property
    def about_the_authors(self):
        """The "About the authors" section (作者简介), in the interface language where there is
        text in it: [{"author", "name", "name_lang", "biography", "biography_lang"}].

        An author is in it with a biography, or as the corresponding author with a postal
        address (the byline already gives the corresponding author's email).
        """
        interface = current_language()
        entries = []
        for author in self.byline:
            biography, language = localized_with_language(author, "biography", interface)
            if not biography and not (author.is_corresponding and author.address):
                continue
            name = author.name_in(interface)
            entries.append(
                {
                    "author": author,
                    "name": name,
                    "name_lang": script_language(name),
                    "biography": biography,
                    "biography_lang": language,
                }
            )
        return entries

    def keywords_in(self, language):
        return [link.tag for link in self.keyword_links.all() if link.language == language]

    @property
    def keyword_groups(self):
        """[(language, [tags])], the interface language first, empty groups left out."""
        current = current_language()
        return [
            (language, tags)
            for language in (current, other_language(current))
            if (tags := self.keywords_in(language))
        ]

    @property
    def numbered_byline(self):
        """The byline as the interface shows it, affiliations numbered by first appearance.

        {"authors": [{"author", "name", "name_lang", "alt_name", "alt_lang", "numbers"}],
         "affiliations": [{"number", "name", "lang"}]}
        """
        interface = current_language()
        numbers = {}
        authors = []
        for author in self.byline:
            own = []
            for affiliation in author.affiliations.all():
                numbers.setdefault(affiliation.pk, (len(numbers) + 1, affiliation))
                own.append(numbers[affiliation.pk][0])
            name = author.name_in(interface)
            authors.append(
                {
                    "author": author,
                    "name": name,
                    "name_lang": script_language(name),
                    "alt_name": author.name if name != author.name else "",
                    "alt_lang": script_language(author.name),
                    "numbers": own,
                }
            )
        affiliations = [
            {"number": number, "name": name, "lang": script_language(name)}
            for number, affiliation in numbers.values()
            if (name := affiliation.name_in(interface))
        ]
        return {"authors": authors, "affiliations": affiliations}

    @property
    def copyright_holder_or_authors(self):
        if self.copyright_holder:
            return self.copyright_holder
        return ", ".join(author.name_in(self.language) for author in self.byline)


class ArticleKeyword(TaggedItemBase):
    """One keyword of an article, with its language and the authors' order."""

    content_object = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="keyword_links"
    )
    tag = models.ForeignKey(Tag, on_delete=models.CASCADE, related_name="article_links")
    language = models.CharField(_("language"), max_length=10, choices=Language.choices)
    order = models.PositiveIntegerField(_("order"), default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["content_object", "language", "order", "pk"]
        verbose_name = _("keyword")
        verbose_name_plural = _("keywords")
        constraints = [
            models.UniqueConstraint(
                fields=["content_object", "tag", "language"], name="keyword_once_per_language"
            )
        ]

    def __str__(self):
        return self.tag.name


class Affiliation(models.Model):
    """An institution, reusable across authors and articles."""

    name = models.CharField(_("name as written"), max_length=500)
    name_en = models.CharField(_("name in English"), max_length=500, blank=True)
    country = models.CharField(_("country"), max_length=100, blank=True)
    ror = models.URLField(_("ROR ID"), blank=True)

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("affiliation")
        verbose_name_plural = _("affiliations")

    def __str__(self):
        return f"{self.name} / {self.name_en}" if self.name_en else self.name

    def name_in(self, language):
        if language == Language.EN:
            return self.name_en or self.name
        return self.name


class Author(models.Model):
    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="authors", verbose_name=_("article")
    )
    order = models.PositiveIntegerField(_("order"), default=0)
    family_name = models.CharField(
        _("family name"), max_length=200, help_text=_("As written in its own script, e.g. 王.")
    )
    given_name = models.CharField(_("given name"), max_length=200, blank=True)
    family_name_en = models.CharField(
        _("family name, romanised"), max_length=200, blank=True, help_text=_("e.g. Wang")
    )
    given_name_en = models.CharField(_("given name, romanised"), max_length=200, blank=True)
    affiliations = models.ManyToManyField(
        Affiliation, blank=True, related_name="authors", verbose_name=_("affiliations")
    )
    orcid = models.CharField(
        "ORCID iD",
        max_length=40,
        blank=True,
        validators=[validate_orcid],
        help_text="0000-0002-1825-0097",
    )
    email = models.EmailField(
        _("email"), blank=True, help_text=_("Shown only for the corresponding author.")
    )
    is_corresponding = models.BooleanField(_("corresponding author"), default=False)
    address = models.CharField(
        _("postal address"),
        max_length=500,
        blank=True,
        help_text=_("As printed for the corresponding author (通信地址); shown only for them."),
    )
    # 作者简介 as the journal prints it: born, degree, position, research interests.
    biography_zh = models.TextField(
        _("biography (Chinese)"),
        blank=True,
        help_text=_("Italics, sub- and superscripts allowed; other markup is removed."),
    )
    biography_en = models.TextField(_("biography (English)"), blank=True)

    history = HistoricalRecords(m2m_fields=[affiliations])

    class Meta:
        ordering = ["article", "order", "pk"]
        verbose_name = _("author")
        verbose_name_plural = _("authors")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.orcid = normalize_orcid(self.orcid)
        self.biography_zh = clean_html(self.biography_zh)
        self.biography_en = clean_html(self.biography_en)
        super().save(*args, **kwargs)

    @property
    def name(self):
        """The name in its own script: 王明 with no space, Chris Ansell in Western order."""
        if is_cjk(self.family_name) or is_cjk(self.given_name):
            return f"{self.family_name}{self.given_name}"
        return " ".join(part for part in (self.given_name, self.family_name) if part)

    @property
    def romanised_name(self):
        if self.family_name_en:
            return " ".join(part for part in (self.given_name_en, self.family_name_en) if part)
        return "" if is_cjk(self.name) else self.name

    def name_in(self, language):
        """The name a reader of ``language`` sees; the original script otherwise."""
        if language == Language.EN:
            return self.romanised_name or self.name
        return self.name

    @property
    def orcid_url(self):
        return orcid_url(self.orcid)

    @property
    def affiliation_list(self):
        return list(self.affiliations.all())


class Funding(models.Model):
    """One funder of the article (基金项目), with the award numbers of its grants."""

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="funding", verbose_name=_("article")
    )
    order = models.PositiveIntegerField(_("order"), default=0)
    funder_zh = models.CharField(
        _("funder or programme (Chinese)"),
        max_length=500,
        blank=True,
        help_text=_("As printed, e.g. 国家自然科学基金面上项目."),
    )
    funder_en = models.CharField(
        _("funder or programme (English)"),
        max_length=500,
        blank=True,
        help_text=_("e.g. National Natural Science Foundation of China."),
    )
    award_numbers = models.CharField(
        _("award numbers"),
        max_length=500,
        blank=True,
        help_text=_("The grant numbers, e.g. 72074123; several separated by “;”."),
    )
    funder_id = models.CharField(
        _("funder identifier"),
        max_length=200,
        blank=True,
        validators=[validate_funder_id],
        help_text=_(
            "Optional: a Crossref Funder ID (10.13039/501100001809) or a ROR ID "
            "(https://ror.org/01h0zpd94)."
        ),
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["article", "order", "pk"]
        verbose_name = _("funding")
        verbose_name_plural = _("funding")
        constraints = [
            models.CheckConstraint(
                condition=~Q(funder_zh="", funder_en=""),
                name="funding_names_a_funder",
                violation_error_message=_("Name the funder, in Chinese or in English."),
            )
        ]

    def __str__(self):
        name = self.funder_zh or self.funder_en
        return f"{name} ({self.award_numbers})" if self.award_numbers else name

    def save(self, *args, **kwargs):
        self.funder_zh, self.funder_en = self.funder_zh.strip(), self.funder_en.strip()
        self.award_numbers = "; ".join(self.awards)
        self.funder_id = normalize_funder_id(self.funder_id)
        super().save(*args, **kwargs)

    @property
    def funder(self):
        """The funder's name in the interface language, else the other one."""
        return localized(self, "funder")

    @property
    def funder_language(self):
        return localized_with_language(self, "funder")[1]

    @property
    def awards(self):
        """The award numbers as a list, as printed: ["72074123", "19BGL236"]."""
        return [number for number in AWARD_SEPARATOR_RE.split(self.award_numbers) if number]

    @property
    def funder_id_url(self):
        return funder_id_url(self.funder_id)

    @property
    def is_crossref_funder_id(self):
        return self.funder_id.startswith("10.")


class Reference(models.Model):
    """One entry of the reference list, kept exactly as printed."""

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="references", verbose_name=_("article")
    )
    order = models.PositiveIntegerField(_("order"), default=0)
    raw_text = models.TextField(_("citation as printed"))
    # Validated by full_clean on every way in (admin form, import): a DOI in the
    # 10.NNNN/… form; URLField's validator takes only http(s) and ftp(s) links, so
    # no javascript: or data: URL reaches a reference link.
    doi = models.CharField("DOI", max_length=255, blank=True, validators=[validate_doi])
    url = models.URLField("URL", max_length=1000, blank=True)
    # Parsed from the raw text where it allows; editors may correct them.
    kind = models.CharField(
        _("type code"), max_length=10, blank=True, help_text="J, M, D, C, N, EB/OL…"
    )
    authors = models.CharField(_("authors"), max_length=1000, blank=True)
    title = models.CharField(_("title"), max_length=1000, blank=True)
    container_title = models.CharField(_("journal or book"), max_length=500, blank=True)
    year = models.CharField(_("year"), max_length=20, blank=True)
    volume = models.CharField(_("volume"), max_length=50, blank=True)
    issue = models.CharField(_("issue"), max_length=50, blank=True)
    pages = models.CharField(_("pages"), max_length=50, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["article", "order", "pk"]
        verbose_name = _("reference")
        verbose_name_plural = _("references")

    def __str__(self):
        return self.raw_text[:120]

    def save(self, *args, **kwargs):
        self.raw_text = self.raw_text.strip()
        self.doi = normalize_doi(self.doi) or find_doi(self.raw_text)
        if not self.url and (match := URL_IN_TEXT_RE.search(self.raw_text)):
            url = match.group(0).rstrip(".,;")
            if "doi.org/" not in url:
                self.url = url
        super().save(*args, **kwargs)

    @property
    def doi_url(self):
        return doi_url(self.doi)

    @property
    def linked_text(self):
        """The reference as printed, with its DOI (else its URL) as a link, shown once:
        where the text prints it, or after the text when the text does not."""
        if self.doi:
            printed = PRINTED_DOI_PREFIX + re.escape(self.doi)
            kind, href = "doi", self.doi_url
        elif self.url:
            printed, kind, href = re.escape(self.url), "url", self.url
        else:
            return self.raw_text
        text = self.raw_text
        match = re.search(printed + IDENTIFIER_END, text, re.IGNORECASE)
        if match is None:
            return format_html('{} <a class="{}" href="{}">{}</a>', text, kind, href, href)
        return format_html(
            '{}<a class="{}" href="{}">{}</a>{}',
            text[: match.start()],
            kind,
            href,
            match.group(0),
            text[match.end() :],
        )

    @property
    def language(self):
        return script_language(self.raw_text)


# Readers accept "%%EOF" anywhere in the last 1024 bytes; a file cut short has none there.
PDF_END_WINDOW = 1024


def validate_pdf(upload):
    """A galley must be a PDF that a PDF library opens, with pages, and no password to open.

    The file must begin with the PDF header: a script or page with "%PDF-" somewhere in its
    first bytes (a polyglot) is refused. Checked when the file is uploaded; a stored galley
    passed this check when it came in.
    """
    if getattr(upload, "_committed", False):  # a stored FieldFile, not a new upload
        return
    if upload.size > settings.GALLEY_MAX_UPLOAD_SIZE:
        raise ValidationError(
            _("The file is %(size)s MB; the limit is %(limit)s MB."),
            code="too_large",
            params={
                "size": round(upload.size / 1048576, 1),
                "limit": round(settings.GALLEY_MAX_UPLOAD_SIZE / 1048576, 1),
            },
        )
    upload.seek(0)
    head = upload.read(5)
    upload.seek(max(upload.size - PDF_END_WINDOW, 0))
    tail = upload.read()
    upload.seek(0)
    if head != b"%PDF-":
        raise ValidationError(_("This file is not a PDF."), code="not_pdf")
    if b"%%EOF" not in tail:
        raise ValidationError(
            _(
                "This PDF is incomplete: its end is missing, as when a download or copy was "
                "cut short. Export or download it again and upload the new file."
            ),
            code="truncated",
        )
    try:
        reader = PdfReader(upload)
        if reader.is_encrypted and reader.decrypt("") == PasswordType.NOT_DECRYPTED:
            raise ValidationError(
                _(
                    "This PDF needs a password to open. Upload a version that readers can "
                    "open without one."
                ),
                code="password",
            )
        pages = len(reader.pages)
    except ValidationError:
        raise
    except Exception as error:  # pypdf raises more than its own errors on damaged files
        logger.info("Galley upload refused: pypdf could not read it: %r", error)
        raise ValidationError(
            _(
                "This PDF cannot be read: it is damaged or uses a form this site does not "
                "support. Export it again as a standard PDF and upload the new file."
            ),
            code="unreadable",
        ) from error
    finally:
        upload.seek(0)
    if pages < 1:
        raise ValidationError(_("This PDF has no pages."), code="no_pages")


def galley_upload_to(galley, filename):
    """A name of our own, never the uploader's: galleys/<journal>/<article>/<random>.pdf.

    Galleys stored under earlier names keep them: the name is in the row.
    """
    return f"galleys/{galley.article.journal.slug}/{galley.article_id}/{uuid.uuid4().hex}.pdf"


class Galley(models.Model):
    """A downloadable full-text file of an article (a PDF)."""

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="galleys", verbose_name=_("article")
    )
    label = models.CharField(_("label"), max_length=50, default="PDF")
    language = models.CharField(
        _("language"), max_length=10, choices=Language.choices, default=Language.ZH_HANS
    )
    file = models.FileField(_("file"), upload_to=galley_upload_to, validators=[validate_pdf])
    file_size = models.PositiveBigIntegerField(_("size in bytes"), default=0, editable=False)
    order = models.PositiveIntegerField(_("order"), default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["article", "order", "pk"]
        verbose_name = _("galley")
        verbose_name_plural = _("galleys")

    def __str__(self):
        return f"{self.label} ({self.get_language_display()})"

    def save(self, *args, **kwargs):
        if self.file:
            self.file_size = self.file.size
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse(
            "articles:galley",
            kwargs={
                "journal": self.article.journal.slug,
                "article": self.article_id,
                "galley": self.pk,
            },
        )

    @property
    def file_type(self):
        return "PDF"

    @property
    def download_name(self):
        return f"{self.article.journal.slug}-{self.article_id}-{self.pk}.pdf"


class RelatedArticle(models.Model):
    """One of the articles a landing page offers to read next, in its order.

    Derived data (``articles.related``): written when articles, their keywords or their
    state change, never per request. More are kept than shown, so that one going
    private leaves the page its others; the page shows the first public ones.
    """

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="related_links", verbose_name=_("article")
    )
    related = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="+", verbose_name=_("related article")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    shared_keywords = models.PositiveSmallIntegerField(_("shared keywords"), default=0)

    class Meta:
        ordering = ["article", "order", "pk"]
        verbose_name = _("related article")
        verbose_name_plural = _("related articles")
        constraints = [models.UniqueConstraint(fields=["article", "related"], name="related_once")]

    def __str__(self):
        return f"{self.article_id} → {self.related_id}"


class CitationJob(models.Model):
    """An article whose stored citations are to be rendered again.

    Written in the transaction of the change that makes them stale, so the request
    survives a crash of the web process; ``manage.py render_citations --worker``
    (started beside the server by ``make run`` and gunicorn) drains the table.
    """

    article = models.OneToOneField(
        Article, on_delete=models.CASCADE, related_name="citation_job", verbose_name=_("article")
    )
    requested_at = models.DateTimeField(_("requested"), default=timezone.now)

    class Meta:
        ordering = ["requested_at", "pk"]
        verbose_name = _("citation rendering job")
        verbose_name_plural = _("citation rendering jobs")

    def __str__(self):
        return f"citations of article {self.article_id}"


class CrossrefDeposit(models.Model):
    """The last Crossref deposit an article went into (``articles.crossref``): its batch
    id, when, and whether this site sent it or an editor downloaded it to upload."""

    article = models.OneToOneField(
        Article,
        on_delete=models.CASCADE,
        related_name="crossref_deposit",
        verbose_name=_("article"),
    )
    batch_id = models.CharField(_("batch id"), max_length=100)
    deposited_at = models.DateTimeField(_("deposit made"), default=timezone.now)
    sent = models.BooleanField(
        _("sent to Crossref"),
        default=False,
        help_text=_("Sent by this site; otherwise downloaded for upload at Crossref."),
    )

    class Meta:
        verbose_name = _("Crossref deposit")
        verbose_name_plural = _("Crossref deposits")

    def __str__(self):
        return f"{self.batch_id} ({self.article_id})"
