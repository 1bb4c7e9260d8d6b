from __future__ import annotations

import re

import pytest
from django.conf import settings

from tests.accounts.conftest import PASSWORD, log_in

pytestmark = pytest.mark.django_db
NEW_PASSWORD = "a brand new pass phrase"


def reset_link(body: str) -> str:
    """The path of the reset link in a mail; links in e-mails are on M4D_BASE_URL."""
    return re.search(
        rf"{re.escape(settings.M4D_BASE_URL)}(/accounts/password/reset/key/\S+/)", body
    ).group(1)


def test_password_reset_sends_an_email_whose_link_sets_a_new_password(client, charlie, mailoutbox):
    response = client.post("/accounts/password/reset/", {"email": "charlie@example.org"})
    assert response.status_code == 302
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["charlie@example.org"]
    link = reset_link(mailoutbox[0].body)

    form_page = client.get(link, follow=True)  # allauth moves the key into the session first
    assert form_page.status_code == 200
    assert 'name="password1"' in form_page.content.decode()
    response = client.post(
        form_page.redirect_chain[-1][0], {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
    )
    assert response.status_code == 302

    charlie.refresh_from_db()
    assert charlie.check_password(NEW_PASSWORD)
    assert log_in(client, "charlie@example.org", NEW_PASSWORD).status_code == 302


def test_a_used_reset_link_does_not_work_twice(client, charlie, mailoutbox):
    client.post("/accounts/password/reset/", {"email": "charlie@example.org"})
    link = reset_link(mailoutbox[0].body)
    page = client.get(link, follow=True)
    client.post(page.redirect_chain[-1][0], {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    again = client.get(link, follow=True)
    assert again.context["token_fail"]


def test_password_reset_for_an_unknown_address_reveals_nothing(client, mailoutbox):
    response = client.post("/accounts/password/reset/", {"email": "nobody@example.org"})
    assert response.status_code == 302
    assert response["Location"] == "/accounts/password/reset/done/"


def test_a_logged_in_person_changes_their_password(client, charlie):
    client.force_login(charlie)
    response = client.post(
        "/accounts/password/change/",
        {"oldpassword": PASSWORD, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    assert response.status_code == 302
    charlie.refresh_from_db()
    assert charlie.check_password(NEW_PASSWORD)
    assert "_auth_user_id" in client.session  # ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE is off


def test_changing_the_password_needs_the_current_one(client, charlie):
    client.force_login(charlie)
    response = client.post(
        "/accounts/password/change/",
        {"oldpassword": "not it", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    assert response.status_code == 200
    charlie.refresh_from_db()
    assert charlie.check_password(PASSWORD)


def test_changing_the_password_requires_login(client):
    response = client.get("/accounts/password/change/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
