"""Benchmark of the design studio's pages (issue 9). Run from the repository root:

    python bench/plans.py                                                        # SQLite
    psql -h 127.0.0.1 -U postgres -c "CREATE DATABASE m4d_bench_plans"
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/m4d_bench_plans python bench/plans.py

It prepares a data directory (bench/out/plans-<backend>), imports a large plan through the import
format and the services (20 partners, 60 activities, 100 indicators, 30 stakeholders, 40 risks),
marks it funded, sets 12 monthly reporting periods and records every indicator's value in each,
then starts `m4d serve` and measures, signed in as the plan's owner (pages for signed-in people
are never served from the page cache), each step page of the plan the server has (the overview,
the step pages, monitoring) and the plan's API detail: p50/p95 of sequential requests and p95
with --clients concurrent clients, each beside the bare endpoint /api/ping measured the same way
in the same run, and the median CPU time of each page rendered in the benchmark's own process
(which other work on the machine does not inflate). When `m4d.plans.review` exists, the time of `review_plan` on the plan too.
Target (issue 9): p95 ≤ 150 ms per step page. Results print as Markdown for bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import http.client
import importlib.util
import os
import shutil
import statistics
import subprocess
import sys
import threading
import time
from datetime import date
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import M4D, ROOT, p95, serve  # noqa: E402

PARTNERS, RESULTS, ACTIVITIES_PER_RESULT, INDICATORS, PERIODS = 20, 10, 6, 100, 12


def large_plan() -> dict[str, Any]:
    """The import document: partners referred to by name, 100 indicators over 60 activities."""
    partners = [
        {
            "name": f"Partner organisation {n}",
            "country": ("SN", "FR")[n % 2],
            "type": ("migrant_association", "ngo", "local_authority")[n % 3],
            "role": "Co-applicant" if n < 2 else "Partner",
            "responsibilities": "Runs its share of the activities and reports on them.",
            "migrant_organisation": n % 3 == 0,
        }
        for n in range(PARTNERS)
    ]
    indicator_count = 0
    results = []
    for r in range(RESULTS):
        activities = []
        for a in range(ACTIVITIES_PER_RESULT):
            number = r * ACTIVITIES_PER_RESULT + a
            # 100 indicators over 60 activities: the first 40 have two.
            count = 2 if number < INDICATORS - RESULTS * ACTIVITIES_PER_RESULT else 1
            indicators = [
                {
                    "text": f"Indicator {indicator_count + i + 1}",
                    "baseline": 0,
                    "target": 100 + i,
                    "source": "Activity reports",
                }
                for i in range(count)
            ]
            indicator_count += count
            activities.append(
                {
                    "text": f"Activity {number + 1}",
                    "partner": partners[number % PARTNERS]["name"],
                    "start_month": 1 + number % 12,
                    "end_month": 12 + number % 12,
                    "indicators": indicators,
                }
            )
        results.append({"text": f"Result {r + 1}", "activities": activities})
    return {
        "title": "Benchmark plan: Kayes–Montreuil, twenty partners",
        "summary": "A large plan for the benchmark.",
        "origin": {"country": "ML", "locality": "Kayes"},
        "destinations": [{"country": "FR", "locality": "Montreuil"}],
        "duration_months": 24,
        "capitals": ["social", "financial", "human"],
        "partners": partners,
        "migrant_participation": {"identification": True, "design": True},
        "logframe": {
            "overall_objective": "Better livelihoods in Kayes",
            "specific_objectives": ["Jobs for young people"],
            "results": results,
            "assumptions": ["Remittances keep flowing"],
        },
        "stakeholders": [
            {"name": f"Stakeholder {n}", "influence": "high", "interest": "low"} for n in range(30)
        ],
        "allies": [{"name": f"Ally {n}", "forms": ["lobbying"]} for n in range(10)],
        "risks": [
            {
                "text": f"Risk {n}",
                "likelihood": "medium",
                "impact": "high",
                "owner": partners[n % PARTNERS]["name"],
                "mitigation": "Agreed in advance.",
            }
            for n in range(40)
        ],
    }


def prepare(data: Path, env: dict[str, str]) -> tuple[int, str, dict[str, float], float | None]:
    """Build the plan (in this process, on the data directory); returns its id, the owner's
    session cookie, the median CPU ms of each of its pages rendered in this process (by path),
    and the review's p95 in ms (or None)."""
    subprocess.run([*M4D, "migrate", "--data-dir", str(data)], env=env, check=True)
    os.environ["M4D_DATA_DIR"] = str(data)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "m4d.config.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.test import Client
    from django.urls import Resolver404, resolve

    from m4d.accounts.models import User
    from m4d.organisations.models import Membership, Organisation
    from m4d.plans import monitoring, selectors, starters
    from m4d.plans.document import STEPS, Actual

    owner, _ = User.objects.get_or_create(email="bench-owner@example.org")
    organisation, _ = Organisation.objects.get_or_create(
        key="bench-plans", defaults={"name": "Bench association", "type": "migrant_association"}
    )
    Membership.objects.get_or_create(user=owner, organisation=organisation, role="owner")
    plan = starters.import_plan(large_plan(), by=owner, organisation=organisation)
    monitoring.mark_funded(plan, by=owner)
    periods = monitoring.generate_periods(
        frequency="monthly", start=date(2027, 1, 1), months=PERIODS
    )
    monitoring.set_periods(
        plan, periods, frequency="monthly", start=date(2027, 1, 1), by=owner, base_revision=None
    )
    indicators = selectors.document_of(plan).logframe.indicators()
    for n, period in enumerate(periods):
        values = {
            i.id: Actual(indicator=i.id, period=period.id, value=n * 8 + len(i.id))
            for i in indicators
        }
        monitoring.record_actuals(plan, period.id, values, by=owner, base_revision=None)

    client = Client()
    client.force_login(owner)
    cookie = f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"

    paths = [f"/plans/{plan.pk}/"]
    for step in STEPS:
        path = f"/plans/{plan.pk}/{step}/"
        try:
            resolve(path)
        except Resolver404:
            continue  # a step page this version of the studio does not have yet
        paths.append(path)
    paths.append(f"/plans/{plan.pk}/monitoring/?period={periods[-1].id}")
    paths.append(f"/api/plans/{plan.pk}")
    paths = list(dict.fromkeys(paths))

    # The CPU time of each page in this process: unlike latencies, it does not grow when other
    # work shares the machine's cores.
    cpu = {}
    for path in paths:
        timings = []
        for _round in range(23):
            started = time.process_time()
            response = client.get(path, HTTP_HOST="localhost")
            timings.append((time.process_time() - started) * 1000)
            if response.status_code != 200:
                raise SystemExit(f"{path}: HTTP {response.status_code} in process")
        cpu[path] = statistics.median(timings[3:])

    review_p95 = None
    if importlib.util.find_spec("m4d.plans.review") is not None:
        from m4d.plans.review import review_plan

        document = selectors.document_of(plan)
        timings = []
        for _round in range(60):
            started = time.perf_counter()
            review_plan(document)
            timings.append((time.perf_counter() - started) * 1000)
        review_p95 = p95(timings[10:])
    return plan.pk, cookie, cpu, review_p95


