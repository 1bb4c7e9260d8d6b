"""Shared fixtures: the shipped data loaded once per test database, and three personas.

alice owns (an editor, member of an organisation), bob is on her team (member of the same
organisation), charlie has no access (a plain member with no organisation).
"""

from __future__ import annotations

from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Migrate once, then load countries, the registry and the toolbox into the test database."""
    from m4d import startup

    with django_db_blocker.unblock():
        startup.load_shipped_data()


@pytest.fixture
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.skip(f"shared data not found at {SHARED}")
    return SHARED


def make_user(email: str, *, role: str = "member", password: str = "correct horse battery staple"):
    from m4d.accounts.models import User

    return User.objects.create_user(email=email, password=password, role=role)


@pytest.fixture
def alice(db):
    from m4d.organisations.models import Membership, Organisation

    user = make_user("alice@example.org", role="editor")
    org = Organisation.objects.get(key="touiza-solidarite")
    Membership.objects.create(organisation=org, user=user, role=Membership.Role.OWNER)
    return user


@pytest.fixture
def bob(db, alice):
    from m4d.organisations.models import Membership

    user = make_user("bob@example.org")
    Membership.objects.create(organisation=alice.memberships.get().organisation, user=user)
    return user


@pytest.fixture
def charlie(db):
    return make_user("charlie@example.org")


@pytest.fixture
def admin_user(db):
    from m4d.accounts.services import create_admin

    return create_admin(email="admin@example.org", password="an admin pass phrase")


@pytest.fixture(autouse=True)
def _run_jobs_immediately(settings):
    """Background jobs run inside the request in tests, so their outcome can be asserted."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
