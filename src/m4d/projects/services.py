"""Writes for the project registry: loading the shipped portfolio and case studies, saving projects."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from m4d.core import audit, search
from m4d.core.datafiles import RecordChecker, iter_records
from m4d.lib.text import slugify_ascii
from m4d.organisations.models import Organisation
from m4d.places.models import Country
from m4d.projects.models import (
    Capital,
    CaseStudy,
    Partnership,
    Project,
    ProjectCapital,
    ProjectCountry,
)

DATA_DIR = Path(__file__).parent / "data"
PROJECTS_FILE = DATA_DIR / "projects.yaml"
CASES_FILE = DATA_DIR / "cases.yaml"
CODE_NUMBER = re.compile(r"-(\d+)$")


class ProjectError(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def code_number(code: str) -> int | None:
    match = CODE_NUMBER.search(code or "")
    return int(match.group(1)) if match else None


def read_projects(organisation_keys: set[str], path: Path = PROJECTS_FILE) -> list[dict]:
    check = RecordChecker(path)
    countries = set(Country.objects.values_list("iso2", flat=True))
    codes: set[str] = set()
    records = []
    for where, record in iter_records(check, what="projects", id_field="code"):
        records.append(record)
        code = record.get("code") or ""
        check.require(code_number(code) is not None, where, "code must end with -<number>")
        check.require(code not in codes, where, "duplicate code")
        codes.add(code)
        check.require(bool(record.get("title_fr")), where, "title_fr is required")
        check.require(bool(record.get("title_en")), where, "title_en is required")
        for key in record.get("partners") or []:
            check.require(
                key in organisation_keys, where, f"partner {key!r} is not in organisations.yaml"
            )
        check.require(bool(record.get("countries")), where, "at least one country is required")
        for iso2 in record.get("countries") or []:
            check.require(iso2 in countries, where, f"unknown country {iso2!r}")
        for capital in record.get("capitals") or []:
            check.require(capital in Capital.values, where, f"unknown capital {capital!r}")
    check.raise_if_any()
    return records


def read_cases(project_codes: set[str], path: Path = CASES_FILE) -> list[dict]:
    check = RecordChecker(path)
    boxes: set[int] = set()
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


def set_project_links(
    project: Project,
    *,
    countries: Sequence[Country],
    partners: Sequence[Organisation],
    capitals: Sequence[str],
) -> None:
    """Replace a project's countries, partners and capitals, keeping the given order."""
    project.project_countries.all().delete()
    ProjectCountry.objects.bulk_create(
        [
            ProjectCountry(project=project, country=c, position=i)
            for i, c in enumerate(dict.fromkeys(countries))
        ]
    )
    project.partnerships.all().delete()
    Partnership.objects.bulk_create(
        [
            Partnership(project=project, organisation=o, position=i)
            for i, o in enumerate(dict.fromkeys(partners))
        ]
    )
    project.capital_links.all().delete()
    ProjectCapital.objects.bulk_create(
        [ProjectCapital(project=project, capital=c) for c in dict.fromkeys(capitals)]
    )


@transaction.atomic
def load_projects(records: list[dict], organisations: dict[str, Organisation]) -> list[Project]:
    countries = {c.iso2: c for c in Country.objects.all()}
    projects = []
    for record in records:
        code = record["code"]
        values = {
            "slug": slugify_ascii(code),
            "number": code_number(code),
            "title": record["title_fr"],
            "title_fr": record["title_fr"],
            "title_en": record["title_en"],
            "summary_fr": record.get("summary_fr") or "",
            "summary_en": record.get("summary_en") or "",
            "sections": [str(s) for s in record.get("sections") or []],
            "source": Project.Source.HANDBOOK,
        }
        project, _created = Project.objects.update_or_create(code=code, defaults=values)
        set_project_links(
            project,
            countries=[countries[iso] for iso in record["countries"]],
            partners=[organisations[key] for key in record.get("partners") or []],
            capitals=record.get("capitals") or [],
        )
        projects.append(project)
    search.reindex("project", [p.pk for p in projects])
    return projects


@transaction.atomic
def load_cases(records: list[dict]) -> None:
    projects = {
        p.code: p
        for p in Project.objects.filter(
            code__in=[r["project_code"] for r in records if r.get("project_code")]
        )
    }
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
        CaseStudy.objects.update_or_create(box=record["box"], defaults=values)
    search.reindex("case")


@transaction.atomic
def save_project(
    *,
    code: str,
    title_fr: str,
    title_en: str = "",
    summary_fr: str = "",
    summary_en: str = "",
    countries: Sequence[Country] = (),
    partners: Sequence[Organisation] = (),
    capitals: Sequence[str] | None = None,
    iati_identifier: str = "",
    source: str = Project.Source.EDITOR,
    by: Any = None,
) -> Project:
    """Create or replace a project by code (used by the IATI import and editors).

    An existing project keeps its annex number, and its capitals when `capitals` is None.
    """
    code = code.strip()
    if not code:
        raise ProjectError(_("A project needs a code."))
    if not (title_fr or title_en):
        raise ProjectError(_("A project needs a title."))
    slug = slugify_ascii(code)[:150] or "project"
    clash = Project.objects.filter(slug=slug).exclude(code=code).exists()
    if clash:
        slug = f"{slug[:140]}-{hashlib.sha1(code.encode()).hexdigest()[:6]}"
    project, created = Project.objects.update_or_create(
        code=code,
        defaults={
            "slug": slug,
            "title": title_fr or title_en,
            "title_fr": title_fr or title_en,
            "title_en": title_en or "",
            "summary_fr": summary_fr,
            "summary_en": summary_en,
            "iati_identifier": iati_identifier,
            "source": source,
        },
    )
    if capitals is None:
        capitals = project.capital_values if not created else []
    set_project_links(project, countries=countries, partners=partners, capitals=capitals)
    search.reindex("project", [project.pk])
    audit.record(
        project, "project.created" if created else "project.updated", by=by, data={"source": source}
    )
    return project
