"""Writes to plans: creation (blank, from a registry project, from an import document), saving a
step (validated, versioned, conflict-checked), restoring a version, collaborators."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _
from pydantic import ValidationError

from m4d.core import audit, records
from m4d.organisations.models import Organisation
from m4d.plans import document as doc
from m4d.plans.models import Collaborator, Plan, PlanStep, PlanVersion


class PlanError(records.RecordError):
    """A plan change refused, with a message for the person who asked."""


class StepConflict(PlanError):
    """The step changed since the person opened it: both versions are shown and they choose."""

    def __init__(self, current: PlanStep, submitted: dict[str, Any]) -> None:
        super().__init__(
            _(
                "Someone else saved this step while you were editing it. Compare both versions "
                "and choose what to keep."
            )
        )
        self.current = current
        self.submitted = submitted


class InvalidStep(PlanError):
    """A step's content refused: `errors` lists (field path, message)."""

    def __init__(self, errors: list[tuple[str, str]]) -> None:
        super().__init__(
            "; ".join(f"{path}: {message}" if path else message for path, message in errors)
        )
        self.errors = errors


def validation_errors(failure: ValidationError) -> list[tuple[str, str]]:
    """pydantic's errors as (dotted path, message), the shape forms and the API show."""
    found = []
    for error in failure.errors():
        path = ".".join(str(part) for part in error["loc"])
        message = str(error["msg"]).removeprefix("Value error, ")
        found.append((path, message))
    return found


def _validated(step: str, data: Any) -> dict[str, Any]:
    if step not in doc.STEP_MODELS:
        raise InvalidStep([("", _("Unknown step %(step)s.") % {"step": step})])
    try:
        return doc.step_data(step, data)
    except ValidationError as failure:
        raise InvalidStep(validation_errors(failure)) from failure


def _write_step(
    plan: Plan, step: str, data: dict[str, Any], *, by: Any, note: str = ""
) -> PlanStep:
    row, _created = PlanStep.objects.select_for_update().get_or_create(plan=plan, step=step)
    if row.data == data and row.revision:
        return row
    row = records.save_record(
        row,
        {"data": data, "revision": row.revision + 1, "updated_by": _person(by)},
        by=by,
        kind=None,
        error=PlanError,
    )
    PlanVersion.objects.create(
        plan=plan,
        step=step,
        revision=row.revision,
        data=data,
        created_by=_person(by),
        note=note[:200],
    )
    changes: dict[str, Any] = {}
    if step == "context" and data.get("title") and data["title"] != plan.title:
        changes["title"] = data["title"]
    if changes:
        records.save_record(plan, changes, by=by, kind=None, error=PlanError)
    else:
        # Only "last changed" moves on: nothing of the plan's own to validate or audit (this runs
        # on every autosave).
        plan.save(update_fields=["updated_at"])
    return row


def _person(by: Any) -> Any:
    return by if getattr(by, "is_authenticated", False) else None


@transaction.atomic
def save_step(
    plan: Plan, step: str, data: Any, *, by: Any, base_revision: int | None, note: str = ""
) -> PlanStep:
    """Validate and save one step. `base_revision` is the revision the editor started from
    (None: overwrite, for scripts); a different current revision raises `StepConflict` with
    both versions, and nothing is written."""
    clean = _validated(step, data)
    current = PlanStep.objects.select_for_update().filter(plan=plan, step=step).first()
    # Saving what is already there is no conflict, whatever revision it was typed on.
    if (
        current is not None
        and base_revision is not None
        and base_revision != current.revision
        and current.data != clean
    ):
        raise StepConflict(current, clean)
    return _write_step(plan, step, clean, by=by, note=note)


@transaction.atomic
def restore_version(version: PlanVersion, *, by: Any) -> PlanStep:
    """Make an older version of a step the current one (a new revision: nothing is lost)."""
    return _write_step(
        version.plan,
        version.step,
        _validated(version.step, version.data),
        by=by,
        note=_("Restored revision %(revision)s") % {"revision": version.revision},
    )


