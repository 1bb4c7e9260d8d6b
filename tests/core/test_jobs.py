"""Background jobs: queued, run by the worker with progress, failures kept with a message and retried;
only their owner (or an administrator) follows them."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from m4d.core import jobs
from m4d.core.models import AuditEntry, Job

pytestmark = pytest.mark.django_db

attempts: list[int] = []


@jobs.handler("test_count")
def count_to(job: Job, progress: jobs.Progress) -> dict:
    attempts.append(job.pk)
    total = job.params["total"]
    for done in range(1, total + 1):
        progress(done, total)
    if job.params.get("fail_first") and job.attempts == 1:
        raise jobs.JobError("the source was not ready")
    if job.params.get("crash"):
        raise RuntimeError("secret internal detail")
    return {"counted": total}


def test_a_job_runs_to_done_with_its_progress_and_result(alice):
    job = jobs.enqueue_job(kind="test_count", params={"total": 7}, owner=alice)
    job.refresh_from_db()
    assert (job.status, job.progress, job.total, job.percent) == ("done", 7, 7, 100)
    assert job.result == {"counted": 7}
    assert AuditEntry.objects.filter(action="job.queued", object_id=str(job.pk)).exists()


def test_a_failed_job_keeps_its_message_and_can_be_retried(alice):
    job = jobs.enqueue_job(kind="test_count", params={"total": 2, "fail_first": True}, owner=alice)
    job.refresh_from_db()
    assert job.status == "failed" and job.message == "the source was not ready"
    jobs.retry_job(job, by=alice)
    job.refresh_from_db()
    assert job.status == "done" and job.attempts == 2


def test_an_unexpected_error_shows_a_generic_message(alice):
    job = jobs.enqueue_job(kind="test_count", params={"total": 1, "crash": True}, owner=alice)
    job.refresh_from_db()
    assert job.status == "failed"
    assert "secret" not in job.message and "retry" in job.message


def test_only_a_failed_job_can_be_retried(alice):
    job = jobs.enqueue_job(kind="test_count", params={"total": 1}, owner=alice)
    with pytest.raises(jobs.JobError):
        jobs.retry_job(Job.objects.get(pk=job.pk))


def test_the_database_worker_runs_queued_jobs(settings, alice):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    job = jobs.enqueue_job(kind="test_count", params={"total": 3}, owner=alice)
    assert Job.objects.get(pk=job.pk).status == "queued"
    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)
    assert Job.objects.get(pk=job.pk).status == "done"


def test_the_owner_follows_a_job_page_others_get_404(client, alice, charlie):
    job = jobs.enqueue_job(kind="test_count", params={"total": 1}, owner=alice)
    client.force_login(charlie)
    assert client.get(f"/jobs/{job.pk}/").status_code == 404
    client.force_login(alice)
    page = client.get(f"/jobs/{job.pk}/")
    assert page.status_code == 200 and "progress" in page.content.decode()


def test_retry_from_the_page(client, alice):
    job = jobs.enqueue_job(kind="test_count", params={"total": 1, "fail_first": True}, owner=alice)
    client.force_login(alice)
    assert "the source was not ready" in client.get(f"/jobs/{job.pk}/").content.decode()
    response = client.post(f"/jobs/{job.pk}/retry/", follow=True)
    assert Job.objects.get(pk=job.pk).status == "done"
    assert response.status_code == 200


def test_anonymous_visitors_cannot_see_jobs(client, alice):
    job = jobs.enqueue_job(kind="test_count", params={"total": 1}, owner=alice)
    assert client.get(f"/jobs/{job.pk}/").status_code == 302
