"""Language helpers shared by pages, the API and commands."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.translation import get_language


def normalise_language(code: str | None) -> str:
    return "fr" if (code or "").lower().startswith("fr") else "en"


def request_language(request: HttpRequest) -> str:
    """`?lang=` first, then what LocaleMiddleware chose from the cookie or Accept-Language."""
    lang = request.GET.get("lang")
    if lang in ("fr", "en"):
        return lang
    return normalise_language(getattr(request, "LANGUAGE_CODE", None) or get_language())
