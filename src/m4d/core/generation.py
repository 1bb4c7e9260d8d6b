"""The registry's generation: one number that every write increases (see `RegistryGeneration`).

`bump()` runs inside the writing transaction: on PostgreSQL the row stays locked until the commit,
so writers take numbers in commit order and a reader never sees a number whose changes it cannot
see yet; SQLite has one writer at a time anyway."""

from __future__ import annotations

import datetime

from django.db.models import F
from django.utils import timezone

from m4d.core.models import RegistryGeneration

ROW = 1


def bump() -> None:
    """Mark the data as changed (call it in the transaction that changes it)."""
    now = timezone.now()
    if not RegistryGeneration.objects.filter(pk=ROW).update(value=F("value") + 1, changed_at=now):
        RegistryGeneration.objects.get_or_create(pk=ROW, defaults={"value": 1})


def current() -> tuple[int, datetime.datetime | None]:
    """The generation and when it last changed ((0, None) before the first write)."""
    row = RegistryGeneration.objects.filter(pk=ROW).values_list("value", "changed_at").first()
    return row if row is not None else (0, None)
