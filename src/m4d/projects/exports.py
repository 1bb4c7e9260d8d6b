"""Exports of the registry as CSV (opens in Excel), JSON and IATI 2.03 XML."""

from __future__ import annotations

import io
import itertools
import json
from collections.abc import Iterable
from typing import TYPE_CHECKING, BinaryIO

from django.http import HttpResponse
from django.utils import timezone, translation

from m4d.core.links import absolute_url
from m4d.lib import spreadsheet
from m4d.projects.models import Project, ProjectQuerySet
from m4d.projects.schemas import ProjectItem

if TYPE_CHECKING:
    from m4d.projects.iati import ActivityObserver

EXPORT_FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "json": "application/json",
    "iati": "application/xml",
}
EXTENSIONS = {"csv": "csv", "json": "json", "iati": "xml"}
CSV_COLUMNS = [
    "code",
    "title_fr",
    "title_en",
    "countries",
    "country_codes",
    "partners",
    "partner_types",
    "capitals",
    "sections",
    "summary",
    "website",
    "start_date",
    "end_date",
    "url",
]


def project_record(project: Project, language: str) -> dict:
    """One project as a plain dict: the API's item (`ProjectItem`), in `language`."""
    with translation.override(language):
        return ProjectItem.from_orm(project).dict()


def _batched(projects: ProjectQuerySet) -> Iterable[Project]:
    return projects.with_relations().iterator(chunk_size=1000)


def write_csv(
    projects: ProjectQuerySet,
    handle: BinaryIO,
    language: str,
    *,
    sep: str = ",",
    labels: bool = False,
) -> int:
    """The CSV export; `sep` separates columns ("," or ";" for Excel set to French), `labels`
    writes partner types and capitals as their names in `language` instead of their codes.
    Links are absolute, on M4D_BASE_URL."""
    with translation.override(language):
        rows = (_csv_row(p, labels=labels) for p in _batched(projects))  # a thousand at a time
        return spreadsheet.write_csv(itertools.chain([CSV_COLUMNS], rows), handle, sep=sep)


def _csv_row(p: Project, *, labels: bool = False) -> list[str]:
    partners = p.ordered_partners
    types = [str(o.get_type_display()) if labels else o.type for o in partners]
    capitals = [str(c) for c in p.capital_labels] if labels else p.capital_values
    return [
        p.code,
        p.title_fr or "",
        p.title_en or "",
        "; ".join(c.name for c in p.ordered_countries),
        "; ".join(c.iso2 for c in p.ordered_countries),
        "; ".join(o.name for o in partners),
        "; ".join(types),
        "; ".join(capitals),
        "; ".join(p.sections),
        p.summary,
        p.website,
        p.start_date.isoformat() if p.start_date else "",
        p.end_date.isoformat() if p.end_date else "",
        absolute_url(p.get_absolute_url()),
    ]


def write_json(projects: ProjectQuerySet, handle: BinaryIO, language: str) -> int:
    items = [project_record(p, language) for p in _batched(projects)]
    payload = {
        "generated": timezone.now().isoformat(),
        "language": language,
        "count": len(items),
        "items": items,
    }
    handle.write(json.dumps(payload, ensure_ascii=False, indent=1).encode("utf-8"))
    return len(items)


def export_projects(
    handle: BinaryIO,
    *,
    fmt: str,
    language: str = "en",
    projects: ProjectQuerySet | None = None,
    observer: ActivityObserver | None = None,
    sep: str = ",",
    labels: bool = False,
) -> int:
    """Write the registry's published projects (or `projects`) to `handle`; returns how many
    projects were written. `observer` sees each IATI activity (the pre-flight report); `sep`
    and `labels` are the CSV's options (see `write_csv`)."""
    if projects is None:
        projects = Project.objects.filter(status=Project.Status.PUBLISHED)
        projects = projects.order_by("number", "code")
    if fmt == "csv":
        return write_csv(projects, handle, language, sep=sep, labels=labels)
    if fmt == "json":
        return write_json(projects, handle, language)
    if fmt == "iati":
        from m4d.projects.iati import write_iati

        return write_iati(projects, handle, observer=observer)
    raise ValueError(f"unknown export format {fmt!r}")


def export_response(
    projects: ProjectQuerySet,
    *,
    fmt: str,
    language: str,
    observer: ActivityObserver | None = None,
    sep: str = ",",
    labels: bool = False,
) -> HttpResponse:
    buffer = io.BytesIO()
    export_projects(
        buffer,
        fmt=fmt,
        language=language,
        projects=projects,
        observer=observer,
        sep=sep,
        labels=labels,
    )
    response = HttpResponse(buffer.getvalue(), content_type=EXPORT_FORMATS[fmt])
    stamp = timezone.now().strftime("%Y%m%d")
    response["Content-Disposition"] = (
        f'attachment; filename="m4d-projects-{stamp}.{EXTENSIONS[fmt]}"'
    )
    return response
