"""Reads for places."""

from __future__ import annotations

from django.db.models import Q

from m4d.core import figures
from m4d.core.collation import sort_key
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


def countries_with_counts(*, include_empty: bool = False, sort: str = "name") -> list[Country]:
    """Countries with the figures other apps register for them (`project_count`, set by the
    projects app, and `organisation_count`, by organisations; 0 when absent). Without
    `include_empty`, only countries with projects."""
    countries = figures.set_on(Country.objects.all())
    for country in countries:
        for name in ("project_count", "organisation_count"):
            if not hasattr(country, name):
                setattr(country, name, 0)
    if not include_empty:
        countries = [c for c in countries if c.project_count]
    # Names in the active language, sorted for people (core.collation), whatever the database.
    if sort == "-projects":
        countries.sort(key=lambda c: (-c.project_count, sort_key(c.name)))
    else:
        countries.sort(key=lambda c: sort_key(c.name))
    return countries
