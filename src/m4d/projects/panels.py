"""What the projects app shows on other apps' pages (registered in `apps.py` with `core.panels`
and `core.figures`): projects in a country and its corridors, an organisation's projects and
co-partners, and the project counts of countries and organisations. They show the same to
everyone, so they count and list published projects only (drafts are for editors)."""

from __future__ import annotations

from typing import Any

from django.db import models

from m4d.core import figures
from m4d.organisations.models import Organisation
from m4d.places.models import Country
from m4d.projects import selectors
from m4d.projects.models import Partnership, Project, ProjectCountry

PUBLISHED = Project.Status.PUBLISHED


def country_projects(country: Country) -> dict[str, Any]:
    # django-stubs types related managers without the model's QuerySet methods.
    projects = country.projects.with_relations().filter(status=PUBLISHED).order_by("number", "code")  # type: ignore[attr-defined]
    return {"country": country, "projects": projects[:200], "project_count": projects.count()}


def country_corridors(country: Country) -> dict[str, Any]:
    return {"corridors": selectors.corridors(country=country, limit=30)}


def organisation_projects(organisation: Organisation) -> dict[str, Any]:
    # django-stubs types related managers without the model's QuerySet methods.
    projects = organisation.projects.with_relations().filter(status=PUBLISHED)  # type: ignore[attr-defined]
    return {"projects": projects.order_by("number", "code")}


def organisation_co_partners(organisation: Organisation) -> dict[str, Any]:
    return {"co_partners": selectors.co_partners(organisation)[:30]}


def projects_per_country() -> models.Expression:
    return figures.count_of(ProjectCountry, "country", project__status=PUBLISHED)


def projects_per_organisation() -> models.Expression:
    return figures.count_of(Partnership, "organisation", project__status=PUBLISHED)
