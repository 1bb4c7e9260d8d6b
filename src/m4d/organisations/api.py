"""Organisation directory endpoints."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils import translation
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema
from ninja.errors import HttpError
from pydantic import Field

from m4d.core.filters import api_parameter
from m4d.core.i18n import request_language
from m4d.organisations.forms import OrganisationFilterForm
from m4d.organisations.models import Organisation
from m4d.organisations.selectors import (
    DEFAULT_SORT,
    SORTS,
    co_partners,
    filter_organisations,
    with_project_counts,
)

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


class ProjectRef(Schema):
    code: str
    title: str
    url: str


class OrganisationDetail(OrganisationItem):
    iati_identifier: str
    project_list: list[ProjectRef]
    co_partners: list[OrganisationItem]


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
    with translation.override(request_language(request)):
        form = OrganisationFilterForm.from_params(params.dict(exclude={"limit", "offset"}))
        filters = form.filters()
        if filters is None:
            raise form.api_error()
        organisations = filter_organisations(filters)
        page = with_project_counts(organisations[params.offset : params.offset + params.limit])
        return {"count": organisations.count(), "items": [organisation_item(o) for o in page]}


@router.get("/{organisation_id}", response=OrganisationDetail, summary="One organisation")
def get_organisation(request: HttpRequest, organisation_id: int):
    org = (
        Organisation.objects.select_related("country").filter(pk=organisation_id).first()
        if 0 < organisation_id < 2**62
        else None
    )
    if org is None:
        raise HttpError(404, _("No organisation with id %(id)s") % {"id": organisation_id})
    with translation.override(request_language(request)):
        projects = list(org.projects.order_by("number", "code"))
        item = organisation_item(org, len(projects))
        item["iati_identifier"] = org.iati_identifier
        item["project_list"] = [
            {"code": p.code, "title": p.title, "url": p.get_absolute_url()} for p in projects
        ]
        item["co_partners"] = [organisation_item(o, o.shared) for o in co_partners(org)[:50]]
        return item
