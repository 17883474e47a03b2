"""Soak test: `make serve` under wrk, a minute per page, with each worker's memory before
and after.

Starts the server exactly as `make serve` does (collectstatic, migrate, gunicorn +
whitenoise, DEBUG off) on the bench database of N articles (bench/generate.py makes it when
missing), records each gunicorn worker's RSS, runs wrk against an article's landing page
and then a search results page, records the RSS again and writes bench/SOAK.md. Worker
recycling (GUNICORN_MAX_REQUESTS) is off unless set, so a leak shows as growth instead of
being reset. Other server settings (WEB_CONCURRENCY, CACHE_URL, ...) come from the
environment, as for `make serve`.

Exits 1 on any wrk socket error (a timeout is a response slower than --timeout, 10 s),
any response other than 2xx/3xx, or any 5xx in the server's request log.

Usage::

    .venv/bin/python bench/soak.py [--n 10000] [--duration 60] [--connections 32] [--timeout 10]
    .venv/bin/python bench/soak.py --smoke    # N=10, 3 s, 4 connections: bench/data/SOAK-smoke.md
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import DATA, ROOT, database_path  # noqa: E402
from load import (  # noqa: E402
    PORT,
    peak_rss_mb,
    rss_mb,
    server_env,
    targets,
    wait_until_up,
    workers,
    wrk,
)
from run_all import machine  # noqa: E402

sys.path.insert(0, str(ROOT))
from scripts.processes import stop_process_group  # noqa: E402

# A query with many matches on the generated and the demo data alike.
SEARCH_PATH = "/en/search/?q=governance"


def start_server(n, log):
    env = server_env(n, cached=True)
    env.setdefault("GUNICORN_MAX_REQUESTS", "0")
    process = subprocess.Popen(
        # The venv running this script is the one served: make installs nothing.
        ["make", "--no-print-directory", "--assume-old=.venv/.installed", "serve"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,  # make, gunicorn and its workers: one group to stop
    )
    try:
        wait_until_up(process)
    except SystemExit:
        stop_process_group(process)
        raise
    return process


def server_5xx(log_path, offset):
    """5xx responses in the server's JSON request log after byte `offset`."""
    count = 0
    with log_path.open("rb") as log:
        log.seek(offset)
        for line in log:
            if line.startswith(b"{") and b'"status": 5' in line:
                count += json.loads(line).get("status", 0) >= 500
    return count


def memory(server):
    return {pid: round(rss_mb(pid), 1) for pid in workers(server)}


def prepare_database(n):
    """The bench database of N articles (generated, with its search index, when missing);
    returns the landing page's URL."""
    if not database_path(n).exists():
        subprocess.run([sys.executable, "bench/generate.py", str(n)], cwd=ROOT, check=True)
    landing = targets(n)["landing"]  # Django is set up on that database from here on
    from django.db import connections

    connections.close_all()
    return landing


def soak(n, duration, connections, timeout):
    urls = {
        "landing page": prepare_database(n),
        "search results": f"http://127.0.0.1:{PORT}{SEARCH_PATH}",
    }
    log_path = DATA / "soak-server.log"
    runs, rss = [], {}
    with log_path.open("wb") as log:
        server = start_server(n, log)
        try:
            page = urllib.request.urlopen(urls["search results"], timeout=30).read().decode()
            if "search-results" not in page:
                raise SystemExit(f"{urls['search results']} found nothing to search through")
            rss["at start"] = memory(server)
            for name, url in urls.items():
                offset = log_path.stat().st_size
                measured = wrk(url, duration, connections, timeout)
                measured.update(
                    target=name,
                    url=url,
                    server_5xx=server_5xx(log_path, offset),
                    load=os.getloadavg(),
                )
                runs.append(measured)
                rss[f"after {name}"] = memory(server)
                print(
                    f"{name:<15} {measured['rps']:>8.1f} req/s  p50 {measured['p50_ms']:.1f} ms  "
                    f"p99 {measured['p99_ms']:.1f} ms  socket errors "
                    f"{sum(measured['socket_errors'].values())}  non-2xx/3xx "
                    f"{measured['non_2xx']}  5xx {measured['server_5xx']}",
                    flush=True,
                )
            rss["peak"] = {pid: round(peak_rss_mb(pid), 1) for pid in workers(server)}
        finally:
            stop_process_group(server)
    return runs, rss


