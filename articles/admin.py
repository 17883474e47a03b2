from django import forms
from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from taggit.models import Tag

from articles.keywords import parse_keywords
from articles.models import Affiliation, Article, Author, Galley, Reference
from articles.services import keywords_text, publish_articles, replace_references, set_keywords
from journal.languages import Language
from journal.widgets import SafeAutocompleteAdmin


class ArticleAdminForm(forms.ModelForm):
    """Keywords are typed as authors give them: any of ; ； , ， 、 separates."""

    keywords_zh = forms.CharField(
        label=_("keywords (Chinese)"),
        required=False,
        widget=forms.TextInput(attrs={"size": 80}),
        help_text=_("In the authors' order, separated by ； ， 、 ; or ,"),
    )
    keywords_en = forms.CharField(
        label=_("keywords (English)"),
        required=False,
        widget=forms.TextInput(attrs={"size": 80}),
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
            "doi",
            "first_page",
            "last_page",
            "received",
            "accepted",
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

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["keywords_zh"].initial = keywords_text(self.instance, Language.ZH_HANS)
            self.fields["keywords_en"].initial = keywords_text(self.instance, Language.EN)


class AuthorInline(SafeAutocompleteAdmin, admin.StackedInline):
    model = Author
    extra = 0
    autocomplete_fields = ["affiliations"]
    fields = [
        ("order", "is_corresponding"),
        ("family_name", "given_name"),
        ("family_name_en", "given_name_en"),
        "affiliations",
        ("orcid", "email"),
    ]
    ordering = ["order", "pk"]


class ReferenceInline(admin.TabularInline):
    model = Reference
    extra = 0
    fields = [
        "order",
        "raw_text",
        "kind",
        "authors",
        "title",
        "container_title",
        "year",
        "volume",
        "issue",
        "pages",
        "doi",
        "url",
    ]
    ordering = ["order", "pk"]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "raw_text":
            kwargs["widget"] = forms.Textarea(attrs={"rows": 2, "cols": 60})
        elif db_field.name in {"kind", "year", "volume", "issue", "pages"}:
            kwargs["widget"] = forms.TextInput(attrs={"size": 6})
        return super().formfield_for_dbfield(db_field, request, **kwargs)


class GalleyInline(admin.TabularInline):
    model = Galley
    extra = 0
    fields = ["order", "label", "language", "file", "file_size"]
    readonly_fields = ["file_size"]
    ordering = ["order", "pk"]


@admin.register(Article)
class ArticleAdmin(SafeAutocompleteAdmin, admin.ModelAdmin):
    form = ArticleAdminForm
    list_display = ["original_title", "journal", "issue", "status", "published_at"]
    list_filter = ["journal", "issue", "status", "language"]
    list_select_related = ["journal", "issue", "issue__journal"]
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
    inlines = [AuthorInline, ReferenceInline, GalleyInline]
    actions = ["publish"]
    fieldsets = [
        (None, {"fields": ["journal", "issue", "section", "language"]}),
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
                    ("status", "published_at"),
                    "doi",
                    ("first_page", "last_page"),
                    ("received", "accepted"),
                ],
            },
        ),
        (
            _("Licence and copyright"),
            {"fields": ["licence", ("copyright_holder", "copyright_year")]},
        ),
        (_("References"), {"fields": ["references_text"]}),
    ]

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

    @admin.display(description=_("title"), ordering="title_zh")
    def original_title(self, article):
        return article.original_title

    @admin.action(description=_("Publish selected articles now"))
    def publish(self, request, queryset):
        changed = publish_articles(articles=queryset)
        self.message_user(
            request,
            ngettext("%(count)d article published.", "%(count)d articles published.", changed)
            % {"count": changed},
            messages.SUCCESS,
        )


@admin.register(Affiliation)
class AffiliationAdmin(admin.ModelAdmin):
    list_display = ["name", "name_en", "country"]
    search_fields = ["name", "name_en"]
