"""The header's choice of the organisation one acts for."""

from __future__ import annotations

from typing import Any

from django import template

from m4d.organisations import selectors

register = template.Library()


@register.simple_tag(takes_context=True)
def acting_organisations(context: dict[str, Any]) -> dict[str, Any]:
    """`current` (what `selectors.acting_organisation` answers) and `choices` (their
    organisations), for the signed-in person of the page's request."""
    request = context.get("request")
    if request is None:
        return {"current": None, "choices": []}
    return {
        "current": selectors.acting_organisation(request),
        "choices": selectors.acting_choices(request),
    }
