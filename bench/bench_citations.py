"""Benchmark scholarly.csl (citeproc-js in V8 via mini-racer).

For every registered style:

* cold: a brand-new engine (new V8 context, citeproc.js loaded, locales loaded, style
  parsed) and its first render, timed together;
* warm: median (and p95) time of one ``render`` (html + text) over N further renders
  of the same item with that engine;
* heap: V8 used heap after the warm renders (that style alone in the context).

Usage::

    .venv/bin/python bench/bench_citations.py [--n 200] [--item en-nine-authors]

Prints a markdown table. Needs no Django settings.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from scholarly.csl import STYLES, CiteprocEngine  # noqa: E402

ITEMS_PATH = ROOT / "tests" / "fixtures" / "csl" / "items.json"


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=200, help="warm renders per style")
    parser.add_argument("--item", default="en-nine-authors", help="fixture item id")
    parser.add_argument("--style", action="append", help="only these style ids")
    args = parser.parse_args(argv)

    items = {i["id"]: i for i in json.loads(ITEMS_PATH.read_text("utf-8"))}
    item = items[args.item]
    style_ids = args.style or list(STYLES)

    # Context start alone (no style), for reference.
    engine = CiteprocEngine()
    t0 = time.perf_counter()
    engine.info()  # forces V8 start + citeproc.js load
    context_start = time.perf_counter() - t0
    engine.close()

    rows = []
    for style_id in style_ids:
        engine = CiteprocEngine()
        t0 = time.perf_counter()
        engine.render(item, style_id)
        cold = time.perf_counter() - t0
        samples = []
        for _ in range(args.n):
            t0 = time.perf_counter()
            engine.render(item, style_id)
            samples.append(time.perf_counter() - t0)
        samples.sort()
        warm = statistics.median(samples)
        p95 = samples[min(len(samples) - 1, int(len(samples) * 0.95))]
        heap_mb = engine.heap_stats()["used_heap_size"] / 1e6
        engine.close()
        rows.append((style_id, cold, warm, p95, heap_mb))
        print(f"{style_id}: cold {_ms(cold)} ms, warm {_ms(warm)} ms", file=sys.stderr)

    # Everything in one context, as the web app keeps it.
    engine = CiteprocEngine()
    t0 = time.perf_counter()
    engine.preload(style_ids)
    all_cold = time.perf_counter() - t0
    engine.low_memory_notification()
    all_heap = engine.heap_stats()["used_heap_size"] / 1e6
    engine.close()

    print(
        f"\nitem `{args.item}`, warm = median/p95 of {args.n} renders (html + text each); "
        f"V8 context start + citeproc.js load alone: {_ms(context_start)} ms\n"
    )
    print("| style | cold first render (ms) | warm median (ms) | warm p95 (ms) | V8 heap (MB) |")
    print("|---|---:|---:|---:|---:|")
    for style_id, cold, warm, p95, heap_mb in rows:
        print(f"| {style_id} | {_ms(cold)} | {_ms(warm)} | {_ms(p95)} | {heap_mb:.0f} |")
    print(
        f"| **all {len(style_ids)} styles preloaded in one context** | {_ms(all_cold)} | | "
        f"| {all_heap:.0f} |"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
