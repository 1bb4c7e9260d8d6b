"""How m4d adjusts allauth (settings.ACCOUNT_ADAPTER)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core.internal.ratelimit import get_ip
from django.conf import settings
from django.http import HttpRequest

from m4d.core.links import absolute_url


@dataclass(frozen=True)
class BaseSite:
    """What allauth's e-mail templates read as `current_site`: the configured address."""

    domain: str
    name: str


class AccountAdapter(DefaultAccountAdapter):
    """allauth, with links in e-mails on M4D_BASE_URL and failed logins counted per account and
    address. Both override allauth hooks (the second a private one); tests/accounts pin them."""

    def send_mail(self, template_prefix: str, email: str, context: dict[str, Any]) -> None:
        """Every e-mail allauth sends, with its links (the context's `…_url` values: the reset,
        confirmation and sign-up links) and its site name on M4D_BASE_URL rather than on the Host
        header of the request, which whoever asked for the mail chose."""
        domain = urlsplit(settings.M4D_BASE_URL).netloc
        links = {
            name: absolute_url(value)
            for name, value in context.items()
            if name.endswith("_url") and isinstance(value, str)
        }
        super().send_mail(
            template_prefix,
            email,
            {**context, **links, "current_site": BaseSite(domain=domain, name=domain)},
        )

    def _get_login_attempts_cache_key(self, request: HttpRequest, **credentials: Any) -> str:
        """What the `key` of the "login_failed" rate limit counts: failures for one account from
        one address (allauth's own counts an account's failures from everywhere, so anyone could
        lock a person out). The `ip` rate is the ceiling of one address across accounts.
        A successful password reset clears the count of the address it was made from."""
        login = credentials.get("email", credentials.get("username", "")).lower()
        return f"{login}@{get_ip(request)}"
