"""Background jobs: queued, run by the worker with progress, failures kept with a message and retried;
only their owner (or an administrator) follows them."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from m4d.core import jobs
from m4d.core.models import AuditEntry, Job
from tests.projects.test_iati_import import activity_file

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


def test_the_database_worker_runs_a_queued_import(tmp_path):
    """End to end in a separate data directory: the page's service queues, `db_worker` runs it."""
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["M4D_DATA_DIR"] = str(tmp_path)
    sample = tmp_path / "activities.xml"
    sample.write_bytes(activity_file().getvalue())
    m4d = [sys.executable, "-m", "m4d.cli"]
    subprocess.run([*m4d, "migrate"], env=env, check=True, capture_output=True)
    queue = (
        "from pathlib import Path; from m4d.projects.jobs import start_iati_import; "
        f"print(start_iati_import(data=Path({str(sample)!r}).read_bytes(), filename='a.xml', by=None).pk)"
    )
    job_id = subprocess.run(
        [*m4d, "manage", "shell", "-v", "0", "-c", queue],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    status = f"from m4d.core.models import Job; print(Job.objects.get(pk={job_id}).status)"

    def read() -> str:
        return subprocess.run(
            [*m4d, "manage", "shell", "-v", "0", "-c", status],
            env=env,
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()

    assert read() == "queued"
    subprocess.run(
        [*m4d, "manage", "db_worker", "--batch", "--no-startup-delay"],
        env=env,
        check=True,
        capture_output=True,
    )
    assert read() == "done"


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


def test_a_member_of_the_same_organisation_cannot_see_or_retry_anothers_job(client, alice, bob):
    job = jobs.enqueue_job(kind="test_count", params={"total": 1, "fail_first": True}, owner=alice)
    client.force_login(bob)
    assert client.get(f"/jobs/{job.pk}/").status_code == 404
    assert client.post(f"/jobs/{job.pk}/retry/").status_code == 404
    assert Job.objects.get(pk=job.pk).status == "failed"