@transaction.atomic
def create_plan(
    *,
    by: Any,
    organisation: Organisation,
    title: str,
    document: doc.PlanDocument | None = None,
    source_project: Any = None,
    note: str = "",
) -> Plan:
    """A new plan of `organisation`, `by` its owner; every step saved as its first revision."""
    if not organisation.memberships.filter(user=by).exists() and not getattr(
        by, "is_superuser", False
    ):
        raise PlanError(
            _("You can only start a plan for an organisation you act for (%(name)s).")
            % {"name": organisation.name}
        )
    document = document or doc.PlanDocument()
    title = (title or document.context.title).strip()
    if not title:
        raise InvalidStep([("context.title", _("A plan needs a title."))])
    document.context.title = title
    plan = records.save_record(
        Plan(),
        {
            "organisation": organisation,
            "title": title,
            "source_project": source_project,
            "created_by": _person(by),
        },
        by=by,
        kind=None,
        error=PlanError,
    )
    records.save_record(
        Collaborator(),
        {"plan": plan, "user": by, "role": Collaborator.Role.OWNER},
        by=by,
        kind=None,
        error=PlanError,
    )
    for step in doc.STEPS:
        _write_step(
            plan, step, _validated(step, getattr(document, step).model_dump()), by=by, note=note
        )
    return plan


@transaction.atomic
def delete_plan(plan: Plan, *, by: Any) -> None:
    records.delete_record(plan, by=by, kind=None, error=PlanError)


@transaction.atomic
def set_collaborator(plan: Plan, *, by: Any, user: Any, role: str) -> Collaborator:
    """Give `user` `role` on the plan (adding them if needed). The plan keeps an owner."""
    row = Collaborator.objects.filter(plan=plan, user=user).first()
    if row is not None and row.role == Collaborator.Role.OWNER and role != row.role:
        _keep_an_owner(plan, row)
    return records.save_record(
        row or Collaborator(),
        {"plan": plan, "user": user, "role": role},
        by=by,
        kind=None,
        error=PlanError,
    )


@transaction.atomic
def remove_collaborator(collaborator: Collaborator, *, by: Any) -> None:
    if collaborator.role == Collaborator.Role.OWNER:
        _keep_an_owner(collaborator.plan, collaborator)
    records.delete_record(collaborator, by=by, kind=None, error=PlanError)


def _keep_an_owner(plan: Plan, leaving: Collaborator) -> None:
    others = plan.collaborators.filter(role=Collaborator.Role.OWNER).exclude(pk=leaving.pk)
    if not others.exists():
        raise PlanError(_("A plan keeps at least one owner: make someone else owner first."))


def record_event(plan: Plan, verb: str, *, by: Any, data: Mapping[str, Any]) -> None:
    """Audit something done to a plan that is not a field change (an export, an invitation)."""
    audit.record(plan, records.action(plan, verb), by=by, data=dict(data))


@transaction.atomic
def save_steps(
    plan: Plan, steps: Mapping[str, Any], *, by: Any, base_revisions: Mapping[str, int]
) -> dict[str, PlanStep]:
    """Save several steps at once (the API's PATCH), all or nothing: every step is validated
    first and `InvalidStep` lists all their errors, paths prefixed by the step; then each is
    saved as `save_step` does, the first conflict (`StepConflict`) undoing the others."""
    errors: list[tuple[str, str]] = []
    for step, data in steps.items():
        try:
            _validated(step, data)
        except InvalidStep as invalid:
            errors += [
                (".".join(filter(None, (step, path))), message) for path, message in invalid.errors
            ]
    if "monitoring" in steps and not errors:
        # The monitoring rules build on these services: imported here, not at the top.
        from m4d.plans.monitoring import submitted_monitoring_errors

        errors += submitted_monitoring_errors(plan, steps)
    if errors:
        raise InvalidStep(errors)
    return {
        step: save_step(plan, step, data, by=by, base_revision=base_revisions.get(step))
        for step, data in steps.items()
    }
