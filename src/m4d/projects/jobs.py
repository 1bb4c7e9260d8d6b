"""Background jobs of the registry: importing an uploaded IATI file."""

from __future__ import annotations

import logging
import uuid
from pathlib import Path
from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _

from m4d.core import jobs
from m4d.core.models import Job
from m4d.projects.iati import IatiImportError, IatiWriteError, import_iati_file, parse_activities

IMPORT_KIND = "iati_import"
log = logging.getLogger(__name__)


def uploads_dir() -> Path:
    path = Path(settings.MEDIA_ROOT) / "imports"
    path.mkdir(parents=True, exist_ok=True)
    return path


def start_iati_import(*, data: bytes, filename: str, by: Any) -> Job:
    """Check the file now (errors are shown at once), then write it in the background.

    Raises IatiImportError for a file that does not validate; nothing is queued then.
    """
    parse_activities(data)
    stored = uploads_dir() / f"{uuid.uuid4().hex}.xml"
    stored.write_bytes(data)
    return jobs.enqueue_job(
        kind=IMPORT_KIND, params={"path": stored.name, "filename": filename}, owner=by
    )


@jobs.handler(IMPORT_KIND)
def run_iati_import(job: Job, progress: jobs.Progress) -> dict:
    path = uploads_dir() / Path(job.params["path"]).name
    if not path.exists():
        raise jobs.JobError(
            _("%(name)s: the uploaded file is no longer available; upload it again.")
            % {"name": job.params.get("filename", "")}
        )
    try:
        with path.open("rb") as handle:
            result = import_iati_file(
                handle,
                filename=job.params.get("filename", ""),
                by=job.owner,
                job=job,
                progress=progress,
            )
    except IatiWriteError as error:  # unexpected: the traceback goes to the server's log
        log.error("IATI import job %s failed; rolled back", job.pk, exc_info=error)
        raise jobs.JobError(str(error)) from error
    except IatiImportError as error:
        raise jobs.JobError(str(error)) from error
    path.unlink(missing_ok=True)
    return {
        "projects": result.projects,
        "created_projects": result.created_projects,
        "created_organisations": result.created_organisations,
        "warnings": list(result.warnings),
    }


def review_link(job: Job) -> tuple[str, str]:
    """Where the job page sends people after an import: its review page (drafts to publish)."""
    return _("Review the imported projects"), reverse("projects:import_review", args=[job.pk])
