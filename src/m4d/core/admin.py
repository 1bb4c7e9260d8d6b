"""The admin asks the same rules as the site (`m4d.core.permissions.can`), not Django's group
permissions: `RuleAdmin` for a model's own admin, `RuleInline` for rows edited on a parent's page.
And it writes through the same services as the site: `ServiceAdmin`.

Entering the admin at all still needs `is_staff`, which accounts derives from the role.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.contrib import admin, messages
from django.db import models, transaction
from django.forms import BaseInlineFormSet, ModelForm
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect

from m4d.core.models import AuditEntry, Job
from m4d.core.permissions import can
from m4d.core.records import RecordError

if TYPE_CHECKING:  # the admin classes are generic only in django-stubs
    ModelAdmin = admin.ModelAdmin[Any]
    InlineModelAdmin = admin.options.InlineModelAdmin[Any, Any]
else:
    ModelAdmin = admin.ModelAdmin
    InlineModelAdmin = admin.options.InlineModelAdmin


class RuleAdmin(ModelAdmin):
    """A ModelAdmin whose view/add/change/delete permissions are the model's rules."""

    # Addresses typed without a scheme are https (Django 6's default, said now to silence 5.2).
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

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


@dataclass(frozen=True)
class Services:
    """An app's write services for one model, as `ServiceAdmin` calls them:

    create(*, by, changes, **links) -> obj; update(obj, *, by, changes, **links) -> obj;
    delete(obj, *, by) -> None. `changes` maps field names to the form's values; `links` are what
    `ServiceAdmin.links()` read from the inlines the service writes itself."""

    create: Callable[..., Any]
    update: Callable[..., Any]
    delete: Callable[..., Any]


def form_changes(form: ModelForm[Any], *, everything: bool = False) -> dict[str, Any]:
    """The model fields a ModelForm changed (all of its fields for a new record), as cleaned."""
    model_fields = {field.name for field in form._meta.model._meta.get_fields()}
    names = form.fields if everything else form.changed_data
    return {name: form.cleaned_data[name] for name in names if name in model_fields}


class ServiceAdmin(RuleAdmin):
    """A RuleAdmin whose saves and deletes (bulk delete included) call the app's services, so an
    admin edit is validated, audited and searchable like any other.

    Subclasses name `services`; when a service writes some inline rows itself (a project's
    countries, partners and capitals), list those inlines in `service_inlines` and read their rows
    in `links()`. Inlines whose rows are records with services of their own (an organisation's
    memberships) name them in `row_services`, by model: each added, changed or deleted row goes
    through them. A refused change (the app's `RecordError`) leaves nothing written and comes back
    as an error message.
    """

    services: Services
    service_inlines: tuple[type[InlineModelAdmin], ...] = ()
    row_services: dict[type[models.Model], Services] = {}

    def links(
        self, formsets: dict[type[models.Model], BaseInlineFormSet[Any, Any, Any]]
    ) -> dict[str, Any]:
        """Keyword arguments for the services from the formsets of `service_inlines` (by model)."""
        return {}

    def save_model(
        self, request: HttpRequest, obj: Any, form: ModelForm[Any], change: bool
    ) -> None:
        # Written in save_related, once the inlines are known: the service saves the record and
        # its links together, then indexes them.
        pass

    def save_related(
        self,
        request: HttpRequest,
        form: ModelForm[Any],
        formsets: list[BaseInlineFormSet[Any, Any, Any]],
        change: bool,
    ) -> None:
        models_written = {inline.model for inline in self.service_inlines}
        mine = {f.model: f for f in formsets if f.model in models_written}
        obj = form.instance
        if change:
            fresh = type(obj)._default_manager.get(pk=obj.pk)
            saved = self.services.update(
                fresh, by=request.user, changes=form_changes(form), **self.links(mine)
            )
        else:
            saved = self.services.create(
                by=request.user, changes=form_changes(form, everything=True), **self.links(mine)
            )
            # The admin goes on with its own copy (its log entry, its redirect).
            obj.pk = saved.pk
            obj._state.adding = False
        for formset in formsets:
            if formset.model in models_written:
                # Read by the admin's own history message; the audit entry holds the details.
                formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
            else:
                formset.instance = saved
                self.save_formset(request, form, formset, change=change)

    def save_formset(
        self,
        request: HttpRequest,
        form: ModelForm[Any],
        formset: BaseInlineFormSet[Any, Any, Any],
        change: bool,
    ) -> None:
        row_services = self.row_services.get(formset.model)
        if row_services is None:
            super().save_formset(request, form, formset, change)
            return
        parent = {formset.fk.name: formset.instance}
        formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
        for row in formset.initial_forms:
            if row in formset.deleted_forms:
                row_services.delete(row.instance, by=request.user)
                formset.deleted_objects.append(row.instance)
            elif row.has_changed():
                fresh = type(row.instance)._default_manager.get(pk=row.instance.pk)
                saved = row_services.update(fresh, by=request.user, changes=form_changes(row))
                formset.changed_objects.append((saved, row.changed_data))
        for row in formset.extra_forms:
            if row.has_changed() and row not in formset.deleted_forms:
                changes = {**form_changes(row, everything=True), **parent}
                formset.new_objects.append(row_services.create(by=request.user, changes=changes))

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        self.services.delete(obj, by=request.user)

    def delete_queryset(self, request: HttpRequest, queryset: models.QuerySet[Any]) -> None:
        with transaction.atomic():
            for obj in queryset:
                self.services.delete(obj, by=request.user)

    def _refusals_answered(
        self, request: HttpRequest, view: Callable[..., HttpResponse], *args: Any, **kwargs: Any
    ) -> HttpResponse:
        # The admin's views run in a transaction the refusal rolls back: nothing half-written.
        try:
            return view(request, *args, **kwargs)
        except RecordError as refused:
            self.message_user(request, refused.message, messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())

    def changeform_view(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return self._refusals_answered(request, super().changeform_view, *args, **kwargs)

    def delete_view(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return self._refusals_answered(request, super().delete_view, *args, **kwargs)

    def changelist_view(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return self._refusals_answered(request, super().changelist_view, *args, **kwargs)


@admin.register(AuditEntry)
class AuditEntryAdmin(ModelAdmin):
    list_display = ("created_at", "actor", "action", "object_type", "object_repr")
    list_filter = ("action", "object_type")
    search_fields = ("object_repr", "action")

    # Append-only: what happened stays on record, whoever is looking.
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Job)
class JobAdmin(RuleAdmin):
    list_display = ("created_at", "kind", "status", "progress", "total", "owner")
    list_filter = ("kind", "status")
