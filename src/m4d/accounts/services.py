"""Writes for accounts."""

from __future__ import annotations

import datetime
import hashlib
import hmac
import secrets
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone

from m4d.accounts import roles
from m4d.accounts.models import ApiToken, User
from m4d.core import audit, records

# Every token starts with this, so that a leaked one is recognisable (secret scanners, logs).
TOKEN_PREFIX = "m4d_"
# How stale `last_used_at` may get: at most one write per token and minute, however busy it is.
LAST_USED_PRECISION = datetime.timedelta(minutes=1)


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


class TokenError(records.RecordError):
    """A token change refused (an invalid name)."""


def token_digest(secret: str) -> str:
    """What is stored of a secret (and what the API's rate limits count requests by)."""
    return hashlib.sha256(secret.encode()).hexdigest()


@transaction.atomic
def create_token(user: User, *, name: str, by: Any) -> tuple[ApiToken, str]:
    """A new token for `user`, and its secret: shown to its owner once, never stored (only its
    hash is)."""
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(secret_hash=token_digest(secret))
    changes = {"user": user, "name": name.strip(), "prefix": secret[:12]}
    records.save_record(token, changes, by=by, kind=None, error=TokenError)
    return token, secret


@transaction.atomic
def revoke_token(token: ApiToken, *, by: Any) -> ApiToken:
    """Make `token` refuse every request from now on (revoking twice changes nothing)."""
    if token.revoked_at is None:
        records.save_record(
            token, {"revoked_at": timezone.now()}, by=by, kind=None, error=TokenError
        )
    return token


def authenticate_token(secret: str) -> User | None:
    """The active person a token's secret acts for, or None for an unknown or revoked token."""
    if not secret.startswith(TOKEN_PREFIX):
        return None
    digest = token_digest(secret)
    # Looked up by hash, so the database never compares the secret itself; the comparison below
    # guards against a collation that would match more than the exact digest.
    token = ApiToken.objects.select_related("user").filter(secret_hash=digest).first()
    if token is None or not hmac.compare_digest(token.secret_hash, digest):
        return None
    if token.revoked_at is not None or not token.user.is_active:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_PRECISION:
        # Not audited: use is not a change, and one row per request would drown the log.
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user
