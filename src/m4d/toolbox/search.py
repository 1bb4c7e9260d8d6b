"""Toolbox content in the shared search: capitals, sections, options, building blocks, case studies,
recommendations and references, each findable in French and English."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from m4d.core.search import Addition, Document
from m4d.toolbox.models import (
    BuildingBlock,
    Capital,
    CaseStudy,
    Option,
    Recommendation,
    Reference,
    Section,
)


def _selected(queryset: models.QuerySet, ids: Sequence[int] | None) -> models.QuerySet:
    return queryset if ids is None else queryset.filter(pk__in=ids)


def _text(obj: Any, lang: str, *fields: str) -> str:
    parts: list[str] = []
    for name in fields:
        value = getattr(obj, f"{name}_{lang}", None) or getattr(obj, f"{name}_fr", None) or ""
        parts.extend(value if isinstance(value, list) else [value])
    return " ".join(part for part in parts if part)


class CapitalSearch:
    kind = "capital"
    label = _("Migrant capital")

    def documents(self, ids: Sequence[int] | None = None) -> Iterator[Document]:
        for capital in _selected(Capital.objects.all(), ids):
            yield Document(
                kind=self.kind,
                object_id=capital.pk,
                title_en=capital.name_en or capital.name_fr,
                title_fr=capital.name_fr,
                url=capital.get_absolute_url(),
                text_en=_text(capital, "en", "summary", "contributes"),
                text_fr=_text(capital, "fr", "summary", "contributes"),
                extra=capital.key,
            )


class SectionSearch:
    kind = "section"
    label = _("Handbook section")

    def documents(self, ids: Sequence[int] | None = None) -> Iterator[Document]:
        for section in _selected(Section.objects.select_related("figure"), ids):
            yield Document(
                kind=self.kind,
                object_id=section.pk,
                title_en=f"{section.number} {section.title_en or section.title_fr}",
                title_fr=f"{section.number} {section.title_fr}",
                url=section.get_absolute_url(),
                text_en=section.purpose_en or section.purpose_fr,
                text_fr=section.purpose_fr,
                extra=" ".join(
                    filter(
                        None,
                        [
                            section.figure and section.figure.title_fr,
                            section.figure and section.figure.title_en,
                        ],
                    )
                ),
            )


class SectionEntrySearch:
    """Options and building blocks: title, the section's text lists, section number and project codes."""

    kind: str
    model: type[Option] | type[BuildingBlock]
    fields: tuple[str, ...]

    def documents(self, ids: Sequence[int] | None = None) -> Iterator[Document]:
        entries = self.model.objects.select_related("section").prefetch_related("projects")
        for entry in _selected(entries, ids):
            yield Document(
                kind=self.kind,
                object_id=entry.pk,
                title_en=entry.title_en or entry.title_fr,
                title_fr=entry.title_fr,
                url=entry.get_absolute_url(),
                text_en=_text(entry, "en", *self.fields),
                text_fr=_text(entry, "fr", *self.fields),
                extra=" ".join([entry.section.number, *(p.code for p in entry.projects.all())]),
            )


class OptionSearch(SectionEntrySearch):
    kind = "option"
    label = _("Toolbox option")
    model = Option
    fields = ("summary", "benefits", "key_issues")


class BuildingBlockSearch(SectionEntrySearch):
    kind = "block"
    label = _("Partnerships, stakeholders and allies")
    model = BuildingBlock
    fields = ("summary", "benefits", "challenges", "solutions")


class RecommendationSearch:
    kind = "recommendation"
    label = _("Recommendation")

    def documents(self, ids: Sequence[int] | None = None) -> Iterator[Document]:
        urls = {c.chapter: c.get_absolute_url() for c in Capital.objects.all()}
        for rec in _selected(Recommendation.objects.all(), ids):
            url = (
                f"{urls[rec.chapter]}#recommendations"
                if rec.chapter in urls
                else rec.get_absolute_url()
            )
            yield Document(
                kind=self.kind,
                object_id=rec.pk,
                title_en=rec.title_en or rec.title_fr,
                title_fr=rec.title_fr,
                url=url,
                text_en=rec.text_en or rec.text_fr,
                text_fr=rec.text_fr,
            )


