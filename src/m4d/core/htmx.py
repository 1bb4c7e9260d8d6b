"""htmx helpers shared by views."""

from django.http import HttpRequest


def htmx_partial(request: HttpRequest) -> bool:
    """True for an htmx request that wants a fragment, not a boosted full page."""
    htmx = getattr(request, "htmx", None)
    return bool(htmx and not htmx.boosted)
