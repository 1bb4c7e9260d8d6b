"""Benchmarks for the platform foundation (issue 2). Run from the repository root:

    python bench/run.py --projects 100000 --organisations 50000            # SQLite
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/m4d_bench python bench/run.py --projects 100000 --organisations 50000

It prepares a data directory (bench/out/<backend>) with `m4d synth`, starts `m4d serve`, and measures
sequential request latency (p50/p95 over --requests requests per endpoint, after a warm-up) for the
bare JSON endpoint /api/ping and the pages under test, each also reported as a ratio to /api/ping
measured in the same run. It also measures gzip transfer size of the home page and the project list
(HTML + CSS + JS) and how long `m4d serve` takes to be ready on an empty data directory.
Results print as Markdown for bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import gzip
import http.client
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
M4D = [sys.executable, "-m", "m4d.cli"]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_ready(url: str, server: subprocess.Popen, timeout: float = 600) -> float:
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        if server.poll() is not None:
            raise SystemExit("server exited")
        try:
            with urllib.request.urlopen(url + "/healthz", timeout=2) as response:
                if response.status == 200:
                    return time.monotonic() - started
        except OSError:
            time.sleep(0.05)
    raise SystemExit("server not ready")


def serve(data_dir: Path, env: dict) -> tuple[subprocess.Popen, str, float]:
    port = free_port()
    server = subprocess.Popen(
        [*M4D, "serve", "--port", str(port), "--data-dir", str(data_dir), "--no-worker"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    ready = wait_ready(url, server)
    return server, url, ready


def latencies(host: str, port: int, path: str, count: int) -> list[float]:
    connection = http.client.HTTPConnection(host, port, timeout=30)
    timings = []
    for index in range(count + 5):
        started = time.perf_counter()
        connection.request("GET", path, headers={"Accept-Encoding": "gzip"})
        response = connection.getresponse()
        response.read()
        elapsed = (time.perf_counter() - started) * 1000
        if response.status != 200:
            raise SystemExit(f"{path}: HTTP {response.status}")
        if index >= 5:  # warm-up
            timings.append(elapsed)
    connection.close()
    return timings


def first_request(host: str, port: int, path: str) -> float:
    """Milliseconds for `path` with a never-seen query parameter: a page rendered, not cached."""
    connection = http.client.HTTPConnection(host, port, timeout=120)
    unique = f"{path}{'&' if '?' in path else '?'}first={time.monotonic_ns()}"
    started = time.perf_counter()
    connection.request("GET", unique, headers={"Accept-Encoding": "gzip"})
    connection.getresponse().read()
    elapsed = (time.perf_counter() - started) * 1000
    connection.close()
    return elapsed


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1]


def transferred(url: str, path: str) -> tuple[int, int]:
    """(gzip bytes of the HTML, gzip bytes of HTML + linked CSS + JS)."""

    def fetch(target: str) -> bytes:
        request = urllib.request.Request(url + target, headers={"Accept-Encoding": "gzip"})
        with urllib.request.urlopen(request) as response:
            body = response.read()
            if response.headers.get("Content-Encoding") != "gzip":
                body = gzip.compress(body)
            return body

    html_gz = fetch(path)
    html = gzip.decompress(html_gz).decode()
    assets = re.findall(r'(?:href|src)="(/static/[^"]+\.(?:css|js))"', html)
    return len(html_gz), len(html_gz) + sum(len(fetch(a)) for a in assets)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--projects", type=int, default=100_000)
    parser.add_argument("--organisations", type=int, default=50_000)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--keep", action="store_true", help="reuse bench/out data if present")
    parser.add_argument("--data-dir", type=Path, help="use this data directory (implies --keep)")
    args = parser.parse_args()

    backend = (
        "postgresql" if os.environ.get("DATABASE_URL", "").startswith("postgres") else "sqlite"
    )
    env = dict(os.environ)
    out = ROOT / "bench" / "out"
    out.mkdir(parents=True, exist_ok=True)

    # 1. Readiness of `m4d serve` on an empty data directory (SQLite, as a newcomer starts).
    empty = out / "empty"
    shutil.rmtree(empty, ignore_errors=True)
    empty_env = {k: v for k, v in env.items() if k != "DATABASE_URL"}
    started = time.monotonic()
    server, _url, _ = serve(empty, empty_env)
    ready_empty = time.monotonic() - started
    server.terminate()
    server.wait()

    # 2. A large registry.
    data = args.data_dir or out / backend
    if not ((args.keep or args.data_dir) and data.exists()):
        shutil.rmtree(data, ignore_errors=True)
        subprocess.run([*M4D, "synth", "--clear", "--data-dir", str(data)], env=env, check=True)
        t0 = time.monotonic()
        subprocess.run(
            [
                *M4D,
                "synth",
                "--projects",
                str(args.projects),
                "--organisations",
                str(args.organisations),
                "--data-dir",
                str(data),
            ],
            env=env,
            check=True,
        )
        print(f"synth: {time.monotonic() - t0:.0f} s", file=sys.stderr)
    # An empty shared cache, so that the first requests below compute what they show.
    subprocess.run(
        [*M4D, "manage", "shell", "-c", "from django.core.cache import cache; cache.clear()"],
        env={**env, "M4D_DATA_DIR": str(data)},
        check=True,
        capture_output=True,
    )
    server, url, _ready = serve(data, env)
    host, port = "127.0.0.1", int(url.rsplit(":", 1)[1])
    try:
        endpoints = {
            "bare JSON endpoint `/api/ping`": "/api/ping",
            "project list, two facets `/projects/?country=ML&capital=financial`": "/projects/?country=ML&capital=financial",
            "project list, unfiltered `/projects/`": "/projects/",
            "project list, wide filter `/projects/?country=FR`": "/projects/?country=FR",
            "project list, wide search `/projects/?q=transferts`": "/projects/?q=transferts",
            "project list, common partner type `/projects/?org_type=ngo`": "/projects/?org_type=ngo",
            "search page `/search/?q=transferts`": "/search/?q=transferts",
            "search API `/api/search?q=remittances`": "/api/search?q=remittances",
            "project page `/projects/syn-5000/`": "/projects/syn-5000/",
            "project page `/projects/algerie-1/`": "/projects/algerie-1/",
        }
        # Before anything is cached: the first visitor's wait, facet counts included.
        first = {label: first_request(host, port, path) for label, path in endpoints.items()}
        results = {}
        for label, path in endpoints.items():
            timings = latencies(host, port, path, args.requests)
            results[label] = (statistics.median(timings), p95(timings))
        base = results["bare JSON endpoint `/api/ping`"][0]  # its p95 is too small to be stable
        home = transferred(url, "/")
        listing = transferred(url, "/projects/")
    finally:
        server.terminate()
        server.wait()

    print(
        f"\n### {backend}, {args.projects:,} synthetic projects + {args.organisations:,} organisations "
        f"(+ the 51 shipped), {args.requests} sequential requests each\n"
    )
    print("| endpoint | p50 ms | p95 ms | p95 / bare p50 | first request ms |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for label, (median, high) in results.items():
        print(f"| {label} | {median:.1f} | {high:.1f} | {high / base:.1f}× | {first[label]:.0f} |")
    print(
        "\n(first request: each page once, on a server just started, before any other request to it: "
        "nothing cached yet, facet counts and figures included. The p50/p95 columns are the "
        "requests after it, which the page cache answers until the next write.)"
    )
    print(
        f"\n- home page transferred (gzip): HTML {home[0] / 1024:.1f} KB, with CSS+JS {home[1] / 1024:.1f} KB"
    )
    print(
        f"- project list transferred (gzip): HTML {listing[0] / 1024:.1f} KB, with CSS+JS {listing[1] / 1024:.1f} KB"
    )
    print(
        f"- `m4d serve` on an empty data directory ready in {ready_empty:.1f} s (SQLite; migrate, load, collect static, start)"
    )


if __name__ == "__main__":
    main()
