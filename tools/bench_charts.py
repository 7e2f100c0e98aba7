#!/usr/bin/env python3
"""Benchmark the interactive charts: how long one redraw takes after a control changes.

Builds lessonkit.charts.vote_explorer and lessonkit.charts.flow_explorer on the real tables in
data/ (or on the test fixtures with --fixtures). For the vote explorer it changes the
resolution dropdown N times (cycling through every resolution); for the flow explorer it
changes the "How sure" and "What flows" dropdowns N times (cycling through every combination,
including those that match no row and show a message). Each change is a real redraw. Reports
the median and 95th percentile of the time from setting the value to the new PNG being in the
image widget. Targets (2-core machine): median <= 150 ms, p95 <= 300 ms.

Usage:
    python tools/bench_charts.py                 # seats, map and flows, N=30
    python tools/bench_charts.py --view seats -n 50
    python tools/bench_charts.py --view both     # the vote explorer's two views only
    python tools/bench_charts.py --strict        # exit 1 if a target is missed
"""

from __future__ import annotations

import argparse
import math
import os
import statistics
import sys
import time
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import pandas as pd  # noqa: E402

MEDIAN_TARGET_MS = 150
P95_TARGET_MS = 300
FIXTURES = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "charts"


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(q / 100 * len(ordered)) - 1)]


def tables(use_fixtures: bool) -> tuple[dict[str, pd.DataFrame], str]:
    names = {"resolutions": "un_resolutions", "votes": "un_votes", "countries": "countries", "sources": "sources",
             "transfers": "transfers"}
    if use_fixtures:
        return ({k: pd.read_csv(FIXTURES / f"{v}.csv", dtype=str, keep_default_na=False).replace("", None)
                 for k, v in names.items()}, "test fixtures")
    from lessonkit import data

    return {k: data.load(v) for k, v in names.items()}, "data/"


def bench_flows(n: int, t: dict[str, pd.DataFrame]) -> list[float]:
    """Change one of the flow explorer's two dropdowns per step, walking through every
    (confidence, category) pair so that consecutive states always differ."""
    from lessonkit.charts import flow_explorer

    explorer = flow_explorer(transfers=t["transfers"], countries=t["countries"], sources=t["sources"])
    levels = [v for _, v in explorer.confidence.options]
    cats = [v for _, v in explorer.category.options]
    steps = []  # (control, value): a snake through the grid, one control change per step
    for i, level in enumerate(levels):
        steps.append((explorer.confidence, level))
        steps += [(explorer.category, c) for c in (cats[1:] if i % 2 == 0 else cats[-2::-1])]
    explorer.category.value = cats[-1]  # warm-up (caches, fonts)
    explorer.category.value = cats[0]
    times = []
    k = 0
    while len(times) < n:
        control, value = steps[k % len(steps)]
        k += 1
        if control.value == value:
            continue
        before = len(explorer.timings)
        t0 = time.perf_counter()
        control.value = value  # the observer redraws synchronously
        times.append((time.perf_counter() - t0) * 1000)
        assert len(explorer.timings) == before + 1, "the redraw did not happen"
    return times


def bench(view: str, n: int, t: dict[str, pd.DataFrame]) -> list[float]:
    if view == "flows":
        return bench_flows(n, t)
    from lessonkit.charts import vote_explorer

    explorer = vote_explorer(view=view, **{k: t[k] for k in ("resolutions", "votes", "countries", "sources")})
    ids = [value for _, value in explorer.resolution.options]
    if len(ids) < 2:
        raise SystemExit("need at least two resolutions to benchmark a change")
    start = ids.index(explorer.resolution.value)
    explorer.resolution.value = ids[(start + 1) % len(ids)]  # warm-up (caches, fonts)
    times = []
    for i in range(n):
        value = ids[(start + 2 + i) % len(ids)]
        if value == explorer.resolution.value:  # a change must be a change
            value = ids[(start + 3 + i) % len(ids)]
        t0 = time.perf_counter()
        explorer.resolution.value = value  # the observer redraws synchronously
        times.append((time.perf_counter() - t0) * 1000)
        assert explorer.chart.title.startswith(value), "the redraw did not happen"
    return times


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", type=int, default=30, help="number of dropdown changes (default 30)")
    parser.add_argument("--view", choices=("seats", "map", "flows", "both", "all"), default="all",
                        help="seats / map (vote explorer), flows (flow explorer), both (seats and map), all")
    parser.add_argument("--fixtures", action="store_true", help="use tests/fixtures/charts instead of data/")
    parser.add_argument("--strict", action="store_true", help="exit 1 if a target is missed")
    args = parser.parse_args(argv)
    t, where = tables(args.fixtures)
    print(f"Interactive redraw (one dropdown change), N={args.n}, tables from {where}, "
          f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f}")
    ok = True
    views = {"both": ("seats", "map"), "all": ("seats", "map", "flows")}.get(args.view, (args.view,))
    for view in views:
        times = bench(view, args.n, t)
        median, p95 = statistics.median(times), percentile(times, 95)
        hit = median <= MEDIAN_TARGET_MS and p95 <= P95_TARGET_MS
        ok &= hit
        print(f"  {view:5s}  median {median:6.1f} ms (target <= {MEDIAN_TARGET_MS})   "
              f"p95 {p95:6.1f} ms (target <= {P95_TARGET_MS})   min {min(times):6.1f}   max {max(times):6.1f}   "
              f"{'OK' if hit else 'MISSED'}")
    return 0 if ok or not args.strict else 1


if __name__ == "__main__":
    sys.exit(main())
