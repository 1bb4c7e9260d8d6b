"""Personas of an organisation's members' workflow, beside the root ones: alice owns her
organisation, mia manages it, bob is a plain member of it, oscar is a member of another
organisation; `editor` and anonymous visitors come from the root conftest."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser


@pytest.fixture
def mia(db, alices_organisation):
    """A manager of alice's organisation."""
    from tests.factories import make_membership, make_user

    user = make_user("mia@example.org")
    make_membership(user, alices_organisation, role="manager")
    return user


@pytest.fixture
def oscar(db):
    """The owner of another organisation (a member, but not of alice's)."""
    from tests.factories import make_membership, make_organisation, make_user

    user = make_user("oscar@example.org")
    make_membership(user, make_organisation("Oscar Partners", country_code="ML"), role="owner")
    return user


@pytest.fixture
def personas(alice, mia, bob, oscar, editor) -> dict:
    """The six the issue names: owner, manager, member, member of another organisation, editor,
    anonymous."""
    return {
        "owner": alice,
        "manager": mia,
        "member": bob,
        "other": oscar,
        "editor": editor,
        "anonymous": AnonymousUser(),
    }


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """allauth and the API count attempts in the cache; each test starts from zero."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
