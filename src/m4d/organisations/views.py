"""Directory pages: organisation list and organisation page (with the panels other apps add)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from m4d.core.htmx import htmx_partial
from m4d.core.pagination import paginate, query_without
from m4d.organisations import selectors
from m4d.organisations.forms import OrganisationFilterForm
from m4d.organisations.models import Organisation


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


@require_GET
def organisation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = get_object_or_404(
        Organisation.objects.visible_to(request.user).select_related("country"), pk=pk
    )
    context = {"organisation": organisation, "section": "organisations"}
    return render(request, "organisations/organisation_detail.html", context)
