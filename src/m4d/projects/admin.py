from typing import Any

from django.contrib import admin
from django.db import models
from django.forms import BaseInlineFormSet
from modeltranslation.admin import TranslationAdmin

from m4d.core.admin import RuleInline, ServiceAdmin, Services
from m4d.projects import services
from m4d.projects.models import Partnership, Project, ProjectCapital, ProjectCountry


class CountryInline(RuleInline, admin.TabularInline):
    model = ProjectCountry
    extra = 0
    ordering = ("position",)  # the first country is the origin
    autocomplete_fields = ("country",)


class PartnershipInline(RuleInline, admin.TabularInline):
    model = Partnership
    extra = 0
    ordering = ("position",)
    autocomplete_fields = ("organisation",)


class CapitalInline(RuleInline, admin.TabularInline):
    model = ProjectCapital
    extra = 0


def _kept_rows(formset: BaseInlineFormSet) -> list[dict[str, Any]]:
    """The rows an inline keeps (filled in, not marked for deletion), in the order of `position`."""
    rows = [
        form.cleaned_data
        for form in formset.forms
        if form.cleaned_data and not form.cleaned_data.get("DELETE")
    ]
    return sorted(rows, key=lambda row: row.get("position") or 0)


@admin.register(Project)
class ProjectAdmin(ServiceAdmin, TranslationAdmin):
    list_display = ("code", "title", "source")
    list_filter = ("source", "capital_links__capital")
    search_fields = ("code", "title_fr", "title_en", "iati_identifier")
    inlines = [CountryInline, PartnershipInline, CapitalInline]
    services = Services(services.create_project, services.update_project, services.delete_project)
    # The service writes a project's links itself, so that its search entry shows them.
    service_inlines = (CountryInline, PartnershipInline, CapitalInline)

    def links(self, formsets: dict[type[models.Model], BaseInlineFormSet]) -> dict[str, Any]:
        partnerships = _kept_rows(formsets[Partnership])
        return {
            "countries": [row["country"] for row in _kept_rows(formsets[ProjectCountry])],
            "partners": [row["organisation"] for row in partnerships],
            "roles": {row["organisation"].pk: row.get("role") or "" for row in partnerships},
            "capitals": [row["capital"] for row in _kept_rows(formsets[ProjectCapital])],
        }
