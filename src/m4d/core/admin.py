"""The admin asks the same rules as the site (`m4d.core.permissions.can`), not Django's group
permissions: `RuleAdmin` for a model's own admin, `RuleInline` for rows edited on a parent's page.

Entering the admin at all still needs `is_staff`, which accounts derives from the role.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib import admin
from django.db import models
from django.http import HttpRequest

from m4d.core.models import AuditEntry, Job
from m4d.core.permissions import can

if TYPE_CHECKING:  # the admin classes are generic only in django-stubs
    ModelAdmin = admin.ModelAdmin[Any]
    InlineModelAdmin = admin.options.InlineModelAdmin[Any, Any]
else:
    ModelAdmin = admin.ModelAdmin
    InlineModelAdmin = admin.options.InlineModelAdmin


class RuleAdmin(ModelAdmin):
    """A ModelAdmin whose view/add/change/delete permissions are the model's rules."""

    def _can(self, request: HttpRequest, action: str, obj: models.Model | None) -> bool:
        return can(request.user, action, obj if obj is not None else self.model)

    def has_module_permission(self, request: HttpRequest) -> bool:
        return self._can(request, "view", None)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._can(request, "view", obj)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return self._can(request, "add", None)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._can(request, "change", obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._can(request, "delete", obj)


class RuleInline(InlineModelAdmin):
    """Mixin for inlines: whoever may perform `parent_action` on the parent edits its rows.

    Django passes the parent object (None on the parent's add page); whoever may change the parent
    sees the rows even when `parent_action` is stricter (e.g. organisations' "manage_members").
    """

    parent_action = "change"

    def _parent(self, obj: Any) -> Any:
        return obj if obj is not None else self.parent_model

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        parent = self._parent(obj)
        return can(request.user, "change", parent) or can(request.user, self.parent_action, parent)

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return can(request.user, self.parent_action, self._parent(obj))

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return can(request.user, self.parent_action, self._parent(obj))

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return can(request.user, self.parent_action, self._parent(obj))


@admin.register(AuditEntry)
class AuditEntryAdmin(ModelAdmin):
    list_display = ("created_at", "actor", "action", "object_type", "object_repr")
    list_filter = ("action", "object_type")
    search_fields = ("object_repr", "action")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Job)
class JobAdmin(RuleAdmin):
    list_display = ("created_at", "kind", "status", "progress", "total", "owner")
    list_filter = ("kind", "status")
