"""COUNTER Release 5 style item reports (IR) as CSV, for editors.

The layout follows the COUNTER tabular reports: a header of 12 rows
(Report_Name ... Created_By), one empty row, then the column headings and one row per
item and Metric_Type, with Reporting_Period_Total and one column per month
("Jan-2025"). As COUNTER requires, rows whose total is zero are left out.
"""

import csv
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from articles.models import Article
from stats.summary import shift_month

MONTH_NAMES = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()


@dataclass(frozen=True)
class Metric:
    name: str
    fields: tuple


METRICS = [
    Metric("Total_Item_Investigations", ("views", "downloads")),
    Metric("Unique_Item_Investigations", ("unique_investigations",)),
    Metric("Total_Item_Requests", ("downloads",)),
    Metric("Unique_Item_Requests", ("unique_requests",)),
]

METRIC_ORDER = [metric.name for metric in METRICS]

ITEM_COLUMNS = [
    "Item",
    "Publisher",
    "Platform",
    "Publication_Date",
    "DOI",
    "Proprietary_ID",
    "URI",
    "Parent_Title",
    "Parent_Print_ISSN",
    "Parent_Online_ISSN",
    "Data_Type",
    "YOP",
    "Metric_Type",
    "Reporting_Period_Total",
]


def month_column(month):
    """COUNTER's month heading, in English whatever the interface: ``Jan-2025``."""
    return f"{MONTH_NAMES[month.month - 1]}-{month.year}"


def months_between(first, last):
    months, month = [], first
    while month <= last:
        months.append(month)
        month = shift_month(month, 1)
    return months


def item_report_rows(daily_counts, *, base_url="", platform=""):
    """The report as lists of cells: header block, blank row, headings, data rows."""
    sums = list(daily_counts.by_article_and_month())
    articles = Article.objects.with_places().in_bulk({row["article_id"] for row in sums})
    today = timezone.localdate()
    months = months_between(
        min((row["month"] for row in sums), default=today.replace(day=1)),
        max((row["month"] for row in sums), default=today.replace(day=1)),
    )
    end = shift_month(months[-1], 1) - timedelta(days=1)
    platform = platform or settings.SITE_NAME or base_url.split("//")[-1]
    header = [
        ["Report_Name", "Item Master Report"],
        ["Report_ID", "IR"],
        ["Release", "5"],
        ["Institution_Name", ""],
        ["Institution_ID", ""],
        ["Metric_Types", "; ".join(metric.name for metric in METRICS)],
        ["Report_Filters", "Data_Type=Article; Access_Method=Regular"],
        ["Report_Attributes", ""],
        ["Exceptions", ""],
        ["Reporting_Period", f"Begin_Date={months[0].isoformat()}; End_Date={end.isoformat()}"],
        ["Created", timezone.now().replace(microsecond=0).isoformat()],
        ["Created_By", platform],
        [],
        ITEM_COLUMNS + [month_column(month) for month in months],
    ]
    per_article = {}
    for row in sums:
        per_article.setdefault(row["article_id"], {})[row["month"]] = row
    rows = []
    for article_id, by_month in per_article.items():
        article = articles.get(article_id)
        if article is None:
            continue
        journal = article.journal
        item = [
            article.original_title,
            journal.publisher,
            platform,
            publication_day(article),
            article.doi,
            f"{platform}:{article.pk}",
            base_url + article.get_absolute_url(),
            journal.canonical_title,
            journal.issn_print,
            journal.issn_online,
            "Article",
            article.year or "",
        ]
        for metric in METRICS:
            counts = [
                sum(by_month.get(month, {}).get(f, 0) for f in metric.fields) for month in months
            ]
            if sum(counts):
                rows.append(item + [metric.name, sum(counts)] + counts)
    rows.sort(key=lambda r: (r[0], METRIC_ORDER.index(r[12])))
    return header + rows


def write_item_report(out, daily_counts, **kwargs):
    writer = csv.writer(out)
    writer.writerows(item_report_rows(daily_counts, **kwargs))


def publication_day(article):
    """COUNTER's Publication_Date is a day (yyyy-mm-dd); a date known only to the year or
    month is left empty rather than given a day nobody printed."""
    date = article.publication_date
    return date.isoformat() if date and date.day else ""
