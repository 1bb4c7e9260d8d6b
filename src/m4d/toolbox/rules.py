"""The toolbox is public reference content: everyone reads it, editors correct it, admins delete.

Its YAML files under `toolbox/data/` stay the source of truth: a correction made in the admin is
overwritten the next time the shipped file changes.
"""

from typing import Any

from django.db.models import Q

from m4d.accounts.rules import registry_rules
from m4d.core.permissions import NOTHING, register_rule
from m4d.toolbox.models import (
    BuildingBlock,
    Capital,
    CaseStudy,
    Figure,
    KeyIssueTick,
    Option,
    Recommendation,
    Reference,
    Section,
)

for _model in (
    Capital,
    CaseStudy,
    Figure,
    Section,
    Option,
    BuildingBlock,
    Recommendation,
    Reference,
):
    registry_rules(_model)


# A person's ticked key issues are theirs alone (superusers aside, as for every rule).
# About the model as a whole (obj None): anyone signed in keeps a checklist.
def _own_tick(user: Any, tick: KeyIssueTick | None) -> bool:
    if not user.is_authenticated:
        return False
    return tick is None or tick.user_id == user.pk


def _own_tick_rows(user: Any) -> Q:
    return Q(user=user) if user.is_authenticated else NOTHING


for _action in ("view", "add", "change", "delete"):
    register_rule(KeyIssueTick, _action, _own_tick, rows=_own_tick_rows)
