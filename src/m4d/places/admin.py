from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from m4d.core.admin import ServiceAdmin, Services
from m4d.places import services
from m4d.places.models import Country


@admin.register(Country)
class CountryAdmin(ServiceAdmin, TranslationAdmin):
    list_display = ("iso2", "iso3", "name")
    search_fields = ("iso2", "iso3", "name_en", "name_fr")
    services = Services(services.create_country, services.update_country, services.delete_country)
