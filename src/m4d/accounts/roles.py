"""Platform roles: the role on the user is the single source of truth.

`User.Role` names the roles; `User.is_editor` / `User.is_platform_admin` say what they mean, and
the helpers below ask them of anybody (anonymous visitors included). Who may do what with each
model is declared in the apps' `rules.py` files from these answers (see `m4d.core.permissions`);
the Django admin asks the same rules (`m4d.core.admin.RuleAdmin`), not Django's group permissions.
`is_staff` and `is_superuser` are derived from the role by `apply_role_flags`, so they never drift
apart whichever way an account is created (sign-up, CLI, admin, fixtures).

| role   | enters the admin | corrects registry records | deletes them, manages accounts |
|--------|------------------|---------------------------|--------------------------------|
| member | no               | no                        | no                             |
| editor | yes (staff)      | yes                       | no                             |
| admin  | yes              | yes                       | yes (superuser)                |
"""

from __future__ import annotations

from typing import Any


def apply_role_flags(user: Any) -> None:
    """Set `is_staff`/`is_superuser` from `user.role` (the caller saves)."""
    user.is_staff = user.role in {user.Role.EDITOR, user.Role.ADMIN}
    user.is_superuser = user.role == user.Role.ADMIN


def is_editor(user: Any) -> bool:
    """Editors correct registry records; admins are editors too."""
    return bool(getattr(user, "is_authenticated", False) and getattr(user, "is_editor", False))


def is_platform_admin(user: Any) -> bool:
    """Administrators delete records and manage accounts."""
    return bool(
        getattr(user, "is_authenticated", False) and getattr(user, "is_platform_admin", False)
    )
