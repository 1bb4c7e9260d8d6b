"""Ways to start a plan besides a blank one: from a registry project ("start from Sénégal-47":
its corridor, partners, capitals and toolbox options prefilled), or from an import document
(`m4d plan import`, `POST /api/plans`)."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from m4d.core import related
from m4d.organisations.models import Organisation
from m4d.plans import document as doc
from m4d.plans import services
from m4d.plans.importing import PlanImportError, read_plan
from m4d.plans.models import Plan
from m4d.projects.models import Project
from m4d.toolbox.models import Option


def links_for_project(project: Project) -> list[related.LinkGroup]:
    """The registry project page's link into the studio (`core.related`, registered in
    `PlansConfig.ready`): the same for everyone, so the page stays cacheable."""
    url = f"{reverse('plans:create')}?{urlencode({'from': project.code})}"
    return [
        related.LinkGroup(
            _("Design studio"), [related.Link(str(_("Start a plan from this project")), url)]
        )
    ]


def registry_project(user: Any, code: str) -> Project | None:
    """The published registry project with this code (or address slug), if `user` may see it."""
    code = code.strip()
    return (
        Project.objects.visible_to(user)
        .filter(status=Project.Status.PUBLISHED)
        .filter(Q(code__iexact=code) | Q(slug=code.lower()))
        .first()
    )


def document_from_project(project: Project) -> doc.PlanDocument:
    """A plan prefilled from a registry project: its title, summary and corridor (origin first),
    its partners (linked to their directory entries, with their role), capitals, and the toolbox
    options linked to it with their key issues as an open checklist."""
    project = Project.objects.with_relations().get(pk=project.pk)
    origin, destinations = project.origin, project.destinations
    options = list(Option.objects.filter(projects=project).order_by("section__order", "order"))
    roles = {link.organisation_id: link.role for link in project.partnerships.all()}
    partners = [
        doc.Partner(
            name=organisation.name,
            organisation=organisation.pk,
            country=organisation.country.iso2 if organisation.country else "",
            type=organisation.type,
            role=roles.get(organisation.pk, ""),
            migrant_organisation=organisation.type == Organisation.Type.MIGRANT_ASSOCIATION,
        )
        for organisation in project.ordered_partners
    ]
    return doc.PlanDocument(
        context=doc.Context(
            title=project.title[:300],
            summary=project.summary[:5000],
            origin=doc.Place(country=origin.iso2 if origin else ""),
            destinations=[doc.Place(country=country.iso2) for country in destinations[:20]],
        ),
        capitals=doc.Capitals.model_validate(
            {
                "capitals": project.capital_values,
                "options": [option.key for option in options],
                "key_issues": [
                    {"option": option.key, "issue": number}
                    for option in options
                    for number in range(len(option.key_issues))
                ],
            }
        ),
        partnership=doc.Partnership(partners=partners),
    )


def start_plan(
    *, by: Any, organisation: Organisation, title: str, project: Project | None = None
) -> Plan:
    """A new plan of `organisation`: blank, or prefilled from `project` (which it remembers)."""
    if project is None:
        return services.create_plan(by=by, organisation=organisation, title=title)
    return services.create_plan(
        by=by,
        organisation=organisation,
        title=title,
        document=document_from_project(project),
        source_project=project,
        note=_("Started from %(code)s") % {"code": project.code},
    )


def default_organisation(user: Any) -> Organisation | None:
    """The organisation a script's plan belongs to when it names none: the caller's first."""
    membership = (
        user.memberships.select_related("organisation").order_by("created_at", "pk").first()
    )
    return membership.organisation if membership else None


def _located(message: str) -> tuple[str, str]:
    # The import names a problem "path: message"; a message without a path is about the document.
    path, separator, rest = message.partition(": ")
    return (path, rest) if separator and " " not in path else ("", message)


def import_plan(data: Any, *, by: Any, organisation: Organisation | None = None) -> Plan:
    """A new plan from an import document (`importing.read_plan`), of `organisation` or else of
    the caller's first one. Raises `services.InvalidStep` listing every problem by path, or
    `services.PlanError`; nothing is written then."""
    try:
        document = read_plan(data)
    except PlanImportError as error:
        raise services.InvalidStep([_located(message) for message in error.errors]) from error
    organisation = organisation or default_organisation(by)
    if organisation is None:
        raise services.PlanError(
            _("A plan belongs to an organisation: %(email)s acts for none.") % {"email": by.email}
        )
    return services.create_plan(
        by=by,
        organisation=organisation,
        title=document.context.title,
        document=document,
        note=_("Imported"),
    )
