from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.admin.views.main import PAGE_VAR
from django.contrib.admin.widgets import AdminFileWidget
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, JsonResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.admin import SimpleHistoryAdmin
from taggit.models import Tag

from articles.admin_crossref import deposit_state, download_deposit
from articles.admin_import import ImportView
from articles.history import (
    ArticleHistory,
    NoStateAtMoment,
    parse_moment,
    plan_restore,
    restore_article,
)
from articles.inline_order import InFormOrderFormSet
from articles.keywords import keywords_text, parse_keywords, set_keywords
from articles.models import Affiliation, Article, Author, Funding, Galley, Reference, Status
from articles.publishing import (
    delete_articles,
    publish_articles,
    restore_articles,
    save_article,
    unpublish_articles,
)
from articles.references import replace_references
from articles.romanise import propose_romanisation
from articles.signals import article_saved
from journal.admin_scope import (
    JournalScopedAdmin,
    JournalScopedInline,
    SharedForEditorsAdmin,
    editable_journal_ids,
    journal_scope,
)
from journal.widgets import SafeAutocompleteAdmin
from scholarly.languages import Language

# Up/down buttons for the order fields and keyword suggestions; without JS the
# order numbers and the plain keyword fields still work.
EDITING_JS = "js/admin-editing.js"


class ArticleAdminForm(forms.ModelForm):
    """Keywords are typed as authors give them: any of ; ； , ， 、 separates."""

    keywords_zh = forms.CharField(
        label=_("Keywords (Chinese)"),
        required=False,
        widget=forms.TextInput(attrs={"size": 80, "data-keyword-language": "zh-hans"}),
        help_text=_("In the authors' order, separated by ； ， 、 ; or ,"),
    )
    keywords_en = forms.CharField(
        label=_("Keywords (English)"),
        required=False,
        widget=forms.TextInput(attrs={"size": 80, "data-keyword-language": "en"}),
        help_text=_("In the authors' order, separated by ; or ,"),
    )
    references_text = forms.CharField(
        label=_("Paste references"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8, "cols": 100}),
        help_text=_(
            "The reference list as printed (GB/T 7714 or APA), one entry per number or line. "
            "When filled, it replaces the references below; correct the parsed fields there."
        ),
    )

    class Meta:
        model = Article
        fields = [
            "journal",
            "issue",
            "section",
            "language",
            "title_zh",
            "title_en",
            "abstract_zh",
            "abstract_en",
            "status",
            "published_at",
            "issued",
            "doi",
            "first_page",
            "last_page",
            "article_number",
            "order",
            "received",
            "revised",
            "accepted",
            "online_first",
            "clc_codes",
            "document_code",
            "caj_article_id",
            "licence",
            "copyright_holder",
            "copyright_year",
        ]

    def clean_keywords_zh(self):
        return self._clean_keywords("keywords_zh")

    def clean_keywords_en(self):
        return self._clean_keywords("keywords_en")

    def _clean_keywords(self, name):
        # Longer names do not fit the tag table (PostgreSQL refuses them; SQLite did not).
        limit = Tag._meta.get_field("name").max_length
        for keyword in parse_keywords(self.cleaned_data[name]):
            if len(keyword) > limit:
                raise forms.ValidationError(
                    _("A keyword can have at most %(limit)d characters."),
                    params={"limit": limit},
                )
        return self.cleaned_data[name]

    def clean_order(self):
        # Left empty: no place of its own, the table of contents follows the first page.
        return self.cleaned_data.get("order") or 0

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "order" in self.fields:
            self.fields["order"].required = False
        if self.instance.pk:
            self.fields["keywords_zh"].initial = keywords_text(self.instance, Language.ZH_HANS)
            self.fields["keywords_en"].initial = keywords_text(self.instance, Language.EN)


class AuthorInline(SafeAutocompleteAdmin, JournalScopedInline, admin.StackedInline):
    model = Author
    formset = InFormOrderFormSet
    extra = 0
    autocomplete_fields = ["affiliations"]
    fields = [
        ("order", "is_corresponding"),
        ("family_name", "given_name"),
        ("family_name_en", "given_name_en"),
        "affiliations",
        ("orcid", "email"),
        "address",
        ("biography_zh", "biography_en"),
    ]
    ordering = ["order", "pk"]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name in {"biography_zh", "biography_en"}:
            kwargs["widget"] = forms.Textarea(attrs={"rows": 3, "cols": 50})
        elif db_field.name == "address":
            kwargs["widget"] = forms.TextInput(attrs={"size": 80})
        return super().formfield_for_dbfield(db_field, request, **kwargs)


