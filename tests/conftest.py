"""Shared fixtures: the shipped data loaded once per test database, and three personas.

alice owns an organisation, bob is on her team (member of the same organisation), charlie has no
access (signed in, no organisation), editor corrects the registry, admin_user administers the
platform. Factories for other records are in `tests/factories.py`.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.shared import require_shared


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Migrate once, then load countries, the registry and the toolbox into the test database."""
    from m4d import startup

    with django_db_blocker.unblock():
        startup.load_shipped_data()


@pytest.fixture
def shared_dir() -> Path:
    """The `../shared` folder (IATI's test corpus, the handbook); see tests/shared.py."""
    return require_shared()


@pytest.fixture
def alice(db):
    """Owner of her own organisation (a plain member of the platform, not an editor)."""
    from tests.factories import make_membership, make_organisation, make_user

    user = make_user("alice@example.org")
    organisation = make_organisation("Association Alice Solidarité", country_code="SN")
    make_membership(user, organisation, role="owner")
    return user


@pytest.fixture
def alices_organisation(alice):
    return alice.memberships.get().organisation


@pytest.fixture
def bob(db, alices_organisation):
    """A member of alice's organisation."""
    from tests.factories import make_membership, make_user

    user = make_user("bob@example.org")
    make_membership(user, alices_organisation)
    return user


@pytest.fixture
def charlie(db):
    """An outsider: signed in, no organisation, no platform role."""
    from tests.factories import make_user

    return make_user("charlie@example.org")


@pytest.fixture
def editor(db):
    """A platform editor: corrects registry records."""
    from tests.factories import make_user

    return make_user("editor@example.org", role="editor")


@pytest.fixture
def admin_user(db):
    from m4d.accounts.services import create_admin

    return create_admin(email="admin@example.org", password="an admin pass phrase")


@pytest.fixture
def quick_passwords(settings):
    """For tests that make every persona many times: a slow password hash would dominate."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def everyone(alice, bob, charlie, editor, admin_user) -> dict:
    """Every persona by name, the anonymous visitor included, for tests that ask them all."""
    from django.contrib.auth.models import AnonymousUser

    return {
        "anonymous": AnonymousUser(),
        "alice": alice,
        "bob": bob,
        "charlie": charlie,
        "editor": editor,
        "admin": admin_user,
    }


@pytest.fixture(autouse=True)
def _run_jobs_immediately(settings):
    """Background jobs run inside the request in tests, so their outcome can be asserted."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(autouse=True)
def _fresh_memory_caches():
    """Each test rolls the database back, the registry generation with it: the process's memory
    caches, keyed on that generation, must start empty too (a server's generation only grows)."""
    from m4d.core import cache

    cache.summaries.clear()
    cache.pages.clear()
    yield
    cache.summaries.clear()
    cache.pages.clear()


@pytest.fixture(autouse=True)
def _language_reset_after_each_test():
    """A page asked for in French leaves French active in the thread (LocaleMiddleware and
    `?lang=` activate, nothing deactivates): code a later test runs outside a request must start
    from the default language."""
    yield
    from django.utils import translation

    translation.deactivate()
