"""Country endpoints."""

from __future__ import annotations

from django.db.models import Count
from django.http import HttpRequest
from django.utils import translation
from ninja import Query, Router, Schema
from pydantic import Field

from m4d.core.i18n import request_language
from m4d.places.models import Country

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


@router.get("", response=list[CountryItem], summary="Countries with their numbers of projects and organisations")
def list_countries(request: HttpRequest, params: Query[CountryParams]):
    countries = Country.objects.annotate(
        project_count=Count("project_links", distinct=True), organisation_count=Count("organisations", distinct=True)
    )
    if not params.all:
        countries = countries.filter(project_count__gt=0)
    with translation.override(request_language(request)):
        return [
            {
                "iso2": c.iso2, "iso3": c.iso3, "name": c.name, "name_en": c.name_en or "", "name_fr": c.name_fr or "",
                "projects": c.project_count, "organisations": c.organisation_count, "url": c.get_absolute_url(),
            }
            for c in countries.order_by("name")
        ]
