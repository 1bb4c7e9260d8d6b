"""Project registry endpoints: GET /api/projects and GET /api/projects/{code}."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils import translation
from ninja import Query, Router, Schema
from ninja.errors import HttpError
from pydantic import Field

from m4d.core.i18n import request_language
from m4d.organisations.models import Organisation
from m4d.places.selectors import find_country
from m4d.projects.exports import project_record
from m4d.projects.models import Capital, Project
from m4d.projects.selectors import ProjectFilters, filter_projects, find_project

router = Router(tags=["projects"])


class CountryRef(Schema):
    iso2: str
    name: str


class PartnerRef(Schema):
    id: int
    name: str
    type: str
    country: str | None


class ProjectItem(Schema):
    code: str
    title: str = Field(description="French title, as printed in the handbook")
    title_en: str
    summary: str = Field(description="Summary in the requested language")
    countries: list[CountryRef]
    partners: list[PartnerRef]
    capitals: list[str]
    sections: list[str]
    url: str


class ProjectPage(Schema):
    count: int
    items: list[ProjectItem]


class ProjectParams(Schema):
    q: str = Field("", max_length=200)
    country: str = Field(
        "", max_length=100, description="ISO alpha-2/alpha-3 code or a French/English name"
    )
    capital: str = Field("", max_length=20, description="social, financial, human or cultural")
    organisation: int | None = Field(None, ge=1, le=2**62, description="Organisation id")
    type: str = Field("", max_length=40, description="Partner organisation type")
    limit: int = Field(20, ge=1, le=200)
    offset: int = Field(0, ge=0, le=10_000_000)
    sort: str = Field("code", pattern="^(code|title|-updated)$")


class ProjectDetail(ProjectItem):
    boxes: list[int]


@router.get("", response=ProjectPage, summary="List and filter projects")
def list_projects(request: HttpRequest, params: Query[ProjectParams]):
    language = request_language(request)
    filters = ProjectFilters(q=params.q, sort=params.sort)
    if params.country:
        filters.country = find_country(params.country)
        if filters.country is None:
            raise HttpError(422, f"Unknown country: {params.country}")
    if params.capital:
        if params.capital not in Capital.values:
            raise HttpError(
                422,
                f"Unknown capital: {params.capital} (expected one of {', '.join(Capital.values)})",
            )
        filters.capital = params.capital
    if params.organisation is not None:
        filters.organisation = Organisation.objects.filter(pk=params.organisation).first()
        if filters.organisation is None:
            raise HttpError(422, f"Unknown organisation: {params.organisation}")
    if params.type:
        if params.type not in Organisation.Type.values:
            raise HttpError(422, f"Unknown organisation type: {params.type}")
        filters.org_type = params.type
    with translation.override(language):
        projects = filter_projects(filters)
        count = projects.count()
        page = projects.with_relations()[params.offset : params.offset + params.limit]
        return {"count": count, "items": [project_record(p, language) for p in page]}


@router.get("/{code}", response=ProjectDetail, summary="One project by code or slug")
def get_project(request: HttpRequest, code: str):
    project = find_project(code)
    if project is None:
        raise HttpError(404, f"No project with code {code!r}")
    language = request_language(request)
    project = Project.objects.with_relations().get(pk=project.pk)
    record = project_record(project, language)
    record["boxes"] = list(project.case_studies.values_list("box", flat=True))
    return record
