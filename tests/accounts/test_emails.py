"""Every allauth e-mail is m4d's own: signed with the site's name and address (never the host of
the request), subject "[m4d] …", in the recipient's language, typeset for it."""

from __future__ import annotations

from pathlib import Path

import pytest

import m4d.accounts
from m4d.core.typography import NARROW_NBSP
from tests.accounts.conftest import PASSWORD
from tests.factories import make_user

pytestmark = pytest.mark.django_db

BASE_URL = "https://m4d.example.org"
OURS = Path(m4d.accounts.__file__).parent / "templates" / "account" / "email"


@pytest.fixture(autouse=True)
def base_url(settings):
    settings.ALLOWED_HOSTS = ["*"]
    settings.M4D_BASE_URL = BASE_URL


def test_every_allauth_mail_template_has_an_m4d_version():
    import allauth

    theirs = Path(allauth.__file__).parent / "templates" / "account" / "email"
    assert {p.name for p in theirs.glob("*.txt")} <= {p.name for p in OURS.glob("*.txt")}


def test_a_reset_mail_is_signed_with_the_site_name_and_address_not_the_host(
    client, mailoutbox, charlie
):
    client.post(
        "/accounts/password/reset/", {"email": "charlie@example.org"}, HTTP_HOST="127.0.0.1:18602"
    )
    (mail,) = mailoutbox
    assert mail.subject == "[m4d] Reset your password"
    assert mail.body.startswith("Hello from m4d,")
    assert mail.body.endswith(f"\n{BASE_URL}/")
    assert "127.0.0.1" not in mail.body + mail.subject


def test_the_site_name_is_configurable(client, mailoutbox, charlie, settings):
    settings.M4D_SITE_NAME = "Registre M&D"
    client.post("/accounts/password/reset/", {"email": "charlie@example.org"})
    (mail,) = mailoutbox
    assert mail.subject.startswith("[Registre M&D] ")
    assert "Registre M&D" in mail.body


def test_a_mail_is_written_in_the_recipients_preferred_language(client, mailoutbox):
    make_user("francoise@example.org", language="fr")
    client.post("/accounts/password/reset/", {"email": "francoise@example.org"})
    (mail,) = mailoutbox
    assert mail.subject == "[m4d] Réinitialiser votre mot de passe"
    assert mail.body.startswith("Bonjour de la part de m4d,")
    assert f"ouvrez ce lien{NARROW_NBSP}:" in mail.body


def test_without_a_preference_the_mail_follows_the_page_it_was_asked_from(client, mailoutbox):
    client.post("/accounts/password/reset/?lang=fr", {"email": "nobody@example.org"})
    (mail,) = mailoutbox
    assert mail.subject == "[m4d] Aucun compte à cette adresse"
    assert f"{BASE_URL}/accounts/signup/" in mail.body


def test_the_sign_up_confirmation_is_branded(client, mailoutbox, settings):
    settings.ACCOUNT_EMAIL_VERIFICATION = "mandatory"
    client.post(
        "/accounts/signup/",
        {"email": "dora@example.org", "password1": PASSWORD, "password2": PASSWORD},
    )
    (mail,) = mailoutbox
    assert mail.subject == "[m4d] Confirm your e-mail address"
    assert f"{BASE_URL}/accounts/confirm-email/" in mail.body
