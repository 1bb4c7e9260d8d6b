"""Writes for the project registry: loading the shipped portfolio, saving projects."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, TypeVar

from django.db import transaction
from django.utils.translation import gettext as _

from m4d.core import audit, records, search
from m4d.core.datafiles import RecordChecker, iter_records
from m4d.core.models import Job
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
    is_web_address,
)

DATA_DIR = Path(__file__).parent / "data"
PROJECTS_FILE = DATA_DIR / "projects.yaml"
CODE_NUMBER = re.compile(r"-(\d+)$")


T = TypeVar("T")


class ProjectError(records.RecordError):
    """A change to the registry refused by its rules."""


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
        check.require(
            is_web_address(record.get("website") or ""), where, "website must be an http(s) URL"
        )
    check.raise_if_any()
    return records


def set_project_links(
    project: Project,
    *,
    countries: Sequence[Country],
    partners: Sequence[Organisation],
    capitals: Sequence[str],
    roles: Mapping[int, str] | None = None,
) -> None:
    """Replace a project's countries, partners and capitals, keeping the given order.

    `roles` gives partners' roles by organisation id; without it a partner keeps the role it had.
    """
    if roles is None:
        roles = dict(project.partnerships.values_list("organisation_id", "role"))
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
            Partnership(project=project, organisation=o, position=i, role=roles.get(o.pk, ""))
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
            "website": record.get("website") or "",
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


def _links(project: Project) -> dict[str, Any]:
    """A project's links as the audit log shows them: ISO codes, organisation ids, capital keys."""
    return {
        "countries": list(
            project.project_countries.order_by("position").values_list("country__iso2", flat=True)
        ),
        "partners": list(
            project.partnerships.order_by("position").values_list("organisation_id", flat=True)
        ),
        "capitals": sorted(project.capital_links.values_list("capital", flat=True)),
        "roles": dict(project.partnerships.values_list("organisation_id", "role")),
    }


def _write(
    project: Project,
    changes: Mapping[str, Any],
    *,
    by: Any,
    countries: Sequence[Country] | None,
    partners: Sequence[Organisation] | None,
    capitals: Sequence[str] | None,
    roles: Mapping[int, str] | None,
) -> Project:
    values = dict(changes)
    if "code" in values:
        values["code"] = (values["code"] or "").strip()
        if not values["code"]:
            raise ProjectError(_("A project needs a code."))
        values.setdefault("slug", _free_slug(values["code"], project))
    title_fr = values.get("title_fr", project.title_fr) or ""
    title_en = values.get("title_en", project.title_en) or ""
    if not (title_fr.strip() or title_en.strip()):
        raise ProjectError(_("A project needs a title."))
    if not title_fr.strip():  # French is the original column; English falls back to it
        values["title_fr"] = title_en
    unknown = [c for c in capitals or () if c not in Capital.values]
    if unknown:
        raise ProjectError(_("Unknown capital: %(value)s") % {"value": ", ".join(unknown)})

    def links(saved: Project) -> dict[str, Any]:
        if countries is None and partners is None and capitals is None and roles is None:
            return {}
        before = _links(saved)
        current = Project.objects.with_relations().get(pk=saved.pk)
        set_project_links(
            saved,
            countries=_or_current(countries, current.ordered_countries),
            partners=_or_current(partners, current.ordered_partners),
            capitals=_or_current(capitals, current.capital_values),
            roles=roles,
        )
        after = _links(saved)
        return {name: value for name, value in after.items() if before[name] != value}

    return records.save_record(
        project, values, by=by, kind="project", error=ProjectError, then=links
    )


def _or_current(given: Sequence[T] | None, current: list[T]) -> Sequence[T]:
    return current if given is None else given


def _free_slug(code: str, project: Project) -> str:
    slug = slugify_ascii(code)[:150] or "project"
    if Project.objects.filter(slug=slug).exclude(pk=project.pk).exists():
        slug = f"{slug[:140]}-{hashlib.sha1(code.encode()).hexdigest()[:6]}"
    return slug


