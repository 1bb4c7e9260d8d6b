"""The signed-in person's own pages (sign-up, login and password reset come from django-allauth)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from m4d.accounts import services
from m4d.accounts.forms import ProfileForm
from m4d.accounts.handlers import set_language_cookie
from m4d.core.i18n import LANGUAGE_CODES

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
    memberships = request.user.memberships.select_related("organisation").order_by(
        "organisation__name"
    )
    return render(request, "accounts/profile.html", {"form": form, "memberships": memberships})
