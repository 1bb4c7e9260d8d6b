"""Absolute links for places outside the page being served (e-mails above all): always on
settings.M4D_BASE_URL, never on the Host header of the request that caused them."""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit

from django.conf import settings


def absolute_url(path_or_url: str) -> str:
    """`path_or_url` (a path such as reverse() returns, or an absolute URL built from a request)
    on the configured base URL: its scheme and host replaced, its path, query and fragment kept."""
    base = urlsplit(settings.M4D_BASE_URL)
    link = urlsplit(path_or_url)
    return urlunsplit((base.scheme, base.netloc, link.path or "/", link.query, link.fragment))
