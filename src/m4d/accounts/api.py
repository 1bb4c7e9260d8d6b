"""Who calls the API: a personal token or the browser session (`signed_in`), write limits per
token (`WriteThrottle`), and `GET /api/me`, so that a script can check its token."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from ninja import Router, Schema
from ninja.errors import HttpError
from ninja.security import HttpBearer
from ninja.throttling import SimpleRateThrottle
from ninja.utils import check_csrf
from pydantic import Field

SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}


class SignedIn(HttpBearer):
    """Endpoints that act for somebody: a token (`Authorization: Bearer m4d_…`, checked by
    `ApiTokenMiddleware`) or a signed-in browser session, whose writes need the CSRF token."""

    def __call__(self, request: HttpRequest) -> Any:
        if not request.user.is_authenticated:
            return None
        with_token = getattr(request, "api_token_digest", None) is not None
        if not with_token and request.method not in SAFE_METHODS and check_csrf(request):
            raise HttpError(403, "CSRF check failed.")
        return request.user

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        # Never called: __call__ reads what the middleware decided.
        return None


signed_in = SignedIn()


class WriteThrottle(SimpleRateThrottle):
    """At most `rate` writes (POST, PUT, PATCH, DELETE) per token, or per person for session
    calls, or per address for anonymous ones; reads are never limited. The count is kept in the
    cache (the database cache by default), so every web process shares it. 429 past the limit."""

    scope = "writes"

    def __init__(self, rate: str | None = None) -> None:
        super().__init__(rate or settings.M4D_API_WRITE_RATE)

    def get_cache_key(self, request: HttpRequest) -> str | None:
        if request.method in SAFE_METHODS:
            return None
        digest = getattr(request, "api_token_digest", None)
        if digest is not None:
            ident = f"token-{digest}"
        elif request.user.is_authenticated:
            ident = f"user-{request.user.pk}"
        else:
            ident = f"address-{self.get_ident(request)}"
        return self.cache_format % {"scope": self.scope, "ident": ident}

    def allow_request(self, request: HttpRequest) -> bool:
        if request.method in SAFE_METHODS:
            return True
        return super().allow_request(request)


router = Router(tags=["accounts"])


class MembershipOut(Schema):
    organisation_id: int
    organisation: str = Field(description="The organisation's name.")
    role: str = Field(description="owner, manager or member.")


class MeOut(Schema):
    email: str
    display_name: str
    role: str = Field(description="The platform role: member, editor or admin.")
    organisations: list[MembershipOut] = Field(description="The organisations one acts for.")


@router.get(
    "/me", response=MeOut, auth=signed_in, summary="The person the token or session acts for"
)
def me(request: HttpRequest) -> dict[str, Any]:
    user: Any = request.user
    memberships = user.memberships.select_related("organisation").order_by("organisation__name")
    return {
        "email": user.email,
        "display_name": user.display_name,
        "role": user.role,
        "organisations": [
            {
                "organisation_id": membership.organisation_id,
                "organisation": membership.organisation.name,
                "role": membership.role,
            }
            for membership in memberships
        ],
    }
