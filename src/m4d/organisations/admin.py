from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from m4d.organisations.models import Membership, Organisation


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ("user",)


@admin.register(Organisation)
class OrganisationAdmin(TranslationAdmin):
    list_display = ("name", "type", "country", "source")
    list_filter = ("type", "source")
    search_fields = ("name_fr", "name_en", "key", "iati_identifier")
    autocomplete_fields = ("country",)
    inlines = [MembershipInline]
