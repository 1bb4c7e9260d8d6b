"""The exports page of a plan: every collaborator exports it (Markdown and IATI at once, DOCX and
PDF as a job with progress and a download link); nobody else even sees it. Each export is audited."""

from __future__ import annotations

import io

import docx
import pytest
from django.urls import reverse

from m4d.core.audit import history
from m4d.core.jobs import run_job
from m4d.core.models import Job
from m4d.plans.exports.services import EXPORT_JOB
from m4d.plans.services import remove_collaborator
from tests.factories import make_plan
from tests.plans.exports_support import fill, small_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(team):
    return fill(team.plan, small_plan(), by=team.owner)


def page(pk: int) -> str:
    return reverse("plans:export", args=[pk])


def download(pk: int, fmt: str, language: str = "en") -> str:
    return reverse("plans:export_download", args=[pk, fmt]) + f"?language={language}"


@pytest.mark.parametrize("role", ["owner", "editor", "commenter", "reader"])
def test_every_collaborator_sees_the_four_formats_in_both_languages(client, team, plan, role):
    client.force_login(team.by_role()[role])
    response = client.get(page(plan.pk))
    assert response.status_code == 200
    html = response.content.decode()
    for fmt in ("md", "iati"):
        for language in ("fr", "en"):
            assert download(plan.pk, fmt, language).replace("&", "&amp;") in html
    assert html.count('name="format" value="docx"') == 1
    assert html.count('name="language" value="fr"') == 2  # DOCX and PDF


def test_someone_not_on_the_plan_is_told_it_does_not_exist(client, team, plan):
    client.force_login(team.outsider)
    assert client.get(page(plan.pk)).status_code == 404
    assert client.get(download(plan.pk, "md")).status_code == 404
    assert client.post(page(plan.pk), {"format": "docx", "language": "en"}).status_code == 404
    assert not Job.objects.filter(kind=EXPORT_JOB).exists()


def test_a_visitor_is_sent_to_sign_in(client, plan):
    response = client.get(download(plan.pk, "md"))
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_a_reader_downloads_the_markdown_at_once_and_the_export_is_audited(client, team, plan):
    client.force_login(team.reader)
    response = client.get(download(plan.pk, "md", "fr"))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/markdown; charset=utf-8"
    assert response["Content-Disposition"] == (
        f'attachment; filename="kayesmontreuil-youth-enterprise-network-{plan.pk}-fr.md"'
    )
    assert "## Partenariat" in response.content.decode()
    entry = history(plan).filter(action="plans.plan.exported").get()
    assert entry.actor == team.reader
    assert entry.data["format"] == "md" and entry.data["language"] == "fr"


def test_the_iati_download_is_an_activity_file(client, team, plan):
    client.force_login(team.commenter)
    response = client.get(download(plan.pk, "iati"))
    assert response.status_code == 200 and response["Content-Type"] == "application/xml"
    assert b"<iati-activities" in response.content


def test_a_proposal_is_not_downloaded_at_once_but_made_by_a_job(client, team, plan):
    client.force_login(team.owner)
    assert client.get(download(plan.pk, "docx")).status_code == 404
    assert client.get(download(plan.pk, "csv")).status_code == 404


def test_a_docx_export_runs_as_a_job_whose_page_links_the_file(client, team, plan):
    client.force_login(team.editor)
    response = client.post(page(plan.pk), {"format": "docx", "language": "fr"})
    job = Job.objects.get(kind=EXPORT_JOB)
    assert response.status_code == 302 and response["Location"] == reverse(
        "core:job", args=[job.pk]
    )
    assert job.status == Job.Status.DONE and job.owner == team.editor  # tests run jobs at once
    assert job.progress == job.total > 10
    status = client.get(response["Location"]).content.decode()
    file_url = reverse("plans:export_file", args=[plan.pk, job.pk])
    assert file_url in status and job.result["filename"] in status
    assert page(plan.pk) in status  # back to the exports
    got = client.get(file_url)
    assert got.status_code == 200
    assert got["Content-Disposition"] == f'attachment; filename="{job.result["filename"]}"'
    headings = [p.text for p in docx.Document(io.BytesIO(got.content)).paragraphs]
    assert "Partenariat" in headings
    listed = client.get(page(plan.pk)).content.decode()
    assert file_url in listed  # among the person's recent exports


def test_only_the_person_who_exported_downloads_the_file(client, team, plan):
    client.force_login(team.owner)
    client.post(page(plan.pk), {"format": "pdf", "language": "en"})
    job = Job.objects.get(kind=EXPORT_JOB)
    assert job.result["media_type"] == "application/pdf"
    client.force_login(team.editor)
    assert client.get(reverse("plans:export_file", args=[plan.pk, job.pk])).status_code == 404
    client.force_login(team.outsider)
    assert client.get(reverse("plans:export_file", args=[plan.pk, job.pk])).status_code == 404


def test_the_file_is_found_under_its_own_plan_only(client, team, plan):
    client.force_login(team.owner)
    client.post(page(plan.pk), {"format": "pdf", "language": "en"})
    job = Job.objects.get(kind=EXPORT_JOB)
    other = make_plan(team.owner, organisation=plan.organisation)
    assert client.get(reverse("plans:export_file", args=[other.pk, job.pk])).status_code == 404
    assert client.get(reverse("plans:export_file", args=[plan.pk, job.pk])).status_code == 200


def test_asking_without_a_format_or_language_says_so_and_starts_nothing(client, team, plan):
    client.force_login(team.owner)
    for data in ({}, {"format": "md", "language": "en"}, {"format": "docx", "language": "de"}):
        response = client.post(page(plan.pk), data)
        assert response.status_code == 200
        assert "Choose a format and a language" in response.content.decode()
    assert not Job.objects.filter(kind=EXPORT_JOB).exists()


def test_an_export_job_fails_with_a_reason_when_its_person_has_left_the_plan(team, plan):
    job = Job.objects.create(
        kind=EXPORT_JOB,
        owner=team.editor,
        params={"plan": plan.pk, "format": "docx", "language": "en"},
    )
    remove_collaborator(plan.collaborators.get(user=team.editor), by=team.owner)
    run_job(job.pk)
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED
    assert "no longer work on it" in job.message


def test_an_export_the_format_refuses_comes_back_to_the_page_with_the_reason(client, team):
    document = small_plan()
    document.context.currency = "XYZ"
    plan = fill(team.plan, document, by=team.owner)
    client.force_login(team.owner)
    response = client.get(download(plan.pk, "iati"), follow=True)
    assert response.redirect_chain[-1][0] == page(plan.pk)
    assert "XYZ" in response.content.decode()
