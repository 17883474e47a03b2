"""What the landing page shows: total views and downloads and the last 12 months as bars.

The chart's geometry is worked out here; the template only writes the numbers into an
inline SVG (autoescaped), next to a table with the same numbers for screen readers.
"""

from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ObjectDoesNotExist
from django.utils import timezone

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
    """Totals since publication and the last 12 months, from the flushed summary.

    Reads ``article.usage``: one query (the article app does not know this one).
    """
    try:
        usage = article.usage
    except ObjectDoesNotExist:
        usage = None
    monthly = usage.monthly if usage else {}
    months = []
    for month in last_months(today or timezone.localdate()):
        views, downloads = monthly.get(month.strftime("%Y-%m"), (0, 0))
        months.append(Month(month, views, downloads))
    peak = max([m.views for m in months] + [m.downloads for m in months] + [1])
    for index, month in enumerate(months):
        month.x = index * SLOT_WIDTH + 2
        month.view_height = bar_height(month.views, peak)
        month.download_height = bar_height(month.downloads, peak)
    return Summary(
        views=usage.views if usage else 0,
        downloads=usage.downloads if usage else 0,
        months=months,
    )
