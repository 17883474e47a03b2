"""Editors' statistics in the admin and the COUNTER-style CSV item report."""

import csv
import io
from datetime import date

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse
from lxml import html

from stats.models import DailyCount
from tests.factories import make_article, make_issue


@pytest.fixture
def editor(admin_client):
    admin_client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return admin_client


@pytest.fixture
def usage(db):
    issue = make_issue()
    first = make_article(issue=issue, title_zh="第一篇", title_en="First", doi="10.5555/stats.1")
    second = make_article(issue=issue, title_zh="第二篇", title_en="Second", doi="10.5555/stats.2")
    other = make_article(title_zh="别的期次", title_en="Elsewhere")
    rows = [
        (first, date(2024, 12, 31), 4, 1, 3, 1),
        (first, date(2025, 1, 1), 2, 2, 2, 2),
        (second, date(2025, 1, 15), 1, 0, 1, 0),
        (other, date(2025, 1, 15), 9, 9, 9, 9),
    ]
    for article, day, views, downloads, unique_inv, unique_req in rows:
        DailyCount.objects.create(
            article=article,
            date=day,
            views=views,
            downloads=downloads,
            unique_investigations=unique_inv,
            unique_requests=unique_req,
        )
    return issue, first, second, other


def cells(response, selector):
    tree = html.fromstring(response.content.decode())
    return [[" ".join(c.text_content().split()) for c in row] for row in tree.cssselect(selector)]


def export(client, url, action, pks):
    response = client.post(url, {"action": action, ACTION_CHECKBOX_NAME: [str(pk) for pk in pks]})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"].startswith("attachment;")
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_article_statistics_list_each_articles_totals(editor, usage):
    issue, first, *_ = usage
    url = reverse("admin:stats_articlestatistics_changelist")
    response = editor.get(url, {"issue__id__exact": issue.pk})
    assert response.status_code == 200
    rows = {r[1]: r[3:] for r in cells(response, "#result_list tbody tr")}
    assert rows == {"First": ["6", "3", "5", "3"], "Second": ["1", "0", "1", "0"]}
    # Read-only: no add button, no change form.
    assert reverse("admin:stats_articlestatistics_add") not in response.content.decode()


def test_issue_statistics_sum_their_articles(editor, usage):
    issue, *_ = usage
    response = editor.get(reverse("admin:stats_issuestatistics_changelist"))
    rows = {r[1]: r[3:] for r in cells(response, "#result_list tbody tr")}
    assert rows[str(issue)] == ["7", "3", "6", "3"]


def test_issue_item_report_is_a_counter_style_csv(editor, usage):
    issue, first, second, _ = usage
    table = export(
        editor,
        reverse("admin:stats_issuestatistics_changelist"),
        "export_item_report",
        [issue.pk],
    )
    header = dict(row for row in table[:12])
    assert header["Report_ID"] == "IR" and header["Release"] == "5"
    assert header["Reporting_Period"] == "Begin_Date=2024-12-01; End_Date=2025-01-31"
    assert table[12] == []
    headings = table[13]
    assert headings[0] == "Item" and headings[-3:] == [
        "Reporting_Period_Total",
        "Dec-2024",
        "Jan-2025",
    ]
    rows = [dict(zip(headings, row, strict=True)) for row in table[14:]]
    first_rows = {r["Metric_Type"]: r for r in rows if r["DOI"] == "10.5555/stats.1"}
    assert first_rows["Total_Item_Investigations"]["Reporting_Period_Total"] == "9"
    assert first_rows["Total_Item_Investigations"]["Dec-2024"] == "5"
    assert first_rows["Total_Item_Investigations"]["Jan-2025"] == "4"
    assert first_rows["Unique_Item_Investigations"]["Reporting_Period_Total"] == "5"
    assert first_rows["Total_Item_Requests"]["Reporting_Period_Total"] == "3"
    assert first_rows["Unique_Item_Requests"]["Jan-2025"] == "2"
    assert first_rows["Total_Item_Requests"]["Item"] == "第一篇"
    assert first_rows["Total_Item_Requests"]["URI"].endswith(first.get_absolute_url())
    # Zero rows are left out (COUNTER); other issues' articles are not in this report.
    second_metrics = [r["Metric_Type"] for r in rows if r["DOI"] == "10.5555/stats.2"]
    assert second_metrics == ["Total_Item_Investigations", "Unique_Item_Investigations"]
    assert {r["DOI"] for r in rows} == {"10.5555/stats.1", "10.5555/stats.2"}


def test_article_and_daily_exports_cover_what_was_selected(editor, usage):
    _, first, _, other = usage
    table = export(
        editor,
        reverse("admin:stats_articlestatistics_changelist"),
        "export_item_report",
        [other.pk],
    )
    assert [row[-1] for row in table[14:]] == ["18", "9", "9", "9"]
    day = DailyCount.objects.get(article=first, date=date(2024, 12, 31))
    table = export(
        editor, reverse("admin:stats_dailycount_changelist"), "export_item_report", [day.pk]
    )
    assert table[13][-1] == "Dec-2024"
    assert [row[-2] for row in table[14:]] == ["5", "3", "1", "1"]


def test_item_report_gives_a_publication_day_only_where_one_is_printed(editor, usage):
    """COUNTER's Publication_Date is a day: a date printed to the month leaves it empty."""
    issue, first, second, _ = usage
    first.issued, second.issued = "2019-05", "2019-05-03"
    first.save()
    second.save()
    table = export(
        editor,
        reverse("admin:stats_issuestatistics_changelist"),
        "export_item_report",
        [issue.pk],
    )
    headings = table[13]
    rows = [dict(zip(headings, row, strict=True)) for row in table[14:]]
    dates = {r["DOI"]: r["Publication_Date"] for r in rows}
    assert dates == {"10.5555/stats.1": "", "10.5555/stats.2": "2019-05-03"}
