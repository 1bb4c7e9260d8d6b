"""Search quality on the labelled queries (tests/search/queries.yaml). Run from the repository root:

    python bench/search_quality.py                                       # SQLite
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/m4d_quality python bench/search_quality.py

It migrates a fresh data directory (bench/out/quality-<backend>; on PostgreSQL the database named
by DATABASE_URL, which must exist), loads the shipped data, and prints hit@1, hit@3 and MRR for
m4d's search and for a plain keyword baseline (every word required, accents and plurals folded,
shorter records first), as Markdown for bench/RESULTS.md, then the queries m4d misses in its top 3.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--keep", action="store_true", help="reuse the data directory if present")
    args = parser.parse_args()
    backend = (
        "postgresql" if os.environ.get("DATABASE_URL", "").startswith("postgres") else "sqlite"
    )
    data = ROOT / "bench" / "out" / f"quality-{backend}"
    if not args.keep:
        shutil.rmtree(data, ignore_errors=True)
    data.mkdir(parents=True, exist_ok=True)
    os.environ["M4D_DATA_DIR"] = str(data)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "m4d.config.settings")
    sys.path.insert(0, str(ROOT))

    import django

    django.setup()
    from m4d import startup
    from m4d.core import search

    startup.migrate()
    startup.load_shipped_data()
    search.reindex_all()

    from tests.search.quality import evaluate, keyword_baseline, labelled_queries, m4d_search

    queries = labelled_queries()
    rows = [("m4d search", evaluate(m4d_search, queries))]
    rows.append(
        ("keyword baseline (all words, shorter first)", evaluate(keyword_baseline(), queries))
    )
    print(f"### {backend}, {len(queries)} labelled queries\n")
    print("| search | hit@1 | hit@3 | MRR |")
    print("| --- | ---: | ---: | ---: |")
    for name, scores in rows:
        print(f"| {name} | {scores.hit1:.3f} | {scores.hit3:.3f} | {scores.mrr:.3f} |")
    print()
    for query in rows[0][1].misses:
        print(f"- m4d misses in its top 3: {query!r}")


if __name__ == "__main__":
    main()
