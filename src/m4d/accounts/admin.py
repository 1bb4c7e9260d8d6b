from typing import Any

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from m4d.accounts import services
from m4d.accounts.models import ApiToken, User
from m4d.core.admin import RuleAdmin


@admin.register(User)
class UserAdmin(RuleAdmin, BaseUserAdmin):
    ordering = ("email",)
    list_display = ("email", "display_name", "role", "is_active", "last_login")
    list_filter = ("role", "is_active", "is_staff")
    search_fields = ("email", "display_name")
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Profile"), {"fields": ("display_name", "language", "role")}),
        (_("Permissions"), {"fields": ("is_active", "is_staff", "is_superuser", "groups")}),
        (_("Dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (None, {"classes": ("wide",), "fields": ("email", "password1", "password2", "role")}),
    )
    # The role decides staff/superuser status (see accounts.roles); groups grant nothing here.
    readonly_fields = ("is_staff", "is_superuser", "groups", "last_login", "date_joined")

    def save_model(self, request: HttpRequest, obj: User, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        if not change or "role" in form.changed_data:
            services.set_role(obj, role=obj.role, by=request.user)


@admin.register(ApiToken)
class ApiTokenAdmin(RuleAdmin):
    """Administrators find and revoke anyone's token (a leaked one, say); nobody edits, adds or
    deletes one here: tokens are made by their owner, and revoking keeps the audited record."""

    list_display = ("name", "user", "prefix", "created_at", "last_used_at", "revoked_at")
    list_filter = ("revoked_at",)
    search_fields = ("name", "prefix", "user__email")
    readonly_fields = ("user", "name", "prefix", "created_at", "last_used_at", "revoked_at")
    fields = readonly_fields
    actions = ("revoke",)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    @admin.action(description=_("Revoke the selected tokens"))
    def revoke(self, request: HttpRequest, queryset: QuerySet[ApiToken]) -> None:
        tokens = [t for t in queryset if self._can(request, "revoke", t)]
        for token in tokens:
            services.revoke_token(token, by=request.user)
        self.message_user(
            request,
            ngettext("%(count)d token revoked.", "%(count)d tokens revoked.", len(tokens))
            % {"count": len(tokens)},
            messages.SUCCESS,
        )
