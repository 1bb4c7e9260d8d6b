"""The export job: a DOCX or PDF proposal written in the background, its progress on the job
page, the file kept in the media folder for its download link."""

from __future__ import annotations

import uuid
from pathlib import Path

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _

from m4d.core import jobs
from m4d.core.models import Job
from m4d.core.permissions import can
from m4d.plans.exports import EXTENSIONS, ExportError
from m4d.plans.exports.services import EXPORT_JOB, export
from m4d.plans.models import Plan


def exports_dir() -> Path:
    path = Path(settings.MEDIA_ROOT) / "plan-exports"
    path.mkdir(parents=True, exist_ok=True)
    return path


@jobs.handler(EXPORT_JOB)
def run_plan_export(job: Job, progress: jobs.Progress) -> dict[str, object]:
    plan = Plan.objects.select_related("organisation").filter(pk=job.params.get("plan")).first()
    # Checked again when it runs: the person may have left the plan since they asked.
    if plan is None or not can(job.owner, "view", plan):
        raise jobs.JobError(_("This plan no longer exists, or you no longer work on it."))
    fmt = job.params["format"]
    try:
        exported = export(
            plan, fmt, language=job.params["language"], by=job.owner, progress=progress
        )
    except ExportError as error:
        raise jobs.JobError(str(error)) from error
    stored = f"{job.pk}-{uuid.uuid4().hex}.{EXTENSIONS[fmt]}"
    (exports_dir() / stored).write_bytes(exported.content)
    return {
        "file": stored,
        "filename": exported.filename,
        "media_type": exported.media_type,
        "bytes": len(exported.content),
    }


def exported_file(job: Job) -> Path | None:
    """The file a finished export job wrote, or None (not done, or removed since)."""
    if job.kind != EXPORT_JOB or job.status != Job.Status.DONE or not job.result.get("file"):
        return None
    path = exports_dir() / Path(str(job.result["file"])).name
    return path if path.is_file() else None


def exports_link(job: Job) -> tuple[str, str]:
    """Where the job page sends people next: the plan's exports."""
    return _("Back to the plan's exports"), reverse("plans:export", args=[job.params["plan"]])
