"""Registry pages: home, project list with facets, project pages, statistics, exports."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods

from m4d.core import audit, related
from m4d.core.cache import public_page
from m4d.core.htmx import htmx_partial
from m4d.core.i18n import request_language
from m4d.core.models import Job
from m4d.core.pagination import (
    PAGE_SIZE,
    page_of_results,
    page_offset,
    query_without,
    requested_page,
)
from m4d.core.permissions import can, require, require_visible
from m4d.core.records import RecordError
from m4d.lib import spreadsheet
from m4d.projects import iati_preflight, selectors, services, undo
from m4d.projects.exports import EXPORT_FORMATS, export_response
from m4d.projects.forms import IatiUploadForm, ProjectEditForm, ProjectFilterForm
from m4d.projects.iati import IatiExportError, IatiImportError, reporting_unconfigured_message
from m4d.projects.jobs import IMPORT_KIND, start_iati_import
from m4d.projects.models import Project
from m4d.projects.stats import registry_statistics


@public_page
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "projects/home.html", {"stats": registry_statistics(top=5)})


@public_page
@require_GET
def statistics(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "projects/statistics.html",
        {"stats": registry_statistics(), "section": "statistics"},
    )


@public_page
@require_GET
def project_list(request: HttpRequest) -> HttpResponse:
    form = ProjectFilterForm(request.GET)
    filters = form.filters()
    number = requested_page(request)
    if filters is None:
        found = selectors.ProjectPage(count=0, projects=[])
    else:
        found = selectors.project_page(
            filters,
            among=selectors.listed(request.user),
            offset=page_offset(number),
            limit=PAGE_SIZE,
        )
    context = {
        "form": form,
        "filters": filters,
        "page": page_of_results(number, found.count, found.projects),
        "facets": found.facets,
        "snippets": found.snippets,
        "query_string": query_without(request, "page"),
        "site_query": filters.q if filters else "",
        "section": "projects",
        "export_formats": EXPORT_FORMATS,
        "iati_unconfigured": reporting_unconfigured_message(),
    }
    template = (
        "projects/partials/results.html" if htmx_partial(request) else "projects/project_list.html"
    )
    return render(request, template, context)


@public_page
@require_GET
def project_detail(request: HttpRequest, code: str) -> HttpResponse:
    project = selectors.find_project(code)
    if project is None:
        raise Http404(_("No project with this code."))
    require_visible(request.user, project)
    if code != project.slug:
        return redirect(project, permanent=False)
    project = Project.objects.with_relations().get(pk=project.pk)
    context = {
        "project": project,
        "similar": selectors.similar_projects(project),
        "related": related.links_for(project),
        "can_edit": can(request.user, "change", project),
        "section": "projects",
    }
    if context["can_edit"]:
        context["preflight"] = iati_preflight.preflight(project)
    return render(request, "projects/project_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def project_edit(request: HttpRequest, code: str) -> HttpResponse:
    """Editors correct a project: form → `update_project` → message → the project's page."""
    found = selectors.find_project(code)
    if found is None:
        raise Http404(_("No project with this code."))
    require(request.user, "change", found)
    project = Project.objects.with_relations().get(pk=found.pk)
    form = ProjectEditForm(request.POST or None, project=project)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.update_project(
                project,
                by=request.user,
                changes=form.changes(),
                countries=data["countries"],
                partners=data["partners"],
                capitals=data["capitals"],
            )
        except services.ProjectError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Project %(code)s saved.") % {"code": project.code})
            return redirect(project)
    context = {
        "project": project,
        "form": form,
        "history": audit.history(project).select_related("actor")[:20],
        "section": "projects",
    }
    return render(request, "projects/project_edit.html", context)


