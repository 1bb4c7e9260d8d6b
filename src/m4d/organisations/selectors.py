"""Reads for organisations: filtered lists, with the figures other apps register (projects)."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import QuerySet
from django.db.models.expressions import RawSQL

from m4d.core import figures, search
from m4d.organisations.models import Organisation
from m4d.places.models import Country


def filter_organisations(
    *, q: str = "", country: Country | None = None, type: str = "", sort: str = "name"
) -> QuerySet[Organisation]:
    """Matching organisations. Sorting by name needs no project counts (see `with_project_counts`),
    which keeps the list fast on a large directory; sorting by number of projects counts them all
    (the `project_count` figure, registered by the projects app)."""
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
        return figures.annotate(organisations, "project_count").order_by(
            "-project_count", "name_fr", "pk"
        )
    return organisations.order_by("name_fr", "pk")


def with_project_counts(organisations: Iterable[Organisation]) -> list[Organisation]:
    """Set the registered figures (`project_count`) on each organisation of a page (one query)."""
    return figures.set_on(organisations)
