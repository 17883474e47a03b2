"""Render cost of each public page type through Django's test client: cold, uncached, cached.

For every page type: the median time of R requests (default 50) with every cache off
(cold: the page rendered whole), with the page cache off (uncached: the landing page's
parts, articles.landing, are kept per article version), and with the page cache on
(after one warm-up request), plus the SQL query count of one cold request.

Usage::

    .venv/bin/python bench/render_cost.py 10000 [--requests 50] [--json out.json]

Needs bench/data/bench-N.sqlite3 from bench/generate.py (or DATABASE_URL).
"""

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import page_urls, setup_django  # noqa: E402


def median_ms(client, url, requests):
    timings = []
    for _ in range(requests):
        started = time.perf_counter()
        response = client.get(url)
        timings.append(time.perf_counter() - started)
        if response.status_code != 200:
            raise SystemExit(f"{url} answered {response.status_code}")
    return statistics.median(timings) * 1000


def measure(n, requests):
    setup_django(n)
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import override_settings

    plain_static = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    results = {}
    client = Client()
    with override_settings(STORAGES=plain_static):
        for page, url in page_urls().items():
            with override_settings(PAGE_CACHE_TIMEOUT=0, LANDING_PARTS_TIMEOUT=0):
                client.get(url)  # warm Python-level caches (templates, URL resolver)
                queries = []

                def count(execute, sql, *args, queries=queries):
                    queries.append(sql)
                    return execute(sql, *args)

                with connection.execute_wrapper(count):
                    client.get(url)
                cold = median_ms(client, url, requests)
            with override_settings(PAGE_CACHE_TIMEOUT=0, LANDING_PARTS_TIMEOUT=3600):
                cache.clear()
                client.get(url)
                uncached = median_ms(client, url, requests)
            with override_settings(PAGE_CACHE_TIMEOUT=3600):
                cache.clear()
                client.get(url)
                cached = median_ms(client, url, requests)
            results[page] = {
                "url": url,
                "queries": len(queries),
                "cold_ms": cold,
                "uncached_ms": uncached,
                "cached_ms": cached,
            }
            print(
                f"N={n:>7} {page:<22} {len(queries):>2} queries  cold {cold:8.2f} ms  "
                f"uncached {uncached:8.2f} ms  cached {cached:6.3f} ms",
                flush=True,
            )
    return results


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int)
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    results = measure(args.n, args.requests)
    if args.json:
        args.json.write_text(json.dumps(results, ensure_ascii=False, indent=2))
    return results


if __name__ == "__main__":
    main()
