from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from articles.csl import STYLES
from articles.services import schedule_citations
from journal.models import Issue, Journal, Section


class JournalAdminForm(forms.ModelForm):
    citation_styles = forms.TypedMultipleChoiceField(
        label=_("citation styles offered"),
        choices=[(style.id, style.name_en) for style in STYLES.values()],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = Journal
        exclude = []  # noqa: DJ006 - every field, as the default admin form shows them


@admin.register(Journal)
class JournalAdmin(admin.ModelAdmin):
    list_display = ["canonical_title", "slug", "issn_online", "issn_print", "publisher"]
    search_fields = ["title_zh", "title_en", "abbreviation", "issn_print", "issn_online"]
    prepopulated_fields = {"slug": ["title_en"]}
    form = JournalAdminForm

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change:  # the journal's title, ISSN and styles are in every citation
            schedule_citations(articles=obj.articles.values_list("pk", flat=True))


@admin.register(Issue)
class IssueAdmin(admin.ModelAdmin):
    list_display = ["__str__", "year", "publication_date", "is_published"]
    list_filter = ["journal", "is_published", "year"]
    list_select_related = ["journal"]
    search_fields = ["journal__title_zh", "journal__title_en", "title_zh", "title_en", "year"]
    autocomplete_fields = ["journal"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change:  # volume, number and year are in every citation
            schedule_citations(articles=obj.articles.values_list("pk", flat=True))


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ["__str__", "order", "is_scholarly"]
    list_filter = ["journal"]
    list_select_related = ["journal"]
    search_fields = ["title_zh", "title_en", "journal__title_en", "journal__title_zh"]
    autocomplete_fields = ["journal"]
