"""Who may do what with countries: everyone reads them, editors correct them, admins delete them."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from m4d.core.permissions import can
from m4d.places.models import Country
from tests.factories import country

pytestmark = pytest.mark.django_db


def test_everyone_may_view_a_country_and_only_editors_correct_it(alice, charlie, editor):
    senegal = country("SN")
    assert can(AnonymousUser(), "view", senegal) and can(charlie, "view", senegal)
    assert not can(alice, "change", senegal) and can(editor, "change", senegal)
    assert can(editor, "add", Country) and not can(charlie, "add", Country)


def test_only_admins_delete_a_country(editor, admin_user):
    assert not can(editor, "delete", country("SN"))
    assert can(admin_user, "delete", country("SN"))
