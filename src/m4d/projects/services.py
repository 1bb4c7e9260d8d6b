"""Writes for the project registry: loading the shipped portfolio, saving projects."""

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
from m4d.organisations import services as organisation_services
from m4d.organisations.models import Organisation
from m4d.places.models import Country
from m4d.projects.models import (
    Capital,
    Partnership,
    Project,
    ProjectCapital,
    ProjectCountry,
)

DATA_DIR = Path(__file__).parent / "data"
PROJECTS_FILE = DATA_DIR / "projects.yaml"
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


def registry_files() -> list[Path]:
    return [organisation_services.DATA_FILE, PROJECTS_FILE]


def load_registry() -> None:
    """Organisations and projects, checked before anything is written (the "registry" loader)."""
    org_records = organisation_services.read_organisations(organisation_services.DATA_FILE)
    project_records = read_projects({r["key"] for r in org_records}, PROJECTS_FILE)
    by_key = organisation_services.load_organisations(org_records)
    load_projects(project_records, by_key)


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
