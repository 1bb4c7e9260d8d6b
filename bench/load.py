"""Throughput under concurrent clients (issue 8 §2). Run from the repository root, after
`python bench/run.py` has prepared the data (or with --data-dir pointing at any data directory):

    python bench/load.py --data-dir bench/out/sqlite
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/m4d_bench python bench/load.py --data-dir bench/out/postgresql

It starts `m4d serve` (gunicorn, its default workers and threads) on the data, then drives each
endpoint with wrk (Debian package `wrk`) on loopback: 20 keep-alive connections, 2 client threads,
--duration seconds per endpoint, after a warm-up of a few requests. Clients send
`Accept-Encoding: gzip` and `Accept-Language: fr`, as browsers do. Each endpoint is reported
beside the bare endpoint `/api/ping` measured in the same run.

`--uncached` adds a run where each request carries a unique query parameter, so that no two
requests share a cached page: the cost of rendering (facet counts stay cached per filter, as they
are between pages of one list).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import serve  # noqa: E402

HERE = Path(__file__).resolve().parent
ENDPOINTS = {
    "bare JSON endpoint `/api/ping`": "/api/ping",
    "trivial page `/about/`": "/about/",
    "project list, two facets `/projects/?country=ML&capital=financial`": "/projects/?country=ML&capital=financial",
    "project list, wide filter `/projects/?country=FR`": "/projects/?country=FR",
    "search page `/search/?q=transferts`": "/search/?q=transferts",
    "project page `/projects/syn-5000/`": "/projects/syn-5000/",
    "home `/`": "/",
    "organisations `/organisations/`": "/organisations/",
    "countries `/countries/`": "/countries/",
    "map `/countries/map/`": "/countries/map/",
    "statistics `/statistics/`": "/statistics/",
}
CLIENT_HEADERS = {"Accept-Encoding": "gzip", "Accept-Language": "fr"}  # as wrk_report.lua sets
UNCACHED_SCRIPT = """
local counter = 0
request = function()
  counter = counter + 1
  local sep = string.find(wrk.path, "?", 1, true) and "&" or "?"
  return wrk.format(nil, wrk.path .. sep .. "nocache=" .. counter .. "-" .. math.random(1e9))
end
"""


def wrk(
    url: str, *, duration: int, connections: int, script: Path
) -> tuple[float, float, float, int]:
    """(requests per second, p50 ms, p95 ms, failed requests) of one wrk run."""
    result = subprocess.run(
        [
            "wrk",
            "-t2",
            f"-c{connections}",
            f"-d{duration}s",
            "--timeout",
            "10s",
            "-s",
            str(script),
            url,
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    line = next(line for line in result.stdout.splitlines() if line.startswith("RESULT "))
    _requests, rate, p50, p95, bad_status, socket_errors = line.split()[1:]
    return float(rate), float(p50), float(p95), int(bad_status) + int(socket_errors)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data-dir", type=Path, required=True)
    parser.add_argument("--duration", type=int, default=30, help="seconds per endpoint")
    parser.add_argument("--connections", type=int, default=20)
    parser.add_argument("--uncached", action="store_true", help="also measure without page cache")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("wrk not found: apt-get install wrk")
    backend = (
        "postgresql" if os.environ.get("DATABASE_URL", "").startswith("postgres") else "sqlite"
    )

    cached_script = HERE / "wrk_report.lua"
    uncached_script = HERE / "out" / "wrk_uncached.lua"
    uncached_script.parent.mkdir(parents=True, exist_ok=True)
    uncached_script.write_text(UNCACHED_SCRIPT + cached_script.read_text())

    server, url, _ready = serve(args.data_dir, dict(os.environ))
    rows = []
    try:
        for label, path in ENDPOINTS.items():
            for _ in range(3):  # warm-up: the first request computes what later ones reuse
                # In wrk's language and encoding, so that the page it asks for is the one warmed.
                warm = urllib.request.Request(url + path, headers=CLIENT_HEADERS)
                with urllib.request.urlopen(warm, timeout=120) as response:
                    response.read()
            cached = wrk(
                url + path,
                duration=args.duration,
                connections=args.connections,
                script=cached_script,
            )
            uncached = None
            if args.uncached and path != "/api/ping":
                uncached = wrk(
                    url + path,
                    duration=args.duration,
                    connections=args.connections,
                    script=uncached_script,
                )
            rows.append((label, cached, uncached))
    finally:
        server.terminate()
        server.wait()

    ping = rows[0][1][0]
    print(
        f"\n### {backend}: {args.connections} concurrent clients, {args.duration} s per endpoint "
        f"(data: {args.data_dir.name})\n"
    )
    header = "| endpoint | req/s | p50 ms | p95 ms | failed | req/s / ping |"
    divider = "| --- | ---: | ---: | ---: | ---: | ---: |"
    if args.uncached:
        header += " uncached req/s | uncached p95 ms |"
        divider += " ---: | ---: |"
    print(header)
    print(divider)
    for label, (rate, p50, p95, failed), uncached in rows:
        line = f"| {label} | {rate:.0f} | {p50:.1f} | {p95:.1f} | {failed} | {rate / ping:.1%} |"
        if args.uncached:
            line += f" {uncached[0]:.0f} | {uncached[2]:.1f} |" if uncached else " | |"
        print(line)


if __name__ == "__main__":
    main()