class ReferenceSearch:
    kind = "reference"
    label = _("Handbook reference")

    def documents(self, ids: Sequence[int] | None = None) -> Iterator[Document]:
        for ref in _selected(Reference.objects.all(), ids):
            yield Document(
                kind=self.kind,
                object_id=ref.pk,
                title_en=ref.title_en or ref.title_fr,
                title_fr=ref.title_fr,
                url=ref.get_absolute_url(),
                text_en=ref.summary_en or ref.summary_fr,
                text_fr=ref.summary_fr,
            )


class CaseStudySearch:
    kind = "case"
    label = _("Case study")

    def documents(self, ids: Sequence[int] | None = None) -> Iterator[Document]:
        for case in _selected(CaseStudy.objects.select_related("project"), ids):
            yield Document(
                kind=self.kind,
                object_id=case.pk,
                title_en=f"Box {case.box}: {case.title_en or case.title_fr}",
                title_fr=f"Encadré {case.box} : {case.title_fr or case.title_en}",
                url=case.get_absolute_url(),
                text_en=_text(case, "en", "summary", "what_was_done", "lessons"),
                text_fr=_text(case, "fr", "summary", "what_was_done", "lessons"),
                extra=case.project.code if case.project else "",
            )


def case_study_words(project_ids: Sequence[int]) -> dict[int, Addition]:
    """A project's entry holds the text of its case studies, in both languages (their titles rank
    like its own)."""
    found: dict[int, list[Addition]] = {}
    for case in CaseStudy.objects.filter(project__in=project_ids):
        if case.project_id is None:
            continue
        fields = ("summary", "what_was_done", "lessons")
        found.setdefault(case.project_id, []).append(
            Addition(
                names=" ".join([_text(case, "fr", "title"), _text(case, "en", "title")]),
                text=" ".join([_text(case, "fr", *fields), _text(case, "en", *fields)]),
            )
        )
    return {
        pk: Addition(" ".join(a.names for a in adds), " ".join(a.text for a in adds))
        for pk, adds in found.items()
    }


def _ids(queryset: models.QuerySet) -> list[int]:
    return list(queryset.values_list("pk", flat=True).distinct())


# What each toolbox entry shows of other records (see `m4d.core.search.follow`): shown kind,
# showing kind, the showing records' ids for the shown ones.
FOLLOWERS = (
    ("project", "case", lambda ids: _ids(CaseStudy.objects.filter(project__in=ids))),
    (
        "case",
        "project",
        lambda ids: list(
            CaseStudy.objects.filter(pk__in=ids, project__isnull=False)
            .values_list("project", flat=True)
            .distinct()
        ),
    ),
    ("project", "option", lambda ids: _ids(Option.objects.filter(projects__in=ids))),
    ("project", "block", lambda ids: _ids(BuildingBlock.objects.filter(projects__in=ids))),
    ("section", "option", lambda ids: _ids(Option.objects.filter(section__in=ids))),
    ("section", "block", lambda ids: _ids(BuildingBlock.objects.filter(section__in=ids))),
    ("figure", "section", lambda ids: _ids(Section.objects.filter(figure__in=ids))),
    (
        "capital",
        "recommendation",
        lambda ids: _ids(
            Recommendation.objects.filter(
                chapter__in=Capital.objects.filter(pk__in=ids).values("chapter")
            )
        ),
    ),
)

ADAPTERS = (
    CapitalSearch,
    SectionSearch,
    OptionSearch,
    BuildingBlockSearch,
    CaseStudySearch,
    RecommendationSearch,
    ReferenceSearch,
)
