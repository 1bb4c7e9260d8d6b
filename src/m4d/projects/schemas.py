"""The JSON shapes of projects, read from the models: the API, the JSON export and other apps'
endpoints (the toolbox's `ProjectRef`) share them. Resolvers read translated fields, so build a
schema inside `translation.override(language)`."""

from __future__ import annotations

from datetime import date

from ninja import Schema
from pydantic import Field

from m4d.organisations.models import Organisation
from m4d.projects.models import Project


class ProjectRef(Schema):
    code: str
    title: str
    url: str

    @staticmethod
    def resolve_url(obj: Project) -> str:
        return obj.get_absolute_url()


class CountryRef(Schema):
    iso2: str
    name: str


class PartnerRef(Schema):
    id: int
    name: str = Field(description="Official name, as the organisation writes it, in every language")
    gloss: str = Field(description="What the name means in the requested language, or empty")
    type: str
    country: str | None

    @staticmethod
    def resolve_gloss(obj: Organisation) -> str:
        return obj.gloss

    @staticmethod
    def resolve_country(obj: Organisation) -> str | None:
        return obj.country.iso2 if obj.country else None


class ProjectItem(Schema):
    code: str
    title: str = Field(description="Title in the requested language (the other one when missing)")
    title_fr: str = Field(description="French title, as printed in the handbook")
    title_en: str = Field(description="English title (the French one when missing)")
    summary: str = Field(
        description="Summary in the requested language (the other one when missing)"
    )
    summary_fr: str = Field(description="French summary")
    summary_en: str = Field(description="English summary")
    countries: list[CountryRef]
    partners: list[PartnerRef]
    capitals: list[str]
    sections: list[str]
    website: str = Field(description="The project's own web page, if it has one")
    start_date: date | None = Field(description="When the activity started (or is to start)")
    end_date: date | None = Field(description="When the activity ended (or is to end)")
    migration_sector: bool = Field(
        description="Reported under DAC sector 15190 (migration and mobility) in IATI exports"
    )
    url: str

    @staticmethod
    def resolve_title_fr(obj: Project) -> str:
        return obj.title_fr or obj.title_en or ""

    @staticmethod
    def resolve_summary_fr(obj: Project) -> str:
        return obj.summary_fr or ""

    @staticmethod
    def resolve_summary_en(obj: Project) -> str:
        return obj.summary_en or ""

    @staticmethod
    def resolve_title_en(obj: Project) -> str:
        return obj.title_en or obj.title_fr or ""

    @staticmethod
    def resolve_countries(obj: Project) -> list:
        return obj.ordered_countries

    @staticmethod
    def resolve_partners(obj: Project) -> list:
        return obj.ordered_partners

    @staticmethod
    def resolve_capitals(obj: Project) -> list[str]:
        return obj.capital_values

    @staticmethod
    def resolve_url(obj: Project) -> str:
        return obj.get_absolute_url()


class ProjectDetail(ProjectItem):
    boxes: list[int]

    @staticmethod
    def resolve_boxes(obj: Project) -> list[int]:
        return list(obj.case_studies.values_list("box", flat=True))
