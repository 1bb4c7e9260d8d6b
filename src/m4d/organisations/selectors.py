"""Reads for organisations: filtered lists, with the figures other apps register (projects), and
who acts for an organisation."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.db.models.expressions import RawSQL
from django.utils.translation import gettext_lazy as _

from m4d.accounts.roles import is_editor
from m4d.core import figures, search
from m4d.core.permissions import can
from m4d.organisations.models import ClaimRequest, Membership, Organisation
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
    for the system). Sorting by name needs no project counts (see `with_project_counts`),
    which keeps the list fast on a large directory; sorting by number of projects counts them all
    (the `project_count` figure, registered by the projects app)."""
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
    if filters.sort == "-projects":
        return figures.annotate(organisations, "project_count").order_by(
            "-project_count", "name", "pk"
        )
    return organisations.order_by("name", "pk")


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
