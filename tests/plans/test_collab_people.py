"""The people of a plan: everyone on it sees who works on it and with which role; owners change
roles and remove people; anyone leaves; the plan always keeps an owner."""

from __future__ import annotations

import pytest
from django.urls import reverse

from m4d.plans.models import Collaborator

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("quick_passwords")]


def people_url(team):
    return reverse("plans:people", args=[team.plan.pk])


def collaborator(team, user):
    return team.plan.collaborators.get(user=user)


@pytest.mark.parametrize("role", ["owner", "editor", "commenter", "reader"])
def test_everyone_on_the_plan_sees_its_people_and_their_roles(team, client, role):
    client.force_login(team.by_role()[role])

    page = client.get(people_url(team))

    text = page.content.decode()
    assert page.status_code == 200
    for email in ("alice@", "dana@", "erin@", "frank@"):
        assert email in text
    assert ("Send the invitation" in text) == (role == "owner")
    assert ("Change the role" in text) == (role == "owner")


def test_an_outsider_is_told_the_plan_does_not_exist(team, client):
    client.force_login(team.outsider)

    assert client.get(people_url(team)).status_code == 404


def test_the_owner_changes_a_role_and_it_is_audited(team, client):
    client.force_login(team.owner)
    row = collaborator(team, team.reader)

    answer = client.post(
        reverse("plans:collaborator_role", args=[team.plan.pk, row.pk]), {"role": "commenter"}
    )

    assert answer.status_code == 302
    row.refresh_from_db()
    assert row.role == Collaborator.Role.COMMENTER
    follow = client.get(answer["Location"]).content.decode()
    assert "frank@example.org is now commenter." in follow


@pytest.mark.parametrize("role", ["editor", "commenter", "reader"])
def test_only_owners_change_roles(team, client, role):
    client.force_login(team.by_role()[role])
    row = collaborator(team, team.reader)

    answer = client.post(
        reverse("plans:collaborator_role", args=[team.plan.pk, row.pk]), {"role": "owner"}
    )

    assert answer.status_code == 403
    assert collaborator(team, team.reader).role == Collaborator.Role.READER


def test_an_unknown_role_is_refused_with_a_message(team, client):
    client.force_login(team.owner)
    row = collaborator(team, team.reader)

    answer = client.post(
        reverse("plans:collaborator_role", args=[team.plan.pk, row.pk]), {"role": "boss"}
    )

    assert "Choose one of the roles listed." in client.get(answer["Location"]).content.decode()
    assert collaborator(team, team.reader).role == Collaborator.Role.READER


def test_the_last_owner_cannot_step_down_be_removed_or_leave(team, client):
    client.force_login(team.owner)
    mine = collaborator(team, team.owner)

    stepped = client.post(
        reverse("plans:collaborator_role", args=[team.plan.pk, mine.pk]), {"role": "editor"}
    )
    assert "keeps at least one owner" in client.get(stepped["Location"]).content.decode()
    client.post(reverse("plans:collaborator_remove", args=[team.plan.pk, mine.pk]))
    client.post(reverse("plans:leave", args=[team.plan.pk]))

    assert collaborator(team, team.owner).role == Collaborator.Role.OWNER


def test_with_a_second_owner_the_first_may_leave(team, client):
    Collaborator.objects.filter(plan=team.plan, user=team.editor).update(role="owner")
    client.force_login(team.owner)

    page = client.get(reverse("plans:leave", args=[team.plan.pk]))
    assert "You will no longer work on" in page.content.decode()
    answer = client.post(reverse("plans:leave", args=[team.plan.pk]))

    assert answer["Location"] == reverse("plans:list")
    assert not team.plan.collaborators.filter(user=team.owner).exists()


def test_the_owner_removes_a_collaborator_after_confirming(team, client):
    client.force_login(team.owner)
    row = collaborator(team, team.commenter)
    url = reverse("plans:collaborator_remove", args=[team.plan.pk, row.pk])

    confirm = client.get(url).content.decode()
    assert "Remove erin@example.org (Commenter)" in confirm
    client.post(url)

    assert not team.plan.collaborators.filter(user=team.commenter).exists()
    client.force_login(team.commenter)
    assert client.get(team.plan.get_absolute_url()).status_code == 404


@pytest.mark.parametrize("role", ["editor", "commenter", "reader"])
def test_a_collaborator_leaves_the_plan(team, client, role):
    person = team.by_role()[role]
    client.force_login(person)

    client.post(reverse("plans:leave", args=[team.plan.pk]))

    assert not team.plan.collaborators.filter(user=person).exists()


def test_an_editor_cannot_remove_anyone(team, client):
    client.force_login(team.editor)
    row = collaborator(team, team.reader)

    url = reverse("plans:collaborator_remove", args=[team.plan.pk, row.pk])
    assert client.get(url).status_code == 403
    assert client.post(url).status_code == 403
    assert team.plan.collaborators.filter(user=team.reader).exists()
