"""Projects are registry records: editors add and correct them, administrators delete them.
Everyone reads published projects; a draft (an imported activity awaiting review) is seen by
editors only, so it is absent from every public list, page, export, API answer and search. The
rows of a project's inlines (countries, partners, capitals) follow the project: whoever may change
it may change them (see `m4d.core.admin.RuleInline`)."""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from m4d.accounts.roles import is_editor
from m4d.accounts.rules import registry_rules
from m4d.core.permissions import register_rule
from m4d.projects.models import Project

registry_rules(Project)


def _sees(user: Any, project: Project | None) -> bool:
    return project is None or not project.is_draft or is_editor(user)


def _seen_rows(user: Any) -> Q:
    return Q() if is_editor(user) else Q(status=Project.Status.PUBLISHED)


register_rule(Project, "view", _sees, rows=_seen_rows)
