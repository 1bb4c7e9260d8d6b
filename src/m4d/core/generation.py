"""The registry's generation: one number that every write increases (see `RegistryGeneration`).

`bump()` runs inside the writing transaction: on PostgreSQL the row stays locked until the commit,
so writers take numbers in commit order and a reader never sees a number whose changes it cannot
see yet; SQLite has one writer at a time anyway."""

from __future__ import annotations

import datetime

from django.db import connection
from django.db.models import F
from django.utils import timezone

from m4d.core.models import RegistryGeneration

ROW = 1

# Models whose writes no public page shows (a plan, a comment): their audited writes leave the
# generation, and so every cached page, as they are. Filled by the apps in `ready()`.
_unpublished: set[str] = set()


def never_public(*model_labels: str) -> None:
    """Declare models (by `app_label.model_name`) whose changes appear on no public page."""
    _unpublished.update(label.lower() for label in model_labels)


def shows(model_label: str) -> bool:
    """Whether a change to a record of this model may change a public page."""
    return model_label not in _unpublished


def bump() -> None:
    """Mark the data as changed (call it in the transaction that changes it)."""
    now = timezone.now()
    if not RegistryGeneration.objects.filter(pk=ROW).update(value=F("value") + 1, changed_at=now):
        RegistryGeneration.objects.get_or_create(pk=ROW, defaults={"value": 1})


def current() -> tuple[int, datetime.datetime | None]:
    """The generation and when it last changed ((0, None) before the first write)."""
    # Read on every public page: one primary-key lookup, through the cursor rather than a
    # QuerySet, whose construction cost more than the query.
    table = RegistryGeneration._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT value, changed_at FROM {table} WHERE id = %s", [ROW])
        row = cursor.fetchone()
    if row is None:
        return (0, None)
    value, changed = row
    if isinstance(changed, str):  # SQLite without its converters
        changed = datetime.datetime.fromisoformat(changed)
    if changed is not None and timezone.is_naive(changed):  # SQLite stores UTC, naive
        changed = changed.replace(tzinfo=datetime.UTC)
    return (int(value), changed)
