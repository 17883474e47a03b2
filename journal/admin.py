from axes import admin as axes_admin
from axes.handlers.proxy import AxesProxyHandler
from axes.models import AccessAttempt
from django import forms
from django.contrib import admin, messages
from django.http import HttpResponse
from django.urls import path
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext_lazy as _

from articles.admin_crossref import download_deposit
from articles.admin_ojs import OjsImportView
from articles.admin_ojs import may_import as may_import_ojs
from articles.citation_queue import schedule_citations
from articles.doaj import doaj_xml
from articles.models import Article
from articles.publishing import publish_issue, save_issue, unpublish_issue
from journal.admin_scope import JournalScopedAdmin, JournalScopedInline
from journal.context_processors import base_url
from journal.images import (
    apply_issue_cover,
    apply_journal_image,
    prepare_issue_cover,
    prepare_journal_image,
    remove_issue_cover,
    remove_journal_image,
)
from journal.models import (
    FIELD_OF_IMAGE,
    BoardMember,
    Issue,
    Journal,
    Section,
    default_citation_styles,
)
from journal.widgets import SafeAutocompleteAdmin
from scholarly.csl import STYLES


def citation_style_choices():
    """(id, name) of every registered style, named in the admin's language."""
    language = get_language()
    return [(style.id, style.name(language)) for style in STYLES.values()]


# What the file pickers offer; the bytes are parsed on upload whatever the name says.
RASTER_ACCEPT = "image/jpeg,image/png,image/webp,image/gif"
IMAGE_ACCEPT = {
    "logo": f"image/svg+xml,.svg,{RASTER_ACCEPT}",
    "header_image": RASTER_ACCEPT,
    "favicon": f"image/svg+xml,.svg,{RASTER_ACCEPT}",
}


