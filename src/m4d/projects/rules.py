"""Projects are registry records: everyone reads them, editors add and correct
them, administrators delete them. The rows of a project's inlines (countries, partners, capitals)
follow the project: whoever may change it may change them (see `m4d.core.admin.RuleInline`)."""

from m4d.accounts.rules import registry_rules
from m4d.projects.models import Project

registry_rules(Project)