def timed(host: str, port: int, path: str, count: int, cookie: str) -> list[float]:
    connection = http.client.HTTPConnection(host, port, timeout=60)
    headers = {"Accept-Encoding": "gzip", "Cookie": cookie}
    timings = []
    for index in range(count + 3):
        started = time.perf_counter()
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        response.read()
        elapsed = (time.perf_counter() - started) * 1000
        if response.status != 200:
            raise SystemExit(f"{path}: HTTP {response.status}")
        if index >= 3:  # warm-up
            timings.append(elapsed)
    connection.close()
    return timings


def concurrent(host: str, port: int, path: str, clients: int, count: int, cookie: str) -> float:
    """p95 over `clients` clients each sending `count` requests at the same time."""
    found: list[float] = []
    lock = threading.Lock()

    def run() -> None:
        timings = timed(host, port, path, count, cookie)
        with lock:
            found.extend(timings)

    threads = [threading.Thread(target=run) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return p95(found)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=100, help="sequential requests per page")
    parser.add_argument("--clients", type=int, default=4, help="concurrent clients")
    parser.add_argument("--per-client", type=int, default=25, help="requests per client")
    args = parser.parse_args()

    backend = (
        "postgresql" if os.environ.get("DATABASE_URL", "").startswith("postgres") else "sqlite"
    )
    env = dict(os.environ)
    data = ROOT / "bench" / "out" / f"plans-{backend}"
    shutil.rmtree(data, ignore_errors=True)
    data.mkdir(parents=True)
    if backend == "postgresql":  # a fresh database each run, as for SQLite
        from urllib.parse import urlsplit

        url = urlsplit(env["DATABASE_URL"])
        name = url.path.lstrip("/")
        admin = env["DATABASE_URL"].rsplit("/", 1)[0] + "/postgres"
        for sql in (f'DROP DATABASE IF EXISTS "{name}"', f'CREATE DATABASE "{name}"'):
            subprocess.run(["psql", admin, "-qc", sql], check=True)
    t0 = time.monotonic()
    plan_id, cookie, cpu, review_p95 = prepare(data, env)
    paths = list(cpu)
    print(f"prepared plan {plan_id} in {time.monotonic() - t0:.0f} s", file=sys.stderr)

    server, url, _ready = serve(data, env)
    host, port = "127.0.0.1", int(url.rsplit(":", 1)[1])
    rows = {}
    try:
        for path in ["/api/ping", *paths]:
            timings = timed(host, port, path, args.requests, cookie)
            busy = concurrent(host, port, path, args.clients, args.per_client, cookie)
            rows[path] = (statistics.median(timings), p95(timings), busy)
    finally:
        server.terminate()
        server.wait()

    ping_p50, _ping_p95, ping_busy = rows.pop("/api/ping")
    print(
        f"\n### {backend}: a plan of {PARTNERS} partners, {RESULTS * ACTIVITIES_PER_RESULT} "
        f"activities, {INDICATORS} indicators, {PERIODS} periods ({PERIODS * INDICATORS} actual "
        f"values); {args.requests} sequential requests, then {args.clients} clients × "
        f"{args.per_client}\n"
    )
    print(
        f"Bare endpoint `/api/ping`: p50 {ping_p50:.1f} ms, p95 with {args.clients} clients "
        f"{ping_busy:.1f} ms.\n"
    )
    print(
        f"| page | p50 ms | p95 ms | p95 / ping p50 | p95 ms, {args.clients} clients | "
        "… / ping's | ≤ 150 ms | CPU ms in process |"
    )
    print("| --- | ---: | ---: | ---: | ---: | ---: | :---: | ---: |")
    for path, (median, high, busy) in rows.items():
        shown = path.replace(str(plan_id), "<id>").split("?period")[0]
        if "?period" in path:
            shown += " (a period chosen)"
        ok = "yes" if high <= 150 else "**no**"
        print(
            f"| `{shown}` | {median:.1f} | {high:.1f} | {high / ping_p50:.1f}× | {busy:.1f} | "
            f"{busy / ping_busy:.1f}× | {ok} | {cpu[path]:.1f} |"
        )
    if review_p95 is not None:
        print(
            f"\n- `review_plan` on this plan, in one process: p95 {review_p95:.1f} ms (target 200 ms)"
        )
    else:
        print("\n- `m4d.plans.review` is not in this version: no review time.")


if __name__ == "__main__":
    main()
