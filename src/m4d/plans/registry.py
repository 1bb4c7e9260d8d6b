"""A funded plan in the registry: a project of source "plan" (code `PLAN-<id>`), with the plan's
partners (their directory entries, found or created by name), countries (the origin first) and
capitals, written through the projects' services so that it is audited and searchable. Made when
the plan is marked funded, brought up to date when an owner asks ("update the registry entry")."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from m4d.core import records
from m4d.organisations.models import Organisation
from m4d.organisations.services import match_or_create_organisation
from m4d.places.models import Country
from m4d.plans import document as doc
from m4d.plans import selectors, services
from m4d.plans.models import Plan
from m4d.projects import services as project_services
from m4d.projects.models import Partnership, Project

ROLE_LENGTH = Partnership._meta.get_field("role").max_length or 60


def registry_code(plan: Plan) -> str:
    return f"PLAN-{plan.pk}"


def _countries(document: doc.PlanDocument) -> list[Country]:
    codes = [document.context.origin.country] + [p.country for p in document.context.destinations]
    known = {c.iso2: c for c in Country.objects.filter(iso2__in=[c for c in codes if c])}
    return list(dict.fromkeys(known[code] for code in codes if code in known))


def _organisation(partner: doc.Partner, *, by: Any) -> Organisation:
    """The partner's directory entry: the one picked on the partnership step (or the record it
    was merged into), else one of the same name, else a new one."""
    found = (
        Organisation.objects.filter(pk=partner.organisation).first()
        if partner.organisation is not None
        else None
    )
    while found is not None and found.merged_into is not None:
        found = found.merged_into
    if found is not None:
        return found
    organisation, _created = match_or_create_organisation(
        name=partner.name,
        type=partner.type or Organisation.Type.OTHER,
        country=Country.objects.filter(iso2=partner.country).first() if partner.country else None,
        source=Organisation.Source.MEMBERS,
        by=by,
    )
    return organisation


@transaction.atomic
def sync_registry(plan: Plan, *, by: Any) -> Project:
    """Create or update the plan's registry project from its current content."""
    document = selectors.document_of(plan)
    partners = [
        (_organisation(partner, by=by), partner) for partner in document.partnership.partners
    ]
    values = {
        "title_fr": plan.title,
        "summary_fr": document.context.summary,
        "source": Project.Source.PLAN,
        "status": Project.Status.PUBLISHED,
    }
    links: dict[str, Any] = {
        "countries": _countries(document),
        "partners": [organisation for organisation, _partner in partners],
        "capitals": list(document.capitals.capitals),
        "roles": {org.pk: partner.role[:ROLE_LENGTH] for org, partner in partners},
    }
    if plan.project is None:
        project = project_services.create_project(
            by=by, changes={"code": registry_code(plan), **values}, **links
        )
        records.save_record(plan, {"project": project}, by=by, kind=None, error=services.PlanError)
        return project
    return project_services.update_project(plan.project, by=by, changes=values, **links)
