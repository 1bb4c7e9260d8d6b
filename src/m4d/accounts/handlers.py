"""Receivers for signals other apps send (allauth's login)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from m4d.core.i18n import LANGUAGE_CODES, set_language_cookie


def remember_preferred_language(
    sender: Any,
    *,
    request: HttpRequest,
    response: HttpResponse | None = None,
    user: Any,
    **kwargs: Any,
) -> None:
    """At login, switch to the user's preferred language unless this browser already chose one.

    allauth hands us the response (the redirect after login), so the cookie is set once here and
    no middleware has to look at the user on every request.
    """
    language = getattr(user, "language", "")
    chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME) in LANGUAGE_CODES
    chosen = chosen or request.GET.get("lang") in LANGUAGE_CODES
    if response is not None and language in LANGUAGE_CODES and not chosen:
        set_language_cookie(response, language)
