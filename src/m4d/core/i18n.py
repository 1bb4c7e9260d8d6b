"""The one language helper shared by pages, the API, templates and commands.

Content exists in French and English only, so every language code ('fr-CA', 'en-gb', None) is
normalised to one of the two: French for any 'fr…', English otherwise.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.translation import get_language

# The interface languages (settings.LANGUAGES): what `?lang=` and the language cookie may name.
LANGUAGE_CODES = frozenset(code for code, _name in settings.LANGUAGES)


def normalise_language(code: str | None) -> str:
    return "fr" if (code or "").lower().startswith("fr") else "en"


def current_language() -> str:
    """The active language ('fr' or 'en'), as chosen for this request or command."""
    return normalise_language(get_language())


def request_language(request: HttpRequest) -> str:
    """`?lang=` first, then what LocaleMiddleware chose from the cookie or Accept-Language."""
    lang = request.GET.get("lang")
    if lang in LANGUAGE_CODES:
        return lang
    return normalise_language(getattr(request, "LANGUAGE_CODE", None) or get_language())


def set_language_cookie(response: HttpResponse, language: str) -> None:
    """The same cookie Django's `set_language` view writes, read by LocaleMiddleware."""
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
