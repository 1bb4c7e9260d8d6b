"""Country pages: list, country page (organisations, and the panels other apps add), map."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET

from m4d.core import figures
from m4d.core.cache import public_page
from m4d.places import selectors
from m4d.places.map import outlines_svg, outlines_version, world_map
from m4d.places.models import Country


@public_page
@require_GET
def country_list(request: HttpRequest) -> HttpResponse:
    show_all = request.GET.get("all") == "1"
    sort = request.GET.get("sort", "name")
    countries = selectors.countries_with_counts(include_empty=show_all, sort=sort)
    context = {"countries": countries, "show_all": show_all, "sort": sort, "section": "countries"}
    return render(request, "places/country_list.html", context)


@public_page
@require_GET
def country_detail(request: HttpRequest, iso2: str) -> HttpResponse:
    country = get_object_or_404(Country.objects.visible_to(request.user), iso2=iso2.upper())
    names = [figure.name for figure in figures.figures_for("organisations.organisation")]
    # Most projects first, then by name as people sort (their stored collation key).
    ranked = figures.annotate(country.organisations.all()).order_by(
        *(f"-{name}" for name in names), "name_sort_key", "pk"
    )
    context = {
        "country": country,
        "organisations": ranked[:200],
        "section": "countries",
    }
    return render(request, "places/country_detail.html", context)


@require_GET
def map_outlines(request: HttpRequest, version: str) -> HttpResponse:
    """The map's grey outlines (`places.map.outlines_svg`): the address names the geometry's
    version, so the image may be kept for a year; an old address leads to the current one."""
    if version != outlines_version():
        return redirect("places:map_outlines", outlines_version())
    response = HttpResponse(outlines_svg(), content_type="image/svg+xml")
    response["Cache-Control"] = "public, max-age=31536000, immutable"
    return response


@public_page
@require_GET
def map_page(request: HttpRequest) -> HttpResponse:
    whole_world = request.GET.get("view") == "world"
    context = {"map": world_map(whole_world=whole_world), "section": "map"}
    return render(request, "places/map.html", context)
