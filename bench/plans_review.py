"""The plan review's timing (issue 9: review ≤ 200 ms for a plan with 20 partners, 60 activities
and 100 indicators). Run from the repository root:

    python bench/plans_review.py --data-dir /tmp/bench-review [--runs 200]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/m4d_bench python bench/plans_review.py --data-dir /tmp/bench-review

It migrates the data directory and loads the shipped data (the toolbox the review reads), builds
the large plan in memory, and prints p50/p95 of `review_plan` (the first call, which reads the
toolbox into the cache, reported apart) and of `similar_projects` as Markdown for bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from typing import Any


def large_plan() -> Any:
    from m4d.plans.document import PlanDocument

    countries = ["SN", "FR", "IT", "ES"]
    partners = [
        {"id": f"p{i}", "name": f"Partner {i}", "country": countries[i % 4], "role": "Partner"}
        for i in range(20)
    ]
    results = [
        {
            "text": f"Result {r}",
            "activities": [
                {
                    "text": f"Activity {r}.{a}",
                    "partner": f"p{(r * 6 + a) % 20}",
                    "start_month": 1 + a,
                    "end_month": 12 + a,
                    "indicators": [
                        {"text": f"Indicator {r}.{a}.{i}", "baseline": 0, "target": 10}
                        for i in range(2 if (r * 6 + a) < 40 else 1)
                    ],
                }
                for a in range(6)
            ],
        }
        for r in range(10)
    ]
    return PlanDocument.model_validate(
        {
            "context": {
                "title": "Benchmark plan",
                "origin": {"country": "SN"},
                "destinations": [{"country": c} for c in countries[1:]],
                "duration_months": 36,
            },
            "capitals": {"capitals": ["social", "human"], "options": ["4.2/migrant-experts"]},
            "partnership": {"partners": partners},
            "logframe": {"overall_objective": "Benchmark", "results": results},
            "risks": {"risks": [{"text": f"Risk {i}", "owner": f"p{i}"} for i in range(20)]},
        }
    )


def timed(call: Callable[[], Any], runs: int) -> tuple[float, float]:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        call()
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    return statistics.median(times), times[int(0.95 * (len(times) - 1))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", required=True)
    parser.add_argument("--runs", type=int, default=200)
    args = parser.parse_args()
    from m4d import cli

    cli._setup(args.data_dir)
    cli._prepare(verbose=False)
    from m4d.plans.review import review_plan
    from m4d.plans.similar import similar_projects

    document = large_plan()
    activities = document.logframe.activities()
    print(
        f"Plan: {len(document.partnership.partners)} partners, {len(activities)} activities, "
        f"{len(document.logframe.indicators())} indicators.\n"
    )
    started = time.perf_counter()
    review_plan(document)
    first = (time.perf_counter() - started) * 1000
    print("| measure | p50 (ms) | p95 (ms) |\n|---|---|---|")
    print(f"| review_plan, first call (reads the toolbox) | {first:.1f} | – |")
    for label, call in (
        ("review_plan (en)", lambda: review_plan(document)),
        ("review_plan (fr)", lambda: review_plan(document, language="fr")),
        ("similar_projects", lambda: similar_projects(document)),
    ):
        p50, p95 = timed(call, args.runs)
        print(f"| {label} | {p50:.1f} | {p95:.1f} |")


if __name__ == "__main__":
    main()
