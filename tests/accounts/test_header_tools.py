"""Accounts contributes the header's sign-in and profile links through core's navigation
registry; core's base template names no app."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory
from django.urls import reverse
from django.views.defaults import permission_denied

from m4d.core.permissions import Forbidden

pytestmark = pytest.mark.django_db


def test_anonymous_visitors_see_log_in_and_sign_up_in_the_header(client):
    html = client.get(reverse("home")).content.decode()
    assert f'href="{reverse("account_login")}"' in html
    assert f'href="{reverse("account_signup")}"' in html
    assert reverse("accounts:profile") not in html


def test_signed_in_users_see_their_profile_and_log_out_in_the_header(client, bob):
    client.force_login(bob)
    html = client.get(reverse("home")).content.decode()
    assert f'href="{reverse("accounts:profile")}"' in html
    assert f'action="{reverse("account_logout")}"' in html
    assert f'href="{reverse("account_login")}"' not in html


def test_the_forbidden_page_offers_anonymous_visitors_the_login_page():

    request = RequestFactory().get("/somewhere/")
    request.user = AnonymousUser()
    html = permission_denied(request, Forbidden("no")).content.decode()
    assert f'href="{reverse("account_login")}?next=/somewhere/"' in html
