"""Who may do what with a plan: its collaborators, by their role on that plan, and administrators.

Plans are working documents, not registry records: editors of the registry see none they were not
invited to. Asked about plans in general (obj=None), `add` answers for anyone signed in who acts for
an organisation (a plan belongs to one); the other actions answer for administrators only.

| action    | owner | editor | commenter | reader |
| --------- | ----- | ------ | --------- | ------ |
| view      | yes   | yes    | yes       | yes    |
| comment   | yes   | yes    | yes       |        |
| change    | yes   | yes    |           |        |
| manage    | yes   |        |           |        |  (collaborators, funding, deletion)
| delete    | yes   |        |           |        |
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from m4d.accounts.roles import is_platform_admin
from m4d.core.permissions import NOTHING, register_rule
from m4d.plans.models import Collaborator, Plan

Role = Collaborator.Role
ROLES_FOR = {
    "view": (Role.OWNER, Role.EDITOR, Role.COMMENTER, Role.READER),
    "comment": (Role.OWNER, Role.EDITOR, Role.COMMENTER),
    "change": (Role.OWNER, Role.EDITOR),
    "manage": (Role.OWNER,),
    "delete": (Role.OWNER,),
}


def _signed_in(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active)


def role_of(user: Any, plan: Plan) -> str | None:
    """The person's role on the plan, or None."""
    if not _signed_in(user) or plan.pk is None:
        return None
    cached = getattr(plan, "_roles", None)
    if cached is None:
        cached = plan._roles = {}  # type: ignore[attr-defined]  # per-instance memo for one request
    if user.pk not in cached:
        cached[user.pk] = (
            plan.collaborators.filter(user=user).values_list("role", flat=True).first()
        )
    role: str | None = cached[user.pk]
    return role


def _rule(action: str) -> None:
    roles = ROLES_FOR[action]

    def check(user: Any, plan: Plan | None) -> bool:
        if is_platform_admin(user):
            return True
        if plan is None:
            return False
        return role_of(user, plan) in roles

    def rows(user: Any) -> Q:
        if is_platform_admin(user):
            return Q()
        if not _signed_in(user):
            return NOTHING
        return Q(pk__in=Collaborator.objects.filter(user=user, role__in=roles).values("plan_id"))

    register_rule(Plan, action, check, rows=rows)


for _action in ROLES_FOR:
    _rule(_action)


def _may_add(user: Any, plan: Plan | None) -> bool:
    return _signed_in(user) and user.memberships.exists()


register_rule(
    Plan,
    "add",
    _may_add,
    rows=lambda user: Q() if _may_add(user, None) else NOTHING,
)
