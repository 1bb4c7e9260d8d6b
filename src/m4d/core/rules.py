"""Who may follow and retry background jobs: the person who started one, and administrators.

Core must not import accounts (it comes first in the dependency order), so "administrator" is read
off the user model's `is_platform_admin` property, which accounts defines from the role.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from m4d.core.models import Job
from m4d.core.permissions import NOTHING, register_rule


def _is_admin(user: Any) -> bool:
    return bool(
        getattr(user, "is_authenticated", False) and getattr(user, "is_platform_admin", False)
    )


def _owner_or_admin(user: Any, job: Job | None) -> bool:
    if _is_admin(user):
        return True
    # Asked about jobs in general (e.g. the admin's job list): only administrators see them all.
    return job is not None and getattr(user, "is_authenticated", False) and job.owner_id == user.pk


def _owner_or_admin_rows(user: Any) -> Q:
    if _is_admin(user):
        return Q()
    return Q(owner=user) if getattr(user, "is_authenticated", False) else NOTHING


def _admins(user: Any, job: Job | None) -> bool:
    return _is_admin(user)


def _nobody(user: Any, job: Job | None) -> bool:
    # Jobs are created by the service that starts them, after its own permission check.
    return False


register_rule(Job, "view", _owner_or_admin, rows=_owner_or_admin_rows)
register_rule(Job, "retry", _owner_or_admin, rows=_owner_or_admin_rows)
register_rule(Job, "add", _nobody, rows=lambda user: NOTHING)
register_rule(Job, "change", _admins, rows=lambda user: Q() if _is_admin(user) else NOTHING)
register_rule(Job, "delete", _admins, rows=lambda user: Q() if _is_admin(user) else NOTHING)
