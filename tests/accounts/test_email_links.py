"""Links in e-mails are on M4D_BASE_URL: whoever asks for a mail chooses its Host header, so a link
built from it would carry a valid key to their server."""

from __future__ import annotations

import re

import pytest

from tests.accounts.conftest import PASSWORD

pytestmark = pytest.mark.django_db

BASE_URL = "https://m4d.example.org"


@pytest.fixture
def any_host_allowed(settings):
    """A deployment that overrides the safe default with M4D_ALLOWED_HOSTS=*."""
    settings.ALLOWED_HOSTS = ["*"]
    settings.M4D_BASE_URL = BASE_URL


def links(body: str) -> list[str]:
    """The links of a mail, less the site's address every mail is signed with."""
    return [link for link in re.findall(r"https?://\S+", body) if link != f"{BASE_URL}/"]


def test_a_reset_asked_for_under_a_foreign_host_name_is_refused(client, charlie, mailoutbox):
    response = client.post(
        "/accounts/password/reset/", {"email": "charlie@example.org"}, HTTP_HOST="evil.example"
    )
    assert response.status_code == 400
    assert mailoutbox == []


def test_with_any_host_allowed_the_reset_link_is_still_on_the_base_url(
    client, charlie, mailoutbox, any_host_allowed
):
    client.post(
        "/accounts/password/reset/", {"email": "charlie@example.org"}, HTTP_HOST="evil.example"
    )
    (mail,) = mailoutbox
    assert "evil.example" not in mail.body
    (link,) = links(mail.body)
    assert link.startswith(f"{BASE_URL}/accounts/password/reset/key/")


def test_the_mail_to_an_unknown_address_links_to_sign_up_on_the_base_url(
    client, mailoutbox, any_host_allowed
):
    client.post(
        "/accounts/password/reset/", {"email": "nobody@example.org"}, HTTP_HOST="evil.example"
    )
    (mail,) = mailoutbox
    assert "evil.example" not in mail.body
    assert links(mail.body) == [f"{BASE_URL}/accounts/signup/"]


def test_the_address_confirmation_link_is_on_the_base_url(
    client, mailoutbox, any_host_allowed, settings
):
    settings.ACCOUNT_EMAIL_VERIFICATION = "mandatory"
    client.post(
        "/accounts/signup/",
        {"email": "dora@example.org", "password1": PASSWORD, "password2": PASSWORD},
        HTTP_HOST="evil.example",
    )
    (mail,) = mailoutbox
    assert "evil.example" not in mail.body
    (link,) = links(mail.body)
    assert link.startswith(f"{BASE_URL}/accounts/confirm-email/")
