"""Country pages: list, country page (organisations, and the panels other apps add), map."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from m4d.core import figures
from m4d.core.cache import public_page
from m4d.core.collation import sort_key
from m4d.places import selectors
from m4d.places.map import world_map
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
    organisations = figures.annotate(country.organisations.all())
    names = [figure.name for figure in figures.figures_for("organisations.organisation")]
    # Most projects first, then by name as people sort (core.collation), not the database's order.
    ranked = sorted(
        organisations,
        key=lambda o: (*(-getattr(o, name) for name in names), sort_key(o.name)),
    )
    context = {
        "country": country,
        "organisations": ranked[:200],
        "section": "countries",
    }
    return render(request, "places/country_detail.html", context)


@public_page
@require_GET
def map_page(request: HttpRequest) -> HttpResponse:
    whole_world = request.GET.get("view") == "world"
    context = {"map": world_map(whole_world=whole_world), "section": "map"}
    return render(request, "places/map.html", context)
