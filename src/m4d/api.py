"""The JSON API: one NinjaAPI gathering each app's router; OpenAPI at /api/openapi.json, docs at /api/docs."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError
from ninja.errors import ValidationError as NinjaValidationError

from m4d.accounts.api import WriteThrottle
from m4d.accounts.api import router as accounts_router
from m4d.core.api import router as core_router
from m4d.organisations.api import router as organisations_router
from m4d.places.api import router as places_router
from m4d.plans.export_api import router as plan_exports_router
from m4d.projects.api import router as projects_router
from m4d.projects.organisation_api import router as organisation_detail_router
from m4d.toolbox.api import router as toolbox_router

api = NinjaAPI(
    title="m4d API",
    version="1",
    description=(
        "Read the migration-and-development registry (projects, organisations, countries), search it, "
        "and read the handbook toolbox. Text fields follow `?lang=fr|en` or the Accept-Language header.\n\n"
        "**Authentication.** Reading the public registry needs none. Endpoints that act for somebody "
        "take a personal API token (made on your profile page or with `m4d token create`) as "
        "`Authorization: Bearer <token>`, or the session of a signed-in browser. A request whose "
        "Authorization header holds an unknown or revoked token is refused with 401 on every "
        "endpoint, public ones included. Writes are limited per token (429 past the limit)."
    ),
    urls_namespace="api",
    throttle=[WriteThrottle()],
)


@api.exception_handler(NinjaValidationError)
def validation_error(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
    return api.create_response(
        request, {"detail": "Invalid parameters.", "errors": exc.errors}, status=422
    )


@api.exception_handler(AuthenticationError)
def authentication_required(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    response = api.create_response(
        request,
        {"detail": "Authentication required: send Authorization: Bearer <token>, or sign in."},
        status=401,
    )
    response["WWW-Authenticate"] = "Bearer"
    return response


@api.exception_handler(PermissionDenied)
def permission_denied(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    # Raised by m4d.core.permissions.require: the caller may see the record but not do this.
    return api.create_response(request, {"detail": "Permission denied."}, status=403)


api.add_router("/", core_router)
api.add_router("/", accounts_router)
api.add_router("/projects", projects_router)
api.add_router("/organisations", organisations_router)
api.add_router("/organisations", organisation_detail_router)
api.add_router("/countries", places_router)
api.add_router("/toolbox", toolbox_router)
api.add_router("/plans", plan_exports_router)
