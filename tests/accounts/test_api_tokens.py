"""Personal API tokens: made with a secret shown once, stored hashed, revoked for good."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from m4d.accounts.models import ApiToken
from m4d.accounts.services import authenticate_token, create_token, revoke_token
from m4d.core.models import AuditEntry

pytestmark = pytest.mark.django_db


def test_a_token_is_stored_hashed_and_the_database_holds_no_secret(alice):
    token, secret = create_token(alice, name="Nightly sync", by=alice)
    assert secret.startswith("m4d_") and len(secret) > 40
    stored = ApiToken.objects.filter(pk=token.pk).values().get()
    assert secret not in {str(value) for value in stored.values()}
    assert token.prefix == secret[:12]
    assert authenticate_token(secret) == alice


def test_creating_and_revoking_a_token_is_audited(alice):
    token, _secret = create_token(alice, name="Nightly sync", by=alice)
    revoke_token(token, by=alice)
    actions = list(
        AuditEntry.objects.filter(object_type="accounts.apitoken")
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions == ["accounts.apitoken.created", "accounts.apitoken.updated"]
    assert not any("secret" in str(entry.data) for entry in AuditEntry.objects.all())


def test_a_revoked_token_authenticates_nobody(alice):
    token, secret = create_token(alice, name="Old laptop", by=alice)
    revoke_token(token, by=alice)
    assert authenticate_token(secret) is None


def test_an_unknown_or_malformed_secret_authenticates_nobody(alice):
    _token, secret = create_token(alice, name="Script", by=alice)
    assert authenticate_token(secret[:-1] + ("A" if secret[-1] != "A" else "B")) is None
    assert authenticate_token(secret.removeprefix("m4d_")) is None
    assert authenticate_token("") is None


def test_the_token_of_a_deactivated_account_authenticates_nobody(alice):
    _token, secret = create_token(alice, name="Script", by=alice)
    alice.is_active = False
    alice.save()
    assert authenticate_token(secret) is None


def test_using_a_token_sets_its_last_use_at_most_once_a_minute(alice):
    token, secret = create_token(alice, name="Script", by=alice)
    assert token.last_used_at is None
    authenticate_token(secret)
    token.refresh_from_db()
    first = token.last_used_at
    assert first is not None
    authenticate_token(secret)
    token.refresh_from_db()
    assert token.last_used_at == first
    an_hour_ago = timezone.now() - datetime.timedelta(hours=1)
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=an_hour_ago)
    authenticate_token(secret)
    token.refresh_from_db()
    assert token.last_used_at is not None and token.last_used_at > an_hour_ago


def test_a_token_needs_a_name(alice):
    from m4d.accounts.services import TokenError

    with pytest.raises(TokenError):
        create_token(alice, name="   ", by=alice)
    assert not ApiToken.objects.exists()
