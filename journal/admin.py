from django import forms
from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from articles.csl import STYLES
from articles.services import publish_issue, schedule_citations, unpublish_issue
from journal.admin_scope import JournalScopedAdmin
from journal.models import Issue, Journal, Section
from journal.widgets import SafeAutocompleteAdmin
from search.index import update_places


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
class JournalAdmin(SafeAutocompleteAdmin, JournalScopedAdmin, admin.ModelAdmin):
    journal_path = ""
    editors_may_add = False
    editors_may_delete = False
    list_display = ["canonical_title", "slug", "issn_online", "issn_print", "publisher"]
    search_fields = ["title_zh", "title_en", "abbreviation", "issn_print", "issn_online"]
    prepopulated_fields = {"slug": ["title_en"]}
    filter_horizontal = ["editors"]
    form = JournalAdminForm

    def get_exclude(self, request, obj=None):
        # Only a superuser decides who edits which journal.
        return [] if request.user.is_superuser else ["editors"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change:  # the journal's title, ISSN and styles are in every citation
            schedule_citations(articles=obj.articles.values_list("pk", flat=True))


@admin.register(Issue)
class IssueAdmin(SafeAutocompleteAdmin, JournalScopedAdmin, admin.ModelAdmin):
    list_display = ["__str__", "year", "publication_date", "is_published"]
    list_filter = [("journal", admin.RelatedOnlyFieldListFilter), "is_published", "year"]
    list_select_related = ["journal"]
    search_fields = ["journal__title_zh", "journal__title_en", "title_zh", "title_en", "year"]
    autocomplete_fields = ["journal"]
    actions = ["publish", "unpublish"]

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
        super().save_model(request, obj, form, change)
        if change:  # volume, number and year are in every citation
            schedule_citations(articles=obj.articles.values_list("pk", flat=True))
            # ... and the year, date and publication state are copied into the search index
            update_places(obj.articles.all())


@admin.register(Section)
class SectionAdmin(SafeAutocompleteAdmin, JournalScopedAdmin, admin.ModelAdmin):
    list_display = ["__str__", "order", "is_scholarly"]
    list_filter = [("journal", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["journal"]
    search_fields = ["title_zh", "title_en", "journal__title_en", "journal__title_zh"]
    autocomplete_fields = ["journal"]