class JournalAdminForm(forms.ModelForm):
    citation_styles = forms.MultipleChoiceField(
        label=_("Citation styles offered"),
        choices=citation_style_choices,
        initial=default_citation_styles,  # a new journal offers them all
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = Journal
        exclude = []  # noqa: DJ006 - every field, as the default admin form shows them

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.prepared_images = {}
        for name, accept in IMAGE_ACCEPT.items():
            if name in self.fields:
                self.fields[name].widget.attrs["accept"] = accept
        for name in ("citation_style_zh", "citation_style_en"):
            if name in self.fields:
                self.fields[name].widget = forms.Select(choices=citation_style_choices())

    def _prepared(self, kind, field):
        """An uploaded logo, image or favicon parsed and derived (errors at the field)."""
        upload = self.cleaned_data.get(field)
        if upload and hasattr(upload, "content_type"):  # a new upload, not the stored file
            upload.seek(0)
            self.prepared_images[kind] = prepare_journal_image(kind, upload.read(), upload.name)
        return upload

    def clean_logo(self):
        return self._prepared("logo", "logo")

    def clean_header_image(self):
        return self._prepared("header", "header_image")

    def clean_favicon(self):
        return self._prepared("favicon", "favicon")

    def clean(self):
        cleaned = super().clean()
        chosen = cleaned.get("citation_styles")
        if chosen is not None:
            # Ticked boxes arrive in the boxes' order: keep the journal's own order for the
            # styles it offered, the usual one for its language for the others.
            current = self.instance.citation_styles if self.instance.pk else []
            if not isinstance(current, list):
                current = []
            language = cleaned.get("language") or self.instance.language
            preferred = [*current, *default_citation_styles(language)]
            cleaned["citation_styles"] = sorted(chosen, key=preferred.index)
        return cleaned


def doaj_download(model_admin, request, articles, name):
    """The published ones of ``articles`` as a DOAJ XML file to upload (DOAJ-8)."""
    articles = list(articles.for_doaj_export())
    if not articles:  # DOAJ's schema wants one record at least: say so instead
        model_admin.message_user(request, _("No published articles to export."), messages.WARNING)
        return None
    body = doaj_xml(articles, base_url=base_url(request))
    response = HttpResponse(body, content_type="application/xml; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="doaj-{name}.xml"'
    return response


class BoardMemberInline(JournalScopedInline, admin.TabularInline):
    model = BoardMember
    parent_journal_path = ""  # the parent is the journal itself
    extra = 0
    fields = ["order", "name", "name_en", "role_zh", "role_en", "affiliation_zh", "affiliation_en"]
    ordering = ["order", "pk"]


def pairs(*names):
    """Chinese and English fields side by side, one row per bilingual field."""
    return [(f"{name}_zh", f"{name}_en") for name in names]


@admin.register(Journal)
class JournalAdmin(SafeAutocompleteAdmin, JournalScopedAdmin, admin.ModelAdmin):
    journal_path = ""
    editors_may_add = False
    editors_may_delete = False
    list_display = ["canonical_title", "slug", "issn_online", "issn_print", "publisher"]
    search_fields = ["title_zh", "title_en", "abbreviation", "issn_print", "issn_online"]
    prepopulated_fields = {"slug": ["title_en"]}
    filter_horizontal = ["editors"]
    form = JournalAdminForm
    inlines = [BoardMemberInline]
    actions = ["export_doaj"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "slug",
                    *pairs("title"),
                    "language",
                    "abbreviation",
                    ("issn_online", "issn_print"),
                    "publisher",
                    *pairs("description"),
                    "editors",
                ]
            },
        ),
        (
            _("About the journal"),
            {
                "description": _(
                    "Shown on the journal's About page, in both languages. Italics, sub- and "
                    "superscripts allowed; blank lines split paragraphs."
                ),
                "fields": [
                    *pairs("aims_scope", "author_instructions", "peer_review", "open_access"),
                    "charges_fees",
                    *pairs("fees"),
                    *pairs("publisher_address"),
                    "contact_email",
                ],
            },
        ),
        (
            _("Identity"),
            {
                "description": _(
                    "Shown on the journal's pages, in its social cards and on the publisher "
                    "page. Pictures are resized at upload and stripped of their metadata."
                ),
                "fields": ["logo", "header_image", "favicon", "accent_colour"],
            },
        ),
        (_("Licence and copyright"), {"fields": ["default_licence", *pairs("licence_terms")]}),
        (
            _("Citations"),
            {"fields": [("citation_style_zh", "citation_style_en"), "citation_styles"]},
        ),
    ]

    def get_fieldsets(self, request, obj=None):
        if request.user.is_superuser:
            return self.fieldsets
        # Only a superuser decides who edits which journal.
        return [
            (name, {**options, "fields": [f for f in options["fields"] if f != "editors"]})
            for name, options in self.fieldsets
        ]

    @admin.action(description=_("Download the published articles as DOAJ XML"))
    def export_doaj(self, request, queryset):
        journals = list(queryset)
        name = journals[0].slug if len(journals) == 1 else "journals"
        return doaj_download(self, request, Article.objects.filter(journal__in=journals), name)

    change_list_template = "admin/journal/journal/change_list.html"

    def get_urls(self):
        own = [
            path(
                "import-ojs/",
                self.admin_site.admin_view(OjsImportView.as_view(model_admin=self)),
                name="journal_journal_import_ojs",
            )
        ]
        return own + super().get_urls()

    def changelist_view(self, request, extra_context=None):
        may_import = may_import_ojs(self.admin_site, request)
        extra_context = {**(extra_context or {}), "may_import_ojs": may_import}
        return super().changelist_view(request, extra_context)

    def save_model(self, request, obj, form, change):
        for kind, field in FIELD_OF_IMAGE.items():
            if kind in form.prepared_images:
                apply_journal_image(obj, kind, form.prepared_images[kind])
            elif field in form.changed_data and not form.cleaned_data.get(field):
                remove_journal_image(obj, kind)  # "Clear" ticked
        super().save_model(request, obj, form, change)
        if change:  # the journal's title, ISSN and styles are in every citation
            schedule_citations(articles=obj.articles.values_list("pk", flat=True))


