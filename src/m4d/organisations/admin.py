from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from m4d.core.admin import RuleInline, ServiceAdmin, Services
from m4d.organisations import services
from m4d.organisations.models import Membership, Organisation


class MembershipInline(RuleInline, admin.TabularInline):
    model = Membership
    # Who acts for an organisation is decided by its owners/managers and admins, not editors.
    parent_action = "manage_members"
    extra = 0
    autocomplete_fields = ("user",)


@admin.register(Organisation)
class OrganisationAdmin(ServiceAdmin, TranslationAdmin):
    list_display = ("name", "gloss_en", "gloss_fr", "type", "country", "city", "source")
    list_filter = ("type", "source")
    search_fields = ("name", "gloss_en", "gloss_fr", "key", "iati_identifier", "city")
    readonly_fields = ("logo_width", "logo_height")  # measured from the stored logo
    autocomplete_fields = ("country",)
    inlines = [MembershipInline]
    # Set by a merge only (organisations/merges.py), which moves the record's rows too.
    exclude = ("merged_into",)
    # Before `services` below, which hides the module's name in this class body.
    row_services = {
        Membership: Services(
            services.create_membership, services.update_membership, services.delete_membership
        )
    }
    services = Services(
        services.create_organisation,
        services.update_organisation,
        services.delete_organisation,
    )
