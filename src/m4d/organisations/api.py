"""Organisation directory endpoints, and the writes of the members who manage an organisation
(`POST /api/organisations`; `update_organisation`, mounted as `PATCH /api/organisations/{id}` by
the projects app beside the `GET` of one organisation with its projects and co-partners, which it
serves: `projects/organisation_api.py`)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import HttpRequest
from django.utils import translation
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema
from ninja.errors import HttpError
from ninja.responses import Status
from pydantic import Field

from m4d.accounts.api import signed_in
from m4d.core.filters import api_parameter
from m4d.core.i18n import request_language
from m4d.core.links import absolute_url
from m4d.core.permissions import Forbidden, require
from m4d.organisations import claims, rules, services
from m4d.organisations.forms import (
    ClaimForm,
    InvitationForm,
    OrganisationFilterForm,
    OrganisationForm,
    RoleForm,
)
from m4d.organisations.models import Invitation, Membership, Organisation
from m4d.organisations.selectors import (
    DEFAULT_SORT,
    SORTS,
    filter_organisations,
    invitation_expires_at,
    members_of,
    with_project_counts,
)

router = Router(tags=["organisations"])


class OrganisationItem(Schema):
    id: int
    name: str = Field(description="Official name, as the organisation writes it, in every language")
    gloss: str = Field(description="What the name means in the requested language, or empty")
    type: str
    type_label: str
    country: str | None
    projects: int
    url: str
    city: str = Field(description="City where it is based, or empty")
    website: str = Field(description="Its own web site (http or https), or empty")
    description: str = Field(description="Description in the requested language, or empty")
    logo: str | None = Field(
        description="Absolute address of its logo (PNG, JPEG or WebP), or null"
    )


class OrganisationPage(Schema):
    count: int
    items: list[OrganisationItem]


class OrganisationParams(Schema):
    """The directory's filters, validated by `OrganisationFilterForm` as on the page."""

    q: str = api_parameter(OrganisationFilterForm, "q", "Words to find in names")
    country: str = api_parameter(
        OrganisationFilterForm, "country", "ISO alpha-2/alpha-3 code or a French/English name"
    )
    type: str = api_parameter(
        OrganisationFilterForm, "type", "One of: " + ", ".join(Organisation.Type.values)
    )
    sort: str = api_parameter(
        OrganisationFilterForm, "sort", "One of: " + ", ".join(SORTS), default=DEFAULT_SORT
    )
    limit: int = Field(20, ge=1, le=200)
    offset: int = Field(0, ge=0, le=10_000_000)


def logo_url(org: Organisation) -> str | None:
    """The logo's absolute address (on M4D_BASE_URL), or None."""
    return absolute_url(org.logo.url) if org.logo else None


def organisation_item(org: Organisation, project_count: int | None = None) -> dict:
    """Build inside `translation.override(language)`: the gloss is the one in that language."""
    return {
        "city": org.city,
        "website": org.website,
        "description": org.description or "",
        "logo": logo_url(org),
        "id": org.pk,
        "name": org.name,
        "gloss": org.gloss,
        "type": org.type,
        "type_label": str(org.get_type_display()),
        "country": org.country.iso2 if org.country is not None else None,
        "projects": project_count
        if project_count is not None
        else getattr(org, "project_count", 0),
        "url": org.get_absolute_url(),
    }


@router.get("", response=OrganisationPage, summary="List and filter organisations")
def list_organisations(request: HttpRequest, params: Query[OrganisationParams]) -> dict[str, Any]:
    with translation.override(request_language(request)):
        form = OrganisationFilterForm.from_params(params.dict(exclude={"limit", "offset"}))
        filters = form.filters()
        if filters is None:
            raise form.api_error()
        organisations = filter_organisations(
            filters, among=Organisation.objects.visible_to(request.user)
        )
        page = with_project_counts(organisations[params.offset : params.offset + params.limit])
        return {"count": organisations.count(), "items": [organisation_item(o) for o in page]}


