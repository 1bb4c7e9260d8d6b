"""Background jobs with progress, on top of django-tasks' database queue.

An app registers a handler per job kind, and how the job page shows it:

    @jobs.handler("iati_import")
    def run_iati_import(job: Job, progress: Progress) -> dict: ...

    jobs.register_kind(jobs.JobKind("iati_import", _("IATI import"), "projects/partials/…html"))

`enqueue_job` creates the Job row and queues it; the worker (`m4d worker`, started by `m4d serve`)
runs the handler, which reports `progress(done, total)`. A handler raising `JobError` fails the job with
that message; any other exception fails it with a generic message (details in the log). A failed job
can be retried; the handler must make each attempt all-or-nothing (one transaction).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django_tasks import task

from m4d.core import audit
from m4d.core.models import Job

log = logging.getLogger(__name__)


class JobError(Exception):
    """A failure whose message is shown to the person who started the job."""


class Progress:
    """Callable that stores progress on the job, at most a few times per second."""

    def __init__(self, job: Job, interval: float = 0.5) -> None:
        self.job = job
        self.interval = interval
        self._last = 0.0

    def __call__(self, done: int, total: int | None = None) -> None:
        now = time.monotonic()
        self.job.progress = done
        if total is not None:
            self.job.total = total
        if now - self._last >= self.interval or (total is not None and done >= total):
            self._last = now
            Job.objects.filter(pk=self.job.pk).update(
                progress=self.job.progress, total=self.job.total
            )


Handler = Callable[[Job, Progress], dict[str, Any]]
_handlers: dict[str, Handler] = {}


def handler(kind: str) -> Callable[[Handler], Handler]:
    def register(func: Handler) -> Handler:
        _handlers[kind] = func
        return func

    return register


@dataclass(frozen=True)
class JobKind:
    """How the job page shows a kind: its label, the template showing a finished job's result (it
    receives `job`; a kind without one shows "Done."), and where to go next once it is done
    (`link(job)` → (label, URL))."""

    kind: str
    label: str | Promise
    result_template: str = ""
    link: Callable[[Job], tuple[str | Promise, str]] | None = None


_kinds: dict[str, JobKind] = {}


def register_kind(kind: JobKind) -> None:
    _kinds[kind.kind] = kind


def kind_of(kind: str) -> JobKind | None:
    return _kinds.get(kind)


@transaction.atomic
def enqueue_job(*, kind: str, params: dict[str, Any], owner: Any = None) -> Job:
    if kind not in _handlers:
        raise ValueError(f"no handler for job kind {kind!r}")
    job = Job.objects.create(
        kind=kind, params=params, owner=owner if getattr(owner, "is_authenticated", False) else None
    )
    audit.record(job, "job.queued", by=owner, data={"kind": kind})
    run_job_task.enqueue(job.pk)
    return job


@transaction.atomic
def retry_job(job: Job, *, by: Any = None) -> Job:
    """Queue a failed job again (e.g. after the cause was fixed)."""
    if job.status != Job.Status.FAILED:
        raise JobError(_("Only a failed job can be retried."))
    job.status = Job.Status.QUEUED
    job.message = ""
    job.progress = 0
    job.save(update_fields=["status", "message", "progress", "updated_at"])
    audit.record(job, "job.retried", by=by)
    run_job_task.enqueue(job.pk)
    return job


def run_job(job_id: int) -> None:
    job = Job.objects.filter(pk=job_id).first()
    if job is None or job.status != Job.Status.QUEUED:
        return
    job.status = Job.Status.RUNNING
    job.attempts += 1
    job.save(update_fields=["status", "attempts", "updated_at"])
    try:
        result = _handlers[job.kind](job, Progress(job))
    except JobError as error:
        job.status, job.message = Job.Status.FAILED, str(error)
    except Exception:
        log.exception("job %s (%s) failed", job.pk, job.kind)
        job.status, job.message = (
            Job.Status.FAILED,
            _("The job failed unexpectedly; nothing was saved. You can retry it."),
        )
    else:
        job.status, job.result = Job.Status.DONE, result or {}
        job.progress = max(job.progress, job.total)
    job.save(update_fields=["status", "message", "result", "progress", "updated_at"])


@task()
def run_job_task(job_id: int) -> None:
    run_job(job_id)
