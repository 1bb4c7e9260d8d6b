"""System checks on how the platform is reached (`m4d manage check --deploy`; `m4d serve` runs the
ones tagged SERVE_TAG at every start)."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import CheckMessage, Tags, Warning, register

from m4d.lib.hosts import is_local

SERVE_TAG = "m4d_serve"


@register(Tags.security, SERVE_TAG, deploy=True)
def check_no_wildcard_host(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """Warn when ALLOWED_HOSTS (M4D_ALLOWED_HOSTS) lets any Host header through."""
    if "*" not in settings.ALLOWED_HOSTS:
        return []
    return [
        Warning(
            "ALLOWED_HOSTS contains '*': any Host header is answered.",
            hint="Unset M4D_ALLOWED_HOSTS (the host of M4D_BASE_URL is then the one answered) "
            "or list the real host names in it.",
            id="m4d.W001",
        )
    ]


@register(Tags.security, deploy=True)
def check_base_url_is_public(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """Warn, in deployment, when e-mailed links would point to localhost."""
    if not is_local(urlsplit(settings.M4D_BASE_URL).hostname or ""):
        return []
    return [
        Warning(
            f"M4D_BASE_URL is {settings.M4D_BASE_URL}: links in e-mails point to this machine.",
            hint="Set M4D_BASE_URL to the address people use, e.g. https://m4d.example.org.",
            id="m4d.W002",
        )
    ]
