"""Organisation directory endpoints. One organisation with its projects and co-partners
(`GET /api/organisations/{id}`) is served by the projects app (`projects/organisation_api.py`)."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils import translation
from ninja import Query, Router, Schema
from ninja.errors import HttpError
from pydantic import Field

from m4d.core.i18n import request_language
from m4d.organisations.models import Organisation
from m4d.organisations.selectors import filter_organisations, with_project_counts
from m4d.places.selectors import find_country

router = Router(tags=["organisations"])


class OrganisationItem(Schema):
    id: int
    name: str
    type: str
    type_label: str
    country: str | None
    projects: int
    url: str


class OrganisationPage(Schema):
    count: int
    items: list[OrganisationItem]


class OrganisationParams(Schema):
    q: str = Field("", max_length=200)
    country: str = Field("", max_length=100)
    type: str = Field("", max_length=40)
    limit: int = Field(20, ge=1, le=200)
    offset: int = Field(0, ge=0, le=10_000_000)


def organisation_item(org: Organisation, project_count: int | None = None) -> dict:
    return {
        "id": org.pk,
        "name": org.name,
        "type": org.type,
        "type_label": str(org.get_type_display()),
        "country": org.country.iso2 if org.country_id else None,
        "projects": project_count
        if project_count is not None
        else getattr(org, "project_count", 0),
        "url": org.get_absolute_url(),
    }


@router.get("", response=OrganisationPage, summary="List and filter organisations")
def list_organisations(request: HttpRequest, params: Query[OrganisationParams]):
    country = None
    if params.country:
        country = find_country(params.country)
        if country is None:
            raise HttpError(422, f"Unknown country: {params.country}")
    if params.type and params.type not in Organisation.Type.values:
        raise HttpError(422, f"Unknown organisation type: {params.type}")
    with translation.override(request_language(request)):
        organisations = filter_organisations(q=params.q, country=country, type=params.type)
        page = with_project_counts(organisations[params.offset : params.offset + params.limit])
        return {"count": organisations.count(), "items": [organisation_item(o) for o in page]}
