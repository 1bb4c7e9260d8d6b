"""Who may do what with organisations: the public reads, editors correct, owners and managers
decide who acts for their organisation."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from m4d.core.permissions import allowed_rows, can
from m4d.organisations.models import Organisation
from tests.factories import make_organisation

pytestmark = pytest.mark.django_db


def test_everyone_may_view_an_organisation_anonymous_visitors_included(alice, charlie):
    organisation = make_organisation()
    assert can(AnonymousUser(), "view", organisation)
    assert can(charlie, "view", organisation)


def test_only_editors_and_admins_change_an_organisation_even_its_owner_may_not(
    alice, alices_organisation, bob, editor, admin_user
):
    assert not can(alice, "change", alices_organisation)
    assert not can(bob, "change", alices_organisation)
    assert can(editor, "change", alices_organisation)
    assert can(admin_user, "change", alices_organisation)


def test_only_admins_delete_an_organisation(alices_organisation, editor, admin_user):
    assert not can(editor, "delete", alices_organisation)
    assert can(admin_user, "delete", alices_organisation)


def test_owners_and_admins_manage_an_organisations_members_plain_members_do_not(
    alice, alices_organisation, bob, charlie, editor, admin_user
):
    assert can(alice, "manage_members", alices_organisation)
    assert not can(bob, "manage_members", alices_organisation)
    assert not can(charlie, "manage_members", alices_organisation)
    assert not can(editor, "manage_members", alices_organisation)
    assert not can(AnonymousUser(), "manage_members", alices_organisation)
    assert can(admin_user, "manage_members", alices_organisation)


def test_an_owner_manages_the_members_of_her_organisation_only(alice, alices_organisation):
    assert not can(alice, "manage_members", make_organisation())
    managed = allowed_rows(Organisation.objects.all(), alice, "manage_members")
    assert list(managed) == [alices_organisation]


def test_a_manager_manages_members(bob, alices_organisation):
    membership = bob.memberships.get()
    membership.role = membership.Role.MANAGER
    membership.save()
    assert can(bob, "manage_members", alices_organisation)


def test_a_deactivated_owner_loses_her_rights(alice, alices_organisation):
    alice.is_active = False
    alice.save()
    assert not can(alice, "manage_members", alices_organisation)