class IssueAdminForm(forms.ModelForm):
    """The cover is parsed and its sizes made in ``clean``: a file that is no image, or
    too large, is refused with the reason next to the field, and nothing is stored."""

    class Meta:
        model = Issue
        exclude = []  # noqa: DJ006 - the admin's fieldsets choose
        # Our parser's messages, not ImageField's one "not a valid image" for everything.
        field_classes = {"cover": forms.FileField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "cover" in self.fields:
            self.fields["cover"].widget.attrs["accept"] = RASTER_ACCEPT

    def clean_cover(self):
        upload = self.cleaned_data.get("cover")
        self.prepared_cover = None
        if upload and hasattr(upload, "content_type"):  # a new upload, not the stored file
            upload.seek(0)
            self.prepared_cover = prepare_issue_cover(upload.read())
        return upload


@admin.register(Issue)
class IssueAdmin(SafeAutocompleteAdmin, JournalScopedAdmin, admin.ModelAdmin):
    list_display = ["__str__", "year", "publication_date", "is_published"]
    list_filter = [("journal", admin.RelatedOnlyFieldListFilter), "is_published", "year"]
    list_select_related = ["journal"]
    search_fields = [
        "journal__title_zh",
        "journal__title_en",
        "title_zh",
        "title_en",
        "year",
        "volume",
        "number",
    ]
    autocomplete_fields = ["journal"]
    form = IssueAdminForm
    fields = [
        "journal",
        ("year", "volume", "number"),
        "title_zh",
        "title_en",
        ("publication_date", "issued", "is_published"),
        "cover",
        ("cover_alt_zh", "cover_alt_en"),
    ]
    actions = ["publish", "unpublish", "export_doaj", "download_crossref_deposit"]

    @admin.action(description=_("Download Crossref deposit"))
    def download_crossref_deposit(self, request, queryset):
        return download_deposit(self, request, Article.objects.filter(issue__in=queryset))

    @admin.action(description=_("Download the published articles as DOAJ XML"))
    def export_doaj(self, request, queryset):
        issues = list(queryset.select_related("journal"))
        # The id, as in the issue's URL: a printed number ("增刊1") may not suit a file name.
        name = f"{issues[0].journal.slug}-issue-{issues[0].pk}" if len(issues) == 1 else "issues"
        return doaj_download(self, request, Article.objects.filter(issue__in=issues), name)

    @admin.action(description=_("Publish selected issues and their ready articles"))
    def publish(self, request, queryset):
        for issue in queryset.select_related("journal"):
            result = publish_issue(issue=issue)
            self.message_user(
                request,
                ngettext(
                    "%(issue)s published with %(count)d article made public.",
                    "%(issue)s published with %(count)d articles made public.",
                    len(result.published),
                )
                % {"issue": issue, "count": len(result.published)},
                messages.SUCCESS,
            )
            if result.not_ready:
                self.message_user(
                    request,
                    _("Left as drafts, not ready (%(reason)s): %(titles)s")
                    % {
                        "reason": _("title in the full-text language and an author needed"),
                        "titles": "; ".join(article.original_title for article in result.not_ready),
                    },
                    messages.WARNING,
                )

    @admin.action(description=_("Unpublish selected issues"))
    def unpublish(self, request, queryset):
        count = 0
        for issue in queryset:
            count += unpublish_issue(issue=issue)
        self.message_user(
            request,
            ngettext("%(count)d issue unpublished.", "%(count)d issues unpublished.", count)
            % {"count": count},
            messages.SUCCESS,
        )

    def save_model(self, request, obj, form, change):
        # Through the service, which announces the change: unticking "published" or
        # moving the date into the future makes the issue's public articles deleted OAI
        # records, the search index takes the issue's year, date and state, and the
        # citations (volume, number, year, printed date) are rendered again.
        if getattr(form, "prepared_cover", None):
            apply_issue_cover(obj, form.prepared_cover, save=False)
        elif "cover" in form.changed_data and not form.cleaned_data.get("cover"):
            remove_issue_cover(obj)  # "Clear" ticked
        save_issue(issue=obj)


@admin.register(Section)
class SectionAdmin(SafeAutocompleteAdmin, JournalScopedAdmin, admin.ModelAdmin):
    list_display = ["__str__", "order", "is_scholarly"]
    list_filter = [("journal", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["journal"]
    search_fields = ["title_zh", "title_en", "journal__title_en", "journal__title_zh"]
    autocomplete_fields = ["journal"]


class AccessAttemptAdmin(axes_admin.AccessAttemptAdmin):
    """django-axes' login-attempt list, with its clean-up action working."""

    @admin.action(
        description=axes_admin.AccessAttemptAdmin.cleanup_expired_attempts.short_description
    )
    def cleanup_expired_attempts(self, request, queryset):
        # django-axes 8.3 reads the time of "now" from the request, which only its login
        # handling sets: without this the action fails with an AttributeError (a 500).
        AxesProxyHandler.update_request(request)
        return super().cleanup_expired_attempts(request, queryset)


admin.site.unregister(AccessAttempt)
admin.site.register(AccessAttempt, AccessAttemptAdmin)
