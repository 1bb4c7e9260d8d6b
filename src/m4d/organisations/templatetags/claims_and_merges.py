"""`{% claim_and_merge_actions organisation as actions %}`: what the organisation page offers the
person viewing it about claims and merges (see `selectors.claim_and_merge_actions`)."""

from __future__ import annotations

from typing import Any

from django import template

from m4d.organisations.models import Organisation
from m4d.organisations.selectors import claim_and_merge_actions as actions_for

register = template.Library()


@register.simple_tag(takes_context=True)
def claim_and_merge_actions(
    context: template.Context, organisation: Organisation
) -> dict[str, Any]:
    request = context.get("request")
    return actions_for(getattr(request, "user", None), organisation)
