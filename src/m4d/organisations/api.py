"""Organisation directory endpoints. One organisation with its projects and co-partners
(`GET /api/organisations/{id}`) is served by the projects app (`projects/organisation_api.py`)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import translation
from ninja import Query, Router, Schema
from pydantic import Field

from m4d.core.filters import api_parameter
from m4d.core.i18n import request_language
from m4d.organisations.forms import OrganisationFilterForm
from m4d.organisations.models import Organisation
from m4d.organisations.selectors import (
    DEFAULT_SORT,
    SORTS,
    filter_organisations,
    with_project_counts,
)

router = Router(tags=["organisations"])


class OrganisationItem(Schema):
    id: int
    name: str = Field(description="Official name, as the organisation writes it, in every language")
    gloss: str = Field(description="What the name means in the requested language, or empty")
    type: str
    type_label: str
    country: str | None
    projects: int
    url: str


class OrganisationPage(Schema):
    count: int
    items: list[OrganisationItem]


class OrganisationParams(Schema):
    """The directory's filters, validated by `OrganisationFilterForm` as on the page."""

    q: str = api_parameter(OrganisationFilterForm, "q", "Words to find in names")
    country: str = api_parameter(
        OrganisationFilterForm, "country", "ISO alpha-2/alpha-3 code or a French/English name"
    )
    type: str = api_parameter(
        OrganisationFilterForm, "type", "One of: " + ", ".join(Organisation.Type.values)
    )
    sort: str = api_parameter(
        OrganisationFilterForm, "sort", "One of: " + ", ".join(SORTS), default=DEFAULT_SORT
    )
    limit: int = Field(20, ge=1, le=200)
    offset: int = Field(0, ge=0, le=10_000_000)


def organisation_item(org: Organisation, project_count: int | None = None) -> dict:
    """Build inside `translation.override(language)`: the gloss is the one in that language."""
    return {
        "id": org.pk,
        "name": org.name,
        "gloss": org.gloss,
        "type": org.type,
        "type_label": str(org.get_type_display()),
        "country": org.country.iso2 if org.country is not None else None,
        "projects": project_count
        if project_count is not None
        else getattr(org, "project_count", 0),
        "url": org.get_absolute_url(),
    }


@router.get("", response=OrganisationPage, summary="List and filter organisations")
def list_organisations(request: HttpRequest, params: Query[OrganisationParams]) -> dict[str, Any]:
    with translation.override(request_language(request)):
        form = OrganisationFilterForm.from_params(params.dict(exclude={"limit", "offset"}))
        filters = form.filters()
        if filters is None:
            raise form.api_error()
        organisations = filter_organisations(
            filters, among=Organisation.objects.visible_to(request.user)
        )
        page = with_project_counts(organisations[params.offset : params.offset + params.limit])
        return {"count": organisations.count(), "items": [organisation_item(o) for o in page]}
