"""Reads for places."""

from __future__ import annotations

from django.db.models import Count, Q

from m4d.lib.text import fold
from m4d.places.models import Country


def find_country(value: str) -> Country | None:
    """A country by ISO alpha-2/alpha-3 code or by a French/English name or alias, accents ignored."""
    value = (value or "").strip()
    if not value:
        return None
    if len(value) in (2, 3) and value.isalpha():
        found = Country.objects.filter(Q(iso2__iexact=value) | Q(iso3__iexact=value)).first()
        if found:
            return found
    wanted = fold(value)
    for country in Country.objects.only("id", "iso2", "name_en", "name_fr", "aliases"):
        names = [country.name_en or "", country.name_fr or "", *country.aliases]
        if any(fold(name) == wanted for name in names):
            return country
    return None


def corridors(
    *, country: Country | None = None, limit: int = 50
) -> list[tuple[Country, Country, int]]:
    """(origin, destination, number of projects): a project's first country is its origin, the
    others its destinations. Restricted to corridors touching `country` when given."""
    from collections import Counter

    from m4d.projects.models import ProjectCountry  # projects sits after places; read-only use

    links = ProjectCountry.objects.order_by("project_id", "position").values_list(
        "project_id", "country_id"
    )
    if country is not None:
        touching = ProjectCountry.objects.filter(country=country).values("project_id")
        links = links.filter(project_id__in=touching)
    counter: Counter = Counter()
    origin_of: dict[int, int] = {}
    for project_id, country_id in links.iterator(chunk_size=5000):
        if project_id not in origin_of:
            origin_of[project_id] = country_id
        elif country is None or country.pk in (origin_of[project_id], country_id):
            counter[(origin_of[project_id], country_id)] += 1
    top = counter.most_common(limit)
    names = Country.objects.in_bulk({c for pair, _n in top for c in pair})
    return [(names[o], names[d], n) for (o, d), n in top]


def countries_with_counts(*, include_empty: bool = False, sort: str = "name") -> list[Country]:
    """Countries with `project_count` and `organisation_count` set.

    Two grouped queries: counting both relations in one query would join them into a cross product.
    """
    projects = dict(Country.objects.annotate(n=Count("project_links")).values_list("pk", "n"))
    organisations = dict(Country.objects.annotate(n=Count("organisations")).values_list("pk", "n"))
    countries = []
    for country in Country.objects.all():
        country.project_count = projects.get(country.pk, 0)
        country.organisation_count = organisations.get(country.pk, 0)
        if include_empty or country.project_count:
            countries.append(country)
    if sort == "-projects":
        countries.sort(key=lambda c: (-c.project_count, c.name))
    else:
        countries.sort(key=lambda c: c.name)
    return countries