class OrganisationIn(Schema):
    """A new organisation, validated by `OrganisationForm` as on the page."""

    name: str = Field(description="Official name, exactly as the organisation writes it")
    type: str = Field(description="One of: " + ", ".join(Organisation.Type.values))
    country: str = Field(description="ISO alpha-2/alpha-3 code or a French/English name")
    gloss_en: str = Field("", description="What the name means in English, or empty")
    gloss_fr: str = Field("", description="What the name means in French, or empty")
    city: str = Field("", description="City where it is based")
    website: str = Field("", description="Its own web site, http or https")
    description_fr: str = Field("", description="Description in French")
    description_en: str = Field("", description="Description in English")
    iati_identifier: str = Field(
        "",
        description="IATI organisation identifier, {agency}-{number} with an agency of the OrganisationRegistrationAgency codelist",
    )


class OrganisationPatch(Schema):
    """The fields to change; those left out keep their value."""

    name: str | None = None
    type: str | None = None
    country: str | None = None
    gloss_en: str | None = None
    gloss_fr: str | None = None
    city: str | None = None
    website: str | None = None
    description_fr: str | None = None
    description_en: str | None = None
    iati_identifier: str | None = None


class OrganisationRecord(Schema):
    id: int
    name: str = Field(description="Official name, as the organisation writes it, in every language")
    gloss_en: str
    gloss_fr: str
    type: str
    country: str | None = Field(description="ISO alpha-2 code")
    url: str
    city: str
    website: str
    description_fr: str
    description_en: str
    iati_identifier: str
    logo: str | None = Field(
        description="Absolute address of its logo, or null (set on the organisation's edit page)"
    )


class FormErrors(Schema):
    detail: str
    errors: dict[str, list[str]] = Field(description="Messages by field (`__all__`: the record)")


def organisation_record(org: Organisation) -> dict[str, Any]:
    return {
        "id": org.pk,
        "name": org.name,
        "gloss_en": org.gloss_en,
        "gloss_fr": org.gloss_fr,
        "type": org.type,
        "country": org.country.iso2 if org.country is not None else None,
        "url": org.get_absolute_url(),
        "city": org.city,
        "website": org.website,
        "description_fr": org.description_fr or "",
        "description_en": org.description_en or "",
        "iati_identifier": org.iati_identifier,
        "logo": logo_url(org),
    }


def _invalid(form: OrganisationForm) -> Status[dict[str, Any]]:
    errors = {field: [str(m) for m in messages] for field, messages in form.errors.items()}
    return Status(422, {"detail": _("Invalid organisation."), "errors": errors})


@router.post(
    "",
    response={201: OrganisationRecord, 422: FormErrors},
    auth=signed_in,
    summary="Create an organisation; the caller becomes its owner",
)
def create_organisation(request: HttpRequest, payload: OrganisationIn) -> Status[Any]:
    with translation.override(request_language(request)):
        require(request.user, "add", Organisation)
        form = OrganisationForm(payload.dict())
        if not form.is_valid():
            return _invalid(form)
        try:
            org = services.create_organisation_for(request.user, changes=form.changes())
        except services.OrganisationError as error:
            form.add_error(None, error.message)
            return _invalid(form)
        return Status(201, organisation_record(org))


def update_organisation(
    request: HttpRequest, organisation_id: int, payload: OrganisationPatch
) -> Status[Any]:
    """`PATCH /api/organisations/{id}`: its owners and managers, and editors (others 403)."""
    with translation.override(request_language(request)):
        org = (
            Organisation.objects.visible_to(request.user).filter(pk=organisation_id).first()
            if 0 < organisation_id < 2**62
            else None
        )
        if org is None:
            raise HttpError(404, _("No organisation with id %(id)s") % {"id": organisation_id})
        require(request.user, "change", org)
        data = {**OrganisationForm.values_of(org), **payload.dict(exclude_unset=True)}
        form = OrganisationForm(data, organisation=org)
        if not form.is_valid():
            return _invalid(form)
        try:
            services.update_organisation(org, by=request.user, changes=form.changes())
        except services.OrganisationError as error:
            form.add_error(None, error.message)
            return _invalid(form)
        return Status(200, organisation_record(org))


