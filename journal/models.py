"""Journal-level models: the journals a site hosts, their issues and sections."""

import re
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from scholarly.csl import STYLES
from scholarly.dates import PartialDate, normalized_partial_date, validate_partial_date
from scholarly.identifiers import normalize_issn, validate_issn
from scholarly.images import contrast_ratio
from scholarly.languages import Language, current_language, in_language, localized, script_language
from scholarly.licences import LICENCES, LicenceChoice
from scholarly.numbering import issue_label, printed
from scholarly.richtext import clean_html


def default_citation_styles(language=Language.ZH_HANS):
    """Every registered style: GB/T 7714 (numeric) first for a Chinese journal, APA otherwise."""
    styles = list(STYLES)
    if language != Language.ZH_HANS:
        styles.insert(0, styles.pop(styles.index("apa")))
    return styles


# The backgrounds text sits on in the light theme (site.css --bg and --surface).
SITE_BACKGROUNDS = ("#ffffff", "#f5f6f8")
AA_CONTRAST = 4.5
HEX_COLOUR_RE = re.compile(r"#[0-9a-f]{6}")


def validate_accent_colour(value):
    """#rrggbb readable as link text on every background of the site (WCAG 2 AA, 4.5:1)."""
    value = (value or "").strip().lower()
    if not value:
        return
    if not HEX_COLOUR_RE.fullmatch(value):
        raise ValidationError(_("Give the colour as #rrggbb, e.g. #0b5cad."), code="colour_format")
    worst = min(contrast_ratio(value, background) for background in SITE_BACKGROUNDS)
    if worst < AA_CONTRAST:
        raise ValidationError(
            _(
                "%(colour)s is too light to read as text on this site's backgrounds: its "
                "contrast is %(ratio).2f:1, WCAG AA asks for at least 4.5:1. Choose a darker "
                "shade."
            ),
            code="colour_contrast",
            params={"colour": value, "ratio": worst},
        )


class JournalQuerySet(models.QuerySet):
    def for_publisher_page(self):
        return self.order_by("title_en", "pk")

    def for_about_page(self):
        return self.prefetch_related(
            models.Prefetch("board_members", queryset=BoardMember.objects.order_by("order", "pk"))
        )

    def site_publisher(self):
        """The site's publisher, for a journal whose source names none: SITE_NAME (the
        publisher's name in every page's header), else the one publisher every journal
        here shares; "" when neither says."""
        if settings.SITE_NAME:
            return settings.SITE_NAME
        publishers = self.exclude(publisher="").order_by().values_list("publisher", flat=True)
        publishers = list(publishers.distinct()[:2])
        return publishers[0] if len(publishers) == 1 else ""

    def edited_by(self, user):
        """The journals a user may edit: all for a superuser, their own for an editor."""
        if user.is_superuser:
            return self.all()
        if not (user.is_active and user.is_staff):
            return self.none()
        return self.filter(editors=user)


