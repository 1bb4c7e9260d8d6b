"""Small typed factories: each test builds the records it needs instead of leaning on the shipped data.

Every factory takes keyword overrides and fills the rest with unique, valid values. Countries are
the ISO list loaded for every test database, so factories look them up rather than create them.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import Any

from m4d.accounts.models import User
from m4d.organisations.models import Invitation, Membership, Organisation
from m4d.places.models import Country
from m4d.plans.models import Collaborator, Plan, PlanInvitation
from m4d.projects.models import Partnership, Project, ProjectCapital, ProjectCountry
from m4d.toolbox.models import KeyIssueTick, Option

PASSWORD = "correct horse battery staple"
_sequence = itertools.count(1)


def country(iso2: str) -> Country:
    """One of the ISO countries every test database holds."""
    return Country.objects.get(iso2=iso2.upper())


def make_user(
    email: str = "", *, role: str = "member", password: str = PASSWORD, **fields: Any
) -> User:
    email = email or f"person{next(_sequence)}@example.org"
    return User.objects.create_user(email=email, password=password, role=role, **fields)


def make_organisation(
    name: str = "", *, country_code: str = "SN", type: str = Organisation.Type.NGO, **fields: Any
) -> Organisation:
    n = next(_sequence)
    name = name or f"Test organisation {n}"
    values: dict[str, Any] = {
        "key": f"test-organisation-{n}",
        "name": name,
        "type": type,
        "country": country(country_code) if country_code else None,
        "source": Organisation.Source.EDITOR,
    }
    values.update(fields)
    return Organisation.objects.create(**values)


def make_membership(
    user: User, organisation: Organisation, role: str = Membership.Role.MEMBER
) -> Membership:
    return Membership.objects.create(user=user, organisation=organisation, role=role)


def make_invitation(
    organisation: Organisation,
    email: str = "",
    *,
    role: str = Membership.Role.MEMBER,
    invited_by: User | None = None,
    **fields: Any,
) -> Invitation:
    """A pending invitation, as if sent just now (no e-mail: use the service for that)."""
    return Invitation.objects.create(
        organisation=organisation, **_sent_now(email, role, invited_by, fields)
    )


def _sent_now(email: str, role: str, invited_by: User | None, fields: Any) -> dict[str, Any]:
    from django.utils import timezone

    values: dict[str, Any] = {
        "email": email or f"invited{next(_sequence)}@example.org",
        "role": role,
        "invited_by": invited_by,
        "sends": 1,
        "sent_at": timezone.now(),
    }
    return {**values, **fields}


def make_project(
    title: str = "",
    *,
    code: str = "",
    countries: Sequence[str] = ("SN", "FR"),
    partners: Sequence[Organisation] = (),
    capitals: Sequence[str] = ("social",),
    summary: str = "",
    **fields: Any,
) -> Project:
    """A project with countries (ISO codes, origin first), partners and capitals, in that order.

    Written with the ORM, not a service, so that tests of the services start from known rows; call
    `m4d.core.search.reindex("project", [p.pk])` when a test needs it in the search index.
    """
    n = next(_sequence)
    code = code or f"Test-{1000 + n}"
    title = title or f"Test project {n}"
    values: dict[str, Any] = {
        "code": code,
        "slug": code.lower(),
        "title": title,
        "title_fr": title,
        "title_en": title,
        "summary_fr": summary,
        "summary_en": summary,
        "source": Project.Source.EDITOR,
    }
    values.update(fields)
    project = Project.objects.create(**values)
    for position, iso2 in enumerate(countries):
        ProjectCountry.objects.create(project=project, country=country(iso2), position=position)
    for position, organisation in enumerate(partners):
        Partnership.objects.create(project=project, organisation=organisation, position=position)
    for capital in capitals:
        ProjectCapital.objects.create(project=project, capital=capital)
    return project


# Organisation logos (issue 7): an upload as a browser sends it; give it to the services (or a
# form), which check and re-encode it, never to `Organisation.objects.create`.
def make_logo_upload(
    name: str = "logo.png", size: tuple[int, int] = (900, 300), fmt: str = "PNG"
) -> Any:
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", size, "#c0392b").save(buffer, fmt)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def make_key_issue_tick(
    user: User, *, option: Option | None = None, issue: int = 0
) -> KeyIssueTick:
    """`user` ticks key issue `issue` of `option` (the first shipped option by default)."""
    option = option or Option.objects.order_by("key").first()
    return KeyIssueTick.objects.create(user=user, option=option, issue=issue)


def make_plan(
    owner: User,
    *,
    organisation: Organisation | None = None,
    title: str = "",
    document: Any = None,
    team: dict[User, str] | None = None,
) -> Plan:
    """A plan of `organisation` (the owner's first one by default, or a new one she owns), made by
    the service so that every step exists; `team` adds collaborators by role."""
    from m4d.plans import services as plan_services

    if organisation is None:
        membership = owner.memberships.select_related("organisation").first()
        if membership is None:
            organisation = make_organisation()
            make_membership(owner, organisation, role=Membership.Role.OWNER)
        else:
            organisation = membership.organisation
    elif not organisation.memberships.filter(user=owner).exists():
        make_membership(owner, organisation, role=Membership.Role.OWNER)
    plan = plan_services.create_plan(
        by=owner,
        organisation=organisation,
        title=title or f"Test plan {next(_sequence)}",
        document=document,
    )
    for user, role in (team or {}).items():
        Collaborator.objects.create(plan=plan, user=user, role=role)
    return plan


def make_plan_invitation(
    plan: Plan,
    email: str = "",
    *,
    role: str = Collaborator.Role.EDITOR,
    invited_by: User | None = None,
    **fields: Any,
) -> PlanInvitation:
    """A pending invitation to a plan, as if sent just now (no e-mail: use the service)."""
    return PlanInvitation.objects.create(plan=plan, **_sent_now(email, role, invited_by, fields))
