from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from m4d.core.admin import RuleAdmin, RuleInline
from m4d.projects.models import Partnership, Project, ProjectCapital, ProjectCountry


class CountryInline(RuleInline, admin.TabularInline):
    model = ProjectCountry
    extra = 0
    autocomplete_fields = ("country",)


class PartnershipInline(RuleInline, admin.TabularInline):
    model = Partnership
    extra = 0
    autocomplete_fields = ("organisation",)


class CapitalInline(RuleInline, admin.TabularInline):
    model = ProjectCapital
    extra = 0


@admin.register(Project)
class ProjectAdmin(RuleAdmin, TranslationAdmin):
    list_display = ("code", "title", "source")
    list_filter = ("source", "capital_links__capital")
    search_fields = ("code", "title_fr", "title_en", "iati_identifier")
    inlines = [CountryInline, PartnershipInline, CapitalInline]
