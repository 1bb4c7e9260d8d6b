"""Partnerships move with an organisation merge (registered as a merge participant in `ready()`;
see `m4d.organisations.merges`).

A project partnering both records keeps one partnership, on the kept record: the earlier place
in the partner list (the lead partner comes first) and the kept record's role, or the merged
one's when the kept record had none. Search entries are re-indexed by the merge itself (projects
follow their partners); each project whose partners changed gets an audit entry.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from m4d.core import audit
from m4d.organisations.merges import Participant
from m4d.organisations.models import Organisation
from m4d.projects.models import Partnership, Project


def _text(partnership: Partnership) -> str:
    return f"{partnership.project.code} – {partnership.project.title}"


def preview(merged: Organisation, kept: Organisation) -> tuple[list[str], list[str]]:
    both = set(Partnership.objects.filter(organisation=kept).values_list("project_id", flat=True))
    moving: list[str] = []
    shared: list[str] = []
    rows = Partnership.objects.filter(organisation=merged).select_related("project")
    for partnership in rows.order_by("project__code"):
        (shared if partnership.project_id in both else moving).append(_text(partnership))
    return moving, shared


def _audit(partnership: Partnership, by: Any, **data: Any) -> None:
    audit.record(partnership.project, "projects.project.partner_merged", by=by, data=data)


def move(merged: Organisation, kept: Organisation, by: Any) -> dict[str, Any]:
    moved: list[int] = []
    shared: list[dict[str, Any]] = []
    rows = Partnership.objects.filter(organisation=merged).select_related("project")
    for partnership in list(rows.order_by("pk")):
        existing = Partnership.objects.filter(
            project_id=partnership.project_id, organisation=kept
        ).first()
        if existing is None:
            partnership.organisation = kept
            partnership.save(update_fields=["organisation"])
            moved.append(partnership.pk)
            _audit(partnership, by, moved_from=merged.pk, to=kept.pk)
            continue
        before = {"position": existing.position, "role": existing.role}
        existing.position = min(existing.position, partnership.position)
        existing.role = existing.role or partnership.role
        existing.save(update_fields=["position", "role"])
        shared.append(
            {
                "project": partnership.project_id,
                "position": partnership.position,
                "role": partnership.role,
                "kept": existing.pk,
                "kept_before": before,
                "kept_after": {"position": existing.position, "role": existing.role},
            }
        )
        partnership.delete()
        _audit(partnership, by, merged=merged.pk, into=kept.pk)
    return {"moved": moved, "shared": shared}


def restore(merged: Organisation, kept: Organisation, data: dict[str, Any], by: Any) -> None:
    for partnership in Partnership.objects.filter(
        pk__in=data.get("moved", []), organisation=kept
    ).select_related("project"):
        partnership.organisation = merged
        partnership.save(update_fields=["organisation"])
        _audit(partnership, by, moved_back_to=merged.pk, moved_from=kept.pk)
    for row in data.get("shared", []):
        existing = Partnership.objects.filter(pk=row["kept"], organisation=kept).first()
        if (
            existing is not None
            and {
                "position": existing.position,
                "role": existing.role,
            }
            == row["kept_after"]
        ):
            existing.position = row["kept_before"]["position"]
            existing.role = row["kept_before"]["role"]
            existing.save(update_fields=["position", "role"])
        # A project deleted since is not brought back.
        if (
            Project.objects.filter(pk=row["project"]).exists()
            and not Partnership.objects.filter(
                project_id=row["project"], organisation=merged
            ).exists()
        ):
            restored = Partnership.objects.create(
                project_id=row["project"],
                organisation=merged,
                position=row["position"],
                role=row["role"],
            )
            _audit(restored, by, restored_for=merged.pk)


PARTICIPANT = Participant("partnerships", _("Partnerships"), preview, move, restore, order=30)