class FundingInline(JournalScopedInline, admin.StackedInline):
    """基金项目: one row per funder, its award numbers together, as journals print them."""

    model = Funding
    formset = InFormOrderFormSet
    extra = 0
    fields = [("order", "award_numbers", "funder_id"), ("funder_zh", "funder_en")]
    ordering = ["order", "pk"]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name in {"funder_zh", "funder_en"}:
            kwargs["widget"] = forms.TextInput(attrs={"size": 40})
        return super().formfield_for_dbfield(db_field, request, **kwargs)


class ReferenceInline(JournalScopedInline, admin.StackedInline):
    """Stacked, a few fields to a line: as a table row its twelve fields took ~3,000 px."""

    model = Reference
    formset = InFormOrderFormSet
    extra = 0
    fields = [
        ("order", "kind", "year", "volume", "issue", "pages"),
        "raw_text",
        ("authors", "title"),
        ("container_title", "doi"),
        "url",
    ]
    ordering = ["order", "pk"]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "raw_text":
            kwargs["widget"] = forms.Textarea(attrs={"rows": 3, "cols": 80})
        elif db_field.name in {"kind", "year", "volume", "issue", "pages"}:
            kwargs["widget"] = forms.TextInput(attrs={"size": 6})
        return super().formfield_for_dbfield(db_field, request, **kwargs)


class StoredGalleyLink:
    """The stored file as the admin's file widget shows it: a link to the galley view."""

    def __init__(self, file):
        self.url = file.instance.get_absolute_url()
        self.name = file.instance.download_name

    def __str__(self):
        return self.name


class GalleyFileWidget(AdminFileWidget):
    """Links the stored file through the galley view (drafts: for their editors): the
    media folder is not served."""

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        if context["widget"]["is_initial"] and getattr(value, "instance", None):
            context["widget"]["value"] = StoredGalleyLink(value)
        return context


class GalleyInline(JournalScopedInline, admin.TabularInline):
    model = Galley
    formset = InFormOrderFormSet
    extra = 0
    fields = ["order", "label", "language", "file", "file_size"]
    readonly_fields = ["file_size"]
    ordering = ["order", "pk"]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "file":
            kwargs["widget"] = GalleyFileWidget
        elif db_field.name == "label":  # "PDF": a narrow field keeps the row in the window
            kwargs["widget"] = forms.TextInput(attrs={"size": 12})
        return super().formfield_for_dbfield(db_field, request, **kwargs)


class DeletedFilter(admin.SimpleListFilter):
    """Deleted articles are out of the list unless asked for; they can be restored."""

    title = _("deleted")
    parameter_name = "deleted"

    def lookups(self, request, model_admin):
        return [("yes", _("Deleted")), ("all", _("All, deleted included"))]

    def choices(self, changelist):
        for choice in super().choices(changelist):
            if choice["display"] == _("All"):
                choice["display"] = _("Not deleted")
            yield choice

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.deleted()
        if self.value() == "all":
            return queryset
        return queryset.current()


class PublicationFilter(admin.SimpleListFilter):
    """Public, scheduled (published, its time or its issue's date to come) or draft: read
    from the one rule of what readers see, not from a stored status."""

    title = _("publication")
    parameter_name = "publication"

    def lookups(self, request, model_admin):
        return [("public", _("Public")), ("scheduled", _("Scheduled")), ("draft", _("Draft"))]

    def queryset(self, request, queryset):
        if self.value() == "public":
            return queryset.published()
        if self.value() == "scheduled":
            return queryset.scheduled()
        if self.value() == "draft":
            return queryset.filter(status=Status.DRAFT)
        return queryset


