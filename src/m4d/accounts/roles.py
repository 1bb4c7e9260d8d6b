"""Platform roles and what they mean in the Django admin.

The role on the user is the source of truth; `is_staff`, `is_superuser` and membership of the
"Editors" group are derived from it by `apply_role_flags` and `sync_editors_group`, so they
never drift apart whichever way an account is created (sign-up, CLI, admin, fixtures).

| role   | admin access | can change registry records | everything else |
|--------|--------------|-----------------------------|-----------------|
| member | no           | no                          | no              |
| editor | yes (staff)  | yes, via the Editors group  | no              |
| admin  | yes          | yes                         | yes (superuser) |
"""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType

EDITORS_GROUP = "Editors"
EDITOR_ROLES = ("editor", "admin")

# The registry records editors correct, and the inlines their admin pages show. Labels, not
# imports: accounts sits before places/organisations/projects in the dependency order.
EDITOR_PERMISSIONS: dict[str, tuple[str, ...]] = {
    "places.country": ("view", "add", "change"),
    "organisations.organisation": ("view", "add", "change"),
    # Who acts for an organisation is decided by its owners/managers and admins, not editors.
    "organisations.membership": ("view",),
    "projects.project": ("view", "add", "change"),
    "toolbox.casestudy": ("view", "add", "change"),
    # Rows of the project inlines: correcting a project may mean removing a wrong country.
    "projects.projectcountry": ("view", "add", "change", "delete"),
    "projects.partnership": ("view", "add", "change", "delete"),
    "projects.projectcapital": ("view", "add", "change", "delete"),
}


def apply_role_flags(user: Any) -> None:
    """Set `is_staff`/`is_superuser` from `user.role` (the caller saves)."""
    user.is_staff = user.role in EDITOR_ROLES
    user.is_superuser = user.role == "admin"


def editor_permissions() -> list[Permission]:
    """The permissions of the Editors group, created if `post_migrate` has not made them yet."""
    permissions = []
    for label, actions in EDITOR_PERMISSIONS.items():
        try:
            model = apps.get_model(label)
        except LookupError:  # an app not installed in this deployment
            continue
        content_type = ContentType.objects.get_for_model(model, for_concrete_model=False)
        for action in actions:
            codename = f"{action}_{model._meta.model_name}"
            permission, _created = Permission.objects.get_or_create(
                content_type=content_type,
                codename=codename,
                defaults={"name": f"Can {action} {model._meta.verbose_name_raw}"},
            )
            permissions.append(permission)
    return permissions


def editors_group() -> Group:
    """The Editors group with exactly the permissions listed above (idempotent)."""
    group, _created = Group.objects.get_or_create(name=EDITORS_GROUP)
    group.permissions.set(editor_permissions())
    return group


def sync_editors_group(user: Any) -> None:
    """Add a saved user to the Editors group if their role needs it, remove them otherwise."""
    group = Group.objects.filter(name=EDITORS_GROUP).first()
    if user.role == "editor":
        user.groups.add(group or editors_group())
    elif group is not None:
        user.groups.remove(group)


def create_editors_group(**kwargs: Any) -> None:
    """`post_migrate` receiver: every `migrate` (and test database) ends with the group in place."""
    editors_group()
