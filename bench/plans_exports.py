"""Export timings of a big plan (issue 9): DOCX ≤ 3 s, PDF ≤ 5 s. Run from the repository root:

    python bench/plans_exports.py --runs 5                                    # SQLite
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/m4d_bench python bench/plans_exports.py --runs 5

It prepares a data directory (bench/out/plans-exports-<backend>: migrated, shipped data loaded),
creates the plan of `m4d.plans.exports.large.large_plan` (20 partners, 60 activities, 100
indicators, 12 periods, every quantitative indicator measured in every period) and times
`export_plan` — what the export job, the API and `m4d plan export` run — per format and language,
after one warm-up export per format (fonts, the IATI schema, templates loaded once per process).
Results print as Markdown for bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGETS = {"docx": 3.0, "pdf": 5.0}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="timed exports per format and language")
    args = parser.parse_args()
    backend = "postgresql" if os.environ.get("DATABASE_URL") else "sqlite"
    data_dir = ROOT / "bench" / "out" / f"plans-exports-{backend}"
    data_dir.mkdir(parents=True, exist_ok=True)
    os.environ["M4D_DATA_DIR"] = str(data_dir)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "m4d.config.settings")
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()
    from m4d import startup
    from m4d.accounts.models import User
    from m4d.organisations.models import Membership, Organisation
    from m4d.plans.exports import FORMATS, export_plan
    from m4d.plans.exports.large import large_plan
    from m4d.plans.services import create_plan

    startup.migrate()
    startup.load_shipped_data()
    user, _created = User.objects.get_or_create(email="bench-planner@example.org")
    organisation = Organisation.objects.order_by("pk").first()
    assert organisation is not None, "the shipped organisations are missing"
    Membership.objects.get_or_create(user=user, organisation=organisation)
    plan = create_plan(by=user, organisation=organisation, title="", document=large_plan())

    print(f"Big plan #{plan.pk} on {backend}, {args.runs} timed exports each (seconds)\n")
    print("| format | language | median | max | size | target |")
    print("|---|---|---|---|---|---|")
    for fmt in FORMATS:
        export_plan(plan, fmt, language="en")  # warm-up
        for language in ("fr", "en"):
            times, size = [], 0
            for _run in range(args.runs):
                started = time.perf_counter()
                size = len(export_plan(plan, fmt, language=language).content)
                times.append(time.perf_counter() - started)
            target = f"≤ {TARGETS[fmt]:g} s" if fmt in TARGETS else "–"
            print(
                f"| {fmt} | {language} | {statistics.median(times):.2f} | {max(times):.2f} "
                f"| {size / 1024:,.0f} KB | {target} |"
            )


if __name__ == "__main__":
    main()
