"""Fixtures for account tests: a clean rate-limit cache and a login helper."""

from __future__ import annotations

import pytest

PASSWORD = "correct horse battery staple"


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """allauth counts attempts in the cache; each test starts from zero."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


def log_in(client, email: str, password: str = PASSWORD, **extra):
    """POST the login form as a person would."""
    return client.post("/accounts/login/", {"login": email, "password": password}, **extra)