@require_GET
def export(request: HttpRequest, fmt: str) -> HttpResponse:
    if fmt not in EXPORT_FORMATS:
        raise Http404(_("Unknown export format."))
    form = ProjectFilterForm(request.GET)
    filters = form.filters()
    if filters is None:
        return form.export_error()
    try:
        sep = spreadsheet.separator(request.GET.get("sep", "comma"))
    except ValueError:
        message = _("Unknown separator: use sep=comma or sep=semicolon.")
        return HttpResponse(message, status=400, content_type="text/plain; charset=utf-8")
    labels = request.GET.get("labels", "") in {"1", "true", "yes"}
    projects = selectors.filter_projects(filters, among=selectors.listed(request.user))
    if fmt != "iati":
        return export_response(
            projects, fmt=fmt, language=request_language(request), sep=sep, labels=labels
        )
    # IATI: the pre-flight's summary ends the file; `?strict=1` refuses a file that breaks a rule.
    if request.GET.get("strict") in ("1", "true", "yes"):
        report = iati_preflight.report_for(projects)
        if not report.ok:
            return HttpResponse(
                report.summary(), status=400, content_type="text/plain; charset=utf-8"
            )
    try:
        return export_response(
            projects, fmt=fmt, language=request_language(request), observer=iati_preflight.Report()
        )
    except IatiExportError as error:
        return HttpResponse(str(error), status=400, content_type="text/plain; charset=utf-8")


@login_required
@require_http_methods(["GET", "POST"])
def import_iati(request: HttpRequest) -> HttpResponse:
    require(request.user, "add", Project)
    form = IatiUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            job = start_iati_import(data=upload.read(), filename=upload.name, by=request.user)
        except IatiImportError as error:
            form.add_error("file", str(error))
        else:
            return redirect("core:job", job.pk)
    context = {
        "form": form,
        "awaiting_review": selectors.imports_awaiting_review(),
        "section": "projects",
    }
    return render(request, "projects/import_iati.html", context)


def _import_job(request: HttpRequest, pk: int) -> Job:
    """The IATI import an editor reviews (editors review every import, not only their own)."""
    require(request.user, "change", Project)
    return get_object_or_404(Job, pk=pk, kind=IMPORT_KIND)


@login_required
@require_http_methods(["GET", "POST"])
def import_review(request: HttpRequest, pk: int) -> HttpResponse:
    job = _import_job(request, pk)
    if request.method == "POST":
        everything = request.POST.get("action") == "publish_all"
        codes = None if everything else request.POST.getlist("codes")
        published = services.publish_import(job, by=request.user, codes=codes)
        if published:
            messages.success(
                request,
                ngettext("%(n)d project published.", "%(n)d projects published.", len(published))
                % {"n": len(published)},
            )
        else:
            messages.error(request, _("Select at least one project to publish."))
        return redirect("projects:import_review", job.pk)
    context = {
        "job": job,
        "drafts": Project.objects.drafts_of(job).order_by("code"),
        "section": "projects",
    }
    return render(request, "projects/import_review.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def import_discard(request: HttpRequest, pk: int) -> HttpResponse:
    """GET asks for confirmation; POST deletes the import's drafts."""
    job = _import_job(request, pk)
    if request.method == "POST":
        codes = services.discard_import(job, by=request.user)
        messages.success(
            request,
            ngettext("%(n)d draft discarded.", "%(n)d drafts discarded.", len(codes))
            % {"n": len(codes)},
        )
        return redirect("projects:import_review", job.pk)
    context = {
        "job": job,
        "drafts": Project.objects.drafts_of(job).order_by("code"),
        "section": "projects",
    }
    return render(request, "projects/import_discard.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def import_undo(request: HttpRequest, pk: int) -> HttpResponse:
    """GET shows what undoing the import does (or what depends on it); POST undoes it."""
    job = _import_job(request, pk)
    if request.method == "POST":
        try:
            done = undo.undo_import(job, by=request.user)
        except RecordError as error:
            messages.error(request, error.message)
            return redirect("projects:import_undo", job.pk)
        messages.success(
            request,
            _(
                "Import undone. Projects deleted: %(deleted)d; put back as they were: %(restored)d; organisations deleted: %(orgs)d."
            )
            % {
                "deleted": len(done.delete),
                "restored": len(done.restore),
                "orgs": len(done.organisations),
            },
        )
        return redirect("projects:import_review", job.pk)
    context = {"job": job, "plan": undo.plan(job), "section": "projects"}
    return render(request, "projects/import_undo.html", context)