@transaction.atomic
def create_project(
    *,
    by: Any,
    changes: Mapping[str, Any],
    countries: Sequence[Country] = (),
    partners: Sequence[Organisation] = (),
    capitals: Sequence[str] = (),
    roles: Mapping[int, str] | None = None,
) -> Project:
    """Add a project (`changes` holds its field values, `code` and a title at least); audited as
    `projects.project.created`, searchable at once."""
    if "code" not in changes:
        raise ProjectError(_("A project needs a code."))
    return _write(
        Project(),
        changes,
        by=by,
        countries=countries,
        partners=partners,
        capitals=capitals,
        roles=roles or {},
    )


@transaction.atomic
def update_project(
    project: Project,
    *,
    by: Any,
    changes: Mapping[str, Any] | None = None,
    countries: Sequence[Country] | None = None,
    partners: Sequence[Organisation] | None = None,
    capitals: Sequence[str] | None = None,
    roles: Mapping[int, str] | None = None,
) -> Project:
    """Correct a project: the fields in `changes`, and the links given (None keeps them; the first
    country is the origin). Audited as `projects.project.updated` with what changed."""
    return _write(
        project,
        changes or {},
        by=by,
        countries=countries,
        partners=partners,
        capitals=capitals,
        roles=roles,
    )


@transaction.atomic
def delete_project(project: Project, *, by: Any) -> None:
    """Remove a project with its links; audited as `projects.project.deleted`."""
    records.delete_record(project, by=by, kind="project", error=ProjectError)


@transaction.atomic
def save_project(
    *,
    code: str,
    title_fr: str,
    title_en: str = "",
    summary_fr: str = "",
    summary_en: str = "",
    website: str = "",
    countries: Sequence[Country] = (),
    partners: Sequence[Organisation] = (),
    capitals: Sequence[str] | None = None,
    iati_identifier: str = "",
    source: str = Project.Source.EDITOR,
    import_job: Job | None = None,
    dates: Mapping[str, Any] | None = None,
    by: Any = None,
) -> Project:
    """Create or replace a project by code (the IATI import).

    An existing project keeps its annex number, its status, and its capitals when `capitals` is
    None. With `import_job`, the project remembers that import; one it creates is a draft, to be
    published or discarded on the import's review page. `dates` holds what the file says of
    `start_date`, `end_date` and `migration_sector` (fields it leaves out are kept).
    """
    changes: dict[str, Any] = {
        "title_fr": title_fr,
        "title_en": title_en or "",
        "summary_fr": summary_fr,
        "summary_en": summary_en,
        "website": website,
        "iati_identifier": iati_identifier,
        "source": source,
        **(dates or {}),
    }
    if import_job is not None:
        changes["import_job"] = import_job
    existing = Project.objects.filter(code=code.strip()).first() if code else None
    if existing is None:
        status = Project.Status.DRAFT if import_job is not None else Project.Status.PUBLISHED
        return create_project(
            by=by,
            changes={"code": code, "status": status, **changes},
            countries=countries,
            partners=partners,
            capitals=capitals or (),
        )
    return update_project(
        existing,
        by=by,
        changes=changes,
        countries=countries,
        partners=partners,
        capitals=capitals,
    )


# Review of an IATI import: its new projects arrive as drafts (`save_project`), seen by editors
# only; an editor publishes all or some of them, or discards the import. Projects the import only
# updated keep their status and the changes it made (their audit history shows them).


@transaction.atomic
def publish_import(job: Job, *, by: Any, codes: Sequence[str] | None = None) -> list[Project]:
    """Publish the import's drafts (those with the given codes, or all of them): each one audited
    as `projects.project.updated` and searchable at once; the import's entry records which."""
    drafts = Project.objects.drafts_of(job).order_by("code")
    if codes is not None:
        drafts = drafts.filter(code__in=codes)
    published = [
        update_project(project, by=by, changes={"status": Project.Status.PUBLISHED})
        for project in drafts
    ]
    if published:
        audit.record(
            job,
            "projects.iati_import.published",
            by=by,
            data={"codes": [p.code for p in published]},
        )
    return published


@transaction.atomic
def discard_import(job: Job, *, by: Any) -> list[str]:
    """Delete the import's remaining drafts (each audited as `projects.project.deleted`); what was
    published from it stays. Returns the codes deleted."""
    codes = []
    for project in Project.objects.drafts_of(job).order_by("code"):
        codes.append(project.code)
        delete_project(project, by=by)
    audit.record(job, "projects.iati_import.discarded", by=by, data={"codes": codes})
    return codes
