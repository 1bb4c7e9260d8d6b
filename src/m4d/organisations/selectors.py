"""Reads for organisations: filtered lists, with the figures other apps register (projects), who
acts for an organisation, invitation links, and the organisation a person acts for."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.db.models.expressions import RawSQL
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from m4d.accounts.roles import is_editor
from m4d.core import figures, invitations, search
from m4d.core.invitations import InvitationLink
from m4d.core.permissions import can
from m4d.organisations.models import ClaimRequest, Invitation, Membership, Organisation
from m4d.places.models import Country

# The only list of directory sorts: the filter form's choices read it.
SORTS = {"name": _("Name"), "-projects": _("Most projects")}
DEFAULT_SORT = "name"


@dataclass
class OrganisationFilters:
    """Validated filters of the directory (see `OrganisationFilterForm`, which builds them)."""

    q: str = ""
    country: Country | None = None
    type: str = ""
    sort: str = DEFAULT_SORT


def filter_organisations(
    filters: OrganisationFilters, *, among: QuerySet[Organisation] | None = None
) -> QuerySet[Organisation]:
    """Matching organisations, among those given (the requester's `visible_to(user)`; all of them
    for the system), sorted in the database. Sorting by name needs no project counts (see
    `with_project_counts`), which keeps the list fast on a large directory; sorting by number of
    projects counts them all (the `project_count` figure, registered by the projects app)."""
    organisations = (Organisation.objects.all() if among is None else among).select_related(
        "country"
    )
    if filters.q:
        matching = search.matching_ids_sql(filters.q, "organisation")
        if matching is not None:
            organisations = organisations.filter(pk__in=RawSQL(*matching))
    if filters.country:
        organisations = organisations.filter(country=filters.country)
    if filters.type:
        organisations = organisations.filter(type=filters.type)
    # Names sorted as people sort them, on every database: by their stored collation key.
    by_name = ("name_sort_key", "pk")
    if filters.sort == "-projects":
        return figures.annotate(organisations, "project_count").order_by("-project_count", *by_name)
    return organisations.order_by(*by_name)


def with_project_counts(organisations: Iterable[Organisation]) -> list[Organisation]:
    """Set the registered figures (`project_count`) on each organisation of a page (one query)."""
    return figures.set_on(organisations)


def members_shown_to(user: Any, organisation: Organisation) -> list[Membership]:
    """The organisation's members (owners first), for its own members only: others get []."""
    if not getattr(user, "is_authenticated", False):
        return []
    memberships = organisation.memberships.select_related("user")
    if not memberships.filter(user=user).exists():
        return []
    order = {role: n for n, role in enumerate(Membership.Role.values)}
    return sorted(memberships, key=lambda m: (order[m.role], m.user.email))


# Members' workflow: invitation links, the members page, the organisation a person acts for.

INVITATION_SALT = "m4d.organisations.invitation"
ACTING_SESSION_KEY = "m4d_acting_organisation"


def invitation_token(invitation: Invitation) -> str:
    return invitations.link_token(invitation, salt=INVITATION_SALT)


def invitation_expires_at(invitation: Invitation) -> datetime.datetime | None:
    return invitations.expires_at(invitation)


def invitation_from_token(token: str) -> tuple[InvitationLink, Invitation | None]:
    """The invitation a link names and whether it can still be accepted."""
    return invitations.from_token(
        token,
        salt=INVITATION_SALT,
        invitations=Invitation.objects.select_related("organisation", "invited_by"),
    )


def pending_invitations(organisation: Organisation) -> QuerySet[Invitation]:
    return invitations.pending(organisation.invitations.select_related("invited_by"))


def members_of(organisation: Organisation) -> list[Membership]:
    """The organisation's members, owners first, then by e-mail address."""
    order = {role: n for n, role in enumerate(Membership.Role.values)}
    memberships = organisation.memberships.select_related("user")
    return sorted(memberships, key=lambda m: (order[m.role], m.user.email))


def acting_organisation(request: HttpRequest) -> Organisation | None:
    """The organisation the signed-in person acts for: the one they chose (kept in the session)
    if they are still its member, else their first membership; None without one."""
    if hasattr(request, "_m4d_acting_organisation"):
        cached: Organisation | None = getattr(request, "_m4d_acting_organisation")  # noqa: B009
        return cached
    found: Organisation | None = None
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        memberships = list(
            Membership.objects.filter(user=user)
            .select_related("organisation")
            .order_by("created_at", "pk")
        )
        chosen = request.session.get(ACTING_SESSION_KEY) if hasattr(request, "session") else None
        found = next(
            (m.organisation for m in memberships if m.organisation_id == chosen),
            memberships[0].organisation if memberships else None,
        )
    request._m4d_acting_organisation = found  # type: ignore[attr-defined]
    return found


def acting_choices(request: HttpRequest) -> list[Organisation]:
    """The organisations the signed-in person may act for (the header's choice), by name."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return []
    return list(Organisation.objects.filter(memberships__user=user).order_by("name", "pk"))


# Claims and merges.


def merged_target(pk: int) -> Organisation | None:
    """The record a merged organisation's address leads to (following merges of merges), or None
    when `pk` is not a merged record."""
    seen: set[int] = set()
    org = Organisation.objects.filter(pk=pk, merged_into__isnull=False).first()
    while org is not None and org.merged_into_id is not None and org.pk not in seen:
        seen.add(org.pk)
        org = Organisation.objects.filter(pk=org.merged_into_id).first()
    return org if org is not None and org.merged_into_id is None else None


def pending_claims() -> QuerySet[ClaimRequest]:
    """The editors' queue: pending claims on records still shown, newest first."""
    return (
        ClaimRequest.objects.filter(
            status=ClaimRequest.Status.PENDING, organisation__merged_into__isnull=True
        )
        .select_related("organisation__country", "claimant")
        .order_by("-created_at", "-pk")
    )


def claim_and_merge_actions(user: Any, organisation: Organisation) -> dict[str, Any]:
    """What the organisation page offers `user` about claims and merges."""
    signed_in = bool(getattr(user, "is_authenticated", False))
    has_owner = organisation.memberships.filter(role=Membership.Role.OWNER).exists()
    is_member = signed_in and organisation.memberships.filter(user=user).exists()
    claims = (
        list(organisation.claims.filter(claimant=user).order_by("-created_at", "-pk")[:5])
        if signed_in
        else []
    )
    may_merge = can(user, "merge", organisation)
    return {
        "signed_in": signed_in,
        "has_owner": has_owner,
        "is_member": is_member,
        # Administrators may do anything a rule exists for; the service still refuses an
        # owned entry, so the page does not offer it.
        "may_claim": can(user, "claim", organisation) and not has_owner and not is_member,
        "my_claims": claims,
        "my_pending_claim": next((c for c in claims if c.is_pending), None),
        "may_merge": may_merge,
        "merges_in": (
            list(organisation.merges_in.select_related("merged", "merged_by")[:10])
            if may_merge
            else []
        ),
        "pending_claims": (
            organisation.claims.filter(status=ClaimRequest.Status.PENDING).count()
            if is_editor(user)
            else 0
        ),
    }


def merge_candidates(organisation: Organisation, query: str) -> list[Organisation]:
    """Records `organisation` could be merged into: those matching `query` (by default its own
    name), itself and merged records left out; at most 20."""
    among = Organisation.objects.filter(merged_into__isnull=True).exclude(pk=organisation.pk)
    filters = OrganisationFilters(q=query or organisation.name)
    return list(filter_organisations(filters, among=among)[:20])
