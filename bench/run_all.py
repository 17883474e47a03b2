"""Run the whole benchmark and write bench/RESULTS.md (machine, commands, figures).

Usage::

    .venv/bin/python bench/run_all.py                 # N = 10 and 10,000, wrk at 10,000
    .venv/bin/python bench/run_all.py --sizes 10 10000 100000
    .venv/bin/python bench/run_all.py --smoke         # CI: N = 10, 3 requests, no wrk,
                                                      # writes bench/data/SMOKE.md

Each size's database is generated once (bench/data/bench-N.sqlite3, git-ignored) and
reused; --regenerate builds it again. Each step runs in its own process.
"""

import argparse
import json
import os
import platform
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import DATA, ROOT, database_path  # noqa: E402

PYTHON = sys.executable
# Pages that show the same content at every N (the first issue's 10 articles, one
# article, a keyword of those 10): their cost at N = 100,000 is compared with N = 10.
SAME_AT_EVERY_N = ("landing", "table of contents", "keyword")
# Pages that show more as the site grows, up to a full page (60 issues, a 50-article
# current issue, 20 of a keyword's articles, 1,000 sitemap URLs, 100 OAI records, 20
# search results): compared with the smallest N at which they are full, 10,000.
FULL_FROM_10000 = (
    "archive",
    "home",
    "keyword, shared",
    "sitemap page",
    "OAI-PMH ListRecords",
    "search",
)


def step(*args):
    print("$", " ".join(str(arg) for arg in args), flush=True)
    subprocess.run([PYTHON, *map(str, args)], cwd=ROOT, check=True, env=dict(os.environ))


def machine():
    cpu = ""
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    load = os.getloadavg() if hasattr(os, "getloadavg") else ("?",) * 3
    return (
        f"{platform.node()}: {cpu or platform.processor()}, {os.cpu_count()} CPUs, "
        f"Python {platform.python_version()}, {platform.system()} {platform.release()}; "
        f"load average at start {load[0]:.1f}"
    )


