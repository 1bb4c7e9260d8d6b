"""Undoing an IATI import in one step, published projects included (decision 0013).

An import records, on its audit entry (`projects.iati_imported`, key `undo`), the projects it
created, the state before of the projects it updated, and the organisations it created. Undoing
deletes the projects it created, puts the projects it updated back as they were, and deletes the
organisations it created; all in one transaction, each change audited, then
`projects.iati_import.undone` on the job. It is refused, naming what depends on the import, when a
project it wrote was edited since (publishing aside) or changed by a later import, or when an
organisation it created was changed since, has members, or is a partner of another project.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from m4d.core import audit
from m4d.core.models import AuditEntry, Job
from m4d.organisations import services as organisation_services
from m4d.organisations.models import Membership, Organisation
from m4d.places.models import Country
from m4d.projects import services
from m4d.projects.models import Partnership, Project

IMPORTED = "projects.iati_imported"
UNDONE = "projects.iati_import.undone"
# The project fields an import writes (`services.save_project`), put back by an undo.
RESTORED_FIELDS = (
    "title_fr",
    "title_en",
    "summary_fr",
    "summary_en",
    "website",
    "iati_identifier",
    "source",
    "start_date",
    "end_date",
    "migration_sector",
)
DATE_FIELDS = ("start_date", "end_date")


def state_before(project: Project) -> dict[str, Any]:
    """What an import is about to replace on an existing project, as JSON."""
    state: dict[str, Any] = {}
    for name in RESTORED_FIELDS:
        value = getattr(project, name)
        state[name] = value.isoformat() if isinstance(value, datetime.date) else value
    state["import_job"] = project.import_job_id
    links = project.partnerships.order_by("position")
    state["countries"] = list(
        project.project_countries.order_by("position").values_list("country__iso2", flat=True)
    )
    state["partners"] = list(links.values_list("organisation_id", flat=True))
    state["roles"] = {str(pk): role for pk, role in links.values_list("organisation_id", "role")}
    return state


@dataclass
class Journal:
    """What one import changed, written on its audit entry (`as_data`)."""

    created_projects: list[int] = field(default_factory=list)
    updated_projects: dict[str, dict[str, Any]] = field(default_factory=dict)
    created_organisations: list[int] = field(default_factory=list)
    # The last audit entry before the import: the import's own entries come after it.
    audit_from: int = field(
        default_factory=lambda: AuditEntry.objects.aggregate(n=Max("pk"))["n"] or 0
    )

    def before_update(self, project: Project) -> None:
        key = str(project.pk)
        if project.pk not in self.created_projects and key not in self.updated_projects:
            self.updated_projects[key] = state_before(project)

    def as_data(self) -> dict[str, Any]:
        return {
            "created_projects": self.created_projects,
            "updated_projects": self.updated_projects,
            "created_organisations": self.created_organisations,
            "audit_from": self.audit_from,
        }


@dataclass
class Plan:
    """What undoing an import would do, or why it cannot (`blockers`, one sentence each)."""

    job: Job
    delete: list[Project] = field(default_factory=list)
    restore: list[tuple[Project, dict[str, Any]]] = field(default_factory=list)
    organisations: list[Organisation] = field(default_factory=list)
    blockers: list[str] = field(default_factory=list)

    @property
    def restored(self) -> list[Project]:
        return [project for project, _state in self.restore]


def _entry(job: Job) -> AuditEntry | None:
    entries = audit.history(job).filter(action=IMPORTED).order_by("-pk")
    return entries.first()


def _undone_spans(entry: AuditEntry) -> list[tuple[int, int]]:
    """The audit entries of later imports that were undone since (written, then taken back)."""
    spans = []
    for undone in AuditEntry.objects.filter(action=UNDONE, pk__gt=entry.pk):
        imported = AuditEntry.objects.filter(
            action=IMPORTED, object_type=undone.object_type, object_id=undone.object_id
        ).first()
        if imported is not None and "audit_from" in imported.data.get("undo", {}):
            spans.append((imported.data["undo"]["audit_from"], undone.pk))
    return spans


def _changes_since(
    obj: Project | Organisation, entry: AuditEntry, spans: list[tuple[int, int]]
) -> list[AuditEntry]:
    """Entries written after the import: publishing (a status-only change) and what later
    imports wrote and then undid do not count."""
    later = audit.history(obj).filter(pk__gt=entry.pk).order_by("pk").select_related("actor")
    return [
        e
        for e in later
        if set(e.data) != {"status"} and not any(low < e.pk <= high for low, high in spans)
    ]


def _who(entry: AuditEntry) -> str:
    who = entry.actor.email if entry.actor else _("a command")
    return _("%(when)s by %(who)s") % {"when": f"{entry.created_at:%Y-%m-%d %H:%M}", "who": who}


def plan(job: Job) -> Plan:
    """What undoing `job` would delete and put back, with every reason it cannot be undone."""
    result = Plan(job)
    entry = _entry(job)
    if entry is None or "undo" not in entry.data:
        result.blockers.append(_("This import was made before imports could be undone."))
        return result
    if audit.history(job).filter(action=UNDONE).exists():
        result.blockers.append(_("This import has already been undone."))
        return result
    data = entry.data["undo"]
    spans = _undone_spans(entry)
    created = Project.objects.filter(pk__in=data["created_projects"]).order_by("code")
    updated = Project.objects.filter(pk__in=[int(pk) for pk in data["updated_projects"]])
    for project in [*created, *updated.order_by("code")]:
        if project.import_job_id != job.pk:
            result.blockers.append(
                _("Project %(code)s was changed since by a later import (job %(job)s).")
                % {"code": project.code, "job": project.import_job_id or "–"}
            )
        for change in _changes_since(project, entry, spans)[:1]:
            result.blockers.append(
                _("Project %(code)s was edited since (%(who)s).")
                % {"code": project.code, "who": _who(change)}
            )
    result.delete = list(created)
    for project in updated.order_by("code"):
        state = data["updated_projects"][str(project.pk)]
        missing = set(state["partners"]) - set(
            Organisation.objects.filter(pk__in=state["partners"]).values_list("pk", flat=True)
        )
        if missing:
            result.blockers.append(
                _("Project %(code)s cannot be put back: a partner it had was deleted since.")
                % {"code": project.code}
            )
        result.restore.append((project, state))
    written = [p.pk for p in result.delete] + [p.pk for p in result.restored]
    for org in Organisation.objects.filter(pk__in=data["created_organisations"]).order_by("name"):
        others = (
            Partnership.objects.filter(organisation=org)
            .exclude(project_id__in=written)
            .values_list("project__code", flat=True)
        )
        if others:
            result.blockers.append(
                _("Organisation %(name)s, created by this import, is now a partner of %(codes)s.")
                % {"name": org.name, "codes": ", ".join(sorted(others))}
            )
        if Membership.objects.filter(organisation=org).exists():
            result.blockers.append(
                _("Organisation %(name)s, created by this import, has members.")
                % {"name": org.name}
            )
        for change in _changes_since(org, entry, spans)[:1]:
            result.blockers.append(
                _("Organisation %(name)s, created by this import, was edited since (%(who)s).")
                % {"name": org.name, "who": _who(change)}
            )
        result.organisations.append(org)
    return result


@transaction.atomic
def undo_import(job: Job, *, by: Any) -> Plan:
    """Undo `job` as `plan` says, or raise ProjectError naming what depends on it (nothing
    written then)."""
    # Locked, so two editors clicking at once cannot both undo it.
    job = Job.objects.select_for_update().get(pk=job.pk)
    found = plan(job)
    if found.blockers:
        raise services.ProjectError(
            _("This import cannot be undone: %(reasons)s") % {"reasons": " ".join(found.blockers)}
        )
    codes = [project.code for project in found.delete]
    for project in found.delete:
        services.delete_project(project, by=by)
    for project, state in found.restore:
        _put_back(project, state, by=by)
    names = [org.name for org in found.organisations]
    for org in found.organisations:
        organisation_services.delete_organisation(org, by=by)
    audit.record(
        job,
        UNDONE,
        by=by,
        data={
            "deleted_projects": codes,
            "restored_projects": [p.code for p in found.restored],
            "deleted_organisations": names,
        },
    )
    return found


def _put_back(project: Project, state: dict[str, Any], *, by: Any) -> None:
    changes = {name: state[name] for name in RESTORED_FIELDS}
    for name in DATE_FIELDS:
        changes[name] = datetime.date.fromisoformat(changes[name]) if changes[name] else None
    changes["import_job"] = Job.objects.filter(pk=state["import_job"]).first()
    countries = {c.iso2: c for c in Country.objects.filter(iso2__in=state["countries"])}
    partners = Organisation.objects.in_bulk(state["partners"])
    services.update_project(
        project,
        by=by,
        changes=changes,
        countries=[countries[iso2] for iso2 in state["countries"] if iso2 in countries],
        partners=[partners[pk] for pk in state["partners"]],
        roles={int(pk): role for pk, role in state["roles"].items()},
    )