# Members (`GET/POST /api/organisations/{id}/members`) and invitations
# (`POST /api/organisations/{id}/invitations`): the same rules and services as the members page.


class MemberOut(Schema):
    id: int = Field(description="The membership's id")
    email: str
    display_name: str
    role: str = Field(description="owner, manager or member")
    since: str = Field(description="When they joined (ISO 8601)")


class MemberPage(Schema):
    count: int
    items: list[MemberOut]


class MemberIn(Schema):
    """A person who already has an account; invite anyone else (`POST …/invitations`)."""

    email: str = Field(description="The e-mail address of their account")
    role: str = Field(
        Membership.Role.MEMBER,
        description="owner (only owners give it), manager or member",
    )


class InvitationIn(Schema):
    email: str = Field(description="Where the invitation link is sent")
    role: str = Field(
        Membership.Role.MEMBER, description="owner (only owners give it), manager or member"
    )
    language: str | None = Field(
        None,
        description="Language of the e-mail, en or fr (default: the caller's preferred "
        "language, else the request's)",
    )


class InvitationOut(Schema):
    id: int
    organisation_id: int
    email: str
    role: str
    language: str
    status: str = Field(description="pending, accepted or cancelled")
    sent_at: str | None = Field(description="When the link was last sent (ISO 8601)")
    expires_at: str | None = Field(description="When that link stops working (ISO 8601)")


def member_record(membership: Membership) -> dict[str, Any]:
    return {
        "id": membership.pk,
        "email": membership.user.email,
        "display_name": membership.user.display_name,
        "role": membership.role,
        "since": membership.created_at.isoformat(),
    }


def invitation_record(invitation: Invitation) -> dict[str, Any]:
    expires = invitation_expires_at(invitation)
    return {
        "id": invitation.pk,
        "organisation_id": invitation.organisation_id,
        "email": invitation.email,
        "role": invitation.role,
        "language": invitation.language,
        "status": invitation.status,
        "sent_at": invitation.sent_at.isoformat() if invitation.sent_at else None,
        "expires_at": expires.isoformat() if expires else None,
    }


def _organisation_for(request: HttpRequest, organisation_id: int, action: str) -> Organisation:
    """404 for an organisation that does not exist, 403 when `action` is not the caller's."""
    org = (
        Organisation.objects.visible_to(request.user).filter(pk=organisation_id).first()
        if 0 < organisation_id < 2**62
        else None
    )
    if org is None:
        raise HttpError(404, _("No organisation with id %(id)s") % {"id": organisation_id})
    require(request.user, action, org)
    return org


def _refused(form: forms.Form | None, message: str, field: str = "__all__") -> Status[Any]:
    errors = {
        name: [str(m) for m in found] for name, found in (form.errors if form else {}).items()
    }
    if message:
        errors.setdefault(field, []).append(message)
    return Status(422, {"detail": _("Invalid request."), "errors": errors})


@router.get(
    "/{organisation_id}/members",
    response=MemberPage,
    auth=signed_in,
    summary="The members of an organisation (its members, editors and administrators)",
)
def list_members(request: HttpRequest, organisation_id: int) -> dict[str, Any]:
    with translation.override(request_language(request)):
        org = _organisation_for(request, organisation_id, "view_members")
        members = members_of(org)
        return {"count": len(members), "items": [member_record(m) for m in members]}


