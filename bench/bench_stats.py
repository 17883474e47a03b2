"""Benchmark the usage statistics' hot path and its flush.

* beacon: median and p95 time of one ``POST /stats/view/<id>/`` through Django's test
  client (the whole middleware stack), for a counted view (a new reader each time: one
  indexed SELECT plus one INSERT), a double click (cache only, no write), a robot and a
  Do-Not-Track request (neither touches the database);
* download overhead: ``record_download`` alone, the one call the galley view makes;
* flush: ``flush_stats`` folding 100,000 pending hits (200 articles x 365 days);
* landing page: the one extra query of the Downloads block (totals + 12 months) after
  those 100,000 hits are folded.

Runs against a fresh SQLite file in a temporary folder (disk writes, as in production),
with the default local-memory cache. Usage::

    .venv/bin/python bench/bench_stats.py [--n 2000] [--hits 100000]

Prints a markdown table.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from io import StringIO
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

BROWSER = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.0.0 Safari/537.36"
)


def timed(fn, n):
    samples = []
    for i in range(n):
        t0 = time.perf_counter()
        fn(i)
        samples.append(time.perf_counter() - t0)
    samples.sort()
    return statistics.median(samples), samples[int(len(samples) * 0.95) - 1]


def us(seconds):
    return f"{seconds * 1e6:,.0f}"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=2000, help="requests per beacon case")
    parser.add_argument("--hits", type=int, default=100_000, help="pending hits to flush")
    parser.add_argument(
        "--wal", action="store_true", help="SQLite in WAL mode with synchronous=NORMAL"
    )
    args = parser.parse_args(argv)

    folder = tempfile.mkdtemp(prefix="bench-stats-")
    os.environ["DATABASE_URL"] = f"sqlite:///{folder}/bench.sqlite3"
    os.environ.setdefault("DJANGO_SECRET_KEY", "bench-only-secret-key")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "journal.settings")
    os.environ["DJANGO_DEBUG"] = "0"
    os.environ["DJANGO_LOG_LEVEL"] = "WARNING"
    import django

    django.setup()
    from django.core.cache import cache
    from django.core.management import call_command
    from django.test import Client, RequestFactory

    from articles.models import Article
    from stats.counting import record_download
    from stats.models import DailyCount, Hit, Kind
    from stats.services import flush_hits
    from stats.summary import article_summary
    from tests.factories import make_article, make_issue

    if args.wal:
        from django.db.backends.signals import connection_created

        def wal(connection, **kwargs):
            with connection.cursor() as cursor:
                cursor.execute("PRAGMA journal_mode=WAL")
                cursor.execute("PRAGMA synchronous=NORMAL")

        connection_created.connect(wal)
    call_command("migrate", verbosity=0, stdout=StringIO())
    issue = make_issue()
    article = make_article(issue=issue)
    url = f"/stats/view/{article.pk}/"
    client = Client()

    def reader(i):
        return {
            "HTTP_USER_AGENT": BROWSER,
            "REMOTE_ADDR": f"10.{i // 65536 % 256}.{i // 256 % 256}.{i % 256}",
        }

    rows = []
    cases = [
        ("beacon, counted (new reader)", lambda i: client.post(url, **reader(i))),
        ("beacon, double click (same reader)", lambda i: client.post(url, **reader(0))),
        (
            "beacon, robot (Googlebot)",
            lambda i: client.post(url, HTTP_USER_AGENT="Googlebot/2.1", REMOTE_ADDR="10.9.9.9"),
        ),
        ("beacon, Do-Not-Track", lambda i: client.post(url, HTTP_DNT="1", **reader(i))),
    ]
    for name, fn in cases:
        cache.clear()
        fn(0)  # warm up (and the double-click case's first, counted, click)
        median, p95 = timed(fn, args.n)
        rows.append((name, us(median), us(p95)))
    hits_from_beacons = Hit.objects.count()

    factory = RequestFactory()
    requests = [factory.get("/", **reader(i + 100_000)) for i in range(args.n)]
    cache.clear()
    median, p95 = timed(lambda i: record_download(requests[i], article.pk), args.n)
    rows.append(("record_download alone (counted)", us(median), us(p95)))

    # Flush: 100,000 pending hits over 200 articles and a year.
    Hit.objects.all().delete()
    articles = [article] + [make_article(issue=issue) for _ in range(199)]
    start = date(2025, 1, 1)
    rng = random.Random(9)
    Hit.objects.bulk_create(
        (
            Hit(
                article=rng.choice(articles),
                date=start + timedelta(days=rng.randrange(365)),
                kind=Kind.VIEW if rng.random() < 0.7 else Kind.DOWNLOAD,
                unique_investigation=rng.random() < 0.8,
            )
            for _ in range(args.hits)
        ),
        batch_size=5000,
    )
    t0 = time.perf_counter()
    folded = flush_hits()
    flush_seconds = time.perf_counter() - t0
    assert folded == args.hits, folded

    article = Article.objects.select_related("usage").get(pk=article.pk)
    median, p95 = timed(lambda i: article_summary(article, today=date(2025, 12, 31)), 500)
    rows.append(("landing page Downloads block (no query)", us(median), us(p95)))

    mode = "WAL, synchronous=NORMAL" if args.wal else "default rollback journal"
    print(
        f"SQLite ({mode}) file in {folder}; {args.n} requests per case; "
        f"{hits_from_beacons} beacon hits."
    )
    print()
    print("| case | median µs | p95 µs |")
    print("| --- | ---: | ---: |")
    for name, median, p95 in rows:
        print(f"| {name} | {median} | {p95} |")
    print()
    print(
        f"flush_stats: {args.hits:,} pending hits into {DailyCount.objects.count():,} daily "
        f"rows in {flush_seconds:.2f} s ({args.hits / flush_seconds:,.0f} hits/s)."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
