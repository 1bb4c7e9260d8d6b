"""Reads of the toolbox: what pages, the API and other apps' pages show."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext_lazy as _

from m4d.core.related import Link, LinkGroup
from m4d.projects.models import Project
from m4d.toolbox.models import (
    BuildingBlock,
    Capital,
    CaseStudy,
    KeyIssueTick,
    Option,
    Recommendation,
    Reference,
    Section,
)

# Part III chapters, each with a page of its own.
PART3_CHAPTERS = {6: "partnerships", 7: "stakeholders", 8: "allies"}


def options() -> QuerySet[Option]:
    return Option.objects.select_related("section").prefetch_related(
        Prefetch("boxes", CaseStudy.objects.select_related("project").order_by("box")),
        Prefetch("projects", Project.objects.order_by("number", "code")),
    )  # type: ignore[type-var]  # django-stubs: one QuerySet type for all the Prefetches


def blocks() -> QuerySet[BuildingBlock]:
    return BuildingBlock.objects.select_related("section").prefetch_related(
        Prefetch("boxes", CaseStudy.objects.select_related("project").order_by("box")),
        Prefetch("projects", Project.objects.order_by("number", "code")),
    )  # type: ignore[type-var]  # django-stubs: one QuerySet type for all the Prefetches


def sections() -> QuerySet[Section]:
    return Section.objects.select_related("capital", "figure").prefetch_related(
        Prefetch("options", options()), Prefetch("blocks", blocks())
    )


def capitals() -> QuerySet[Capital]:
    return Capital.objects.select_related("figure").prefetch_related(
        Prefetch("sections", Section.objects.prefetch_related("options"))
    )


def find_option(key: str) -> Option | None:
    return options().filter(key=key.strip("/")).first()


def cases_in_section(number: str) -> list[CaseStudy]:
    """Case studies presented in a section or cited by it (cited_in is a JSON list: filter in Python)."""
    cases = CaseStudy.objects.select_related("project").order_by("box")
    return [case for case in cases if case.section == number or number in (case.cited_in or [])]


def cases_by_section() -> dict[str, list[CaseStudy]]:
    found: dict[str, list[CaseStudy]] = {}
    for case in CaseStudy.objects.select_related("project").order_by("box"):
        for number in dict.fromkeys([case.section, *(case.cited_in or [])]):
            found.setdefault(number, []).append(case)
    return found


def part3_chapter(chapter: int) -> list[Section]:
    return list(sections().filter(part=Section.Part.III, chapter=chapter))


def risks() -> QuerySet[BuildingBlock]:
    return blocks().filter(kind=BuildingBlock.Kind.RISK)


def stakeholder_types() -> QuerySet[BuildingBlock]:
    return blocks().filter(kind=BuildingBlock.Kind.STAKEHOLDER_TYPE)


@dataclass(frozen=True)
class RecommendationPair:
    actors: Recommendation
    policymakers: Recommendation | None


def recommendation_pairs() -> list[RecommendationPair]:
    """The 9 recommendations for small-scale actors, each beside its counterpart for policymakers."""
    actors = Recommendation.objects.filter(
        audience=Recommendation.Audience.SMALL_SCALE_ACTORS
    ).select_related("pair")
    return [RecommendationPair(rec, rec.pair) for rec in actors.order_by("number")]


def conclusion_recommendations(audience: str) -> QuerySet[Recommendation]:
    return Recommendation.objects.filter(audience=audience).order_by("number")


def chapter_recommendations(chapter: int) -> QuerySet[Recommendation]:
    return Recommendation.objects.filter(audience=Recommendation.Audience.CHAPTER, chapter=chapter)


def references() -> QuerySet[Reference]:
    return Reference.objects.all()


# ---------------------------------------------------------------- links shown on other apps' pages


def _section_links(numbers: list[str]) -> list[Link]:
    found = {s.number: s for s in Section.objects.filter(number__in=numbers)}
    return [
        Link(title=f"{n} {found[n].title}", url=found[n].get_absolute_url())
        for n in sorted({n for n in numbers if n in found}, key=lambda n: found[n].order)
    ]


def _item_links(items: list[Option] | list[BuildingBlock]) -> list[Link]:
    return [
        Link(title=item.title, url=item.get_absolute_url(), note=f"§{item.section.number}")
        for item in items
    ]


def links_for_project(project: Project) -> list[LinkGroup]:
    """Toolbox options and Part III building blocks naming a project, and the sections discussing it."""
    used_options = list(Option.objects.filter(projects=project).select_related("section"))
    used_blocks = list(BuildingBlock.objects.filter(projects=project).select_related("section"))
    numbers = [str(n) for n in project.sections or []]
    entries: list[Option | BuildingBlock] = [*used_options, *used_blocks]
    numbers += [item.section.number for item in entries]
    return [
        LinkGroup(_("Toolbox options using this kind of activity"), _item_links(used_options)),
        LinkGroup(
            _("Partnership, stakeholder and ally lessons from this project"),
            _item_links(used_blocks),
        ),
        LinkGroup(_("Handbook sections discussing it"), _section_links(numbers)),
    ]


def links_for_case(case: CaseStudy) -> list[LinkGroup]:
    """The options and building blocks citing a case study, and the sections presenting or citing it."""
    citing_options = list(Option.objects.filter(boxes=case).select_related("section"))
    citing_blocks = list(BuildingBlock.objects.filter(boxes=case).select_related("section"))
    numbers = [case.section, *(case.cited_in or [])]
    return [
        LinkGroup(_("Toolbox options citing this case"), _item_links(citing_options)),
        LinkGroup(
            _("Partnership, stakeholder and ally lessons citing this case"),
            _item_links(citing_blocks),
        ),
        LinkGroup(_("Handbook sections presenting or citing it"), _section_links(numbers)),
    ]


def project_cases(project: Project) -> dict | None:
    """The case studies of a project, for its page (no panel when it has none)."""
    cases = list(project.case_studies.all())
    return {"cases": cases} if cases else None


def ticked_key_issues(user: Any, option: Option) -> set[int]:
    """The positions of `option`'s key issues that `user` ticked (none for visitors)."""
    if not getattr(user, "is_authenticated", False):
        return set()
    return set(
        KeyIssueTick.objects.visible_to(user)
        .filter(user=user, option=option)
        .values_list("issue", flat=True)
    )
