"""Requests to the API may bring a personal API token instead of a session."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import reverse

from m4d.accounts import services

INVALID_TOKEN = "Invalid or revoked API token."


def bearer_secret(request: HttpRequest) -> str | None:
    """The token of an `Authorization: Bearer <token>` header, None without one. Other schemes
    are left alone: a reverse proxy's Basic credentials are not an API token."""
    scheme, _space, secret = request.headers.get("Authorization", "").strip().partition(" ")
    return secret.strip() if scheme.lower() == "bearer" else None


class ApiTokenMiddleware:
    """Under /api/, a request with a Bearer `Authorization` header acts as the token's owner, or is
    refused with 401 when the token is unknown or revoked — on public endpoints too, so that a
    script with a broken token is told at once rather than silently served as anonymous.

    A token request is not a browser's: it carries no session cookie that a forged page could
    reuse, so it needs no CSRF token (`request.api_token_digest` says it came with a token)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        secret = bearer_secret(request)
        if secret is not None and request.path.startswith(reverse("api:api-root")):
            user = services.authenticate_token(secret) if secret else None
            if user is None:
                response = JsonResponse({"detail": INVALID_TOKEN}, status=401)
                response["WWW-Authenticate"] = 'Bearer error="invalid_token"'
                return response
            request.user = user
            request.api_token_digest = services.token_digest(secret)  # type: ignore[attr-defined]
        return self.get_response(request)