def failed(run):
    return sum(run["socket_errors"].values()) or run["non_2xx"] or run["server_5xx"]


def report(command, started, machine_line, args, runs, rss):
    n, duration, connections = args.n, args.duration, args.connections
    env = server_env(n, cached=True)
    cpus = os.cpu_count() or 1
    lines = [
        "# Soak test: `make serve` under wrk",
        "",
        f"- Date: {started:%Y-%m-%d %H:%M} UTC",
        f"- Machine: {machine_line}",
        f"- Command: `{command}`",
        f"- Server: `make serve` (gunicorn gthread, "
        f"{env.get('WEB_CONCURRENCY', 2 * cpus + 1)} workers x "
        f"{env.get('GUNICORN_THREADS', 2)} threads, whitenoise, DEBUG off), worker recycling "
        f"{'off' if env.get('GUNICORN_MAX_REQUESTS', '0') == '0' else 'on'}, page cache "
        f"{'in Redis' if env.get('CACHE_URL') or env.get('REDIS_URL') else 'in each worker'}, "
        f"database `{env['DATABASE_URL'].rsplit('/', 1)[-1]}` (N={n:,} articles)",
        f"- wrk: {duration} s per target, {connections} connections, 2 threads, timeout "
        f"{args.timeout} s, one target after the other on the same server",
        "",
        "| target | URL | requests | req/s | p50 ms | p99 ms | socket errors "
        "(connect/read/write/timeout) | non-2xx/3xx | 5xx in server log | load average after |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for run in runs:
        errors = "/".join(str(value) for value in run["socket_errors"].values())
        lines.append(
            f"| {run['target']} | `{run['url'].split(str(PORT), 1)[-1]}` | {run['requests']:,} | "
            f"{run['rps']:.1f} | {run['p50_ms']:.1f} | {run['p99_ms']:.1f} | {errors} | "
            f"{run['non_2xx']} | {run['server_5xx']} | "
            + " ".join(f"{value:.1f}" for value in run["load"])
            + " |"
        )
    moments = list(rss)
    lines += [
        "",
        "RSS per worker (MB; peak is VmHWM at the end):",
        "",
        "| worker pid | " + " | ".join(moments) + " |",
        "|---" * (len(moments) + 1) + "|",
    ]
    for pid in sorted({pid for values in rss.values() for pid in values}):
        cells = [str(rss[moment].get(pid, "gone")) for moment in moments]
        lines.append(f"| {pid} | " + " | ".join(cells) + " |")
    verdict = "FAILED" if any(failed(run) for run in runs) else "passed"
    lines += [
        "",
        "wrk's percentiles leave out the requests that timed out (counted as socket errors).",
        "The load average includes whatever else the machine was running.",
        "",
        f"Result: **{verdict}** (no socket errors, no non-2xx/3xx and no 5xx is a pass).",
        "",
    ]
    return "\n".join(lines)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10000, help="articles in the bench database")
    parser.add_argument("--duration", type=int, default=60, help="seconds of wrk per target")
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument(
        "--timeout", type=int, default=10, help="seconds after which wrk counts a timeout"
    )
    parser.add_argument("--smoke", action="store_true", help="N=10, 3 s, 4 connections")
    args = parser.parse_args(argv)
    if not shutil.which("wrk"):
        raise SystemExit("wrk is not installed (Debian: apt-get install wrk)")
    if args.smoke:
        args.n, args.duration, args.connections = 10, 3, 4
    output = DATA / "SOAK-smoke.md" if args.smoke else ROOT / "bench" / "SOAK.md"
    command = " ".join([".venv/bin/python bench/soak.py", *(argv or sys.argv[1:])])
    started, machine_line = datetime.now(UTC), machine()
    runs, rss = soak(args.n, args.duration, args.connections, args.timeout)
    output.write_text(report(command, started, machine_line, args, runs, rss))
    print(f"wrote {output.relative_to(ROOT)}")
    return 1 if any(failed(run) for run in runs) else 0


if __name__ == "__main__":
    sys.exit(main())
