"""Uncached renders of two versions of m4d in one run (issue 8 §2): this checkout against another
one (`--baseline-src`, the `src` folder of, say, a worktree of `main`), both served on the same data
directory, with wrk bursts alternated endpoint by endpoint so that both see the same machine load.
Run from the repository root, on data prepared as for bench/load.py:

    git worktree add /tmp/m4d-main main
    python bench/compare.py --data-dir /tmp/perf-sqlite --baseline-src /tmp/m4d-main/src

Every request carries a never-seen query parameter (bench/load.py's `--uncached`): the page is
rendered each time, what it reuses between requests (facet counts, list summaries) stays cached.
The baseline must be able to read the data directory's database (run it on data both versions
migrate to).
"""

from __future__ import annotations

import argparse
import os
import sys
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from load import CLIENT_HEADERS, ENDPOINTS, UNCACHED_SCRIPT, wrk  # noqa: E402
from run import ROOT, serve  # noqa: E402

HERE = Path(__file__).resolve().parent


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data-dir", type=Path, required=True)
    parser.add_argument("--baseline-src", type=Path, required=True)
    parser.add_argument("--duration", type=int, default=5, help="seconds per burst")
    parser.add_argument("--rounds", type=int, default=2, help="bursts per version and endpoint")
    parser.add_argument("--connections", type=int, default=20)
    args = parser.parse_args()

    script = HERE / "out" / "wrk_uncached.lua"
    script.parent.mkdir(parents=True, exist_ok=True)
    script.write_text(UNCACHED_SCRIPT + (HERE / "wrk_report.lua").read_text())
    versions = {"baseline": args.baseline_src.resolve(), "this checkout": ROOT / "src"}
    servers = {
        name: serve(args.data_dir, {**os.environ, "PYTHONPATH": str(src)})
        for name, src in versions.items()
    }
    bursts: dict[tuple[str, str], list[tuple[float, float]]] = {}
    try:
        for label, path in ENDPOINTS.items():
            for _server, url, _ready in servers.values():
                for _ in range(3):  # warm-up, as bench/load.py does
                    warm = urllib.request.Request(url + path, headers=CLIENT_HEADERS)
                    with urllib.request.urlopen(warm, timeout=300) as response:
                        response.read()
            for _round in range(args.rounds):
                for name, (_server, url, _ready) in servers.items():
                    rate, _p50, p95, _failed = wrk(
                        url + path,
                        duration=args.duration,
                        connections=args.connections,
                        script=script,
                    )
                    bursts.setdefault((label, name), []).append((rate, p95))
    finally:
        for server, _url, _ready in servers.values():
            server.terminate()
            server.wait()

    print(
        f"\n### uncached renders, {args.connections} clients, {args.rounds} alternated bursts of "
        f"{args.duration} s per version (data: {args.data_dir.name})\n"
    )
    print(
        "| endpoint | baseline req/s | this checkout req/s | baseline p95 ms | this checkout p95 ms |"
    )
    print("| --- | ---: | ---: | ---: | ---: |")
    for label in ENDPOINTS:
        before, after = bursts[(label, "baseline")], bursts[(label, "this checkout")]

        def mean(rows: list[tuple[float, float]], index: int) -> float:
            return sum(row[index] for row in rows) / len(rows)

        print(
            f"| {label} | {mean(before, 0):.0f} | {mean(after, 0):.0f} | "
            f"{mean(before, 1):.0f} | {mean(after, 1):.0f} |"
        )


if __name__ == "__main__":
    main()
