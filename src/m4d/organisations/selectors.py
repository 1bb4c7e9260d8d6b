"""Reads for organisations: filtered lists, with the figures other apps register (projects), and
who acts for an organisation."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.db.models.expressions import RawSQL
from django.utils.translation import gettext_lazy as _

from m4d.core import figures, search
from m4d.core.collation import SortedRecords, sort_key
from m4d.organisations.models import Membership, Organisation
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
) -> SortedRecords[Organisation]:
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
    # Names sorted as people sort them, on every database (core.collation).
    if filters.sort == "-projects":
        return SortedRecords(
            figures.annotate(organisations, "project_count"),
            ["project_count", "name"],
            lambda count, name: (-count, sort_key(name)),
        )
    return SortedRecords(organisations, ["name"], sort_key)


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