class Journal(models.Model):
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    title_zh = models.CharField(_("title (Chinese)"), max_length=300, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=300, blank=True)
    language = models.CharField(
        _("main language"),
        max_length=10,
        choices=Language.choices,
        default=Language.ZH_HANS,
        help_text=_(
            "Decides the one canonical title that indexers see (Google Scholar, Crossref)."
        ),
    )
    abbreviation = models.CharField(
        _("abbreviation"), max_length=120, blank=True, help_text=_("ISO 4, e.g. J. Public Adm.")
    )
    issn_print = models.CharField(
        _("print ISSN"), max_length=9, blank=True, validators=[validate_issn]
    )
    issn_online = models.CharField(
        _("online ISSN"), max_length=9, blank=True, validators=[validate_issn]
    )
    publisher = models.CharField(_("publisher"), max_length=300)
    description_zh = models.TextField(_("short description (Chinese)"), blank=True)
    description_en = models.TextField(_("short description (English)"), blank=True)
    default_licence = models.CharField(
        _("default licence"),
        max_length=20,
        choices=LicenceChoice.choices,
        default=LicenceChoice.CC_BY_4,
    )
    licence_terms_zh = models.TextField(
        _("licence and copyright terms (Chinese)"),
        blank=True,
        help_text=_(
            "Shown under the licence badge on every article page. Blank lines split paragraphs."
        ),
    )
    licence_terms_en = models.TextField(_("licence and copyright terms (English)"), blank=True)
    # The journal information DOAJ asks for (DOAJ-4), shown on the About page. Rich
    # text: italics, sub- and superscripts; blank lines split paragraphs.
    aims_scope_zh = models.TextField(_("aims and scope (Chinese)"), blank=True)
    aims_scope_en = models.TextField(_("aims and scope (English)"), blank=True)
    author_instructions_zh = models.TextField(_("instructions for authors (Chinese)"), blank=True)
    author_instructions_en = models.TextField(_("instructions for authors (English)"), blank=True)
    peer_review_zh = models.TextField(_("peer review process (Chinese)"), blank=True)
    peer_review_en = models.TextField(_("peer review process (English)"), blank=True)
    open_access_zh = models.TextField(_("open access statement (Chinese)"), blank=True)
    open_access_en = models.TextField(_("open access statement (English)"), blank=True)
    charges_fees = models.BooleanField(
        _("charges authors fees"),
        default=False,
        help_text=_(
            "Unticked, the About page says plainly that authors pay no fees "
            "(DOAJ asks for an explicit statement)."
        ),
    )
    fees_zh = models.TextField(
        _("publication fees (Chinese)"),
        blank=True,
        help_text=_("Amounts, currency, what they cover, waivers."),
    )
    fees_en = models.TextField(_("publication fees (English)"), blank=True)
    publisher_address_zh = models.TextField(_("publisher's address (Chinese)"), blank=True)
    publisher_address_en = models.TextField(_("publisher's address (English)"), blank=True)
    contact_email = models.EmailField(_("editorial office email"), blank=True)
    citation_style_zh = models.CharField(
        _("default citation style, Chinese interface"),
        max_length=100,
        default="china-national-standard-gb-t-7714-2015-numeric",
    )
    citation_style_en = models.CharField(
        _("default citation style, English interface"), max_length=100, default="apa"
    )
    editors = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="edited_journals",
        verbose_name=_("editors"),
        help_text=_(
            "Staff users who edit this journal's issues, sections and articles in the admin."
        ),
    )
    citation_styles = models.JSONField(
        _("citation styles offered"),
        default=default_citation_styles,
        blank=True,
        help_text=_("CSL style ids, in the order readers see them."),
    )
    # Identity (#19). Files are written by journal.images (sizes, content-hashed names);
    # each field names the widest rendition, image_renditions has them all.
    logo = models.FileField(
        _("logo"),
        upload_to="images/",
        max_length=200,
        blank=True,
        help_text=_("SVG (without scripts) or a JPEG, PNG or WebP image, at least 480 px wide."),
    )
    header_image = models.FileField(
        _("home page image"),
        upload_to="images/",
        max_length=200,
        blank=True,
        help_text=_(
            "A wide picture for the top of the journal home and its social card, at least "
            "1600 px wide. Decorative: it carries no text readers need."
        ),
    )
    favicon = models.FileField(
        _("favicon"),
        upload_to="images/",
        max_length=200,
        blank=True,
        help_text=_("The browser tab's icon: SVG, or a square PNG of at least 180 px."),
    )
    image_renditions = models.JSONField(_("image sizes"), default=dict, blank=True, editable=False)
    accent_colour = models.CharField(
        _("accent colour"),
        max_length=7,
        blank=True,
        validators=[validate_accent_colour],
        help_text=_(
            "#rrggbb, for links and headings on the journal's pages (light theme; the dark "
            "theme keeps its own). It must be readable on the site's backgrounds: a "
            "contrast of at least 4.5:1 (WCAG AA)."
        ),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = JournalQuerySet.as_manager()

    class Meta:
        ordering = ["title_en", "pk"]
        verbose_name = _("journal")
        verbose_name_plural = _("journals")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(title_zh="", title_en=""), name="journal_has_a_title"
            ),
            # One ISSN, one journal (imports find journals by ISSN). Across the two
            # columns it is Journal.clean that checks.
            models.UniqueConstraint(
                fields=["issn_print"],
                condition=~models.Q(issn_print=""),
                name="journal_unique_issn_print",
                violation_error_message=_("Another journal has this print ISSN."),
            ),
            models.UniqueConstraint(
                fields=["issn_online"],
                condition=~models.Q(issn_online=""),
                name="journal_unique_issn_online",
                violation_error_message=_("Another journal has this online ISSN."),
            ),
        ]

    def __str__(self):
        return self.canonical_title

    def save(self, *args, **kwargs):
        self.accent_colour = (self.accent_colour or "").strip().lower()
        self.issn_print = normalize_issn(self.issn_print)
        self.issn_online = normalize_issn(self.issn_online)
        for field in RICH_TEXT_FIELDS:
            setattr(self, field, clean_html(getattr(self, field)))
        if self._state.adding and self.citation_styles in (None, default_citation_styles()):
            # No styles chosen (the field's default, or None from the shell): every
            # style, the usual one of the journal's language first.
            self.citation_styles = default_citation_styles(self.language)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("journal:home", kwargs={"journal": self.slug})

    def get_about_url(self):
        return reverse("journal:about", kwargs={"journal": self.slug})

    def clean(self):
        errors = {}
        styles = self.citation_styles
        if not isinstance(styles, list) or not all(isinstance(s, str) for s in styles):
            errors["citation_styles"] = _("Give a list of citation style ids.")
        elif unknown := [style for style in styles if style not in STYLES]:
            errors["citation_styles"] = _("Unknown citation styles: %(styles)s") % {
                "styles": ", ".join(unknown)
            }
        for field in ("citation_style_zh", "citation_style_en"):
            if getattr(self, field) not in STYLES:
                errors[field] = _("Unknown citation style.")
        errors.update(self.issn_conflicts())
        if errors:
            raise ValidationError(errors)

    def issn_conflicts(self):
        """Errors for this journal's ISSNs that another journal has, in either column."""
        errors = {}
        others = Journal.objects.exclude(pk=self.pk) if self.pk else Journal.objects.all()
        for field in ("issn_print", "issn_online"):
            issn = normalize_issn(getattr(self, field))
            if not issn:
                continue
            other = others.filter(models.Q(issn_print=issn) | models.Q(issn_online=issn)).first()
            if other:
                errors[field] = ValidationError(
                    _("ISSN %(issn)s is already an ISSN of the journal “%(journal)s”."),
                    code="duplicate_issn",
                    params={"issn": issn, "journal": other},
                )
        return errors

    @property
    def offered_citation_styles(self):
        """The styles readers can choose, as registry entries; unknown ids are skipped."""
        styles = self.citation_styles if isinstance(self.citation_styles, list) else []
        return [STYLES[style] for style in dict.fromkeys(styles) if style in STYLES]

    def default_citation_style(self, language):
        """The style shown first in an interface language (GB/T 7714 zh, APA en by default)."""
        offered = [style.id for style in self.offered_citation_styles]
        wanted = self.citation_style_en if language == Language.EN else self.citation_style_zh
        if wanted in offered:
            return wanted
        return offered[0] if offered else ""

    def stored_image(self, kind, alt=""):
        """The logo, home page image or favicon (``kind``) as pages show it, or None."""
        renditions = (self.image_renditions or {}).get(kind)
        if not (getattr(self, FIELD_OF_IMAGE[kind]) and renditions):
            return None
        return StoredImage(renditions, alt)

    @property
    def logo_image(self):
        return self.stored_image("logo", alt=self.title)

    @property
    def header_picture(self):
        return self.stored_image("header")

    @property
    def favicon_image(self):
        return self.stored_image("favicon")

    def social_card(self, language):
        """The home page image on a 1200 × 630 card, named by the journal's title; or None."""
        card = (self.image_renditions or {}).get("header", {}).get("card")
        if not (self.header_image and card):
            return None
        alt = in_language(self, "title", language) or self.canonical_title
        return SocialCard(StoredImage.url(card), card["width"], card["height"], alt)

    @property
    def accent_hex(self):
        """The accent colour without its #."""
        return self.accent_colour.lstrip("#")

    @property
    def canonical_title(self):
        """The one title machines cite, whatever the interface language (GS-7)."""
        return in_language(self, "title", self.language) or self.title_en or self.title_zh

    @property
    def title(self):
        return localized(self, "title")

    @property
    def description(self):
        return localized(self, "description")

    @property
    def licence_terms(self):
        return localized(self, "licence_terms")

    @property
    def licence(self):
        return LICENCES[self.default_licence]

    @property
    def about_sections(self):
        """(anchor, heading) of each part of the About page, in its order (DOAJ-4).

        The same list for every journal and both languages, so the home page's links
        and the page's headings cannot drift apart, and both languages have the
        same sections whatever is filled in (DOAJ-5).
        """
        return ABOUT_SECTIONS

    @property
    def issns(self):
        """(label, ISSN) pairs, online first as Google Scholar prefers."""
        pairs = [(_("Online ISSN"), self.issn_online), (_("Print ISSN"), self.issn_print)]
        return [(label, value) for label, value in pairs if value]


