"""Loading the handbook's case studies (its boxes) from `toolbox/data/cases.yaml`.

Part of the toolbox loader: the file is checked against the registry's project codes (the registry
loads first), and options and building blocks are checked against the boxes read here.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.db import transaction

from m4d.core import search
from m4d.core.datafiles import RecordChecker, iter_records
from m4d.projects.models import Project
from m4d.toolbox.models import CaseStudy

CASES_FILE = Path(__file__).parent / "data" / "cases.yaml"


def read_cases(project_codes: set[str], path: Path | None = None) -> list[dict]:
    check = RecordChecker(path or CASES_FILE)
    boxes: set[Any] = set()  # as read, valid or not
    records = []
    for where, record in iter_records(check, what="case studies", id_field="box"):
        records.append(record)
        check.require(
            isinstance(record.get("box"), int) and record["box"] not in boxes,
            where,
            "box must be a unique number",
        )
        boxes.add(record.get("box"))
        code = record.get("project_code")
        check.require(code is None or code in project_codes, where, f"unknown project {code!r}")
        for field in ("title", "summary"):
            for lang in ("fr", "en"):
                check.require(
                    bool(record.get(f"{field}_{lang}")), where, f"{field}_{lang} is required"
                )
        for field in ("tools", "lessons"):
            check.require(
                len(record.get(f"{field}_fr") or []) == len(record.get(f"{field}_en") or []),
                where,
                f"{field}_fr and {field}_en must have the same number of items",
            )
    check.raise_if_any()
    return records


@transaction.atomic
def load_cases(records: list[dict]) -> dict[int, CaseStudy]:
    """Create or update every case study of the file; returns them by box number."""
    projects = {
        p.code: p
        for p in Project.objects.filter(
            code__in=[r["project_code"] for r in records if r.get("project_code")]
        )
    }
    cases = {}
    for record in records:
        values: dict[str, Any] = {
            "project": projects.get(record.get("project_code") or ""),
            "section": str(record.get("section") or ""),
            "cited_in": [str(s) for s in record.get("cited_in") or []],
            "citation": record.get("citation") or f"Box {record['box']}",
            "title": record["title_fr"],
        }
        for field in ("title", "summary", "what_was_done", "tools", "lessons"):
            default: Any = [] if field in ("tools", "lessons") else ""
            values[f"{field}_fr"] = record.get(f"{field}_fr") or default
            values[f"{field}_en"] = record.get(f"{field}_en") or default
        cases[record["box"]], _created = CaseStudy.objects.update_or_create(
            box=record["box"], defaults=values
        )
    search.reindex("case")
    # Projects hold their case studies' text (see `toolbox.search.case_study_words`).
    search.reindex("project", sorted({c.project_id for c in cases.values() if c.project_id}))
    return cases
