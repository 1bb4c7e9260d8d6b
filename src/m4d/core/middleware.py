"""Request helpers: `?lang=fr` picks the language of a page or an API answer."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils import translation

from m4d.core.i18n import LANGUAGE_CODES


class QueryLanguageMiddleware:
    """Activate the language named by `?lang=` (after LocaleMiddleware, which read cookie/header)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        lang = request.GET.get("lang", "")
        if lang in LANGUAGE_CODES:
            translation.activate(lang)
            request.LANGUAGE_CODE = lang
        response = self.get_response(request)
        if lang in LANGUAGE_CODES:
            response.headers.setdefault("Content-Language", lang)
        return response
