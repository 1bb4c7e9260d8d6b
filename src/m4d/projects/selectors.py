"""Reads for the project registry: filtered lists with facet counts, lookups by code, similar projects."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TypedDict
from urllib.parse import unquote

from django.db import connection
from django.db.models import Count, Q, QuerySet
from django.db.models.expressions import RawSQL
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from m4d.core import cache, search
from m4d.core.collation import sort_key
from m4d.core.i18n import current_language
from m4d.core.models import Job
from m4d.core.pagination import PAGE_SIZE
from m4d.lib.text import fold, slugify_ascii
from m4d.organisations.models import Organisation
from m4d.places.models import Country
from m4d.projects.jobs import IMPORT_KIND
from m4d.projects.models import (
    Capital,
    Partnership,
    Project,
    ProjectCapital,
    ProjectCountry,
    ProjectQuerySet,
    origin_and_destinations,
)
from m4d.projects.services import code_number

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations


@dataclass(frozen=True)
class Sort:
    label: str | Promise
    order: tuple[str, ...]  # "{lang}" is replaced by the active language


# The only list of project sorts: the filter form's choices and the API's documentation read it.
# "relevance" ranks by the search score (`search.relevance_sql`); it is the default when the list is
# searched, and falls back to code order without words to search.
SORTS = {
    "relevance": Sort(_("Relevance"), ("-relevance", "number", "code")),
    "code": Sort(_("Code"), ("number", "code")),
    "title": Sort(_("Title"), ("title_{lang}", "number")),
    "-updated": Sort(_("Recently updated"), ("-updated_at", "number")),
}
DEFAULT_SORT = "code"
RELEVANCE = "relevance"


@dataclass
class ProjectFilters:
    """Validated filters of the project list (see `ProjectFilterForm`, which builds them)."""

    q: str = ""
    country: Country | None = None
    capital: str = ""
    organisation: Organisation | None = None
    org_type: str = ""
    sort: str = ""  # "" = relevance when searching, else DEFAULT_SORT

    @property
    def effective_sort(self) -> str:
        searching = search.is_query(self.q)
        if self.sort in SORTS and (self.sort != RELEVANCE or searching):
            return self.sort
        return RELEVANCE if searching and not self.sort else DEFAULT_SORT


def listed(user: object) -> ProjectQuerySet:
    """What lists, counts, searches and exports show: published projects (that the user may see).

    Drafts are reached from their import's review page, and their own page, by editors only; so
    the list, its search, its facets and its exports agree for everyone (decision 0013)."""
    return Project.objects.visible_to(user).filter(status=Project.Status.PUBLISHED)


def filter_projects(
    filters: ProjectFilters, *, among: ProjectQuerySet | None = None
) -> ProjectQuerySet:
    """The projects matching `filters`, among those given (the requester's `visible_to(user)`;
    all projects for the system, e.g. a command-line export)."""
    projects = Project.objects.all() if among is None else among
    sort = filters.effective_sort
    if filters.q:
        query = search.query_for(filters.q)
        matching = search.matching_ids_sql(query, "project")
        if matching is not None:
            sql, params = matching
            projects = projects.filter(pk__in=RawSQL(sql, params))
        relevance = search.relevance_sql(query, "project", f"{Project._meta.db_table}.id")
        if sort == RELEVANCE and relevance is not None:
            projects = projects.annotate(relevance=RawSQL(relevance[0], relevance[1]))
    if filters.country:
        projects = projects.filter(
            pk__in=ProjectCountry.objects.filter(country=filters.country).values("project")
        )
    if filters.capital:
        projects = projects.filter(
            pk__in=ProjectCapital.objects.filter(capital=filters.capital).values("project")
        )
    if filters.organisation:
        projects = projects.filter(
            pk__in=Partnership.objects.filter(organisation=filters.organisation).values("project")
        )
    if filters.org_type:
        projects = projects.filter(
            pk__in=Partnership.objects.filter(organisation__type=filters.org_type).values("project")
        )
    lang = current_language()
    order = [f.format(lang=lang) for f in SORTS[sort].order]
    return projects.order_by(*order)


@dataclass
class Facet:
    value: str
    label: str
    count: int


# Up to this many matching projects, their ids are read once and reused by the facet and page
# queries, instead of each query re-running the filters as a subquery.
MATERIALISE_LIMIT = 20_000
# The ids of the first pages of a list are kept with its counts: the next visitor of those pages
# reads 20 projects by id instead of re-running the filters and the sort (most visits are there).
KEPT_IDS = 50 * PAGE_SIZE


def ordered_ids(projects: ProjectQuerySet) -> list[int] | None:
    """The ids of the filtered projects in list order, or None when there are too many to hold."""
    ids = _first_ids(projects)
    return ids if len(ids) <= MATERIALISE_LIMIT else None


def _first_ids(projects: ProjectQuerySet) -> list[int]:
    """The ids of the first `MATERIALISE_LIMIT + 1` filtered projects, in list order. Read with a
    plain cursor: the ORM's (and modeltranslation's) per-row iteration cost more than the query."""
    sql, params = projects.values_list("pk", flat=True)[
        : MATERIALISE_LIMIT + 1
    ].query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [row[0] for row in cursor.fetchall()]


def in_order(ids: list[int]) -> list[Project]:
    """The projects with these ids, with their relations, in the order of `ids`."""
    found = Project.objects.with_relations().in_bulk(ids)
    return [found[pk] for pk in ids if pk in found]


@dataclass
class ProjectPage:
    """One slice of the filtered list, the number of matching projects, and their facet counts."""

    count: int
    projects: list[Project]
    facets: dict[str, list[Facet]] = field(default_factory=dict)
    # project id -> its summary around the words searched, marked (only where they appear)
    snippets: dict[int, str] = field(default_factory=dict)


@dataclass(frozen=True)
class ListSummary:
    """What a filtered list shares between its pages and visitors: how many projects match,
    their facet counts (when asked for) and the ids of its first pages (`KEPT_IDS`), in order."""

    count: int
    facets: dict[str, list[Facet]]
    first_ids: list[int]


def project_page(
    filters: ProjectFilters,
    *,
    among: ProjectQuerySet | None = None,
    offset: int = 0,
    limit: int = PAGE_SIZE,
    facets: bool = True,
) -> ProjectPage:
    """The projects from `offset` (with their relations, in list order) and, unless `facets` is
    False, the facet counts of the whole filtered list. The one query plan of the web list and the
    API: the ids are read once (`ordered_ids`) and the count, the slice and the facets come from
    them (past `MATERIALISE_LIMIT` matches, the filters run as a subquery instead); the count,
    facets and first ids are then kept for the registry's generation (`ListSummary`), so later
    requests for the first pages read only their projects."""
    projects = filter_projects(filters, among=among)
    read: list[int] | None = None

    def summarise() -> ListSummary:
        nonlocal read
        read = _first_ids(projects)
        ids = read if len(read) <= MATERIALISE_LIMIT else None
        return ListSummary(
            count=len(ids) if ids is not None else projects.count(),
            facets=facet_counts(projects, ids=ids) if facets else {},
            first_ids=read[:KEPT_IDS],
        )

    # Keyed on the list's own SQL (its filters, which carry who may see what, and its order) and
    # the registry's generation: the next page of the same list, or the same list for another
    # visitor, reuses it, and any write makes a new one.
    sql, params = projects.values_list("pk").query.sql_with_params()
    summary = cache.for_registry(f"project list {facets} {sql} {params!r}", summarise)
    known = read if read is not None else summary.first_ids
    end = min(offset + limit, summary.count)
    if end <= len(known) or offset >= summary.count:
        items = in_order(known[offset:end])
    else:
        items = list(projects.with_relations()[offset : offset + limit])
    return ProjectPage(
        count=summary.count,
        projects=items,
        facets=summary.facets,
        snippets=_snippets(filters.q, items),
    )


def _snippets(q: str, projects: list[Project]) -> dict[int, str]:
    query = search.query_for(q) if q else None
    if not query:
        return {}
    found = {p.pk: search.highlighted(query, p.summary or "").html for p in projects}
    return {pk: html for pk, html in found.items() if "<mark>" in html}


def facet_counts(
    projects: ProjectQuerySet, *, ids: list[int] | None = None, limit: int = 30
) -> dict[str, list[Facet]]:
    """Counts of the filtered projects per country, capital and partner organisation type.

    `ids`, when the caller already read them (see `ordered_ids`), avoids re-running the filters.
    """
    if ids is not None:
        # Integers read from the database, inlined: building a 20,000-item IN list through the
        # ORM costs more than the queries themselves.
        return _facet_counts(",".join(str(int(pk)) for pk in ids) or "NULL", [], limit)
    sql, params = projects.order_by().values("pk").query.sql_with_params()
    return _facet_counts(sql, list(params), limit)


def _facet_counts(scope_sql: str, params: list, limit: int) -> dict[str, list[Facet]]:
    where = f"WHERE link.project_id IN ({scope_sql})" if scope_sql else ""
    country_table, capital_table = ProjectCountry._meta.db_table, ProjectCapital._meta.db_table
    partner_table, org_table = Partnership._meta.db_table, Organisation._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT link.country_id, COUNT(*) FROM {country_table} link {where} "
            "GROUP BY link.country_id ORDER BY 2 DESC, 1 LIMIT %s",
            [*params, limit],
        )
        by_country = cursor.fetchall()
        cursor.execute(
            f"SELECT link.capital, COUNT(*) FROM {capital_table} link {where} GROUP BY link.capital",
            params,
        )
        capital_counts = dict(cursor.fetchall())
        # SQLite orders an inner join by its own estimates: with thousands of project ids inlined,
        # it scans every organisation and probes the ids for each (24 s at 100,000 projects).
        # CROSS JOIN keeps the partnerships, found by project id, as the outer loop (tens of ms).
        join = "CROSS JOIN" if connection.vendor == "sqlite" else "JOIN"
        cursor.execute(
            f"SELECT org.type, COUNT(DISTINCT link.project_id) FROM {partner_table} link "
            f"{join} {org_table} org ON org.id = link.organisation_id {where} "
            "GROUP BY org.type ORDER BY 2 DESC, 1",
            params,
        )
        by_type = cursor.fetchall()
    countries = Country.objects.in_bulk([country_id for country_id, _n in by_country])
    return {
        "country": sorted(
            (
                Facet(countries[pk].iso2, countries[pk].name, n)
                for pk, n in by_country
                if pk in countries
            ),
            key=lambda facet: (-facet.count, sort_key(facet.label)),
        ),
        "capital": [
            Facet(value, str(label), capital_counts[value])
            for value, label in Capital.choices
            if value in capital_counts
        ],
        "org_type": [
            Facet(org_type, str(Organisation.Type(org_type).label), n)
            for org_type, n in by_type
            if org_type in Organisation.Type.values
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
    links = candidate.project_countries.select_related("country").order_by("position")
    country, _destinations = origin_and_destinations([link.country for link in links])
    names = [country.name_en, country.name_fr, *country.aliases] if country else []
    return candidate if any(fold(n or "").replace("-", " ") == prefix for n in names) else None


def similar_projects(project: Project, *, limit: int = 5, pool: int = 100) -> list[Project]:
    """Projects sharing the most capitals, countries and partner types with this one, chosen once
    per registry generation (`_similar_ids`)."""
    ids = cache.for_registry(
        f"similar {project.pk} {limit} {pool}", lambda: _similar_ids(project, limit, pool)
    )
    found = Project.objects.in_bulk(ids)
    return [found[pid] for pid in ids if pid in found]


def _similar_ids(project: Project, limit: int, pool: int) -> list[int]:
    """Candidates are bounded (`pool`, those sharing a country) and scored from plain value rows,
    so the page stays fast on a large registry."""
    countries = set(
        ProjectCountry.objects.filter(project=project).values_list("country", flat=True)
    )
    capitals = set(ProjectCapital.objects.filter(project=project).values_list("capital", flat=True))
    types = set(
        Partnership.objects.filter(project=project).values_list("organisation__type", flat=True)
    )
    # No DISTINCT in SQL: PostgreSQL would aggregate every link of a popular country before the limit.
    links = ProjectCountry.objects.filter(country__in=countries).exclude(project=project)
    candidate_ids = list(dict.fromkeys(links.values_list("project", flat=True)[: 3 * pool]))[:pool]
    scores = dict.fromkeys(candidate_ids, 0)
    for pid, country in ProjectCountry.objects.filter(project__in=candidate_ids).values_list(
        "project", "country"
    ):
        scores[pid] += country in countries
    for pid, capital in ProjectCapital.objects.filter(project__in=candidate_ids).values_list(
        "project", "capital"
    ):
        scores[pid] += 2 * (capital in capitals)
    # Two index lookups rather than a join, which PostgreSQL may plan as a scan of every organisation.
    partner_links = list(
        Partnership.objects.filter(project__in=candidate_ids).values_list("project", "organisation")
    )
    org_types = dict(
        Organisation.objects.filter(pk__in={org for _pid, org in partner_links}).values_list(
            "pk", "type"
        )
    )
    for pid, org_type in {(pid, org_types.get(org)) for pid, org in partner_links}:
        scores[pid] += org_type in types
    best = sorted(scores, key=lambda pid: (-scores[pid], pid))[:limit]
    published = Project.objects.filter(status=Project.Status.PUBLISHED, pk__in=best)
    kept = set(published.values_list("pk", flat=True))
    return [pid for pid in best if pid in kept]


def corridors(
    *, country: Country | None = None, limit: int = 50
) -> list[tuple[Country, Country, int]]:
    """(origin, destination, number of projects), most frequent first (see
    `origin_and_destinations`) of published projects. Restricted to corridors touching `country`
    when given. Counted once per registry generation: it reads every link of those projects."""
    name = f"corridors {country.pk if country is not None else 'all'} {limit}"
    return cache.for_registry(name, lambda: _corridors(country, limit))


def _corridors(country: Country | None, limit: int) -> list[tuple[Country, Country, int]]:
    links = (
        ProjectCountry.objects.filter(project__status=Project.Status.PUBLISHED)
        .order_by("project_id", "position")
        .values_list("project_id", "country_id")
    )
    if country is not None:
        touching = ProjectCountry.objects.filter(country=country).values("project_id")
        links = links.filter(project_id__in=touching)
    countries_of: dict[int, list[int]] = {}
    for project_id, country_id in links.iterator(chunk_size=5000):
        countries_of.setdefault(project_id, []).append(country_id)
    counter: Counter[tuple[int, int]] = Counter()
    for ids in countries_of.values():
        origin, destinations = origin_and_destinations(ids)
        if origin is None:  # a project without countries
            continue
        for destination in destinations:
            if country is None or country.pk in (origin, destination):
                counter[(origin, destination)] += 1
    top = counter.most_common(limit)
    names = Country.objects.in_bulk({c for pair, _n in top for c in pair})
    return [(names[o], names[d], n) for (o, d), n in top]


class SharedProjects(TypedDict):
    shared: int


def co_partners(
    organisation: Organisation,
) -> QuerySet[WithAnnotations[Organisation, SharedProjects]]:
    """Organisations that share at least one published project with this one, most shared first."""
    projects = organisation.partnerships.filter(project__status=Project.Status.PUBLISHED).values(
        "project"
    )
    return (
        Organisation.objects.filter(partnerships__project__in=projects)
        .exclude(pk=organisation.pk)
        .annotate(shared=Count("partnerships", filter=Q(partnerships__project__in=projects)))
        .select_related("country")
        .order_by("-shared", "name")
    )


def imports_awaiting_review(limit: int = 20) -> QuerySet[Job]:
    """The latest IATI imports that still have drafts, with how many (`drafts`)."""
    drafts = Count("projects", filter=Q(projects__status=Project.Status.DRAFT))
    return (
        Job.objects.filter(kind=IMPORT_KIND)
        .annotate(drafts=drafts)
        .filter(drafts__gt=0)
        .order_by("-pk")[:limit]
    )
