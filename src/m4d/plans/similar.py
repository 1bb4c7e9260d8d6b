"""Registry projects like a plan, and what they teach: the published projects sharing the plan's
corridor countries, capitals and toolbox options, with the lessons of their case studies.

Scored from plain value rows over a bounded set of candidates (those sharing a country or an
option), as `projects.selectors.similar_projects` does for a project, so a large registry stays
fast."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from m4d.places.models import Country
from m4d.plans.document import PlanDocument
from m4d.plans.review import mobilised_capitals, option_facts
from m4d.projects.models import Capital, Project, ProjectCapital, ProjectCountry
from m4d.toolbox.models import CaseStudy, Option

# Weights: a shared option says most about what a project will meet, then the same corridor.
SAME_CORRIDOR, SHARED_COUNTRY, SHARED_CAPITAL, SHARED_OPTION = 3, 1, 1, 3


@dataclass
class SimilarProject:
    project: Project
    score: int
    reasons: list[str] = field(default_factory=list)
    cases: list[CaseStudy] = field(default_factory=list)  # with their `lessons`


def similar_projects(
    document: PlanDocument, *, limit: int = 5, pool: int = 200
) -> list[SimilarProject]:
    """The published projects most like the plan, best first (ties by annex order)."""
    context = document.context
    origin = context.origin.country
    destinations = {place.country for place in context.destinations if place.country}
    codes = {origin, *destinations} - {""}
    countries = dict(Country.objects.filter(iso2__in=codes).values_list("pk", "iso2"))
    options = {
        key: facts for key, facts in option_facts().items() if key in document.capitals.options
    }
    option_links = list(
        Option.objects.filter(key__in=options, projects__isnull=False).values_list(
            "projects", "key"
        )
    )
    published = ProjectCountry.objects.filter(
        country__in=countries, project__status=Project.Status.PUBLISHED
    )
    candidates = list(
        dict.fromkeys(
            [pid for pid, _key in option_links]
            + list(published.values_list("project_id", flat=True)[: 3 * pool])
        )
    )[:pool]
    if not candidates:
        return []
    scores: dict[int, int] = dict.fromkeys(candidates, 0)
    reasons: dict[int, list[str]] = defaultdict(list)

    corridor_of: dict[int, list[str]] = defaultdict(list)
    for pid, country in (
        ProjectCountry.objects.filter(project__in=candidates)
        .order_by("project_id", "position")
        .values_list("project_id", "country__iso2")
    ):
        corridor_of[pid].append(country)
    for pid, their in corridor_of.items():
        shared = [c for c in their if c in codes]
        if origin and their[0] == origin and destinations & set(their[1:]):
            scores[pid] += SAME_CORRIDOR
            reasons[pid].append(_("same corridor"))
        if shared:
            scores[pid] += SHARED_COUNTRY * len(shared)
            reasons[pid].append(_("countries: %(countries)s") % {"countries": ", ".join(shared)})
    capitals = mobilised_capitals(document, option_facts())
    shared_capitals: dict[int, list[str]] = defaultdict(list)
    for pid, capital in ProjectCapital.objects.filter(
        project__in=candidates, capital__in=capitals
    ).values_list("project_id", "capital"):
        shared_capitals[pid].append(str(Capital(capital).label))
    for pid, labels in shared_capitals.items():
        scores[pid] += SHARED_CAPITAL * len(labels)
        reasons[pid].append(_("capitals: %(capitals)s") % {"capitals": ", ".join(sorted(labels))})
    for pid, key in option_links:
        if pid in scores:
            scores[pid] += SHARED_OPTION
            reasons[pid].append(_("used “%(option)s”") % {"option": options[key].title})

    found = Project.objects.filter(
        pk__in=[pid for pid in candidates if scores[pid]], status=Project.Status.PUBLISHED
    ).prefetch_related(Prefetch("case_studies", CaseStudy.objects.order_by("box")))
    ranked = sorted(found, key=lambda p: (-scores[p.pk], p.number or 10**6, p.code))[:limit]
    return [
        SimilarProject(p, scores[p.pk], reasons[p.pk], list(p.case_studies.all())) for p in ranked
    ]
