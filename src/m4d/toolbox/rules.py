"""The toolbox is public reference content: everyone reads it, editors correct it, admins delete.

Its YAML files under `toolbox/data/` stay the source of truth: a correction made in the admin is
overwritten the next time the shipped file changes.
"""

from m4d.accounts.rules import registry_rules
from m4d.toolbox.models import (
    BuildingBlock,
    Capital,
    CaseStudy,
    Figure,
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
