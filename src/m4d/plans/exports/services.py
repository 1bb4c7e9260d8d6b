"""Writes of the exports: the proposal templates (the admin edits them through these), an export
recorded on its plan, and an export started as a background job."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from m4d.core import jobs, records
from m4d.core.models import Job
from m4d.plans import services as plan_services
from m4d.plans.exports import Exported, ProgressCallback, export_plan
from m4d.plans.models import Plan, ProposalTemplate

EXPORT_JOB = "plan_export"


class TemplateError(records.RecordError):
    """A proposal template change refused."""


@transaction.atomic
def create_template(*, by: Any, changes: dict[str, Any]) -> ProposalTemplate:
    return records.save_record(ProposalTemplate(), changes, by=by, kind=None, error=TemplateError)


@transaction.atomic
def update_template(
    template: ProposalTemplate, *, by: Any, changes: dict[str, Any]
) -> ProposalTemplate:
    return records.save_record(template, changes, by=by, kind=None, error=TemplateError)


@transaction.atomic
def delete_template(template: ProposalTemplate, *, by: Any) -> None:
    records.delete_record(template, by=by, kind=None, error=TemplateError)


def export(
    plan: Plan,
    fmt: str,
    *,
    language: str,
    by: Any,
    progress: ProgressCallback | None = None,
) -> Exported:
    """The export (see `export_plan`), recorded in the plan's audit log: who took what out."""
    exported = export_plan(plan, fmt, language=language, progress=progress)
    plan_services.record_event(
        plan,
        "exported",
        by=by,
        data={"format": fmt, "language": language, "bytes": len(exported.content)},
    )
    return exported


def start_export(plan: Plan, fmt: str, *, language: str, by: Any) -> Job:
    """Queue an export that takes a while (DOCX, PDF); the job page shows its progress and then
    the file (`plans/jobs.py`)."""
    return jobs.enqueue_job(
        kind=EXPORT_JOB,
        params={"plan": plan.pk, "format": fmt, "language": language},
        owner=by,
    )
