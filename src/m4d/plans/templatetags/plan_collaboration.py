"""Comments on a step (for `plans/partials/comments.html`) and the header's unread count."""

from __future__ import annotations

from typing import Any

from django import template

from m4d.plans import collaboration
from m4d.plans.collab_forms import CommentForm
from m4d.plans.models import Plan

register = template.Library()


@register.simple_tag(takes_context=True)
def comment_thread(context: dict[str, Any], plan: Plan, step: str) -> dict[str, Any]:
    """The step's comments, and the form: the one just posted (with its errors and text) when
    the page re-renders a refused comment on this step, else an empty one."""
    request = context.get("request")
    posted = context.get("posted_comment")
    form = (
        posted
        if posted is not None and posted.data.get("step") == step
        else CommentForm(initial={"step": step}, auto_id=f"id_%s_{step}")
    )
    return {
        **collaboration.comment_thread(plan, step, getattr(request, "user", None)),
        "form": form,
    }


@register.simple_tag(takes_context=True)
def unread_notifications(context: dict[str, Any]) -> int:
    request = context.get("request")
    return collaboration.unread_count(getattr(request, "user", None))
