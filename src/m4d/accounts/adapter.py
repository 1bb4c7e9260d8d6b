"""How m4d adjusts allauth (settings.ACCOUNT_ADAPTER)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core.internal.ratelimit import get_ip
from django.conf import settings
from django.core.mail import EmailMessage
from django.http import HttpRequest
from django.utils import translation

from m4d.accounts.models import User
from m4d.core.i18n import current_language
from m4d.core.links import absolute_url
from m4d.core.typography import typeset


def recipient_language(email: str) -> str:
    """The language to write to `email` in: its account's preferred language, else the active one
    (the language of the page where the mail was asked for)."""
    preferred = User.objects.filter(email__iexact=email).values_list("language", flat=True).first()
    return preferred or current_language()


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
        confirmation and sign-up links) on M4D_BASE_URL rather than on the Host header of the
        request, which whoever asked for the mail chose; signed with the site's name
        (M4D_SITE_NAME) and address; in the recipient's language (their preferred language, else
        the language of the page that asked for it). Templates: accounts/templates/account/email/."""
        domain = urlsplit(settings.M4D_BASE_URL).netloc
        links = {
            name: absolute_url(value)
            for name, value in context.items()
            if name.endswith("_url") and isinstance(value, str)
        }
        site = BaseSite(domain=domain, name=settings.M4D_SITE_NAME)
        extra = {"current_site": site, "site_url": absolute_url("/")}
        with translation.override(recipient_language(email)):
            super().send_mail(template_prefix, email, {**context, **links, **extra})

    def format_email_subject(self, subject: str) -> str:
        """ "[m4d] …": the site's name, never the host the request named."""
        return f"[{settings.M4D_SITE_NAME}] {subject}"

    def render_mail(
        self,
        template_prefix: str,
        email: str | list[str],
        context: dict[str, Any],
        headers: dict[str, str] | None = None,
    ) -> EmailMessage:
        """allauth's rendering, typeset for the language it is written in (core.typography)."""
        message = super().render_mail(template_prefix, email, context, headers)
        message.subject = typeset(message.subject)
        message.body = typeset(message.body)
        return message

    def _get_login_attempts_cache_key(self, request: HttpRequest, **credentials: Any) -> str:
        """What the `key` of the "login_failed" rate limit counts: failures for one account from
        one address (allauth's own counts an account's failures from everywhere, so anyone could
        lock a person out). The `ip` rate is the ceiling of one address across accounts.
        A successful password reset clears the count of the address it was made from."""
        login = credentials.get("email", credentials.get("username", "")).lower()
        return f"{login}@{get_ip(request)}"
