"""Who may do what with organisations: the public reads, anyone signed in adds one, editors and
the organisation's owners and managers change it, owners and managers decide who acts for it."""

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


def test_editors_and_the_organisations_owners_and_managers_change_it_plain_members_do_not(
    alice, alices_organisation, bob, charlie, editor, admin_user
):
    assert can(alice, "change", alices_organisation)
    assert not can(bob, "change", alices_organisation)
    assert not can(charlie, "change", alices_organisation)
    assert not can(AnonymousUser(), "change", alices_organisation)
    assert can(editor, "change", alices_organisation)
    assert can(admin_user, "change", alices_organisation)


def test_an_owner_changes_her_own_organisation_only(alice, alices_organisation):
    assert not can(alice, "change", make_organisation())
    assert list(Organisation.objects.editable_by(alice)) == [alices_organisation]


def test_a_manager_changes_the_organisation(bob, alices_organisation):
    bob.memberships.update(role="manager")
    assert can(bob, "change", alices_organisation)


def test_anyone_signed_in_may_add_an_organisation_anonymous_visitors_may_not(charlie):
    assert can(charlie, "add", Organisation)
    assert not can(AnonymousUser(), "add", Organisation)


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
