"""What counts as a view or a download, by the COUNTER Release 5 rules."""

from datetime import datetime, timedelta

import pytest
from django.db import connection
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from articles.models import Status
from stats.counting import record
from stats.models import DailyCount, Hit, Kind
from stats.services import flush_hits
from tests.factories import make_article, make_galley
from tests.stats.readers import BROWSER, reader

ROBOTS = [
    "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
    "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
    "python-requests/2.32.3",
    "curl/8.5.0",
    "Wget/1.21.4",
    "",
]


def beacon(client, article, **headers):
    return client.post(reverse("stats:view", kwargs={"article": article.pk}), **headers)


def counts(article):
    flush_hits()
    row = DailyCount.objects.filter(article=article).order_by()
    return {
        field: sum(getattr(r, field) for r in row)
        for field in ["views", "downloads", "unique_investigations", "unique_requests"]
    }


def at(*args):
    return timezone.make_aware(datetime(*args))


@pytest.fixture
def article(db):
    return make_article()


def test_a_readers_view_counts_and_the_beacon_answers_204_uncached(client, article):
    response = beacon(client, article, **reader())
    assert response.status_code == 204
    assert "no-store" in response["Cache-Control"]
    assert counts(article)["views"] == 1


@pytest.mark.parametrize("user_agent", ROBOTS)
def test_robots_and_machines_are_not_counted(client, article, user_agent):
    galley = make_galley(article)
    headers = {"HTTP_USER_AGENT": user_agent, "REMOTE_ADDR": "203.0.113.9"}
    assert beacon(client, article, **headers).status_code == 204
    assert client.get(galley.get_absolute_url(), **headers).status_code == 200
    assert counts(article) == {
        "views": 0,
        "downloads": 0,
        "unique_investigations": 0,
        "unique_requests": 0,
    }


@pytest.mark.parametrize("header", [{"HTTP_DNT": "1"}, {"HTTP_SEC_GPC": "1"}])
def test_do_not_track_and_global_privacy_control_are_honoured(client, article, header):
    galley = make_galley(article)
    assert beacon(client, article, **reader(), **header).status_code == 204
    client.get(galley.get_absolute_url(), **reader(), **header)
    assert counts(article)["views"] == counts(article)["downloads"] == 0


def test_a_double_click_counts_once(client, article):
    for _ in range(3):
        beacon(client, article, **reader())
    assert counts(article)["views"] == 1


def test_the_same_reader_counts_again_after_30_seconds_but_once_as_unique(db):
    factory = RequestFactory(headers={"User-Agent": BROWSER}, REMOTE_ADDR="203.0.113.7")
    article = make_article()
    start = at(2025, 3, 10, 9, 0, 0)
    for seconds in [0, 10, 29, 31, 62, 200]:
        record(factory.post("/"), article.pk, Kind.VIEW, now=start + timedelta(seconds=seconds))
    # Clicks at 0 (10, 29 dropped), 31 (62 is 31 s later), 62, 200: four views, one session.
    assert counts(article)["views"] == 4
    assert counts(article)["unique_investigations"] == 1
    # The next hour is a new COUNTER session.
    record(factory.post("/"), article.pk, Kind.VIEW, now=start + timedelta(hours=1))
    assert counts(article)["unique_investigations"] == 2


@pytest.mark.django_db
def test_different_readers_each_count(client, article):
    for n in range(1, 4):
        beacon(client, article, **reader(n))
    assert counts(article) == {
        "views": 3,
        "downloads": 0,
        "unique_investigations": 3,
        "unique_requests": 0,
    }


def test_a_download_is_a_request_and_an_investigation(client, article):
    galley = make_galley(article)
    beacon(client, article, **reader())
    response = client.get(galley.get_absolute_url(), **reader())
    assert response.status_code == 200
    client.get(galley.get_absolute_url(), **reader())  # double click
    assert client.head(galley.get_absolute_url(), **reader()).status_code == 200
    assert counts(article) == {
        "views": 1,
        "downloads": 1,
        "unique_investigations": 1,  # the view and the download: one session, one item
        "unique_requests": 1,
    }


def test_beacons_for_drafts_and_unknown_articles_are_404_and_not_counted(client, db):
    draft = make_article(status=Status.DRAFT, published_at=None)
    assert beacon(client, draft, **reader()).status_code == 404
    assert client.post("/stats/view/999999/", **reader()).status_code == 404
    assert client.post("/stats/view/abc/", **reader()).status_code == 404
    assert not Hit.objects.exists()


def test_the_beacon_takes_only_post(client, article):
    url = reverse("stats:view", kwargs={"article": article.pk})
    assert client.get(url, **reader()).status_code == 405


def test_no_ip_address_or_user_agent_is_stored(client, article):
    galley = make_galley(article)
    beacon(client, article, **reader(42))
    client.get(galley.get_absolute_url(), **reader(42))
    with connection.cursor() as cursor:
        dumped = ""
        for table in ["stats_hit", "stats_dailycount"]:
            cursor.execute(f"SELECT * FROM {table}")  # noqa: S608 - fixed table names
            dumped += repr(cursor.fetchall())
        flush_hits()
        cursor.execute("SELECT * FROM stats_dailycount")
        dumped += repr(cursor.fetchall())
    assert "203.0.113.42" not in dumped and "Mozilla" not in dumped
    assert counts(article)["downloads"] == 1


def test_flushing_adds_to_the_days_count_and_empties_the_queue(client, article):
    beacon(client, article, **reader(1))
    assert counts(article)["views"] == 1
    beacon(client, article, **reader(2))
    assert Hit.objects.count() == 1
    assert counts(article)["views"] == 2
    assert not Hit.objects.exists()
    assert DailyCount.objects.count() == 1
