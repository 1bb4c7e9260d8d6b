"""Reads for the project registry: filtered lists with facet counts, lookups by code, similar projects."""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import unquote

from django.core.cache import cache
from django.db.models import Count, Max, Q, QuerySet
from django.db.models.expressions import RawSQL
from django.utils.translation import get_language

from m4d.core import search
from m4d.lib.text import fold, slugify_ascii
from m4d.organisations.models import Organisation
from m4d.places.models import Country
from m4d.projects.models import Capital, Partnership, Project, ProjectCapital, ProjectCountry
from m4d.projects.services import code_number

SORTS = {
    "code": ("number", "code"),
    "title": ("title_{lang}", "number"),
    "-updated": ("-updated_at", "number"),
}


@dataclass
class ProjectFilters:
    q: str = ""
    country: Country | None = None
    capital: str = ""
    organisation: Organisation | None = None
    org_type: str = ""
    sort: str = "code"
    errors: list[str] = field(default_factory=list)


def filter_projects(filters: ProjectFilters) -> QuerySet[Project]:
    projects = Project.objects.all()
    if filters.q:
        matching = search.matching_ids_sql(filters.q, "project")
        if matching is not None:
            sql, params = matching
            projects = projects.filter(pk__in=RawSQL(sql, params))
    if filters.country:
        projects = projects.filter(pk__in=ProjectCountry.objects.filter(country=filters.country).values("project"))
    if filters.capital:
        projects = projects.filter(pk__in=ProjectCapital.objects.filter(capital=filters.capital).values("project"))
    if filters.organisation:
        projects = projects.filter(
            pk__in=Partnership.objects.filter(organisation=filters.organisation).values("project")
        )
    if filters.org_type:
        projects = projects.filter(
            pk__in=Partnership.objects.filter(organisation__type=filters.org_type).values("project")
        )
    lang = "fr" if (get_language() or "en").startswith("fr") else "en"
    order = [f.format(lang=lang) for f in SORTS.get(filters.sort, SORTS["code"])]
    return projects.order_by(*order)


@dataclass
class Facet:
    value: str
    label: str
    count: int


# Up to this many matching projects, their ids are read once and reused by the facet and page
# queries, instead of each query re-running the filters as a subquery.
MATERIALISE_LIMIT = 20_000


def ordered_ids(projects: QuerySet[Project]) -> list[int] | None:
    """The ids of the filtered projects in list order, or None when there are too many to hold."""
    ids = list(projects.values_list("pk", flat=True)[: MATERIALISE_LIMIT + 1])
    return ids if len(ids) <= MATERIALISE_LIMIT else None


def in_order(ids: list[int]) -> list[Project]:
    """The projects with these ids, with their relations, in the order of `ids`."""
    found = Project.objects.with_relations().in_bulk(ids)
    return [found[pk] for pk in ids if pk in found]


def facet_counts(
    projects: QuerySet[Project], *, ids: list[int] | None = None, limit: int = 30
) -> dict[str, list[Facet]]:
    """Counts of the filtered projects per country, capital and partner organisation type.

    `ids`, when the caller already read them (see `ordered_ids`), avoids re-running the filters.
    """
    scope: dict = {}
    if ids is not None:
        scope = {"project__in": ids}
    elif projects.query.where:
        scope = {"project__in": projects.order_by().values("pk")}
    else:
        # The unfiltered registry is the most visited list and the costliest to count: counts are
        # shared through the cache (all web processes) for a few minutes, keyed on the registry's state.
        return cached_for_registry(f"facets {limit}", lambda: _facet_counts({}, limit))
    return _facet_counts(scope, limit)


def cached_for_registry(name: str, compute):
    """`compute()` shared through the cache for five minutes, per language and registry state
    (number of projects, last change), so every web process reuses costly whole-registry counts."""
    state = Project.objects.aggregate(n=Count("id"), last=Max("updated_at"))
    key = "registry-" + slugify_ascii(f"{name} {get_language()} {state['n']} {state['last']}")
    return cache.get_or_set(key, compute, timeout=300)


def _facet_counts(scope: dict, limit: int) -> dict[str, list[Facet]]:
    by_country = (
        ProjectCountry.objects.filter(**scope).values("country").annotate(n=Count("id")).order_by("-n", "country")[:limit]
    )
    countries = Country.objects.in_bulk([row["country"] for row in by_country])
    by_capital = ProjectCapital.objects.filter(**scope).values("capital").annotate(n=Count("id"))
    by_type = (
        Partnership.objects.filter(**scope)
        .values("organisation__type")
        .annotate(n=Count("project", distinct=True))
        .order_by("-n", "organisation__type")
    )
    capital_counts = {row["capital"]: row["n"] for row in by_capital}
    return {
        "country": [
            Facet(countries[row["country"]].iso2, countries[row["country"]].name, row["n"])
            for row in by_country if row["country"] in countries
        ],
        "capital": [
            Facet(value, str(label), capital_counts[value]) for value, label in Capital.choices if value in capital_counts
        ],
        "org_type": [
            Facet(row["organisation__type"], str(Organisation.Type(row["organisation__type"]).label), row["n"])
            for row in by_type
        ],
    }


def find_project(code_or_slug: str) -> Project | None:
    """A project by code ('Algérie-1', URL-encoded or not), ASCII slug ('algerie-1'), or printed code
    ('Moldova-27': the number identifies a handbook project; the prefix must name its country)."""
    value = unquote(code_or_slug or "").strip()
    if not value:
        return None
    found = Project.objects.filter(Q(code=value) | Q(slug=slugify_ascii(value))).first()
    if found:
        return found
    number = code_number(value)
    if number is None:
        return None
    candidate = Project.objects.filter(number=number, source=Project.Source.HANDBOOK).first()
    if candidate is None:
        return None
    prefix = fold(value[: value.rfind("-")]).replace("-", " ")
    country = candidate.ordered_countries[0] if candidate.project_countries.exists() else None
    names = [country.name_en, country.name_fr, *country.aliases] if country else []
    return candidate if any(fold(n or "").replace("-", " ") == prefix for n in names) else None


def similar_projects(project: Project, *, limit: int = 5, pool: int = 200) -> list[Project]:
    """Projects sharing the most capitals, countries and partner types with this one.

    Candidates are bounded (`pool`, those sharing a country) and scored from plain value rows, so the
    page stays fast on a large registry.
    """
    countries = set(ProjectCountry.objects.filter(project=project).values_list("country", flat=True))
    capitals = set(ProjectCapital.objects.filter(project=project).values_list("capital", flat=True))
    types = set(Partnership.objects.filter(project=project).values_list("organisation__type", flat=True))
    candidate_ids = list(
        ProjectCountry.objects.filter(country__in=countries)
        .exclude(project=project)
        .values_list("project", flat=True)
        .distinct()[:pool]
    )
    scores = dict.fromkeys(candidate_ids, 0)
    for pid, country in ProjectCountry.objects.filter(project__in=candidate_ids).values_list("project", "country"):
        scores[pid] += country in countries
    for pid, capital in ProjectCapital.objects.filter(project__in=candidate_ids).values_list("project", "capital"):
        scores[pid] += 2 * (capital in capitals)
    for pid, org_type in (
        Partnership.objects.filter(project__in=candidate_ids).values_list("project", "organisation__type").distinct()
    ):
        scores[pid] += org_type in types
    best = sorted(scores, key=lambda pid: (-scores[pid], pid))[:limit]
    found = Project.objects.in_bulk(best)
    return [found[pid] for pid in best if pid in found]
