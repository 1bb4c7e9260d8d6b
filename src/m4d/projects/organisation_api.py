"""`GET /api/organisations/{id}`: an organisation with its projects and co-partners.

Served by the projects app because both lists are project knowledge; mounted under
/api/organisations beside the directory's own endpoints, with the same tag. The organisations
app's `PATCH` of the same path is mounted here too: one path is one route, so both of its methods
must live on one router.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponsePermanentRedirect
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from ninja import Router
from ninja.errors import HttpError

from m4d.accounts.api import signed_in
from m4d.core.i18n import request_language
from m4d.organisations.api import (
    FormErrors,
    OrganisationItem,
    OrganisationRecord,
    organisation_item,
    update_organisation,
)
from m4d.organisations.models import Organisation
from m4d.organisations.selectors import merged_target
from m4d.projects.schemas import ProjectRef
from m4d.projects.selectors import co_partners

router = Router(tags=["organisations"])


class OrganisationDetail(OrganisationItem):
    iati_identifier: str
    project_list: list[ProjectRef]
    co_partners: list[OrganisationItem]


@router.get("/{organisation_id}", response=OrganisationDetail, summary="One organisation")
def get_organisation(request: HttpRequest, organisation_id: int) -> Any:
    org = (
        Organisation.objects.visible_to(request.user)
        .select_related("country")
        .filter(pk=organisation_id)
        .first()
        if 0 < organisation_id < 2**62
        else None
    )
    if org is None:
        # A merged record's address leads to the record it was merged into (decision 0011).
        kept = merged_target(organisation_id) if 0 < organisation_id < 2**62 else None
        if kept is not None:
            return HttpResponsePermanentRedirect(
                reverse("api:get_organisation", kwargs={"organisation_id": kept.pk})
            )
        raise HttpError(404, _("No organisation with id %(id)s") % {"id": organisation_id})
    with translation.override(request_language(request)):
        projects = list(org.projects.order_by("number", "code"))
        item = organisation_item(org, len(projects))
        item["iati_identifier"] = org.iati_identifier
        item["project_list"] = projects
        item["co_partners"] = [organisation_item(o, o.shared) for o in co_partners(org)[:50]]
        return item


router.add_api_operation(
    "/{organisation_id}",
    ["PATCH"],
    update_organisation,
    auth=signed_in,
    response={200: OrganisationRecord, 422: FormErrors},
    summary="Change an organisation (its owners and managers, and editors)",
)