FIELD_OF_IMAGE = {"logo": "logo", "header": "header_image", "favicon": "favicon"}

RICH_TEXT_FIELDS = [
    f"{name}_{suffix}"
    for name in ("aims_scope", "author_instructions", "peer_review", "open_access", "fees")
    for suffix in ("zh", "en")
]

ABOUT_SECTIONS = [
    ("aims-and-scope", _("Aims and scope")),
    ("editorial-board", _("Editorial board")),
    ("instructions-for-authors", _("Instructions for authors")),
    ("peer-review", _("Peer review process")),
    ("publication-fees", _("Publication fees")),
    ("open-access", _("Open access statement")),
    ("copyright-and-licensing", _("Copyright and licensing")),
    ("contact", _("Contact")),
]


class BoardMember(models.Model):
    """A member of a journal's editorial board, with role and affiliation, in order."""

    journal = models.ForeignKey(
        Journal, on_delete=models.CASCADE, related_name="board_members", verbose_name=_("journal")
    )
    order = models.PositiveIntegerField(_("order"), default=0)
    name = models.CharField(
        _("name as written"), max_length=200, help_text=_("In its own script, e.g. 王明.")
    )
    name_en = models.CharField(
        _("name, romanised"), max_length=200, blank=True, help_text=_("e.g. Ming Wang")
    )
    role_zh = models.CharField(_("role (Chinese)"), max_length=200, blank=True)
    role_en = models.CharField(_("role (English)"), max_length=200, blank=True)
    affiliation_zh = models.CharField(_("affiliation (Chinese)"), max_length=500, blank=True)
    affiliation_en = models.CharField(_("affiliation (English)"), max_length=500, blank=True)

    class Meta:
        ordering = ["journal", "order", "pk"]
        verbose_name = _("editorial board member")
        verbose_name_plural = _("editorial board")

    def __str__(self):
        return self.name

    def name_in(self, language):
        """The romanised name for English readers, the name as written otherwise."""
        if language == Language.EN:
            return self.name_en or self.name
        return self.name

    @property
    def display_name(self):
        return self.name_in(current_language())

    @property
    def other_name(self):
        """The name as written, when the interface shows its romanisation instead."""
        return self.name if self.display_name != self.name else ""

    @property
    def name_lang(self):
        return script_language(self.display_name)

    @property
    def role(self):
        return localized(self, "role")

    @property
    def affiliation(self):
        return localized(self, "affiliation")


