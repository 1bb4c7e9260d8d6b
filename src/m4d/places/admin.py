from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from m4d.core.admin import RuleAdmin
from m4d.places.models import Country


@admin.register(Country)
class CountryAdmin(RuleAdmin, TranslationAdmin):
    list_display = ("iso2", "iso3", "name")
    search_fields = ("iso2", "iso3", "name_en", "name_fr")
