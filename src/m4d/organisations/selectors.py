"""Reads for organisations: filtered lists and co-partners."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet
from django.db.models.expressions import RawSQL

from m4d.core import search
from m4d.organisations.models import Organisation
from m4d.places.models import Country


def filter_organisations(
    *, q: str = "", country: Country | None = None, type: str = "", sort: str = "name"
) -> QuerySet[Organisation]:
    """Matching organisations. Sorting by name needs no project counts (see `with_project_counts`),
    which keeps the list fast on a large directory; sorting by number of projects counts them all."""
    organisations = Organisation.objects.select_related("country")
    if q:
        matching = search.matching_ids_sql(q, "organisation")
        if matching is not None:
            organisations = organisations.filter(pk__in=RawSQL(*matching))
    if country:
        organisations = organisations.filter(country=country)
    if type:
        organisations = organisations.filter(type=type)
    if sort == "-projects":
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
