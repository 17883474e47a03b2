"""The landing page against the site's CSS, as a newcomer measures it (#18).

What `make run` then `make serve` give someone who has just cloned the project: the
demo data on SQLite, `make serve` with its defaults (DJANGO_SECRET_KEY set, the default
worker count, no Redis unless the mode says so), one port. For each mode, wrk -t2 -c16
runs against the seed article's landing page and against the stylesheet that page links
(`/static/css/site.<hash>.css`), alternating, PAIRS pairs of DURATION seconds after an
unmeasured warm-up; the medians and their ratio are reported, with the machine's load
and each worker's peak RSS.

Modes:
  defaults         `make serve` as it comes (page cache in each process's memory)
  redis            the same with REDIS_URL (the page cache shared)
  uncached         PAGE_CACHE_TIMEOUT=0: every page rendered by Django; the landing
                   page's parts (articles.landing) still cached per article version
  uncached-redis   the same with REDIS_URL
  cold             PAGE_CACHE_TIMEOUT=0 and LANDING_PARTS_TIMEOUT=0: every page
                   rendered whole

Usage::

    .venv/bin/python bench/newcomer.py [--modes defaults uncached ...] [--duration 9]
        [--pairs 3] [--json out.json] [--markdown out.md]

Needs wrk, and Redis at BENCH_REDIS_URL (default redis://127.0.0.1:6379/13) for the
redis modes. The demo database and media are made in a temporary folder.
"""

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import ROOT  # noqa: E402
from load import peak_rss_mb, workers, wrk  # noqa: E402

PORT = int(os.environ.get("BENCH_PORT", "8124"))
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/13")
SEED = "/zh-hans/demo/article/1/"
MODES = {
    "defaults": {},
    "redis": {"REDIS_URL": REDIS_URL},
    "uncached": {"PAGE_CACHE_TIMEOUT": "0"},
    "uncached-redis": {"PAGE_CACHE_TIMEOUT": "0", "REDIS_URL": REDIS_URL},
    "cold": {"PAGE_CACHE_TIMEOUT": "0", "LANDING_PARTS_TIMEOUT": "0"},
}


def base_env(folder):
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DJANGO_DEBUG", "CACHE_URL", "REDIS_URL", "PAGE_CACHE_TIMEOUT"}
    }
    env.update(
        DATABASE_URL=f"sqlite:///{folder / 'demo.sqlite3'}",
        DJANGO_MEDIA_ROOT=str(folder / "media"),
        DJANGO_SECRET_KEY="newcomer-bench-secret-key-" + "x" * 30,
        PORT=str(PORT),
    )
    return env


def make_demo(env):
    """What `make run` does before it serves: migrate, then the demo data."""
    manage = [sys.executable, "manage.py"]
    demo_env = {**env, "DJANGO_DEBUG": "1"}
    subprocess.run([*manage, "migrate", "--noinput", "-v0"], cwd=ROOT, env=demo_env, check=True)
    subprocess.run([*manage, "load_demo"], cwd=ROOT, env=demo_env, check=True, capture_output=True)


def flush_redis():
    import redis

    redis.Redis.from_url(REDIS_URL).flushdb()


def get(path):
    with urllib.request.urlopen(f"http://127.0.0.1:{PORT}{path}", timeout=10) as response:
        return response.read().decode()


def serve(env):
    """`make serve`, once the seed page shows its rendered citation (the worker `make
    serve` starts renders it after the first start)."""
    process = subprocess.Popen(
        ["make", "serve", f"PORT={PORT}"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        try:
            if 'class="citation"' in get(SEED):
                return process
        except OSError:
            pass
        time.sleep(1)
    stop(process)
    raise SystemExit("make serve did not answer with the seed page's citation in 3 minutes")


def stop(process):
    os.killpg(process.pid, 15)
    process.wait(timeout=30)


def stylesheet(page):
    (href,) = re.findall(r'<link rel="stylesheet" href="([^"]+\.css)">', page)
    return href


def settle(limit=1.5, longest=150):
    """Wait (up to ``longest`` s) for the last mode's load to die down: the one-minute load
    average below ``limit``. Returns it, as the machine's load at the start of a mode."""
    deadline = time.monotonic() + longest
    while os.getloadavg()[0] > limit and time.monotonic() < deadline:
        time.sleep(5)
    return os.getloadavg()[0]


def measure(mode, env, duration, pairs, connections):
    load = settle()
    if "REDIS_URL" in MODES[mode]:
        flush_redis()
    process = serve({**env, **MODES[mode]})
    try:
        landing = f"http://127.0.0.1:{PORT}{SEED}"
        css = f"http://127.0.0.1:{PORT}{stylesheet(get(SEED))}"
        for url in (landing, css):  # unmeasured: every worker warms up
            wrk(url, 3, connections)
        runs = {"landing": [], "css": []}
        for _ in range(pairs):
            for name, url in (("landing", landing), ("css", css)):
                result = wrk(url, duration, connections)
                if result["non_2xx"] or any(result["socket_errors"].values()):
                    raise SystemExit(f"{mode}: errors against {url}: {result}")
                runs[name].append(result["rps"])
                print(f"{mode:<15} {name:<8} {result['rps']:>9.1f} req/s", flush=True)
        landing_rps = statistics.median(runs["landing"])
        css_rps = statistics.median(runs["css"])
        return {
            "mode": mode,
            "load_at_start": round(load, 2),
            "landing_rps": round(landing_rps, 1),
            "css_rps": round(css_rps, 1),
            "ratio": round(landing_rps / css_rps, 3),
            "landing_runs": runs["landing"],
            "css_runs": runs["css"],
            "css_url": css.removeprefix(f"http://127.0.0.1:{PORT}"),
            "peak_rss_mb": [round(peak_rss_mb(pid), 1) for pid in workers(process)],
        }
    finally:
        stop(process)


def markdown(results, duration, pairs, connections):
    lines = [
        f"wrk -t2 -c{connections}, {duration} s runs, {pairs} pairs alternating landing page and "
        "CSS, median of each; `make serve` defaults (workers: 2 x CPUs + 1, 2 threads) on the "
        "demo database of `make run`.",
        "",
        "| mode | load at start | landing req/s | CSS req/s | ratio | landing runs | CSS runs "
        "| peak RSS per worker, MB |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        lines.append(
            f"| {r['mode']} | {r['load_at_start']} | {r['landing_rps']:,.0f} | "
            f"{r['css_rps']:,.0f} | **{r['ratio']:.3f}** | "
            f"{', '.join(f'{v:,.0f}' for v in r['landing_runs'])} | "
            f"{', '.join(f'{v:,.0f}' for v in r['css_runs'])} | "
            f"{max(r['peak_rss_mb'], default=0):.1f} |"
        )
    return "\n".join(lines) + "\n"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--modes", nargs="+", choices=list(MODES), default=list(MODES))
    parser.add_argument("--duration", type=int, default=9)
    parser.add_argument("--pairs", type=int, default=3)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--json", type=Path)
    parser.add_argument("--markdown", type=Path)
    args = parser.parse_args(argv)
    if not shutil.which("wrk"):
        print("wrk is not installed: the newcomer's measurement is skipped")
        return None
    with tempfile.TemporaryDirectory(prefix="newcomer-") as folder:
        env = base_env(Path(folder))
        make_demo(env)
        results = [
            measure(mode, env, args.duration, args.pairs, args.connections) for mode in args.modes
        ]
    table = markdown(results, args.duration, args.pairs, args.connections)
    print(table)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))
    if args.markdown:
        args.markdown.write_text(table)
    return results


if __name__ == "__main__":
    main()
