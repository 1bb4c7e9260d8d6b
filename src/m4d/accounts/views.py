"""The signed-in person's own pages (sign-up, login and password reset come from django-allauth)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from m4d.accounts import services
from m4d.accounts.forms import ProfileForm, TokenForm
from m4d.accounts.models import ApiToken
from m4d.core.collation import sorted_by
from m4d.core.i18n import LANGUAGE_CODES, set_language_cookie
from m4d.core.permissions import get_for, require

if TYPE_CHECKING:
    from m4d.accounts.models import User

    class AuthenticatedRequest(HttpRequest):
        """A request that passed `login_required`."""

        user: User


@login_required
@require_http_methods(["GET", "POST"])
def profile(request: AuthenticatedRequest) -> HttpResponse:
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        user = services.update_profile(request.user, **form.cleaned_data)
        if user.language in LANGUAGE_CODES:
            # Choosing a language here is an explicit choice: show the confirmation in it too.
            translation.activate(user.language)
        messages.success(request, _("Your profile was saved."))
        response = redirect("accounts:profile")
        if user.language in LANGUAGE_CODES:
            set_language_cookie(response, user.language)
        return response
    return _profile_page(request, form=form, token_form=TokenForm())


def _profile_page(
    request: AuthenticatedRequest, *, form: ProfileForm, token_form: TokenForm, status: int = 200
) -> HttpResponse:
    memberships = sorted_by(
        request.user.memberships.select_related("organisation"), lambda m: m.organisation.name
    )
    # Only one's own, even for administrators (who revoke others' tokens from the admin's pages).
    tokens = ApiToken.objects.visible_to(request.user).filter(
        user=request.user, revoked_at__isnull=True
    )
    context = {
        "form": form,
        "memberships": memberships,
        "tokens": tokens,
        "token_form": token_form,
    }
    return render(request, "accounts/profile.html", context, status=status)


# The `once` values of the token forms already sent from this session (the last twenty).
USED_TOKEN_FORMS = "m4d_used_token_forms"


@login_required
@require_POST
def create_token(request: AuthenticatedRequest) -> HttpResponse:
    require(request.user, "add", ApiToken)
    token_form = TokenForm(request.POST)
    if not token_form.is_valid():
        form = ProfileForm(instance=request.user)
        return _profile_page(request, form=form, token_form=token_form, status=400)
    once = token_form.cleaned_data["once"]
    used = request.session.get(USED_TOKEN_FORMS, [])
    if once and once in used:
        messages.warning(
            request,
            _(
                "This token was already created and its secret shown once. If you did not copy "
                "it, revoke it below and create another."
            ),
        )
        return redirect("accounts:profile")
    token, secret = services.create_token(
        request.user, name=token_form.cleaned_data["name"], by=request.user
    )
    if once:
        request.session[USED_TOKEN_FORMS] = [*used[-19:], once]
    # Rendered, not redirected to: the secret is shown this once and kept nowhere, not even in
    # the session. The page must not be cached.
    response = render(request, "accounts/token_created.html", {"token": token, "secret": secret})
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def revoke_token(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    token = get_for(request.user, "revoke", ApiToken, pk=pk, revoked_at__isnull=True)
    if request.method == "POST":
        services.revoke_token(token, by=request.user)
        messages.success(request, _("The token was revoked: it no longer opens the API."))
        return redirect("accounts:profile")
    return render(request, "accounts/token_revoke.html", {"token": token})
