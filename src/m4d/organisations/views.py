"""Directory pages: organisation list and organisation page (with the panels other apps add), and
the pages members create and manage their organisation on."""

from __future__ import annotations

import re

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from m4d.core import audit
from m4d.core.cache import public_page
from m4d.core.htmx import htmx_partial
from m4d.core.pagination import paginate, query_without
from m4d.core.permissions import can, get_for, require
from m4d.lib.images import MEDIA_TYPES
from m4d.organisations import selectors, services
from m4d.organisations.forms import OrganisationFilterForm, OrganisationForm
from m4d.organisations.models import Organisation


@public_page
@require_GET
def organisation_list(request: HttpRequest) -> HttpResponse:
    form = OrganisationFilterForm(request.GET)
    filters = form.filters()
    organisations = (
        selectors.filter_organisations(filters, among=Organisation.objects.visible_to(request.user))
        if filters
        else Organisation.objects.none()
    )
    page = paginate(request, organisations)
    page.object_list = selectors.with_project_counts(page.object_list)
    context = {
        "form": form,
        "page": page,
        "query_string": query_without(request, "page"),
        "section": "organisations",
    }
    template = (
        "organisations/partials/results.html"
        if htmx_partial(request)
        else "organisations/organisation_list.html"
    )
    return render(request, template, context)


@public_page
@require_GET
def organisation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    # A merged record's address leads, permanently, to the record it was merged into.
    if (kept := selectors.merged_target(pk)) is not None:
        return redirect(kept, permanent=True)
    organisation = get_object_or_404(
        Organisation.objects.visible_to(request.user).select_related("country"), pk=pk
    )
    context = {
        "organisation": organisation,
        "members": selectors.members_shown_to(request.user, organisation),
        "may_change": can(request.user, "change", organisation),
        "may_manage_members": can(request.user, "manage_members", organisation),
        "section": "organisations",
    }
    return render(request, "organisations/organisation_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def organisation_create(request: HttpRequest) -> HttpResponse:
    """A member adds their organisation: form → `create_organisation_for` → its page."""
    require(request.user, "add", Organisation)
    form = OrganisationForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            organisation = services.create_organisation_for(request.user, changes=form.changes())
        except services.OrganisationError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request,
                _("%(name)s was created; you are its owner.") % {"name": organisation.name},
            )
            return redirect(organisation)
    context = {"form": form, "organisation": None, "section": "organisations"}
    return render(request, "organisations/organisation_edit.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def organisation_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Its owners and managers, and editors, change an organisation: form →
    `update_organisation` → its page."""
    organisation = get_for(request.user, "change", Organisation, pk=pk)
    form = OrganisationForm(request.POST or None, request.FILES or None, organisation=organisation)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_organisation(organisation, by=request.user, changes=form.changes())
        except services.OrganisationError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("%(name)s saved.") % {"name": organisation.name})
            return redirect(organisation)
    context = {
        "form": form,
        "organisation": organisation,
        "history": audit.history(organisation).select_related("actor")[:20],
        "section": "organisations",
    }
    return render(request, "organisations/organisation_edit.html", context)


# Logos (decision 0012): served from the logo storage by name. Only names the service writes
# ("<key>-<hash>.png|jpg|webp") are answered; the media type comes from that extension, which the
# service chose from the verified format, never from the upload.
LOGO_NAME = re.compile(r"^[a-z0-9][a-z0-9-]*(?:_[A-Za-z0-9]{7})?\.(png|jpg|webp)$")


@require_GET
def organisation_logo(request: HttpRequest, name: str) -> FileResponse:
    shape = LOGO_NAME.match(name)
    storage = Organisation._meta.get_field("logo").storage
    if shape is None or not storage.exists(name):
        raise Http404(_("No such logo."))
    response = FileResponse(
        storage.open(name, "rb"), content_type=MEDIA_TYPES[shape[1]], as_attachment=False
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "public, max-age=31536000, immutable"
    response["Cross-Origin-Resource-Policy"] = "same-origin"
    return response