@router.post(
    "/{organisation_id}/members",
    response={201: MemberOut, 422: FormErrors},
    auth=signed_in,
    summary="Add a person who has an account, with a role (its owners and managers)",
    description="The person is added at once. An address without an account answers 422: "
    "send them an invitation instead (`POST /api/organisations/{id}/invitations`). Only owners "
    "give the owner role (403 otherwise).",
)
def add_member(request: HttpRequest, organisation_id: int, payload: MemberIn) -> Status[Any]:
    with translation.override(request_language(request)):
        org = _organisation_for(request, organisation_id, "manage_members")
        roles = rules.grantable_roles(request.user, org)
        if payload.role == Membership.Role.OWNER and payload.role not in dict(roles):
            raise Forbidden
        form = RoleForm({"role": payload.role}, roles=roles)
        if not form.is_valid():
            return _refused(form, "")
        try:
            membership = services.add_member(
                org, by=request.user, email=payload.email, role=payload.role
            )
        except services.OrganisationError as error:
            return _refused(None, error.message, "email")
        return Status(201, member_record(membership))


@router.post(
    "/{organisation_id}/invitations",
    response={201: InvitationOut, 422: FormErrors},
    auth=signed_in,
    summary="Invite someone by e-mail (its owners and managers); the e-mail is sent",
    description="The link in the e-mail works for `M4D_INVITATION_DAYS` days (14 by default), "
    "for someone without an account too, who signs up through it. Only owners give the owner "
    "role (403 otherwise).",
)
def create_invitation(
    request: HttpRequest, organisation_id: int, payload: InvitationIn
) -> Status[Any]:
    with translation.override(request_language(request)):
        org = _organisation_for(request, organisation_id, "manage_members")
        user: Any = request.user
        roles = rules.grantable_roles(user, org)
        if payload.role == Membership.Role.OWNER and payload.role not in dict(roles):
            raise Forbidden
        language = payload.language or user.language or request_language(request)
        data = {**payload.dict(), "language": language}
        form = InvitationForm(data, roles=roles)
        if not form.is_valid():
            return _refused(form, "")
        try:
            invitation = services.invite_member(org, by=user, **form.cleaned_data)
        except services.OrganisationError as error:
            return _refused(form, error.message)
        return Status(201, invitation_record(invitation))


# Claims (see organisations/claims.py).


class ClaimIn(Schema):
    message: str = Field(description="Who you are and how the editors can check you act for it")


class ClaimOut(Schema):
    id: int
    organisation: int
    status: str = Field(description="pending, approved, declined or withdrawn")
    message: str
    created_at: str


@router.post(
    "/{organisation_id}/claims",
    response={201: ClaimOut, 422: FormErrors},
    auth=signed_in,
    summary="Ask to own an organisation nobody manages yet (an editor decides)",
)
def claim_organisation(request: HttpRequest, organisation_id: int, payload: ClaimIn) -> Status[Any]:
    """403 when the organisation already has owners or the caller acts for it; 422 for an empty
    message or a claim already pending."""
    with translation.override(request_language(request)):
        org = (
            Organisation.objects.visible_to(request.user).filter(pk=organisation_id).first()
            if 0 < organisation_id < 2**62
            else None
        )
        if org is None:
            raise HttpError(404, _("No organisation with id %(id)s") % {"id": organisation_id})
        require(request.user, "claim", org)
        form = ClaimForm(payload.dict())
        if form.is_valid():
            try:
                claim = claims.request_claim(
                    org, by=request.user, message=form.cleaned_data["message"]
                )
            except services.OrganisationError as error:
                form.add_error(None, error.message)
            else:
                return Status(
                    201,
                    {
                        "id": claim.pk,
                        "organisation": org.pk,
                        "status": claim.status,
                        "message": claim.message,
                        "created_at": claim.created_at.isoformat(),
                    },
                )
        errors = {field: [str(m) for m in messages] for field, messages in form.errors.items()}
        return Status(422, {"detail": _("Invalid claim."), "errors": errors})
