"""The audit log: every service that changes data records who did what."""

from __future__ import annotations

from typing import Any

from django.db import models

from m4d.core import generation
from m4d.core.models import AuditEntry


def record(
    obj: models.Model, action: str, *, by: Any = None, data: dict[str, Any] | None = None
) -> AuditEntry:
    """Append one entry; `by` is a user or None for commands and the system. Every audited write
    also moves the registry's generation on, which is what cached pages key on, unless its
    model is declared `generation.never_public`."""
    actor = by if getattr(by, "is_authenticated", False) else None
    label = obj._meta.label_lower
    if generation.shows(label):
        generation.bump()
    return AuditEntry.objects.create(
        actor=actor,
        action=action,
        object_type=label,
        object_id=str(obj.pk),
        object_repr=str(obj)[:300],
        data=data or {},
    )


def history(obj: models.Model) -> models.QuerySet[AuditEntry]:
    return AuditEntry.objects.filter(object_type=obj._meta.label_lower, object_id=str(obj.pk))
