"""The toolbox in the admin: the YAML files under toolbox/data/ are the source of truth (editors' corrections
made here are overwritten the next time the files change)."""

from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from m4d.core.admin import RuleAdmin
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


@admin.register(Capital)
class CapitalAdmin(RuleAdmin, TranslationAdmin):
    list_display = ("key", "name", "chapter")


@admin.register(CaseStudy)
class CaseStudyAdmin(RuleAdmin, TranslationAdmin):
    list_display = ("box", "title", "project", "section")
    autocomplete_fields = ("project",)


@admin.register(Figure)
class FigureAdmin(RuleAdmin, TranslationAdmin):
    list_display = ("number", "title", "section")


@admin.register(Section)
class SectionAdmin(RuleAdmin, TranslationAdmin):
    list_display = ("number", "title", "part", "capital")
    list_filter = ("part", "capital")


@admin.register(Option)
class OptionAdmin(RuleAdmin, TranslationAdmin):
    list_display = ("key", "title", "section")
    list_filter = ("section",)
    search_fields = ("key", "title_fr", "title_en")
    filter_horizontal = ("boxes", "projects")


@admin.register(BuildingBlock)
class BuildingBlockAdmin(RuleAdmin, TranslationAdmin):
    list_display = ("key", "title", "kind", "section")
    list_filter = ("kind", "section")
    search_fields = ("key", "title_fr", "title_en")
    filter_horizontal = ("boxes", "projects")


@admin.register(Recommendation)
class RecommendationAdmin(RuleAdmin, TranslationAdmin):
    list_display = ("key", "audience", "number", "title")
    list_filter = ("audience",)


@admin.register(Reference)
class ReferenceAdmin(RuleAdmin, TranslationAdmin):
    list_display = ("key", "title")
