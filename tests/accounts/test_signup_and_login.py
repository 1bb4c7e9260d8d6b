from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from tests.accounts.conftest import PASSWORD, log_in

pytestmark = pytest.mark.django_db


def test_account_pages_use_the_site_layout(client):
    # m4d.accounts is listed before allauth, so our templates replace allauth's bare pages.
    html = client.get("/accounts/login/").content.decode()
    assert '<header class="site">' in html and "m4d.css" in html


def test_sign_up_creates_a_member_and_logs_them_in(client):
    response = client.post(
        "/accounts/signup/",
        {"email": "dora@example.org", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert response.status_code == 302
    user = get_user_model().objects.get(email="dora@example.org")
    assert user.role == "member"
    assert not user.is_staff and not user.is_superuser
    assert client.get("/accounts/profile/").status_code == 200


def test_sign_up_refuses_two_different_passwords(client):
    response = client.post(
        "/accounts/signup/",
        {"email": "dora@example.org", "password1": PASSWORD, "password2": PASSWORD + "!"},
    )
    assert response.status_code == 200
    assert not get_user_model().objects.filter(email="dora@example.org").exists()


def test_sign_up_page_asks_for_the_password_twice(client):
    html = client.get("/accounts/signup/").content.decode()
    assert 'name="email"' in html
    assert 'name="password1"' in html and 'name="password2"' in html


def test_a_person_logs_in_with_their_email_and_password(client, charlie):
    response = log_in(client, "charlie@example.org")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/profile/"
    assert client.get("/accounts/profile/").context["user"] == charlie


def test_login_with_a_wrong_password_fails(client, charlie):
    response = log_in(client, "charlie@example.org", "not the password")
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_logout_is_a_post(client, charlie):
    client.force_login(charlie)
    response = client.get("/accounts/logout/")
    assert response.status_code == 200  # a confirmation page, still logged in
    assert "_auth_user_id" in client.session
    response = client.post("/accounts/logout/")
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_five_failed_logins_then_even_the_right_password_is_refused(client, charlie):
    for _attempt in range(5):
        response = log_in(client, "charlie@example.org", "wrong guess")
        assert "Too many failed login attempts" not in response.content.decode()
    response = log_in(client, "charlie@example.org")
    assert response.status_code == 200
    assert "Too many failed login attempts. Try again later." in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_rate_limit_message_is_translated(client, charlie):
    for _attempt in range(5):
        log_in(client, "charlie@example.org", "wrong guess")
    response = log_in(client, "charlie@example.org", HTTP_ACCEPT_LANGUAGE="fr")
    assert "Trop de tentatives de connexion" in response.content.decode()


def test_failed_logins_for_one_account_do_not_lock_another_from_a_different_address(charlie, bob):
    attacker = Client(REMOTE_ADDR="203.0.113.9")
    for _attempt in range(5):
        log_in(attacker, "charlie@example.org", "wrong guess")
    assert log_in(Client(REMOTE_ADDR="198.51.100.7"), "bob@example.org").status_code == 302


def test_five_typos_for_bob_do_not_lock_alice_out_behind_the_same_address(alice, bob):
    office = Client(REMOTE_ADDR="203.0.113.9")
    for _attempt in range(5):
        log_in(office, "bob@example.org", "wrong guess")
    assert log_in(Client(REMOTE_ADDR="203.0.113.9"), "alice@example.org").status_code == 302


def test_five_typos_for_bob_lock_bob_out_from_that_address(bob):
    office = Client(REMOTE_ADDR="203.0.113.9")
    for _attempt in range(5):
        log_in(office, "bob@example.org", "wrong guess")
    response = log_in(office, "bob@example.org")
    assert "Too many failed login attempts" in response.content.decode()
    assert "_auth_user_id" not in office.session


def test_failed_logins_for_bob_from_elsewhere_do_not_lock_bob_out(bob):
    attacker = Client(REMOTE_ADDR="203.0.113.9")
    for _attempt in range(5):
        log_in(attacker, "bob@example.org", "wrong guess")
    assert log_in(Client(REMOTE_ADDR="198.51.100.7"), "bob@example.org").status_code == 302


def test_twenty_failures_across_accounts_from_one_address_reach_its_ceiling(alice):
    attacker = Client(REMOTE_ADDR="203.0.113.9")
    for attempt in range(20):
        response = log_in(attacker, f"guess{attempt}@example.org", "wrong guess")
        assert "Too many failed login attempts" not in response.content.decode()
    response = log_in(attacker, "alice@example.org")
    assert "Too many failed login attempts" in response.content.decode()
    assert log_in(Client(REMOTE_ADDR="198.51.100.7"), "alice@example.org").status_code == 302


def test_login_without_a_csrf_token_is_refused(charlie):
    client = Client(enforce_csrf_checks=True)
    response = log_in(client, "charlie@example.org")
    assert response.status_code == 403
    assert "_auth_user_id" not in client.session


def test_login_with_the_csrf_token_works_when_checks_are_enforced(charlie):
    client = Client(enforce_csrf_checks=True)
    client.get("/accounts/login/")
    token = client.cookies["csrftoken"].value
    response = log_in(client, "charlie@example.org", HTTP_X_CSRFTOKEN=token)
    assert response.status_code == 302
