"""A signed-in member creates an organisation and becomes its owner; its owners and managers (and
editors) then change it on its edit page; its page shows its members to its members."""

from __future__ import annotations

import pytest
from django.urls import reverse

from m4d.core.models import AuditEntry
from m4d.organisations.models import Membership, Organisation
from m4d.organisations.services import OrganisationError, create_organisation_for
from tests.factories import country

pytestmark = pytest.mark.django_db

NEW = {"name": "Associação Ponte Nova", "gloss_en": "New Bridge Association", "type": "ngo"}


def test_the_creator_becomes_its_owner_in_the_same_write_and_both_are_audited(charlie):
    organisation = create_organisation_for(charlie, changes={**NEW, "country": country("PT")})
    assert organisation.name == "Associação Ponte Nova"
    assert organisation.source == Organisation.Source.MEMBERS
    membership = Membership.objects.get(organisation=organisation)
    assert (membership.user, membership.role) == (charlie, Membership.Role.OWNER)
    actions = set(AuditEntry.objects.filter(actor=charlie).values_list("action", flat=True))
    assert {"organisations.organisation.created", "organisations.membership.created"} <= actions


def test_a_member_cannot_set_what_only_editors_set(charlie):
    with pytest.raises(OrganisationError):
        create_organisation_for(charlie, changes={**NEW, "source": "handbook"})
    assert not Organisation.objects.filter(name="Associação Ponte Nova").exists()


def test_an_organisation_without_a_name_is_refused_and_nothing_is_written(charlie):
    with pytest.raises(OrganisationError):
        create_organisation_for(charlie, changes={**NEW, "name": "  "})
    assert not Membership.objects.filter(user=charlie).exists()


def test_the_new_organisation_page_creates_it_and_shows_it_with_a_message(client, charlie):
    client.force_login(charlie)
    response = client.post(reverse("organisations:create"), {**NEW, "country": "Portugal"})
    organisation = Organisation.objects.get(name="Associação Ponte Nova")
    assert response.status_code == 302
    assert response["Location"] == organisation.get_absolute_url()
    page = client.get(response["Location"])
    assert "you are its owner" in page.content.decode()
    assert charlie.memberships.get().organisation == organisation


def test_an_invalid_form_is_shown_again_with_what_was_typed_and_its_errors(client, charlie):
    client.force_login(charlie)
    response = client.post(reverse("organisations:create"), {**NEW, "country": "Atlantis"})
    assert response.status_code == 200
    assert "Unknown country: Atlantis" in response.content.decode()
    assert 'value="Associação Ponte Nova"' in response.content.decode()
    assert not Organisation.objects.filter(name="Associação Ponte Nova").exists()


def test_a_field_error_is_tied_to_its_field(client, charlie):
    client.force_login(charlie)
    page = client.post(reverse("organisations:create"), {**NEW, "country": "Atlantis"}).content
    html = page.decode()

    assert 'aria-invalid="true"' in html
    assert 'id="id_country_error"' in html  # what the field's aria-describedby names


def test_the_new_organisation_page_asks_anonymous_visitors_to_sign_in(client):
    response = client.get(reverse("organisations:create"))
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_the_owner_edits_her_organisation_and_the_change_is_audited(
    client, alice, alices_organisation
):
    client.force_login(alice)
    url = reverse("organisations:edit", args=[alices_organisation.pk])
    response = client.post(
        url, {"name": "Association Alice", "gloss_en": "", "type": "ngo", "country": "SN"}
    )
    assert response.status_code == 302
    alices_organisation.refresh_from_db()
    assert alices_organisation.name == "Association Alice"
    entry = AuditEntry.objects.get(action="organisations.organisation.updated")
    assert entry.actor == alice and "name" in entry.data
    assert "organisations.organisation.updated" in client.get(url).content.decode()


def test_a_plain_member_may_not_edit_the_organisation(client, bob, alices_organisation):
    client.force_login(bob)
    url = reverse("organisations:edit", args=[alices_organisation.pk])
    assert client.get(url).status_code == 403
    assert (
        client.post(url, {"name": "Taken over", "type": "ngo", "country": "SN"}).status_code == 403
    )
    alices_organisation.refresh_from_db()
    assert alices_organisation.name != "Taken over"


def test_the_edit_link_shows_only_to_those_who_may_edit(
    client, alice, bob, editor, alices_organisation
):
    edit_url = reverse("organisations:edit", args=[alices_organisation.pk])
    for person, shown in ((alice, True), (bob, False), (editor, True)):
        client.force_login(person)
        page = client.get(alices_organisation.get_absolute_url()).content.decode()
        assert (edit_url in page) is shown, person.email


def test_the_organisation_page_shows_its_members_to_its_members_only(
    client, alice, bob, charlie, alices_organisation
):
    url = alices_organisation.get_absolute_url()
    client.force_login(bob)
    members = client.get(url).content.decode().partition("Members</h2>")[2]
    assert "alice@example.org" in members and "bob@example.org" in members
    assert members.index("alice@example.org") < members.index("bob@example.org")  # owners first
    assert "Owner" in members
    client.force_login(charlie)
    assert "alice@example.org" not in client.get(url).content.decode()
    client.logout()
    assert "alice@example.org" not in client.get(url).content.decode()
