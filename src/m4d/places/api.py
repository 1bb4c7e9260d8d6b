"""Country endpoints."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import translation
from ninja import Query, Router, Schema
from pydantic import Field

from m4d.core.i18n import request_language
from m4d.places.selectors import countries_with_counts

router = Router(tags=["countries"])


class CountryItem(Schema):
    iso2: str
    iso3: str
    name: str
    name_en: str
    name_fr: str
    projects: int
    organisations: int
    url: str


class CountryParams(Schema):
    all: bool = Field(False, description="Include countries without projects")


@router.get(
    "",
    response=list[CountryItem],
    summary="Countries with their numbers of projects and organisations",
)
def list_countries(request: HttpRequest, params: Query[CountryParams]) -> list[dict[str, Any]]:
    with translation.override(request_language(request)):
        countries = countries_with_counts(include_empty=params.all)
        return [
            {
                "iso2": c.iso2,
                "iso3": c.iso3,
                "name": c.name,
                "name_en": c.name_en or "",
                "name_fr": c.name_fr or "",
                "projects": c.project_count,
                "organisations": c.organisation_count,
                "url": c.get_absolute_url(),
            }
            for c in countries
        ]