@admin.register(Article)
class ArticleAdmin(SafeAutocompleteAdmin, JournalScopedAdmin, SimpleHistoryAdmin):
    form = ArticleAdminForm
    list_display = [
        "original_title",
        "journal",
        "issue",
        "publication",
        "published_at",
        "crossref_state",
    ]
    list_filter = [
        DeletedFilter,
        PublicationFilter,
        ("journal", admin.RelatedOnlyFieldListFilter),
        ("issue", admin.RelatedOnlyFieldListFilter),
        "language",
    ]
    list_select_related = ["journal", "issue", "issue__journal", "crossref_deposit"]
    search_fields = [
        "title_zh",
        "title_en",
        "doi",
        "authors__family_name",
        "authors__given_name",
        "authors__family_name_en",
        "authors__given_name_en",
    ]
    autocomplete_fields = ["journal", "issue", "section"]
    date_hierarchy = "published_at"
    inlines = [AuthorInline, FundingInline, ReferenceInline, GalleyInline]
    actions = ["publish", "unpublish", "restore", "download_crossref_deposit"]
    readonly_fields = ["preview_links"]
    fieldsets = [
        (None, {"fields": ["journal", "issue", "section", "language", "preview_links"]}),
        (
            _("Title, abstract and keywords"),
            {
                "fields": [
                    "title_zh",
                    "title_en",
                    "abstract_zh",
                    "abstract_en",
                    "keywords_zh",
                    "keywords_en",
                ],
            },
        ),
        (
            _("Publication"),
            {
                "fields": [
                    ("status", "published_at", "issued"),
                    "doi",
                    ("first_page", "last_page", "article_number", "order"),
                    ("received", "revised", "accepted", "online_first"),
                ],
            },
        ),
        (
            _("Classification (Chinese journals)"),
            {"fields": [("clc_codes", "document_code", "caj_article_id")]},
        ),
        (
            _("Licence and copyright"),
            {"fields": ["licence", ("copyright_holder", "copyright_year")]},
        ),
        (_("References"), {"fields": ["references_text"]}),
    ]

    class Media:
        js = [EDITING_JS]

    history_per_page = 50

    def editable_article(self, request, object_id):
        """The article, if this user may change it: 404 if there is none, 403 if not theirs."""
        article = self.get_object(request, unquote(object_id))
        if article is None:
            raise Http404(_("No such article."))
        if not self.has_change_permission(request, article):
            raise PermissionDenied
        return article

    def history_view(self, request, object_id, extra_context=None):
        """Changes to the article and its parts, newest first: who, when, old → new."""
        article = self.editable_article(request, object_id)
        revisions = ArticleHistory(article).revisions()
        page = Paginator(revisions, self.history_per_page).get_page(request.GET.get(PAGE_VAR))
        context = self.article_page_context(
            request,
            article,
            _("History: %(article)s") % {"article": article},
            page_obj=page,
            page_var=PAGE_VAR,
            newest=revisions[0] if revisions else None,
            **(extra_context or {}),
        )
        return TemplateResponse(request, "admin/articles/article/history.html", context)

    def article_page_context(self, request, article, title, **extra):
        """What the admin's own pages about one article (history, restore) need."""
        return {
            **self.admin_site.each_context(request),
            "title": title,
            "opts": self.model._meta,
            "module_name": self.model._meta.verbose_name_plural,
            "object": article,
            **extra,
        }

    def restore_view(self, request, object_id):
        """Confirm (GET), then restore (POST) the article to its state at ``at``."""
        article = self.editable_article(request, object_id)
        source = request.POST if request.method == "POST" else request.GET
        moment = parse_moment(source.get("at", ""))
        if moment is None:
            raise Http404(_("No such point in the history."))
        history_url = reverse("admin:articles_article_history", args=[article.pk])
        try:
            plan = plan_restore(article, moment)
        except NoStateAtMoment:
            self.message_user(
                request, _("The article has no recorded state at that time."), messages.ERROR
            )
            return redirect(history_url)
        journal = plan.article_values.get("journal_id")
        if journal and not request.user.is_superuser:
            if journal not in editable_journal_ids(request):
                self.message_user(
                    request,
                    _("At that time the article belonged to a journal you do not edit."),
                    messages.ERROR,
                )
                return redirect(history_url)
        if request.method != "POST":
            context = self.article_page_context(
                request,
                article,
                _("Restore: %(article)s") % {"article": article},
                plan=plan,
                history_url=history_url,
            )
            return TemplateResponse(request, "admin/articles/article/restore.html", context)
        try:
            plan = restore_article(article=article, moment=moment, user=request.user)
        except NoStateAtMoment:  # its history changed under the confirmation page
            self.message_user(
                request, _("The article has no recorded state at that time."), messages.ERROR
            )
            return redirect(history_url)
        except ValidationError as error:
            for message in error.messages:
                self.message_user(
                    request, _("Not restored: %(reason)s") % {"reason": message}, messages.ERROR
                )
            return redirect(history_url)
        if plan.is_empty:
            self.message_user(request, _("Nothing to restore: the article is in that state."))
        else:
            # As the history lists it; a localised time ("1:10 p.m.") would end the
            # sentence with two full stops.
            shown = date_format(timezone.localtime(moment), "Y-m-d H:i:s")
            self.message_user(
                request,
                _(
                    "The article was restored to its state of %(moment)s. The restore is in "
                    "the history below: restore the revision before it to undo it."
                )
                % {"moment": shown},
                messages.SUCCESS,
            )
        for warning in plan.warnings:
            self.message_user(request, warning, messages.WARNING)
        return redirect(history_url)

    def get_urls(self):
        own = [
            path(
                "keywords/",
                self.admin_site.admin_view(self.keyword_suggestions),
                name="articles_article_keywords",
            ),
            path(
                "romanise/",
                self.admin_site.admin_view(self.romanisation),
                name="articles_article_romanise",
            ),
            path(
                "<path:object_id>/history/restore/",
                self.admin_site.admin_view(self.restore_view),
                name="articles_article_restore",
            ),
            path(
                "import/",
                self.admin_site.admin_view(ImportView.as_view(model_admin=self)),
                name="articles_article_import",
            ),
        ]
        return own + super().get_urls()

    def keyword_suggestions(self, request):
        """Existing keywords starting with ?q=, in ?language=, of the editor's journals."""
        if not self.has_view_permission(request):
            return JsonResponse({"error": "forbidden"}, status=403)
        query = request.GET.get("q", "").strip()[:100]
        language = request.GET.get("language", "")
        tags = Tag.objects.filter(name__istartswith=query) if query else Tag.objects.none()
        links = {"article_links__language": language} if language else {}
        if not request.user.is_superuser:
            links["article_links__content_object__in"] = Article.objects.filter(
                journal_scope("journal", request)
            )
        names = list(
            tags.filter(**links).distinct().order_by("name").values_list("name", flat=True)[:20]
        )
        return JsonResponse({"keywords": names})

    def romanisation(self, request):
        """?family=单&given=雄信 -> {"family": "Shan", "given": "Xiongxin"}."""
        if not self.has_view_permission(request):
            return JsonResponse({"error": "forbidden"}, status=403)
        family = request.GET.get("family", "")[:200]
        given = request.GET.get("given", "")[:200]
        proposal = propose_romanisation(family, given)
        if proposal is None:
            return JsonResponse({"family": "", "given": ""})
        return JsonResponse({"family": proposal[0], "given": proposal[1]})

    @admin.display(description=_("preview"))
    def preview_links(self, article):
        """The page as readers will see it, in both interface languages."""
        if not article.pk:
            return "-"
        links = []
        for code, name in (("zh-hans", "中文"), ("en", "English")):
            with translation.override(code):
                links.append((article.get_absolute_url(), name))
        return format_html_join(" · ", '<a href="{}" target="_blank">{}</a>', links)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if request.method == "POST" and context.get("errors"):
            self.ask_for_dropped_galley_files(request, context)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def ask_for_dropped_galley_files(self, request, context):
        """A form with errors comes back without the files chosen (a browser cannot refill
        a file field): say so on each galley row whose file was fine but is not kept."""
        for inline in context["inline_admin_formsets"]:
            if inline.formset.model is not Galley:
                continue
            for galley_form in inline.formset.forms:
                upload = request.FILES.get(galley_form.add_prefix("file"))
                if not upload or "file" in galley_form.errors:
                    continue
                if galley_form.cleaned_data.get("DELETE"):
                    continue
                galley_form.add_error(
                    "file",
                    _(
                        "The file “%(name)s” was not kept because the form has errors: "
                        "choose it again before saving."
                    )
                    % {"name": upload.name},
                )
                context["errors"].append(galley_form.errors["file"])

    def save_formset(self, request, form, formset, change):
        if formset.model is Author:
            self.propose_romanised_names(request, formset)
        super().save_formset(request, form, formset, change)

    def propose_romanised_names(self, request, formset):
        """Fill empty romanised names of Chinese authors and ask the editor to check them."""
        proposed = []
        for author_form in formset.forms:
            data = getattr(author_form, "cleaned_data", None)
            if not data or data.get("DELETE") or author_form.instance is None:
                continue
            author = author_form.instance
            if author.family_name_en or author.given_name_en:
                continue
            proposal = propose_romanisation(author.family_name, author.given_name)
            if proposal:
                author.family_name_en, author.given_name_en = proposal
                proposed.append(f"{author.name} → {proposal[1]} {proposal[0]}".strip())
        if proposed:
            self.message_user(
                request,
                _("Romanised names proposed; please check and correct them: %(names)s")
                % {"names": "; ".join(proposed)},
                messages.WARNING,
            )

    def save_model(self, request, obj, form, change):
        obj._history_user = request.user  # what SimpleHistoryAdmin.save_model does
        # Through the service: a status, time or issue change that takes a public
        # article off the site makes it a deleted OAI record (also on reverting history).
        save_article(article=obj)

    def delete_model(self, request, obj):
        delete_articles(articles=Article.objects.filter(pk=obj.pk))
        self.message_user(request, self.undo_hint(), messages.INFO)

    def delete_queryset(self, request, queryset):
        delete_articles(articles=queryset)
        self.message_user(request, self.undo_hint(), messages.INFO)

    def undo_hint(self):
        return _(
            "Deleted articles are hidden, not erased: filter the list by “Deleted” and "
            "use the “Restore” action to bring them back."
        )

    def get_deleted_objects(self, objs, request):
        """Soft deletion removes no related rows; the confirmation page says only that."""
        deleted_objects = [format_html("{}", str(obj)) for obj in objs]
        model_count = {self.model._meta.verbose_name_plural: len(deleted_objects)}
        return deleted_objects, model_count, set(), []

    def changelist_view(self, request, extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "import_url": reverse("admin:articles_article_import"),
        }
        return super().changelist_view(request, extra_context)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        article = form.instance
        set_keywords(
            article=article, language=Language.ZH_HANS, keywords=form.cleaned_data["keywords_zh"]
        )
        set_keywords(
            article=article, language=Language.EN, keywords=form.cleaned_data["keywords_en"]
        )
        if form.cleaned_data.get("references_text", "").strip():
            references = replace_references(
                article=article, text=form.cleaned_data["references_text"]
            )
            self.message_user(
                request,
                ngettext(
                    "%(count)d reference parsed; check its fields below.",
                    "%(count)d references parsed; check their fields below.",
                    len(references),
                )
                % {"count": len(references)},
                messages.SUCCESS,
            )
        # Authors, references and keywords are saved: search and citations follow.
        article_saved.send(sender=Article, article_ids={article.pk})

    @admin.display(description=_("title"), ordering="title_zh")
    def original_title(self, article):
        return article.original_title

    @admin.display(description=_("publication"), ordering="status")
    def publication(self, article):
        if article.deleted_at:
            return _("Deleted")
        if article.is_public:
            return _("Public")
        if article.is_scheduled:
            return _("Scheduled")
        if article.status == Status.DRAFT:
            return _("Draft")
        return _("Issue not published")

    @admin.display(description=_("Crossref deposit"), ordering="crossref_deposit__deposited_at")
    def crossref_state(self, article):
        return deposit_state(article)

    @admin.action(description=_("Download Crossref deposit"))
    def download_crossref_deposit(self, request, queryset):
        return download_deposit(self, request, queryset)

    def report_changed(self, request, message, count):
        self.message_user(request, message % {"count": count}, messages.SUCCESS)

    @admin.action(description=_("Publish selected articles now"))
    def publish(self, request, queryset):
        changed = publish_articles(articles=queryset.current())
        message = ngettext("%(count)d article published.", "%(count)d articles published.", changed)
        self.report_changed(request, message, changed)

    @admin.action(description=_("Unpublish selected articles (back to draft)"))
    def unpublish(self, request, queryset):
        changed = unpublish_articles(articles=queryset)
        message = ngettext(
            "%(count)d article unpublished.", "%(count)d articles unpublished.", changed
        )
        self.report_changed(request, message, changed)

    @admin.action(description=_("Restore selected deleted articles"))
    def restore(self, request, queryset):
        changed = restore_articles(articles=queryset)
        message = ngettext("%(count)d article restored.", "%(count)d articles restored.", changed)
        self.report_changed(request, message, changed)


@admin.register(Affiliation)
class AffiliationAdmin(SharedForEditorsAdmin, admin.ModelAdmin):
    list_display = ["name", "name_en", "country"]
    search_fields = ["name", "name_en"]
