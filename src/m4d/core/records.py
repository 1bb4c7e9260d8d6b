"""The one write path's common steps, for the services of every app: validate, save, re-index
search, record an audit entry, all in one transaction (see docs/architecture.md, "Write path").

An app's services name their domain error (a `RecordError`), their search kind and their audit
actions (`"<app>.<model>.<created|updated|deleted>"`), add their own rules, and call `save_record`
and `delete_record`. Nothing here decides who may write: callers `require()` that first.

    @transaction.atomic
    def update_organisation(organisation, *, by, changes):
        return records.save_record(
            organisation, changes, by=by, kind="organisation", error=OrganisationError
        )
"""

from __future__ import annotations

import datetime
import decimal
from collections.abc import Callable, Iterable, Mapping
from typing import Any, TypeVar

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.files import File
from django.db import models, transaction
from django.db.models.deletion import ProtectedError, RestrictedError
from django.utils.translation import gettext as _

from m4d.core import audit, search

M = TypeVar("M", bound=models.Model)


class RecordError(Exception):
    """A change refused by a domain rule; `message` is translated and shown as it is."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def action(obj: models.Model | type[models.Model], verb: str) -> str:
    """The audit action of a write: `"projects.project.updated"`."""
    return f"{obj._meta.label_lower}.{verb}"


def jsonable(value: Any) -> Any:
    """An audit-friendly copy of a field value: records by primary key, dates as ISO text."""
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, File):  # an upload or a stored file (FieldFile): its name
        return value.name or ""
    if isinstance(value, models.QuerySet | list | tuple | set):
        return [jsonable(item) for item in value]
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    return value


def _many_to_many(obj: models.Model) -> dict[str, models.ManyToManyField[Any, Any]]:
    return {field.name: field for field in obj._meta.many_to_many}


def _current(obj: models.Model, name: str, m2m: Mapping[str, Any]) -> Any:
    if obj.pk is None:
        return [] if name in m2m else None
    if name in m2m:
        return sorted(getattr(obj, name).values_list("pk", flat=True))
    return jsonable(getattr(obj, name))


def _label(obj: models.Model, name: str) -> str:
    """A field's name as people read it (its verbose name; the attribute name for relations)."""
    field = obj._meta.get_field(name)
    return str(getattr(field, "verbose_name", name))


def _validate(obj: models.Model, error: type[RecordError], exclude: Iterable[str]) -> None:
    try:
        obj.full_clean(exclude=list(exclude))
    except ValidationError as problem:
        messages: list[str] = []
        for name, field_messages in problem.message_dict.items():
            label = "" if name == NON_FIELD_ERRORS else f"{_label(obj, name)}: "
            messages.extend(label + message for message in field_messages)
        raise error(" ".join(messages)) from problem


@transaction.atomic
def save_record(
    obj: M,
    changes: Mapping[str, Any],
    *,
    by: Any,
    kind: str | None,
    error: type[RecordError],
    then: Callable[[M], Mapping[str, Any]] | None = None,
    validate_exclude: Iterable[str] = (),
) -> M:
    """Apply `changes` (field name → value, many-to-many fields as lists) to `obj`, validate and
    save it, run `then(obj)` for the app's own related rows (it returns what it changed, for the
    audit), re-index search (this record and those showing it), and record the audit entry with
    the values that changed. An unsaved `obj` is created. Raises `error` on invalid values."""
    creating = obj.pk is None
    m2m = _many_to_many(obj)
    changed: dict[str, Any] = {}
    for name, value in changes.items():
        if name not in m2m and jsonable(value) != _current(obj, name, m2m):
            changed[name] = jsonable(value)
            setattr(obj, name, value)
    _validate(obj, error, validate_exclude)
    if creating or changed:
        obj.save()
    for name, value in changes.items():
        if name in m2m and jsonable(sorted(v.pk for v in value)) != _current(obj, name, m2m):
            changed[name] = sorted(v.pk for v in value)
            getattr(obj, name).set(value)
    if then is not None:
        changed.update(then(obj))
    if creating or changed:
        if kind is not None:
            search.refresh(kind, [obj.pk])
        audit.record(obj, action(obj, "created" if creating else "updated"), by=by, data=changed)
    return obj


@transaction.atomic
def delete_record(
    obj: models.Model, *, by: Any, kind: str | None, error: type[RecordError]
) -> None:
    """Delete `obj`, take it out of search (re-indexing records that showed it) and audit it.

    A record others still point at (a protected foreign key) is refused with `error`, nothing
    deleted."""
    pk = obj.pk
    shown_by = search.showing(kind, [pk]) if kind is not None else {}
    audit.record(obj, action(obj, "deleted"), by=by, data={"repr": str(obj)[:300]})
    try:
        obj.delete()
    except ProtectedError as refused:
        raise error(_still_used(obj, refused.protected_objects)) from refused
    except RestrictedError as refused:
        raise error(_still_used(obj, refused.restricted_objects)) from refused
    if kind is not None:
        search.forget(kind, [pk], shown_by)


def _still_used(obj: models.Model, users: Iterable[models.Model]) -> str:
    names = sorted({str(user) for user in users})
    return _("%(record)s cannot be deleted: other records still refer to it (%(users)s).") % {
        "record": obj,
        "users": ", ".join(names[:5]) + (" …" if len(names) > 5 else ""),
    }
