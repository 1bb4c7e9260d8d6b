"""A member of several organisations chooses which one they act for (kept in the session, their
first membership otherwise); later apps read it with `selectors.acting_organisation(request)`."""

from __future__ import annotations

import pytest
from django.test import RequestFactory
from django.urls import reverse

from m4d.organisations.selectors import ACTING_SESSION_KEY, acting_organisation
from tests.factories import make_membership, make_organisation

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("quick_passwords")]


def request_for(user, session=None):
    request = RequestFactory().get("/")
    request.user = user
    request.session = session if session is not None else {}
    return request


def test_without_a_choice_one_acts_for_ones_first_organisation(alice, alices_organisation):
    make_membership(alice, make_organisation("Zeta Collective"))
    assert acting_organisation(request_for(alice)) == alices_organisation


def test_someone_without_an_organisation_acts_for_none(charlie, everyone):
    assert acting_organisation(request_for(charlie)) is None
    assert acting_organisation(request_for(everyone["anonymous"])) is None


def test_the_header_offers_the_choice_to_members_of_several_organisations(
    client, alice, bob, alices_organisation
):
    client.force_login(bob)
    assert 'name="organisation"' not in client.get("/").content.decode()
    other = make_organisation("Zeta Collective")
    make_membership(bob, other)

    html = client.get("/").content.decode()
    assert 'id="acting-organisation"' in html and "Zeta Collective" in html
    assert f'<option value="{alices_organisation.pk}" selected>' in html


def test_choosing_an_organisation_keeps_it_in_the_session(client, bob, alices_organisation):
    other = make_organisation("Zeta Collective")
    make_membership(bob, other)
    client.force_login(bob)

    response = client.post(
        reverse("organisations:act_for"), {"organisation": other.pk, "next": "/projects/"}
    )

    assert response["Location"] == "/projects/"
    assert client.session[ACTING_SESSION_KEY] == other.pk
    html = client.get("/").content.decode()
    assert f'<option value="{other.pk}" selected>' in html
    assert "You now act for Zeta Collective" in html


def test_one_cannot_act_for_an_organisation_one_is_not_a_member_of(client, bob, oscar):
    client.force_login(bob)
    theirs = oscar.memberships.get().organisation
    response = client.post(
        reverse("organisations:act_for"), {"organisation": theirs.pk}, follow=True
    )
    assert "Choose one of your organisations" in response.content.decode()
    assert ACTING_SESSION_KEY not in client.session


def test_a_next_address_on_another_site_is_ignored(client, bob, alices_organisation):
    client.force_login(bob)
    response = client.post(
        reverse("organisations:act_for"),
        {"organisation": alices_organisation.pk, "next": "https://evil.example/"},
    )
    assert response["Location"] == "/"


def test_after_leaving_the_chosen_one_falls_back_to_the_first(bob, alices_organisation):
    other = make_organisation("Zeta Collective")
    membership = make_membership(bob, other)
    session = {ACTING_SESSION_KEY: other.pk}
    assert acting_organisation(request_for(bob, session)) == other
    membership.delete()
    assert acting_organisation(request_for(bob, session)) == alices_organisation
