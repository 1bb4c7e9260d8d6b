from __future__ import annotations

import pytest

from tests.accounts.conftest import log_in

pytestmark = pytest.mark.django_db


def test_the_profile_requires_login(client):
    response = client.get("/accounts/profile/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/accounts/profile/"


def test_the_profile_shows_the_organisations_a_person_acts_for_with_their_role(client, bob):
    client.force_login(bob)
    html = client.get("/accounts/profile/").content.decode()
    organisation = bob.memberships.get().organisation
    assert organisation.name in html
    assert organisation.get_absolute_url() in html
    assert "<td>Member</td>" in html


def test_the_profile_shows_the_platform_role_read_only(client, alice):
    from m4d.accounts.services import set_role

    set_role(alice, role="editor")
    client.force_login(alice)
    response = client.get("/accounts/profile/")
    html = response.content.decode()
    assert "Editor" in html
    assert 'name="role"' not in html
    assert "<td>Owner</td>" in html


def test_an_outsider_sees_they_act_for_no_organisation(client, charlie):
    client.force_login(charlie)
    assert (
        "You do not act for any organisation yet."
        in client.get("/accounts/profile/").content.decode()
    )


def test_saving_the_profile_changes_the_display_name(client, charlie):
    client.force_login(charlie)
    response = client.post("/accounts/profile/", {"display_name": "Charlie C.", "language": ""})
    assert response.status_code == 302
    charlie.refresh_from_db()
    assert charlie.display_name == "Charlie C."
    assert "Charlie C." in client.get("/accounts/profile/").content.decode()


def test_a_person_cannot_give_themselves_a_role(client, charlie):
    client.force_login(charlie)
    client.post("/accounts/profile/", {"display_name": "C", "language": "", "role": "admin"})
    charlie.refresh_from_db()
    assert charlie.role == "member" and not charlie.is_staff


def test_the_profile_links_to_password_change_and_logs_out_by_post(client, charlie):
    client.force_login(charlie)
    html = client.get("/accounts/profile/").content.decode()
    assert 'href="/accounts/password/change/"' in html
    assert '<form method="post" action="/accounts/logout/">' in html


def test_choosing_a_language_in_the_profile_switches_to_it(client, charlie):
    client.force_login(charlie)
    response = client.post(
        "/accounts/profile/", {"display_name": "", "language": "fr"}, follow=True
    )
    assert client.cookies["django_language"].value == "fr"
    assert "Votre profil" in response.content.decode()


def test_logging_in_switches_to_the_preferred_language(client, charlie):
    charlie.language = "fr"
    charlie.save()
    response = log_in(client, "charlie@example.org")
    assert response.cookies["django_language"].value == "fr"
    assert "Votre profil" in client.get("/accounts/profile/").content.decode()


def test_logging_in_keeps_a_language_this_browser_already_chose(client, charlie):
    charlie.language = "fr"
    charlie.save()
    client.cookies["django_language"] = "en"
    response = log_in(client, "charlie@example.org")
    assert "django_language" not in response.cookies
    assert "Your profile" in client.get("/accounts/profile/").content.decode()
