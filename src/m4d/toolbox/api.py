"""Toolbox endpoints: GET /api/toolbox (everything, in one language) and GET /api/toolbox/options/{key}.

The schemas read the models (resolvers for what is not a plain field). ninja serialises the answer
after the endpoint returns, in the language the request activated (LocaleMiddleware or `?lang=`),
which is `request_language(request)`.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import translation
from django.utils.translation import gettext as _
from ninja import Router, Schema
from ninja.errors import HttpError
from pydantic import Field

from m4d.core.i18n import request_language
from m4d.projects.schemas import ProjectRef
from m4d.toolbox import selectors
from m4d.toolbox.models import BuildingBlock, Capital, CaseStudy, Option, Recommendation

router = Router(tags=["toolbox"])


class CapitalOut(Schema):
    key: str = Field(description="social, financial, human or cultural")
    chapter: int
    name: str
    summary: str
    contributes: list[str]
    sections: list[str] = Field(description="Numbers of the handbook sections on this capital")
    url: str

    @staticmethod
    def resolve_contributes(obj: Capital) -> list[str]:
        return obj.contributes or []

    @staticmethod
    def resolve_sections(obj: Capital) -> list[str]:
        return [s.number for s in obj.sections.all()]

    @staticmethod
    def resolve_url(obj: Capital) -> str:
        return obj.get_absolute_url()


class CaseRef(Schema):
    box: int = Field(description="Box ('Encadré') number in the handbook")
    project_code: str | None
    title: str = Field(description="In the requested language")
    title_fr: str = Field(description="As printed in the handbook")
    url: str


class OptionItem(Schema):
    key: str = Field(description="Stable key, e.g. '2.1/virtual-networking-spaces'")
    title: str
    summary: str
    benefits: list[str]
    key_issues: list[str]
    url: str

    @staticmethod
    def resolve_benefits(obj: Option) -> list[str]:
        return obj.benefits or []

    @staticmethod
    def resolve_key_issues(obj: Option) -> list[str]:
        return obj.key_issues or []

    @staticmethod
    def resolve_url(obj: Option) -> str:
        return obj.get_absolute_url()


class OptionDetail(OptionItem):
    section: str
    section_title: str
    cases: list[CaseRef]
    projects: list[ProjectRef]
    citation: str

    @staticmethod
    def resolve_section(obj: Option) -> str:
        return obj.section.number

    @staticmethod
    def resolve_section_title(obj: Option) -> str:
        return obj.section.title

    @staticmethod
    def resolve_cases(obj: Option) -> list[dict]:
        return [_case(c) for c in obj.boxes.all()]

    @staticmethod
    def resolve_projects(obj: Option) -> list:
        return list(obj.projects.all())


class BlockItem(Schema):
    key: str
    kind: str
    title: str
    summary: str
    benefits: list[str]
    challenges: list[str]
    solutions: list[str]
    url: str

    @staticmethod
    def resolve_benefits(obj: BuildingBlock) -> list[str]:
        return obj.benefits or []

    @staticmethod
    def resolve_challenges(obj: BuildingBlock) -> list[str]:
        return obj.challenges or []

    @staticmethod
    def resolve_solutions(obj: BuildingBlock) -> list[str]:
        return obj.solutions or []

    @staticmethod
    def resolve_url(obj: BuildingBlock) -> str:
        return obj.get_absolute_url()


class SectionOut(Schema):
    number: str = Field(description="e.g. '2.1'")
    part: str = Field(description="II or III")
    chapter: int
    title: str = Field(description="In the requested language")
    title_fr: str = Field(description="As printed in the handbook")
    purpose: str
    capital: str | None = Field(description="Capital key for Part II sections")
    figure: int | None
    options: list[OptionItem]
    blocks: list[BlockItem]
    cases: list[CaseRef]
    url: str


class RecommendationOut(Schema):
    key: str
    number: int
    title: str
    text: str
    pair: int | None = Field(
        description="Number of the counterpart recommendation for the other audience"
    )

    @staticmethod
    def resolve_pair(obj: Recommendation) -> int | None:
        return obj.pair_number


class Recommendations(Schema):
    small_scale_actors: list[RecommendationOut]
    policymakers: list[RecommendationOut]


class ToolboxOut(Schema):
    language: str
    capitals: list[CapitalOut]
    sections: list[SectionOut]
    recommendations: Recommendations
    risks: list[BlockItem]
    stakeholder_types: list[BlockItem]


def _case(case: CaseStudy) -> dict:
    return {
        "box": case.box,
        "project_code": case.project.code if case.project else None,
        "title": case.title,
        "title_fr": case.title_fr or "",
        "url": case.get_absolute_url(),
    }


@router.get("", response=ToolboxOut, summary="The whole toolbox in one language")
def toolbox(request: HttpRequest) -> dict[str, Any]:
    language = request_language(request)
    with translation.override(language):
        cases = selectors.cases_by_section()
        return {
            "language": language,
            "capitals": list(selectors.capitals()),
            "sections": [
                {
                    "number": s.number,
                    "part": s.part,
                    "chapter": s.chapter,
                    "title": s.title,
                    "title_fr": s.title_fr or "",
                    "purpose": s.purpose,
                    "capital": s.capital.key if s.capital else None,
                    "figure": s.figure.number if s.figure else None,
                    "options": list(s.options.all()),
                    "blocks": list(s.blocks.all()),
                    "cases": [_case(c) for c in cases.get(s.number, [])],
                    "url": s.get_absolute_url(),
                }
                for s in selectors.sections()
            ],
            "recommendations": {
                audience: list(selectors.conclusion_recommendations(audience))
                for audience in ("small_scale_actors", "policymakers")
            },
            "risks": list(selectors.risks()),
            "stakeholder_types": list(selectors.stakeholder_types()),
        }


@router.get(
    "/options/{path:key}",
    response=OptionDetail,
    summary="One option by key, e.g. 2.1/virtual-networking-spaces",
)
def option(request: HttpRequest, key: str) -> Option:
    found = selectors.find_option(key)
    if found is None:
        raise HttpError(404, _("No toolbox option with key '%(key)s'") % {"key": key})
    return found
