"""The issue archive in pages of 60 issues, newest first, grouped by year (#18: a journal
of 2,000 issues no longer renders them all at once)."""

from datetime import date

import pytest
from django.urls import reverse

from tests.factories import make_issue, make_journal
from tests.pages import text, tree_of

pytestmark = pytest.mark.django_db


def test_the_archive_pages_its_issues_newest_first(client):
    journal = make_journal()
    for year in range(1960, 2021):  # 61 issues, one a year
        make_issue(
            journal, volume=year - 1959, year=year, number="1", publication_date=date(year, 3, 1)
        )
    url = reverse("journal:archive", kwargs={"journal": journal.slug})

    first = tree_of(client, url)
    years = [text(h2) for h2 in first.xpath("//section[@class='archive-year']/h2")]
    assert years[0] == "2020" and len(years) == 60 and "1960" not in years
    assert first.xpath("//nav[@class='pagination']//a[@rel='next']/@href") == ["?page=2"]

    second = tree_of(client, f"{url}?page=2")
    assert [text(h2) for h2 in second.xpath("//section[@class='archive-year']/h2")] == ["1960"]
    assert client.get(f"{url}?page=9").status_code == 404
    assert client.get(f"{url}?page=x").status_code == 404
