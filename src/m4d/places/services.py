"""Writes for places: loading the ISO 3166-1 country list with French and English names, and
editors' corrections of a country."""

from __future__ import annotations

import gettext
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pycountry
import yaml
from django.db import transaction

from m4d.core import records, search
from m4d.places.models import Country

NAMES_FILE = Path(__file__).parent / "data" / "countries.yaml"


class PlaceError(records.RecordError):
    """A change to the country list refused by its rules."""


def _country_rows() -> list[dict]:
    overrides = yaml.safe_load(NAMES_FILE.read_text(encoding="utf-8")) or {}
    french = gettext.translation(
        "iso3166-1", pycountry.LOCALES_DIR, languages=["fr"], fallback=True
    )
    rows = []
    for entry in pycountry.countries:
        english = getattr(entry, "common_name", None) or entry.name
        override = overrides.get(entry.alpha_2, {})
        aliases = {
            entry.name,
            getattr(entry, "official_name", entry.name),
            *override.get("aliases", []),
        }
        rows.append(
            {
                "iso2": entry.alpha_2,
                "iso3": entry.alpha_3,
                "numeric": entry.numeric,
                "name_en": override.get("name_en", english),
                "name_fr": override.get("name_fr", french.gettext(entry.name)),
                "aliases": sorted(a for a in aliases if a),
            }
        )
    return rows


@transaction.atomic
def load_countries() -> int:
    """Create or update every ISO country; safe to run at every start. Returns how many changed."""
    existing = {c.iso2: c for c in Country.objects.all()}
    changed = 0
    fields = ("iso3", "numeric", "name_en", "name_fr", "aliases")
    for row in _country_rows():
        country = existing.get(row["iso2"])
        if country is None:
            Country.objects.create(name=row["name_en"], **row)
            changed += 1
        elif any(getattr(country, f) != row[f] for f in fields):
            for field in fields:
                setattr(country, field, row[field])
            country.save()
            changed += 1
    return changed


def load_countries_and_index(*, force: bool = False) -> bool:
    """The shipped-data loader of places: True when countries changed (or when forced)."""
    if load_countries() or force:
        search.reindex("country")
        return True
    return False


@transaction.atomic
def create_country(*, by: Any, changes: Mapping[str, Any]) -> Country:
    """Add a country (ISO codes and names); audited as `places.country.created`."""
    return records.save_record(Country(), changes, by=by, kind="country", error=PlaceError)


@transaction.atomic
def update_country(country: Country, *, by: Any, changes: Mapping[str, Any]) -> Country:
    """Correct a country's names or aliases; the records whose search entries show its name (its
    organisations and projects) are re-indexed with it."""
    return records.save_record(country, changes, by=by, kind="country", error=PlaceError)


@transaction.atomic
def delete_country(country: Country, *, by: Any) -> None:
    """Remove a country nothing refers to (refused otherwise)."""
    records.delete_record(country, by=by, kind="country", error=PlaceError)
