"""Statistics for editors: per article, per issue and per day, each exportable as a
COUNTER-style item report (CSV). Everything here is read-only; an editor sees their own
journals' statistics only (journal.admin_scope)."""

from django.contrib import admin
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from journal.admin_scope import JournalScopedAdmin
from journal.context_processors import base_url
from stats.models import ArticleStatistics, DailyCount, IssueStatistics
from stats.reports import write_item_report


def item_report_response(request, daily_counts):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    filename = f"item-report-{timezone.localdate():%Y%m%d}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")  # spreadsheet programs then read the Chinese titles as UTF-8
    write_item_report(response, daily_counts, base_url=base_url(request))
    return response


class ReadOnlyAdmin(JournalScopedAdmin, admin.ModelAdmin):
    """Viewed by superusers and by editors (within their journals), changed by no one."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class TotalsColumns:
    @admin.display(description=_("views"), ordering="views")
    def total_views(self, obj):
        return obj.views

    @admin.display(description=_("downloads"), ordering="downloads")
    def total_downloads(self, obj):
        return obj.downloads

    @admin.display(description=_("unique investigations"), ordering="unique_investigations")
    def total_unique_investigations(self, obj):
        return obj.unique_investigations

    @admin.display(description=_("unique requests"), ordering="unique_requests")
    def total_unique_requests(self, obj):
        return obj.unique_requests


TOTALS = [
    "total_views",
    "total_downloads",
    "total_unique_investigations",
    "total_unique_requests",
]


@admin.register(ArticleStatistics)
class ArticleStatisticsAdmin(TotalsColumns, ReadOnlyAdmin):
    list_display = ["__str__", "issue", *TOTALS]
    list_filter = [
        ("journal", admin.RelatedOnlyFieldListFilter),
        ("issue", admin.RelatedOnlyFieldListFilter),
    ]
    list_select_related = ["issue__journal"]
    search_fields = ["title_zh", "title_en", "doi"]
    actions = ["export_item_report"]

    def get_queryset(self, request):
        return super().get_queryset(request).with_totals()

    @admin.action(description=_("Download the COUNTER item report (CSV)"))
    def export_item_report(self, request, queryset):
        return item_report_response(request, DailyCount.objects.filter(article__in=queryset))


@admin.register(IssueStatistics)
class IssueStatisticsAdmin(TotalsColumns, ReadOnlyAdmin):
    list_display = ["__str__", "journal", *TOTALS]
    list_filter = [("journal", admin.RelatedOnlyFieldListFilter), "year"]
    list_select_related = ["journal"]
    actions = ["export_item_report"]

    def get_queryset(self, request):
        return super().get_queryset(request).with_totals()

    @admin.action(description=_("Download the COUNTER item report of their articles (CSV)"))
    def export_item_report(self, request, queryset):
        return item_report_response(request, DailyCount.objects.filter(article__issue__in=queryset))


@admin.register(DailyCount)
class DailyCountAdmin(ReadOnlyAdmin):
    journal_path = "article__journal"
    list_display = ["date", "article", "views", "downloads", "unique_investigations"]
    list_filter = [
        ("article__journal", admin.RelatedOnlyFieldListFilter),
        ("article__issue", admin.RelatedOnlyFieldListFilter),
    ]
    list_select_related = ["article"]
    date_hierarchy = "date"
    search_fields = ["article__title_zh", "article__title_en", "article__doi"]
    actions = ["export_item_report"]

    @admin.action(description=_("Download the COUNTER item report (CSV)"))
    def export_item_report(self, request, queryset):
        return item_report_response(request, queryset)
