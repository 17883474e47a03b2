"""What the landing page shows: total views and downloads and the last 12 months as bars.

The chart's geometry is worked out here; the template only writes the numbers into an
inline SVG (autoescaped), next to a table with the same numbers for screen readers.
"""

from dataclasses import dataclass, field
from datetime import date

from django.utils import timezone

from stats.models import DailyCount

CHART_MONTHS = 12
CHART_HEIGHT = 48
SLOT_WIDTH = 20
BAR_WIDTH = 7


@dataclass
class Month:
    month: date
    views: int
    downloads: int
    x: int = 0
    view_height: float = 0
    download_height: float = 0

    @property
    def view_y(self):
        return CHART_HEIGHT - self.view_height

    @property
    def download_x(self):
        return self.x + BAR_WIDTH + 1

    @property
    def download_y(self):
        return CHART_HEIGHT - self.download_height


@dataclass
class Summary:
    views: int
    downloads: int
    months: list[Month] = field(default_factory=list)
    width: int = CHART_MONTHS * SLOT_WIDTH
    height: int = CHART_HEIGHT

    @property
    def has_recent(self):
        return any(m.views or m.downloads for m in self.months)


def shift_month(month, delta):
    index = month.year * 12 + month.month - 1 + delta
    return date(index // 12, index % 12 + 1, 1)


def last_months(today, count=CHART_MONTHS):
    """The first days of the ``count`` months ending with ``today``'s, oldest first."""
    this_month = today.replace(day=1)
    return [shift_month(this_month, -n) for n in range(count - 1, -1, -1)]


def bar_height(value, peak):
    if not value:
        return 0
    return max(1.0, round(value / peak * CHART_HEIGHT, 1))


def article_summary(article, *, today=None):
    """Totals since publication and the last 12 months; one query."""
    by_month = {row["month"]: row for row in DailyCount.objects.for_article(article).by_month()}
    months = [
        Month(
            month,
            by_month.get(month, {}).get("views", 0),
            by_month.get(month, {}).get("downloads", 0),
        )
        for month in last_months(today or timezone.localdate())
    ]
    peak = max([m.views for m in months] + [m.downloads for m in months] + [1])
    for index, month in enumerate(months):
        month.x = index * SLOT_WIDTH + 2
        month.view_height = bar_height(month.views, peak)
        month.download_height = bar_height(month.downloads, peak)
    return Summary(
        views=sum(row["views"] for row in by_month.values()),
        downloads=sum(row["downloads"] for row in by_month.values()),
        months=months,
    )