@dataclass(frozen=True)
class SocialCard:
    """An image for Open Graph and X cards: a path (the caller adds the origin) and its alt."""

    path: str
    width: int
    height: int
    alt: str


class StoredImage:
    """An uploaded image in the sizes stored at upload (``journal.images``): what an
    ``<img>``/``<picture>`` and a social card need, each URL a content-hashed name."""

    def __init__(self, renditions, alt):
        self.renditions = renditions
        self.alt = alt

    @staticmethod
    def url(entry):
        return reverse("stored_image", kwargs={"name": entry["name"].rsplit("/", 1)[-1]})

    def _srcset(self, kind):
        entries = self.renditions.get(kind, [])
        return ", ".join(f"{self.url(e)} {e['width']}w" for e in entries)

    @property
    def largest(self):
        return self.renditions["fallback"][-1]

    @property
    def src(self):
        return self.url(self.largest)

    @property
    def src_smallest(self):
        return self.url(self.renditions["fallback"][0])

    @property
    def width(self):
        return self.largest["width"]

    @property
    def height(self):
        return self.largest["height"]

    @property
    def is_vector(self):
        return self.largest["name"].endswith(".svg")

    @property
    def srcset_webp(self):
        return self._srcset("webp")

    @property
    def srcset(self):
        return "" if self.is_vector else self._srcset("fallback")

    @property
    def card(self):
        """The 1200 × 630 social card entry, or None."""
        return self.renditions.get("card")

    def __bool__(self):
        return bool(self.renditions.get("fallback"))


class IssueQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True, publication_date__lte=timezone.localdate())

    def for_archive(self, journal):
        return (
            self.published()
            .filter(journal=journal)
            .select_related("journal")  # each issue's URL needs the journal's slug
            .order_by("-year", "-publication_date", "-pk")
        )

    def numbered(self, *, volume, number):
        """The issues with this volume and number, as the old URLs /issues/3/2/ named them."""
        return self.filter(volume=volume, number=printed(number)).order_by("pk")


class Issue(models.Model):
    """An issue as the journal prints it: a year, perhaps a volume, a number as text.

    Numbers are kept as printed: "5", "1-2" for a double issue (合刊), "S1" or "增刊1"
    for a supplement (增刊). A journal without volumes (cited 2019(5)) leaves the volume
    empty; its numbers start again each year, so they are unique within a year. The
    issue's URL carries its id, which no renumbering changes.
    """

    journal = models.ForeignKey(
        Journal, on_delete=models.PROTECT, related_name="issues", verbose_name=_("journal")
    )
    volume = models.PositiveIntegerField(
        _("volume"),
        null=True,
        blank=True,
        help_text=_(
            "Empty for a journal without volumes, cited by year and number: 2019(5), 2019年第5期."
        ),
    )
    number = models.CharField(
        _("number"),
        max_length=20,
        blank=True,
        help_text=_(
            "As printed: 5; 1-2 for a double issue (合刊); S1 or 增刊1 for a supplement "
            "(增刊). Empty only for a volume without issues."
        ),
    )
    year = models.PositiveIntegerField(_("year"))
    title_zh = models.CharField(_("title (Chinese)"), max_length=300, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=300, blank=True)
    publication_date = models.DateField(
        _("publication date"),
        help_text=_("The issue and its articles go public on this day."),
    )
    # As the journal prints it, at the precision known (2019, 2019-05, 2019-05-30); the
    # day above is when it goes public here, which an imported issue may not have printed.
    issued = models.CharField(
        _("publication date as printed"),
        max_length=10,
        blank=True,
        validators=[validate_partial_date],
        help_text=_("2019, 2019-05 or 2019-05-30, as printed. Empty: the publication date."),
    )
    is_published = models.BooleanField(_("published"), default=False)
    # The widest fallback rendition; every size is in cover_renditions, written by
    # journal.images.store_issue_cover (the admin and importers alike).
    cover = models.ImageField(
        _("cover"),
        upload_to="images/",
        max_length=200,
        blank=True,
        help_text=_(
            "JPEG, PNG, WebP or GIF, at least 480 pixels wide. The sizes pages need are "
            "made at upload; camera and editing metadata are removed."
        ),
    )
    cover_renditions = models.JSONField(_("cover sizes"), default=dict, blank=True, editable=False)
    cover_alt_zh = models.CharField(
        _("cover description (Chinese)"),
        max_length=300,
        blank=True,
        help_text=_("What the cover shows, for readers who cannot see it."),
    )
    cover_alt_en = models.CharField(_("cover description (English)"), max_length=300, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = IssueQuerySet.as_manager()

    class Meta:
        ordering = ["journal", "-year", "-publication_date", "-pk"]
        verbose_name = _("issue")
        verbose_name_plural = _("issues")
        indexes = [
            # The archive's order: a page of 60 issues reads 60 index entries, not every
            # issue of the journal sorted (#18: 10 ms at 2,001 issues).
            models.Index(
                fields=["journal", "-year", "-publication_date", "-id"], name="issue_archive_order"
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(volume__isnull=False) | ~models.Q(number=""),
                name="issue_has_volume_or_number",
                violation_error_message=_("Give the issue a volume, a number or both."),
            ),
            # A volume's numbers are unique; without volumes, a year's numbers are.
            models.UniqueConstraint(
                fields=["journal", "volume", "number"],
                condition=models.Q(volume__isnull=False),
                name="issue_unique_volume_number",
                violation_error_message=_(
                    "This journal already has an issue with this volume and number."
                ),
            ),
            models.UniqueConstraint(
                fields=["journal", "year", "number"],
                condition=models.Q(volume__isnull=True),
                name="issue_unique_year_number",
                violation_error_message=_(
                    "This journal already has an issue without a volume with this year and number."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.journal.canonical_title}, {self.label()}"

    def save(self, *args, **kwargs):
        self.number = printed(self.number)
        self.issued = normalized_partial_date(self.issued)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("journal:issue", kwargs={"journal": self.journal.slug, "issue": self.pk})

    def clean(self):
        # Before the uniqueness checks: "１－２" typed in a Chinese input method is "1-2".
        self.number = printed(self.number)
        self.issued = normalized_partial_date(self.issued)

    def label(self, language=None):
        """The issue as readers name it, from what it has, in ``language`` (default: the
        interface's): 2019年第5期 / 2019, No. 5; 2019年第3卷第2期 / Vol. 3, No. 2 (2019);
        合刊 and 增刊 as Chinese journals print them. Every page, feed and admin list
        names an issue with this."""
        if language is None:
            return issue_label(year=self.year, volume=self.volume, number=self.number)
        with translation.override(language):
            return issue_label(year=self.year, volume=self.volume, number=self.number)

    @property
    def title(self):
        return localized(self, "title")

    @property
    def is_public(self):
        return self.is_published and self.publication_date <= timezone.localdate()

    def social_card(self, language):
        """The cover on a 1200 × 630 card for shared links, alt text in ``language``; or None."""
        card = (self.cover_renditions or {}).get("card")
        if not (self.cover and card):
            return None
        alt = in_language(self, "cover_alt", language) or localized(self, "cover_alt")
        if not alt:
            with translation.override(language):
                alt = str(_("Cover of %(issue)s") % {"issue": self.label()})
        return SocialCard(StoredImage.url(card), card["width"], card["height"], alt)

    @property
    def cover_image(self):
        """The cover as pages show it (sizes, alt text in the interface language), or None."""
        if not (self.cover and self.cover_renditions.get("fallback")):
            return None
        alt = localized(self, "cover_alt") or _("Cover of %(issue)s") % {"issue": self.label()}
        return StoredImage(self.cover_renditions, alt)

    @property
    def printed_date(self):
        """The issue's date as printed (a PartialDate), else its publication day."""
        try:
            return PartialDate.parse(self.issued) or PartialDate.from_date(self.publication_date)
        except ValueError:  # only an unsaved form's bad input; full_clean refuses it
            return PartialDate.from_date(self.publication_date)


class Section(models.Model):
    journal = models.ForeignKey(
        Journal, on_delete=models.PROTECT, related_name="sections", verbose_name=_("journal")
    )
    slug = models.SlugField(_("slug"), max_length=80)
    title_zh = models.CharField(_("title (Chinese)"), max_length=200, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    order = models.PositiveIntegerField(_("order"), default=0)
    is_scholarly = models.BooleanField(
        _("scholarly content"),
        default=True,
        help_text=_(
            "Articles of a section that is not scholarly (editorials, news) carry no "
            "Google Scholar tags."
        ),
    )

    class Meta:
        ordering = ["journal", "order", "pk"]
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        constraints = [
            models.UniqueConstraint(fields=["journal", "slug"], name="section_unique_slug")
        ]

    def __str__(self):
        return f"{self.title} ({self.journal.canonical_title})"

    def get_absolute_url(self):
        return reverse(
            "journal:section", kwargs={"journal": self.journal.slug, "section": self.slug}
        )

    @property
    def title(self):
        return localized(self, "title")
