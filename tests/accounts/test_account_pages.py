"""The account pages: our layout, both languages, no JavaScript needed, nothing the CSP blocks."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.django_db

PUBLIC_PAGES = [
    "/accounts/login/",
    "/accounts/signup/",
    "/accounts/password/reset/",
    "/accounts/password/reset/done/",
]
PRIVATE_PAGES = [
    "/accounts/profile/",
    "/accounts/password/change/",
    "/accounts/logout/",
    "/accounts/email/",
]


@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_account_pages_use_the_site_layout(client, url):
    html = client.get(url).content.decode()
    assert '<a class="brand" href="/"' in html
    assert "<strong>Menu:</strong>" not in html  # allauth's bare layout


@pytest.mark.parametrize("url", PUBLIC_PAGES + PRIVATE_PAGES)
def test_account_pages_have_no_inline_script_or_style(client, charlie, url):
    if url in PRIVATE_PAGES:
        client.force_login(charlie)
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert " style=" not in html
    assert "<style" not in html
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html)
    assert not re.search(r"\son[a-z]+=", html)  # no onclick= and friends


@pytest.mark.parametrize(
    ("url", "french"),
    [
        ("/accounts/login/", "Tout le monde peut consulter le registre"),
        ("/accounts/login/", "Pas encore de compte\u202f?"),
        ("/accounts/signup/", "Créer un compte"),
        ("/accounts/password/reset/", "Réinitialiser votre mot de passe"),
    ],
)
def test_account_pages_speak_french_with_lang_fr(client, url, french):
    html = client.get(url, {"lang": "fr"}).content.decode()
    assert '<html lang="fr">' in html
    assert french in html


def test_the_login_page_speaks_english_by_default(client):
    html = client.get("/accounts/login/").content.decode()
    assert "No account yet?" in html
    assert "Se connecter" not in html


def test_the_profile_speaks_french_with_lang_fr(client, editor):
    client.force_login(editor)
    html = client.get("/accounts/profile/", {"lang": "fr"}).content.decode()
    assert "Votre profil" in html
    assert "Vos organisations" in html
    assert "Éditeur" in html


def test_the_login_form_works_without_javascript(client):
    html = client.get("/accounts/login/").content.decode()
    form = re.search(
        r'<form class="form" method="post" action="/accounts/login/">(.*?)</form>', html, re.S
    )
    assert form, "a plain POST form"
    assert 'name="csrfmiddlewaretoken"' in form.group(1)
    assert 'name="login"' in form.group(1) and 'name="password"' in form.group(1)
    assert 'type="submit"' in form.group(1)
