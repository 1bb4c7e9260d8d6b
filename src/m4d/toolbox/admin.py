"""The toolbox in the admin: the YAML files under toolbox/data/ are the source of truth (editors' corrections
made here are overwritten the next time the files change)."""

from functools import partial
from typing import Any

from django.contrib import admin
from django.db import models
from modeltranslation.admin import TranslationAdmin

from m4d.core.admin import ServiceAdmin, Services
from m4d.toolbox import services
from m4d.toolbox.models import (
    BuildingBlock,
    Capital,
    CaseStudy,
    Figure,
    Option,
    Recommendation,
    Reference,
    Section,
)


class ContentAdmin(ServiceAdmin, TranslationAdmin):
    """Every toolbox record is written by the same two services."""

    def __init__(self, model: type[models.Model], admin_site: Any) -> None:
        super().__init__(model, admin_site)
        self.services = Services(
            partial(services.create_content, model),
            services.save_content,
            services.delete_content,
        )


@admin.register(Capital)
class CapitalAdmin(ContentAdmin):
    list_display = ("key", "name", "chapter")


@admin.register(CaseStudy)
class CaseStudyAdmin(ContentAdmin):
    list_display = ("box", "title", "project", "section")
    autocomplete_fields = ("project",)


@admin.register(Figure)
class FigureAdmin(ContentAdmin):
    list_display = ("number", "title", "section")


@admin.register(Section)
class SectionAdmin(ContentAdmin):
    list_display = ("number", "title", "part", "capital")
    list_filter = ("part", "capital")


@admin.register(Option)
class OptionAdmin(ContentAdmin):
    list_display = ("key", "title", "section")
    list_filter = ("section",)
    search_fields = ("key", "title_fr", "title_en")
    filter_horizontal = ("boxes", "projects")


@admin.register(BuildingBlock)
class BuildingBlockAdmin(ContentAdmin):
    list_display = ("key", "title", "kind", "section")
    list_filter = ("kind", "section")
    search_fields = ("key", "title_fr", "title_en")
    filter_horizontal = ("boxes", "projects")


@admin.register(Recommendation)
class RecommendationAdmin(ContentAdmin):
    list_display = ("key", "audience", "number", "title")
    list_filter = ("audience",)


@admin.register(Reference)
class ReferenceAdmin(ContentAdmin):
    list_display = ("key", "title")
