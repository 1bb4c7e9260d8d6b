"""Scripts read and manage an organisation's members with a personal token:
`GET/POST /api/organisations/{id}/members` and `POST /api/organisations/{id}/invitations`."""

from __future__ import annotations

import pytest

from m4d.accounts.services import create_token
from m4d.organisations.models import Invitation, Membership

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("quick_passwords")]


def bearer(user) -> dict[str, str]:
    if not user.is_authenticated:
        return {}
    return {"HTTP_AUTHORIZATION": f"Bearer {create_token(user, name='Script', by=user)[1]}"}


def members_url(organisation) -> str:
    return f"/api/organisations/{organisation.pk}/members"


def post(client, url, body, user):
    return client.post(url, body, content_type="application/json", **bearer(user))


def test_its_members_editors_and_admins_read_the_members(client, personas, alices_organisation):
    url = members_url(alices_organisation)
    found = {name: client.get(url, **bearer(user)).status_code for name, user in personas.items()}
    assert found == {
        "owner": 200,
        "manager": 200,
        "member": 200,
        "other": 403,
        "editor": 200,
        "anonymous": 401,
    }


def test_the_members_are_listed_owners_first(client, alice, mia, bob, alices_organisation):
    body = client.get(members_url(alices_organisation), **bearer(bob)).json()
    assert body["count"] == 3
    assert [(m["email"], m["role"]) for m in body["items"]] == [
        ("alice@example.org", "owner"),
        ("mia@example.org", "manager"),
        ("bob@example.org", "member"),
    ]


def test_only_owners_and_managers_add_a_member(client, personas, charlie, alices_organisation):
    url = members_url(alices_organisation)
    found = {}
    for name, user in personas.items():
        Membership.objects.filter(user=charlie).delete()
        found[name] = post(
            client, url, {"email": charlie.email, "role": "member"}, user
        ).status_code
    assert found == {
        "owner": 201,
        "manager": 201,
        "member": 403,
        "other": 403,
        "editor": 403,
        "anonymous": 401,
    }


def test_a_manager_adds_an_existing_person_but_not_as_owner(
    client, mia, charlie, alices_organisation
):
    url = members_url(alices_organisation)
    assert post(client, url, {"email": charlie.email, "role": "owner"}, mia).status_code == 403
    response = post(client, url, {"email": "CHARLIE@example.org", "role": "manager"}, mia)
    assert response.status_code == 201
    assert response.json()["role"] == "manager"
    assert charlie.memberships.get().organisation == alices_organisation


def test_bad_input_answers_422_with_the_reason(client, alice, bob, alices_organisation):
    url = members_url(alices_organisation)
    unknown = post(client, url, {"email": "nobody@example.org"}, alice)
    assert unknown.status_code == 422
    assert "send an invitation instead" in unknown.json()["errors"]["email"][0]
    assert post(client, url, {"email": bob.email}, alice).status_code == 422  # already a member
    bad_role = post(client, url, {"email": bob.email, "role": "emperor"}, alice)
    assert bad_role.status_code == 422 and "role" in bad_role.json()["errors"]
    assert post(client, url, {"role": "member"}, alice).status_code == 422  # no e-mail


def test_an_invitation_is_created_and_e_mailed(client, mia, alices_organisation, mailoutbox):
    url = f"/api/organisations/{alices_organisation.pk}/invitations"
    response = post(client, url, {"email": "nadia@example.org", "language": "fr"}, mia)

    assert response.status_code == 201
    body = response.json()
    assert (body["email"], body["role"], body["status"], body["language"]) == (
        "nadia@example.org",
        "member",
        "pending",
        "fr",
    )
    assert body["expires_at"] > body["sent_at"]
    assert mailoutbox[0].to == ["nadia@example.org"]
    assert Invitation.objects.get().invited_by == mia


def test_invitations_are_refused_with_reasons_and_to_others(
    client, personas, bob, alices_organisation
):
    url = f"/api/organisations/{alices_organisation.pk}/invitations"
    owner, manager = personas["owner"], personas["manager"]
    assert post(client, url, {"email": "not an address"}, owner).status_code == 422
    assert post(client, url, {"email": bob.email}, owner).status_code == 422
    assert (
        post(client, url, {"email": "n@example.org", "role": "owner"}, manager).status_code == 403
    )
    found = {
        name: post(client, url, {"email": "x@example.org"}, user).status_code
        for name, user in personas.items()
        if name in {"member", "other", "editor", "anonymous"}
    }
    assert found == {"member": 403, "other": 403, "editor": 403, "anonymous": 401}
    assert not Invitation.objects.exists()


def test_an_unknown_organisation_answers_404(client, alice):
    assert client.get("/api/organisations/999999/members", **bearer(alice)).status_code == 404
    url = "/api/organisations/999999/invitations"
    assert post(client, url, {"email": "n@example.org"}, alice).status_code == 404
