"""The members' pages of an organisation: its members page (roles, removal, invitations), leaving,
transferring the ownership, following an invitation link, and choosing the organisation one acts
for. Who may do what is decided in `rules.py`; the writes are `services.py`'s."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from m4d.core import invitations
from m4d.core.i18n import request_language
from m4d.core.permissions import Forbidden, get_for
from m4d.organisations import rules, selectors, services
from m4d.organisations.forms import InvitationForm, RoleForm, TransferForm
from m4d.organisations.models import Invitation, Membership, Organisation


def _members_url(organisation: Organisation) -> str:
    return reverse("organisations:members", args=[organisation.pk])


def _invitation_form(request: HttpRequest, organisation: Organisation) -> InvitationForm:
    user: Any = request.user
    language = user.language or request_language(request)
    return InvitationForm(
        request.POST if request.method == "POST" else None,
        roles=rules.grantable_roles(user, organisation),
        initial={"language": language, "role": Membership.Role.MEMBER},
    )


def _members_page(
    request: HttpRequest, organisation: Organisation, form: InvitationForm, status: int = 200
) -> HttpResponse:
    user: Any = request.user
    roles = rules.grantable_roles(user, organisation)
    rows = []
    for membership in selectors.members_of(organisation):
        may_change = rules.may_change_membership(user, membership, membership.role)
        role_form = RoleForm(
            roles=roles, initial={"role": membership.role}, auto_id=f"id_%s_{membership.pk}"
        )
        rows.append(
            {
                "membership": membership,
                "role_form": role_form if may_change else None,
                "may_remove": may_change and membership.user_id != user.pk,
                "is_me": membership.user_id == user.pk,
            }
        )
    context = {
        "organisation": organisation,
        "rows": rows,
        "invitations": selectors.pending_invitations(organisation),
        "form": form,
        "may_transfer": organisation.memberships.filter(
            user=user, role=Membership.Role.OWNER
        ).exists(),
        "section": "organisations",
    }
    return render(request, "organisations/members.html", context, status=status)


@login_required
@require_GET
def members(request: HttpRequest, pk: int) -> HttpResponse:
    """Its owners and managers (and administrators) manage who acts for the organisation."""
    organisation = get_for(request.user, "manage_members", Organisation, pk=pk)
    return _members_page(request, organisation, _invitation_form(request, organisation))


@login_required
@require_POST
def invite(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = get_for(request.user, "manage_members", Organisation, pk=pk)
    form = _invitation_form(request, organisation)
    if form.is_valid():
        try:
            invitation = services.invite_member(organisation, by=request.user, **form.cleaned_data)
        except services.OrganisationError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request, _("An invitation was sent to %(email)s.") % {"email": invitation.email}
            )
            return redirect(_members_url(organisation))
    return _members_page(request, organisation, form)


@login_required
@require_POST
def member_role(request: HttpRequest, pk: int, membership_pk: int) -> HttpResponse:
    organisation = get_for(request.user, "manage_members", Organisation, pk=pk)
    membership = get_object_or_404(
        organisation.memberships.select_related("user"), pk=membership_pk
    )
    form = RoleForm(request.POST, roles=rules.grantable_roles(request.user, organisation))
    if not form.is_valid():
        messages.error(request, _("Choose one of the roles listed."))
        return redirect(_members_url(organisation))
    role = form.cleaned_data["role"]
    if not rules.may_change_membership(request.user, membership, role):
        raise Forbidden
    try:
        services.update_membership(membership, by=request.user, changes={"role": role})
    except services.OrganisationError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("%(person)s is now %(role)s.")
            % {"person": membership.user.email, "role": membership.get_role_display().lower()},
        )
    return redirect(_members_url(organisation))


@login_required
@require_http_methods(["GET", "POST"])
def member_remove(request: HttpRequest, pk: int, membership_pk: int) -> HttpResponse:
    """A confirmation page, then the removal."""
    organisation = get_for(request.user, "manage_members", Organisation, pk=pk)
    membership = get_object_or_404(
        organisation.memberships.select_related("user"), pk=membership_pk
    )
    if not rules.may_change_membership(request.user, membership, None):
        raise Forbidden
    if request.method == "POST":
        try:
            services.delete_membership(membership, by=request.user)
        except services.OrganisationError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request,
                _("%(person)s no longer acts for %(name)s.")
                % {"person": membership.user.email, "name": organisation.name},
            )
        return redirect(_members_url(organisation))
    context = {"organisation": organisation, "membership": membership, "leaving": False}
    return render(request, "organisations/member_remove.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def leave(request: HttpRequest, pk: int) -> HttpResponse:
    """Any member leaves, after a confirmation page (the last owner is refused)."""
    organisation = get_for(request.user, "leave", Organisation, pk=pk)
    membership = get_object_or_404(
        organisation.memberships.select_related("user"), user=request.user
    )
    if request.method == "POST":
        try:
            services.delete_membership(membership, by=request.user)
        except services.OrganisationError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("You left %(name)s.") % {"name": organisation.name})
        return redirect(organisation)
    context = {"organisation": organisation, "membership": membership, "leaving": True}
    return render(request, "organisations/member_remove.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def transfer(request: HttpRequest, pk: int) -> HttpResponse:
    """An owner makes another member the owner and stays as a manager."""
    user: Any = request.user
    organisation = get_for(user, "grant_owner", Organisation, pk=pk)
    candidates = organisation.memberships.exclude(user=user).select_related("user")
    form = TransferForm(request.POST or None, candidates=candidates.order_by("user__email"))
    if request.method == "POST" and form.is_valid():
        try:
            to = services.transfer_ownership(
                organisation, by=request.user, to=form.cleaned_data["to"]
            )
        except services.OrganisationError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request,
                _("%(person)s is now an owner of %(name)s; you are a manager.")
                % {"person": to.user.email, "name": organisation.name},
            )
            return redirect(_members_url(organisation))
    context = {"organisation": organisation, "form": form, "section": "organisations"}
    return render(request, "organisations/transfer.html", context)


@login_required
@require_POST
def invitation_resend(request: HttpRequest, pk: int, invitation_pk: int) -> HttpResponse:
    organisation = get_for(request.user, "manage_members", Organisation, pk=pk)
    return invitations.resend_page(
        request,
        get_object_or_404(organisation.invitations, pk=invitation_pk),
        resend=services.resend_invitation,
        error=services.OrganisationError,
        back=_members_url(organisation),
    )


@login_required
@require_http_methods(["GET", "POST"])
def invitation_cancel(request: HttpRequest, pk: int, invitation_pk: int) -> HttpResponse:
    """A confirmation page, then the cancellation (its link then says so)."""
    organisation = get_for(request.user, "manage_members", Organisation, pk=pk)
    return invitations.cancel_page(
        request,
        get_object_or_404(organisation.invitations, pk=invitation_pk),
        cancel=services.cancel_invitation,
        error=services.OrganisationError,
        back=_members_url(organisation),
        template="organisations/invitation_cancel.html",
        context={"organisation": organisation},
    )


@require_http_methods(["GET", "POST"])
def invitation(request: HttpRequest, token: str) -> HttpResponse:
    """The e-mailed link: who invites whom to what; a visitor signs up or logs in through it (the
    link is kept as `next`) and lands back here to accept."""
    link, found = selectors.invitation_from_token(token)

    def accept(found: Invitation, user: Any) -> HttpResponse:
        already = found.organisation.memberships.filter(user=user).exists()
        try:
            services.accept_invitation(found, user=user)
            services.choose_acting_organisation(request.session, user, found.organisation_id)
        except services.OrganisationError as error:
            messages.error(request, error.message)
            return redirect(request.path)
        message = (
            _("You were already a member of %(name)s; your role is unchanged.")
            if already
            else _("Welcome: you now act for %(name)s.")
        )
        messages.success(request, message % {"name": found.organisation.name})
        return redirect(found.organisation)

    return invitations.link_page(
        request,
        link,
        found,
        templates="organisations/invitation",
        accept=accept,
        context={"organisation": found.organisation if found else None},
    )


@login_required
@require_POST
def act_for(request: HttpRequest) -> HttpResponse:
    """The header's choice of the organisation one acts for (a plain form POST)."""
    try:
        organisation_id = int(request.POST.get("organisation", ""))
        organisation = services.choose_acting_organisation(
            request.session, request.user, organisation_id
        )
    except (ValueError, services.OrganisationError):
        messages.error(request, _("Choose one of your organisations."))
    else:
        messages.success(
            request, _("You now act for %(name)s.") % {"name": organisation.display_name}
        )
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = reverse("home")
    return redirect(target)
