"""Reads for organisations: filtered lists and co-partners."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.db.models.expressions import RawSQL
from django.utils.translation import gettext_lazy as _

from m4d.core import search
from m4d.organisations.models import Organisation
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


def filter_organisations(filters: OrganisationFilters) -> QuerySet[Organisation]:
    """Matching organisations. Sorting by name needs no project counts (see `with_project_counts`),
    which keeps the list fast on a large directory; sorting by number of projects counts them all."""
    organisations = Organisation.objects.select_related("country")
    if filters.q:
        matching = search.matching_ids_sql(filters.q, "organisation")
        if matching is not None:
            organisations = organisations.filter(pk__in=RawSQL(*matching))
    if filters.country:
        organisations = organisations.filter(country=filters.country)
    if filters.type:
        organisations = organisations.filter(type=filters.type)
    if filters.sort == "-projects":
        return organisations.annotate(project_count=Count("partnerships")).order_by(
            "-project_count", "name_fr", "pk"
        )
    return organisations.order_by("name_fr", "pk")


def with_project_counts(organisations) -> list[Organisation]:
    """Set `project_count` on each organisation of a page (one grouped query)."""
    organisations = list(organisations)
    missing = [o.pk for o in organisations if not hasattr(o, "project_count")]
    counts = dict(
        Organisation.objects.filter(pk__in=missing)
        .annotate(n=Count("partnerships"))
        .values_list("pk", "n")
    )
    for organisation in organisations:
        if organisation.pk in counts:
            organisation.project_count = counts[organisation.pk]
    return organisations


def co_partners(organisation: Organisation) -> QuerySet[Organisation]:
    """Organisations that share at least one project with this one, most shared first."""
    projects = organisation.partnerships.values("project")
    return (
        Organisation.objects.filter(partnerships__project__in=projects)
        .exclude(pk=organisation.pk)
        .annotate(shared=Count("partnerships", filter=Q(partnerships__project__in=projects)))
        .select_related("country")
        .order_by("-shared", "name_fr")
    )
