from django.contrib import admin

from journal.models import Issue, Journal, Section
from journal.widgets import SafeAutocompleteAdmin


@admin.register(Journal)
class JournalAdmin(admin.ModelAdmin):
    list_display = ["canonical_title", "slug", "issn_online", "issn_print", "publisher"]
    search_fields = ["title_zh", "title_en", "abbreviation", "issn_print", "issn_online"]
    prepopulated_fields = {"slug": ["title_en"]}


@admin.register(Issue)
class IssueAdmin(SafeAutocompleteAdmin, admin.ModelAdmin):
    list_display = ["__str__", "year", "publication_date", "is_published"]
    list_filter = ["journal", "is_published", "year"]
    list_select_related = ["journal"]
    search_fields = ["journal__title_zh", "journal__title_en", "title_zh", "title_en", "year"]
    autocomplete_fields = ["journal"]


@admin.register(Section)
class SectionAdmin(SafeAutocompleteAdmin, admin.ModelAdmin):
    list_display = ["__str__", "order", "is_scholarly"]
    list_filter = ["journal"]
    list_select_related = ["journal"]
    search_fields = ["title_zh", "title_en", "journal__title_en", "journal__title_zh"]
    autocomplete_fields = ["journal"]
