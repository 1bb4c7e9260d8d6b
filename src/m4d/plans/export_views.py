"""The exports page of a plan and its downloads. Anyone who may view the plan may export it.

Markdown and IATI are answered at once; DOCX and PDF run as a job (`plans/jobs.py`), whose page
(`core:job`) shows the progress and then the download link."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from m4d.core.i18n import current_language, normalise_language
from m4d.core.models import Job
from m4d.core.permissions import get_for
from m4d.plans import jobs as plan_jobs
from m4d.plans.exports import FORMATS, SLOW_FORMATS, ExportError
from m4d.plans.exports.services import EXPORT_JOB, export, start_export
from m4d.plans.models import Plan

LANGUAGES = (("fr", "Français"), ("en", "English"))


def _plan(request: HttpRequest, pk: int) -> Plan:
    return get_for(request.user, "view", Plan.objects.select_related("organisation"), pk=pk)


def _language(request: HttpRequest) -> str | None:
    """The language asked for (fr or en), None when it is something else."""
    asked = request.POST.get("language") or request.GET.get("language") or current_language()
    return asked if asked in dict(LANGUAGES) else None


@login_required
@require_http_methods(["GET", "POST"])
def plan_export(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _plan(request, pk)
    if request.method == "POST":
        fmt, language = request.POST.get("format", ""), _language(request)
        if fmt in SLOW_FORMATS and language is not None:
            job = start_export(plan, fmt, language=language, by=request.user)
            return redirect("core:job", job.pk)
        messages.error(request, _("Choose a format and a language to export the plan in."))
    recent = Job.objects.filter(kind=EXPORT_JOB, owner_id=request.user.pk, params__plan=plan.pk)
    context = {
        "plan": plan,
        "languages": LANGUAGES,
        "language": current_language(),
        "recent": recent.order_by("-created_at")[:5],
        "section": "plans",
    }
    return render(request, "plans/export.html", context)


@login_required
@require_GET
def plan_export_download(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """A quick export (Markdown, IATI) answered at once."""
    plan = _plan(request, pk)
    if fmt not in FORMATS or fmt in SLOW_FORMATS:
        raise Http404
    language = normalise_language(_language(request))
    try:
        exported = export(plan, fmt, language=language, by=request.user)
    except ExportError as error:
        messages.error(request, str(error))
        return redirect("plans:export", plan.pk)
    return _attachment(exported.content, exported.media_type, exported.filename)


@login_required
@require_GET
def plan_export_file(request: HttpRequest, pk: int, job: int) -> HttpResponse:
    """The file an export job wrote, for the person who started it (and administrators)."""
    plan = _plan(request, pk)
    found = get_for(request.user, "view", Job, pk=job, kind=EXPORT_JOB, params__plan=plan.pk)
    path = plan_jobs.exported_file(found)
    if path is None:
        raise Http404
    # A proposal is a few megabytes at most: read whole, nothing is left open.
    return _attachment(
        path.read_bytes(), str(found.result["media_type"]), str(found.result["filename"])
    )


def _attachment(content: bytes, media_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=media_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