def render_table(costs):
    sizes = sorted(costs)
    pages = list(next(iter(costs.values())))
    head = "| page | " + " | ".join(
        f"N={n:,} queries | N={n:,} cold ms | N={n:,} uncached ms | N={n:,} cached ms"
        for n in sizes
    )
    lines = [head + " |", "|---" * (1 + 4 * len(sizes)) + "|"]
    for page in pages:
        cells = []
        for n in sizes:
            row = costs[n].get(page)
            if row is None:
                cells += ["", "", "", ""]
                continue
            cells += [
                str(row["queries"]),
                f"{row.get('cold_ms', row['uncached_ms']):.2f}",
                f"{row['uncached_ms']:.2f}",
                f"{row['cached_ms']:.3f}",
            ]
        lines.append(f"| {page} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def scaling_lines(costs):
    sizes = sorted(costs)
    if len(sizes) < 2:
        return []
    large = sizes[-1]
    lines = []

    def ratio(page, small):
        a, b = costs[small].get(page), costs[large].get(page)
        if not (a and b):
            return
        lines.append(
            f"- {page}: cost at N={large:,} ÷ cost at N={small:,} = "
            f"{b.get('cold_ms', b['uncached_ms']) / a.get('cold_ms', a['uncached_ms']):.2f} cold, "
            f"{b['uncached_ms'] / a['uncached_ms']:.2f} uncached, "
            f"{b['cached_ms'] / a['cached_ms']:.2f} cached (target ≤ 1.2)"
        )

    for page in SAME_AT_EVERY_N:
        ratio(page, sizes[0])
    full = [n for n in sizes if n >= 10_000 and n != large]
    for page in FULL_FROM_10000:
        ratio(page, full[0] if full else sizes[0])
    search = costs[large]["search"]
    lines.append(
        f"- search p50 at N={large:,}: {search['uncached_ms']:.1f} ms uncached (target < 100 ms)"
    )
    return lines


def load_table(load):
    lines = [
        "| mode | page | req/s | p50 ms | p99 ms | ÷ static (neighbouring CSS runs) |",
        "|---|---|---|---|---|---|",
    ]
    summary = []
    for mode, data in load["modes"].items():
        runs = data["runs"]
        for index, run in enumerate(runs):
            ratio = ""
            if run["page"] != "static CSS":
                neighbours = [
                    runs[i]["rps"]
                    for i in (index - 1, index + 1)
                    if 0 <= i < len(runs) and runs[i]["page"] == "static CSS"
                ]
                ratio = f"{run['rps'] / (sum(neighbours) / len(neighbours)):.3f}"
            lines.append(
                f"| {mode} | {run['page']} | {run['rps']:.1f} | {run['p50_ms']:.2f} | "
                f"{run['p99_ms']:.2f} | {ratio} |"
            )
        static = [run["rps"] for run in runs if run["page"] == "static CSS"]
        for page in ("landing", "table of contents"):
            page_rps = [run["rps"] for run in runs if run["page"] == page]
            summary.append(
                f"- {mode} {page}: {sum(page_rps) / len(page_rps):.1f} req/s ÷ static "
                f"{sum(static) / len(static):.1f} req/s = "
                f"{sum(page_rps) / len(page_rps) / (sum(static) / len(static)):.3f}"
            )
        summary.append(f"- peak RSS per worker ({mode}): {data['peak_rss_mb']} MB")
    return "\n".join(lines), summary


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 10_000])
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument("--duration", type=int, default=20)
    parser.add_argument("--load-size", type=int, help="N for wrk (default: the largest)")
    parser.add_argument("--regenerate", action="store_true")
    parser.add_argument("--smoke", action="store_true")
    parser.add_argument(
        "--reuse-render",
        action="store_true",
        help="report the last render-cost run of each size instead of a new one",
    )
    parser.add_argument(
        "--reuse-load", action="store_true", help="report the last wrk run instead of a new one"
    )
    parser.add_argument(
        "--reuse-newcomer",
        action="store_true",
        help="report the last newcomer run (bench/newcomer.py) instead of a new one",
    )
    args = parser.parse_args(argv)
    if args.smoke:
        args.sizes, args.requests = [10], 3
    DATA.mkdir(parents=True, exist_ok=True)
    started = datetime.now(UTC)
    about = machine()
    generation, costs = {}, {}
    for n in args.sizes:
        if args.regenerate or args.smoke or not database_path(n).exists():
            began = time.perf_counter()
            step("bench/generate.py", n)
            generation[n] = time.perf_counter() - began
        out = DATA / f"render-{n}.json"
        if not (args.reuse_render and out.exists()):
            step("bench/render_cost.py", n, "--requests", args.requests, "--json", out)
        costs[n] = json.loads(out.read_text())
    load = newcomer = None
    if not args.smoke:
        load_n = args.load_size or max(args.sizes)
        out = DATA / f"load-{load_n}.json"
        if not (args.reuse_load and out.exists()):
            step("bench/load.py", load_n, "--duration", args.duration, "--json", out)
        load = json.loads(out.read_text()) if out.exists() else None
        newcomer_md = DATA / "newcomer.md"
        if not (args.reuse_newcomer and newcomer_md.exists()):
            step("bench/newcomer.py", "--json", DATA / "newcomer.json", "--markdown", newcomer_md)
        newcomer = newcomer_md.read_text() if newcomer_md.exists() else None

    command = "python bench/run_all.py " + " ".join(sys.argv[1:] if argv is None else argv)
    parts = [
        "# Benchmark results",
        "",
        f"- Run: {started:%Y-%m-%d %H:%M} UTC",
        f"- Machine: {about}",
        f"- Command: `{command.strip()}`",
        "- Render cost: median of "
        f"{args.requests} requests through Django's test client, DEBUG off, SQLite; "
        "queries = one cold request (every cache off); uncached = page cache off, "
        "the landing page's parts kept (articles.landing); cached = page cache on.",
        "",
    ]
    if generation:
        parts += ["## Generation", ""]
        parts += [f"- N={n:,}: {seconds:.0f} s" for n, seconds in generation.items()]
        parts.append("")
    parts += ["## Render cost per page", "", render_table(costs), ""]
    parts += scaling_lines(costs) + [""]
    if load:
        table, summary = load_table(load)
        parts += [
            f"## wrk against gunicorn + whitenoise (N={load_n:,}, {args.duration} s per run, "
            "16 connections, alternating page and static CSS)",
            "",
            table,
            "",
            *summary,
            "",
        ]
    if newcomer:
        parts += [
            "## As a newcomer measures it: `make run`, then `make serve` (bench/newcomer.py)",
            "",
            newcomer,
        ]
    target = DATA / "SMOKE.md" if args.smoke else ROOT / "bench" / "RESULTS.md"
    existing_notes = ""
    if target.exists() and "## Notes" in target.read_text():
        existing_notes = target.read_text().split("## Notes", 1)[1]
    if existing_notes:
        parts += ["## Notes" + existing_notes.rstrip(), ""]
    target.write_text("\n".join(parts))
    print(f"wrote {target}")


if __name__ == "__main__":
    main()
