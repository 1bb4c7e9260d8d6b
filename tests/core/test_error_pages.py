"""Branded, translated error pages with the navigation and a search box: 400, 403 (CSRF failures
too), 404, 500, and the web server's own refusal of an over-long address (414)."""

from __future__ import annotations

import pytest
from django.test import Client, RequestFactory
from django.utils import translation

from m4d.core.views import refusal_response, server_error

pytestmark = pytest.mark.django_db


def looks_like_m4d(html: str) -> bool:
    return 'class="brand"' in html and 'role="search"' in html and 'name="q"' in html


def test_a_missing_page_answers_404_in_french_with_the_navigation_and_a_search_box(client):
    response = client.get("/no-such-page/", HTTP_ACCEPT_LANGUAGE="fr")
    html = response.content.decode()
    assert response.status_code == 404
    assert looks_like_m4d(html) and "Nous n’avons pas trouvé cette page" in html
    assert 'id="error-q"' in html


def test_a_missing_page_answers_404_in_english(client):
    html = client.get("/no-such-page/").content.decode()
    assert "We could not find this page" in html and looks_like_m4d(html)


def test_a_forbidden_action_answers_the_branded_403(client, alice):
    client.force_login(alice)
    response = client.get("/projects/import/iati/", HTTP_ACCEPT_LANGUAGE="fr")
    assert response.status_code == 403
    html = response.content.decode()
    assert "Action non autorisée" in html and looks_like_m4d(html)


def test_a_form_sent_without_its_csrf_token_answers_the_branded_403():
    client = Client(enforce_csrf_checks=True, HTTP_ACCEPT_LANGUAGE="fr")
    response = client.post("/i18n/setlang/", {"language": "en"})
    html = response.content.decode()
    assert response.status_code == 403
    assert "Le formulaire a expiré" in html and looks_like_m4d(html)


def test_a_server_error_answers_the_branded_500():
    request = RequestFactory().get("/")
    with translation.override("en"):
        response = server_error(request)
    assert response.status_code == 500
    assert "Something went wrong" in response.content.decode()


def test_the_500_page_falls_back_to_plain_html_when_it_cannot_be_drawn(monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("database down")

    monkeypatch.setattr("m4d.core.views.render", broken)
    response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    assert b"Something went wrong" in response.content


def test_the_servers_refusal_of_a_long_address_is_a_whole_branded_response_in_both_languages():
    raw = refusal_response(414)
    head, _, body = raw.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 414 URI Too Long\r\n")
    assert f"Content-Length: {len(body)}".encode() in head
    html = body.decode()
    assert "Address too long" in html and "Adresse trop longue" in html and looks_like_m4d(html)


def test_the_favicon_is_served_at_its_usual_address(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/x-icon"
    assert response.content[:4] == b"\x00\x00\x01\x00"  # an ICO file
