"""Project registry endpoints: GET /api/projects and GET /api/projects/{code}."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import translation
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema
from ninja.errors import HttpError
from pydantic import Field

from m4d.core.filters import api_parameter
from m4d.core.i18n import request_language
from m4d.core.permissions import require_visible
from m4d.organisations.models import Organisation
from m4d.projects.forms import ProjectFilterForm
from m4d.projects.models import Capital, Project
from m4d.projects.schemas import ProjectDetail, ProjectItem
from m4d.projects.selectors import DEFAULT_SORT, SORTS, find_project, listed, project_page

router = Router(tags=["projects"])


class ProjectPage(Schema):
    count: int
    items: list[ProjectItem]


class ProjectParams(Schema):
    """The list's filters, validated by `ProjectFilterForm` as on the page and in the exports."""

    q: str = api_parameter(ProjectFilterForm, "q", "Words to find in titles and summaries")
    country: str = api_parameter(
        ProjectFilterForm, "country", "ISO alpha-2/alpha-3 code or a French/English name"
    )
    capital: str = api_parameter(
        ProjectFilterForm, "capital", "One of: " + ", ".join(Capital.values)
    )
    organisation: str = api_parameter(ProjectFilterForm, "organisation", "Partner organisation id")
    org_type: str = api_parameter(
        ProjectFilterForm,
        "org_type",
        "Partner organisation type, one of: " + ", ".join(Organisation.Type.values),
    )
    type: str = Field(
        "", description="Deprecated alias of org_type", json_schema_extra={"deprecated": True}
    )
    sort: str = api_parameter(
        ProjectFilterForm,
        "sort",
        "One of: "
        + ", ".join(SORTS)
        + f"; by default relevance when q is given, else {DEFAULT_SORT}",
    )
    limit: int = Field(20, ge=1, le=200)
    offset: int = Field(0, ge=0, le=10_000_000)


@router.get("", response=ProjectPage, summary="List and filter projects")
def list_projects(request: HttpRequest, params: Query[ProjectParams]) -> dict[str, Any]:
    language = request_language(request)
    values = params.dict(exclude={"limit", "offset", "type"})
    values["org_type"] = params.org_type or params.type
    with translation.override(language):
        form = ProjectFilterForm.from_params(values)
        filters = form.filters()
        if filters is None:
            raise form.api_error()
        found = project_page(
            filters,
            among=listed(request.user),
            offset=params.offset,
            limit=params.limit,
            facets=False,
        )
    # The items are serialised after this function returns, in the language LocaleMiddleware (or
    # `?lang=`) activated for the request, which is `language`.
    return {"count": found.count, "items": found.projects}


@router.get("/{code}", response=ProjectDetail, summary="One project by code or slug")
def get_project(request: HttpRequest, code: str) -> Project:
    project = find_project(code)
    if project is None:
        raise HttpError(404, _("No project with code '%(code)s'") % {"code": code})
    require_visible(request.user, project)
    return Project.objects.with_relations().get(pk=project.pk)
