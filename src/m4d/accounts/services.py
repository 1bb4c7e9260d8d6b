"""Writes for accounts."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction

from m4d.accounts import roles
from m4d.accounts.models import User
from m4d.core import audit


class AccountExists(ValueError):
    """create_admin found an account for the e-mail and was not asked to reset its password."""


def refuse_existing_account(email: str, *, reset_password: bool) -> User | None:
    """The account for `email`, if any; raises AccountExists unless `reset_password` allows
    replacing its password (asked before prompting for a password, and again when saving)."""
    user = User.objects.filter(email__iexact=email).first()
    if user is not None and not reset_password:
        kind = "an administrator" if user.role == User.Role.ADMIN else "an account"
        raise AccountExists(f"{user.email} is already {kind}; its password was left unchanged")
    return user


@transaction.atomic
def create_admin(*, email: str, password: str, reset_password: bool = False) -> User:
    """Create an administrator; an existing account (an administrator or not) is promoted and
    given `password` only when `reset_password` says so, never silently."""
    try:
        validate_email(email)
    except ValidationError as error:
        raise ValueError(f"{email!r} is not a valid e-mail address") from error
    if len(password) < 8:
        raise ValueError("the password must have at least 8 characters")
    user = refuse_existing_account(email, reset_password=reset_password)
    if user is None:
        user = User.objects.create_superuser(email=email, password=password)
        action = "user.admin_created"
    else:
        user.role = User.Role.ADMIN
        roles.apply_role_flags(user)
        user.set_password(password)
        user.save()
        action = "user.promoted_admin"
    audit.record(user, action)
    return user


@transaction.atomic
def update_profile(user: User, *, display_name: str, language: str) -> User:
    """Save what a person may change about themselves; the role is not among it."""
    user.display_name = display_name
    user.language = language
    user.save(update_fields=["display_name", "language"])
    audit.record(user, "user.profile_updated", by=user)
    return user


@transaction.atomic
def set_role(user: User, *, role: str, by: User | AnonymousUser | None = None) -> User:
    """Make `user` a member, an editor (staff) or an admin (superuser)."""
    if role not in User.Role.values:
        raise ValueError(f"unknown role {role!r}")
    user.role = role
    roles.apply_role_flags(user)
    user.save(update_fields=["role", "is_staff", "is_superuser"])
    audit.record(user, "user.role_changed", by=by, data={"role": role})
    return user
