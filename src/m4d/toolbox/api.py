"""Toolbox endpoints: GET /api/toolbox (everything, in one language) and GET /api/toolbox/options/{key}."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils import translation
from ninja import Router, Schema
from ninja.errors import HttpError
from pydantic import Field

from m4d.core.i18n import request_language
from m4d.toolbox import selectors
from m4d.toolbox.models import BuildingBlock, CaseStudy, Option, Recommendation

router = Router(tags=["toolbox"])


class CapitalOut(Schema):
    key: str = Field(description="social, financial, human or cultural")
    chapter: int
    name: str
    summary: str
    contributes: list[str]
    sections: list[str] = Field(description="Numbers of the handbook sections on this capital")
    url: str


class CaseRef(Schema):
    box: int = Field(description="Box ('Encadré') number in the handbook")
    project_code: str | None
    title: str
    url: str


class ProjectRef(Schema):
    code: str
    title: str
    url: str


class OptionItem(Schema):
    key: str = Field(description="Stable key, e.g. '2.1/virtual-networking-spaces'")
    title: str
    summary: str
    benefits: list[str]
    key_issues: list[str]
    url: str


class OptionDetail(OptionItem):
    section: str
    section_title: str
    cases: list[CaseRef]
    projects: list[ProjectRef]
    citation: str


class BlockItem(Schema):
    key: str
    kind: str
    title: str
    summary: str
    benefits: list[str]
    challenges: list[str]
    solutions: list[str]
    url: str


class SectionOut(Schema):
    number: str = Field(description="e.g. '2.1'")
    part: str = Field(description="II or III")
    chapter: int
    title: str = Field(description="As printed in the handbook (French) or translated")
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
        "url": case.get_absolute_url(),
    }


def _option(option: Option) -> dict:
    return {
        "key": option.key,
        "title": option.title,
        "summary": option.summary,
        "benefits": option.benefits or [],
        "key_issues": option.key_issues or [],
        "url": option.get_absolute_url(),
    }


def _block(block: BuildingBlock) -> dict:
    return {
        "key": block.key,
        "kind": block.kind,
        "title": block.title,
        "summary": block.summary,
        "benefits": block.benefits or [],
        "challenges": block.challenges or [],
        "solutions": block.solutions or [],
        "url": block.get_absolute_url(),
    }


def _recommendation(rec: Recommendation) -> dict:
    return {
        "key": rec.key,
        "number": rec.number,
        "title": rec.title,
        "text": rec.text,
        "pair": rec.pair_number,
    }


@router.get("", response=ToolboxOut, summary="The whole toolbox in one language")
def toolbox(request: HttpRequest):
    language = request_language(request)
    with translation.override(language):
        cases = selectors.cases_by_section()
        return {
            "language": language,
            "capitals": [
                {
                    "key": c.key,
                    "chapter": c.chapter,
                    "name": c.name,
                    "summary": c.summary,
                    "contributes": c.contributes or [],
                    "sections": [s.number for s in c.sections.all()],
                    "url": c.get_absolute_url(),
                }
                for c in selectors.capitals()
            ],
            "sections": [
                {
                    "number": s.number,
                    "part": s.part,
                    "chapter": s.chapter,
                    "title": s.title,
                    "purpose": s.purpose,
                    "capital": s.capital.key if s.capital else None,
                    "figure": s.figure.number if s.figure else None,
                    "options": [_option(o) for o in s.options.all()],
                    "blocks": [_block(b) for b in s.blocks.all()],
                    "cases": [_case(c) for c in cases.get(s.number, [])],
                    "url": s.get_absolute_url(),
                }
                for s in selectors.sections()
            ],
            "recommendations": {
                audience: [
                    _recommendation(r) for r in selectors.conclusion_recommendations(audience)
                ]
                for audience in ("small_scale_actors", "policymakers")
            },
            "risks": [_block(b) for b in selectors.risks()],
            "stakeholder_types": [_block(b) for b in selectors.stakeholder_types()],
        }


@router.get(
    "/options/{path:key}",
    response=OptionDetail,
    summary="One option by key, e.g. 2.1/virtual-networking-spaces",
)
def option(request: HttpRequest, key: str):
    found = selectors.find_option(key)
    if found is None:
        raise HttpError(404, f"No toolbox option with key {key!r}")
    with translation.override(request_language(request)):
        return {
            **_option(found),
            "section": found.section.number,
            "section_title": found.section.title,
            "cases": [_case(c) for c in found.boxes.all()],
            "projects": [
                {"code": p.code, "title": p.title, "url": p.get_absolute_url()}
                for p in found.projects.all()
            ],
            "citation": found.citation,
        }
