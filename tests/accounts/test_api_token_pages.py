"""The profile page's API tokens: listed, created (the secret shown once), revoked after asking."""

from __future__ import annotations

import re

import pytest

from m4d.accounts.models import ApiToken
from m4d.accounts.services import create_token

pytestmark = pytest.mark.django_db


def test_the_profile_lists_ones_own_live_tokens_with_name_prefix_and_last_use(client, alice, bob):
    mine, _secret = create_token(alice, name="Nightly sync", by=alice)
    revoked, _ = create_token(alice, name="Old laptop", by=alice)
    revoked.revoked_at = revoked.created_at
    revoked.save()
    create_token(bob, name="Bob's importer", by=bob)
    client.force_login(alice)
    html = client.get("/accounts/profile/").content.decode()
    assert "Nightly sync" in html and mine.prefix in html and "Never" in html
    assert "Old laptop" not in html
    assert "Bob&#x27;s importer" not in html and "Bob's importer" not in html


def test_an_administrator_lists_only_their_own_tokens_on_their_profile(client, alice, admin_user):
    create_token(alice, name="Nightly sync", by=alice)
    client.force_login(admin_user)
    html = client.get("/accounts/profile/").content.decode()
    assert "Nightly sync" not in html
    assert "You have no API token." in html


def test_creating_a_token_shows_its_secret_once(client, alice):
    client.force_login(alice)
    response = client.post("/accounts/profile/tokens/", {"name": "Nightly sync"})
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    token = ApiToken.objects.get(user=alice)
    secret = response.context["secret"]
    assert secret.startswith(token.prefix)
    assert f'value="{secret}"' in response.content.decode()
    assert "it is shown this once" in response.content.decode()
    assert secret not in client.get("/accounts/profile/").content.decode()


def test_sending_the_same_form_again_creates_no_second_token(client, alice):
    client.force_login(alice)
    profile = client.get("/accounts/profile/").content.decode()
    once = re.search(r'name="once" value="([^"]+)"', profile)
    assert once
    form = {"name": "Nightly sync", "once": once.group(1)}
    assert client.post("/accounts/profile/tokens/", form).status_code == 200
    again = client.post("/accounts/profile/tokens/", form, follow=True)
    assert ApiToken.objects.filter(user=alice).count() == 1
    assert "already created" in again.content.decode()
    other = re.search(r'name="once" value="([^"]+)"', again.content.decode())
    assert other and other.group(1) != once.group(1)  # a new form makes a new token
    assert (
        client.post("/accounts/profile/tokens/", {**form, "once": other.group(1)}).status_code
        == 200
    )
    assert ApiToken.objects.filter(user=alice).count() == 2


def test_a_token_without_a_name_is_refused_with_the_error_on_the_field(client, alice):
    client.force_login(alice)
    response = client.post("/accounts/profile/tokens/", {"name": ""})
    assert response.status_code == 400
    assert "This field is required." in response.content.decode()
    assert not ApiToken.objects.exists()


def test_revoking_asks_first_then_revokes_on_post(client, alice):
    token, _secret = create_token(alice, name="Nightly sync", by=alice)
    client.force_login(alice)
    page = client.get(f"/accounts/profile/tokens/{token.pk}/revoke/")
    assert page.status_code == 200 and "This cannot be undone." in page.content.decode()
    token.refresh_from_db()
    assert token.revoked_at is None
    response = client.post(f"/accounts/profile/tokens/{token.pk}/revoke/")
    assert response.status_code == 302 and response["Location"] == "/accounts/profile/"
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_another_persons_token_cannot_be_revoked_it_does_not_exist_for_them(client, alice, bob):
    token, _secret = create_token(alice, name="Nightly sync", by=alice)
    client.force_login(bob)
    assert client.get(f"/accounts/profile/tokens/{token.pk}/revoke/").status_code == 404
    assert client.post(f"/accounts/profile/tokens/{token.pk}/revoke/").status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


def test_an_administrator_may_revoke_anyones_token(client, alice, admin_user):
    token, _secret = create_token(alice, name="Leaked", by=alice)
    client.force_login(admin_user)
    assert client.post(f"/accounts/profile/tokens/{token.pk}/revoke/").status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_an_administrator_revokes_tokens_from_the_admin_list_audited(client, alice, admin_user):
    from m4d.core.models import AuditEntry

    token, _secret = create_token(alice, name="Leaked", by=alice)
    client.force_login(admin_user)
    response = client.post(
        "/admin/accounts/apitoken/",
        {"action": "revoke", "_selected_action": [token.pk]},
    )
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None
    entry = AuditEntry.objects.filter(object_type="accounts.apitoken").order_by("-pk").first()
    assert entry is not None and entry.actor == admin_user
