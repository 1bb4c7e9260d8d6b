"""The proposal templates in the admin (administrators only), written through their services."""

from __future__ import annotations

from django.contrib import admin

from m4d.core.admin import ServiceAdmin, Services
from m4d.plans.exports import services
from m4d.plans.models import ProposalTemplate


@admin.register(ProposalTemplate)
class ProposalTemplateAdmin(ServiceAdmin):
    list_display = ("language", "updated_at")
    services = Services(
        services.create_template, services.update_template, services.delete_template
    )
