"""Reads for organisations: filtered lists and co-partners."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet
from django.db.models.expressions import RawSQL

from m4d.core import search
from m4d.organisations.models import Organisation
from m4d.places.models import Country


def filter_organisations(*, q: str = "", country: Country | None = None, type: str = "", sort: str = "name") -> QuerySet[Organisation]:
    organisations = Organisation.objects.select_related("country").annotate(project_count=Count("partnerships"))
    if q:
        matching = search.matching_ids_sql(q, "organisation")
        if matching is not None:
            organisations = organisations.filter(pk__in=RawSQL(*matching))
    if country:
        organisations = organisations.filter(country=country)
    if type:
        organisations = organisations.filter(type=type)
    order = {"name": ("name_fr", "pk"), "-projects": ("-project_count", "name_fr")}.get(sort, ("name_fr", "pk"))
    return organisations.order_by(*order)


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
