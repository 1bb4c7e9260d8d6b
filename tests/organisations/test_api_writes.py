"""Scripts create and change organisations through the API, with a personal token or the session:
`POST /api/organisations` (the caller becomes its owner) and `PATCH /api/organisations/{id}` (its
owners and managers, and editors)."""

from __future__ import annotations

import pytest

from m4d.accounts.services import create_token
from m4d.core.models import AuditEntry
from m4d.organisations.models import Membership, Organisation

pytestmark = pytest.mark.django_db

NEW = {
    "name": "Stowarzyszenie Most",
    "gloss_en": "The Bridge Association",
    "type": "migrant_association",
    "country": "PL",
}


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


def bearer(user) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {create_token(user, name='Script', by=user)[1]}"}


def post(client, body, **headers):
    return client.post("/api/organisations", body, content_type="application/json", **headers)


def patch(client, organisation_id, body, **headers):
    return client.patch(
        f"/api/organisations/{organisation_id}", body, content_type="application/json", **headers
    )


def test_a_script_creates_an_organisation_with_a_token_and_its_owner_is_the_tokens_person(
    client, charlie
):
    response = post(client, NEW, **bearer(charlie))
    assert response.status_code == 201
    record = response.json()
    assert record["name"] == "Stowarzyszenie Most"
    assert (record["gloss_en"], record["type"], record["country"]) == (
        "The Bridge Association",
        "migrant_association",
        "PL",
    )
    organisation = Organisation.objects.get(pk=record["id"])
    assert Membership.objects.get(organisation=organisation).user == charlie
    assert Membership.objects.get(organisation=organisation).role == Membership.Role.OWNER


def test_the_signed_in_session_creates_an_organisation_too(client, charlie):
    client.force_login(charlie)
    assert post(client, NEW).status_code == 201


def test_without_a_token_or_a_session_the_api_answers_401(client):
    assert post(client, NEW).status_code == 401
    assert post(client, NEW, HTTP_AUTHORIZATION="Bearer m4d_not-a-token").status_code == 401
    assert not Organisation.objects.filter(name="Stowarzyszenie Most").exists()


def test_invalid_input_answers_422_with_the_forms_messages_by_field(client, charlie):
    response = post(client, {**NEW, "country": "Atlantis", "type": "club"}, **bearer(charlie))
    assert response.status_code == 422
    errors = response.json()["errors"]
    assert errors["country"] == ["Unknown country: Atlantis"]
    assert "type" in errors
    assert post(client, {"type": "ngo"}, **bearer(charlie)).status_code == 422
    assert not Membership.objects.filter(user=charlie).exists()


def test_the_owner_patches_her_organisation_and_fields_left_out_keep_their_value(
    client, alice, alices_organisation
):
    response = patch(
        client, alices_organisation.pk, {"gloss_en": "Alice Solidarity"}, **bearer(alice)
    )
    assert response.status_code == 200
    assert response.json()["gloss_en"] == "Alice Solidarity"
    alices_organisation.refresh_from_db()
    assert alices_organisation.gloss_en == "Alice Solidarity"
    assert alices_organisation.name == "Association Alice Solidarité"
    assert alices_organisation.country.iso2 == "SN"
    entry = AuditEntry.objects.get(action="organisations.organisation.updated")
    assert entry.actor == alice and set(entry.data) == {"gloss_en"}


def test_a_manager_and_an_editor_patch_it_a_plain_member_and_an_outsider_get_403(
    client, alices_organisation, bob, charlie, editor
):
    assert (
        patch(client, alices_organisation.pk, {"gloss_fr": "x"}, **bearer(bob)).status_code == 403
    )
    assert (
        patch(client, alices_organisation.pk, {"gloss_fr": "x"}, **bearer(charlie)).status_code
        == 403
    )
    bob.memberships.update(role=Membership.Role.MANAGER)
    assert (
        patch(client, alices_organisation.pk, {"gloss_fr": "a"}, **bearer(bob)).status_code == 200
    )
    client.force_login(editor)
    assert patch(client, alices_organisation.pk, {"gloss_fr": "b"}).status_code == 200


def test_patching_an_unknown_organisation_answers_404_and_anonymous_callers_401(
    client, alice, alices_organisation
):
    assert patch(client, 999_999_999, {"gloss_fr": "x"}, **bearer(alice)).status_code == 404
    assert patch(client, alices_organisation.pk, {"gloss_fr": "x"}).status_code == 401


def test_an_invalid_patch_answers_422_and_changes_nothing(client, alice, alices_organisation):
    response = patch(client, alices_organisation.pk, {"name": "", "country": "XX"}, **bearer(alice))
    assert response.status_code == 422
    assert set(response.json()["errors"]) == {"name", "country"}
    alices_organisation.refresh_from_db()
    assert alices_organisation.name == "Association Alice Solidarité"


def test_the_get_of_one_organisation_still_answers_beside_the_patch(client, alices_organisation):
    assert client.get(f"/api/organisations/{alices_organisation.pk}").json()["name"] == (
        "Association Alice Solidarité"
    )
