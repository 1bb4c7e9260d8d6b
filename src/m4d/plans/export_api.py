"""`GET /api/plans/{id}/export?format=docx|pdf|md|iati`: a plan's export, answered as the file.

Mounted at /plans beside the plans API (`m4d/api.py`). Whoever may view the plan may export it;
a stranger is told it does not exist (404). The API answers at once, DOCX and PDF included:
scripts wait for the file rather than follow a job."""

from __future__ import annotations

from typing import Literal

from django.http import HttpRequest, HttpResponse
from ninja import Query, Router, Schema
from ninja.responses import Status
from pydantic import Field

from m4d.accounts.api import signed_in
from m4d.core.i18n import request_language
from m4d.core.permissions import get_for
from m4d.plans.exports import ExportError
from m4d.plans.exports.services import export
from m4d.plans.models import Plan

router = Router(tags=["plans"])


class ExportParameters(Schema):
    format: Literal["docx", "pdf", "md", "iati"] = Field(
        description="docx or pdf: the proposal; md: Markdown; iati: an IATI 2.03 activity file"
    )
    language: Literal["fr", "en"] | None = Field(
        None,
        description="Language of the headings and labels (default: ?lang= or Accept-Language)",
    )


class ExportRefused(Schema):
    detail: str


@router.get(
    "/{plan_id}/export",
    auth=signed_in,
    response={200: bytes, 422: ExportRefused},
    summary="A plan's export as a file (DOCX, PDF, Markdown or IATI 2.03)",
    openapi_extra={
        "responses": {
            "200": {
                "description": "The file, as an attachment",
                "content": {
                    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": {},
                    "application/pdf": {},
                    "text/markdown": {},
                    "application/xml": {},
                },
            }
        }
    },
)
def plan_export(
    request: HttpRequest, plan_id: int, parameters: Query[ExportParameters]
) -> HttpResponse | Status[ExportRefused]:
    plan = get_for(request.user, "view", Plan.objects.select_related("organisation"), pk=plan_id)
    language = parameters.language or request_language(request)
    try:
        exported = export(plan, parameters.format, language=language, by=request.user)
    except ExportError as error:  # its message is in the export's language already
        return Status(422, ExportRefused(detail=str(error)))
    response = HttpResponse(exported.content, content_type=exported.media_type)
    response["Content-Disposition"] = f'attachment; filename="{exported.filename}"'
    return response
