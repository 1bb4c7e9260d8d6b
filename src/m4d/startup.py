"""Bringing a data directory up to date: migrations, then every app's shipped data, in one transaction.

Apps register their data loaders (and their order) with `m4d.core.shipped` from AppConfig.ready().
"""

from __future__ import annotations

from django.core.management import call_command

from m4d.core import shipped


def migrate(verbosity: int = 0) -> None:
    call_command("migrate", interactive=False, verbosity=verbosity)
    call_command("createcachetable", verbosity=verbosity)


def load_shipped_data(*, force: bool = False) -> list[str]:
    """Load whatever changed since the last start; returns the names of what was (re)loaded."""
    return shipped.load_all(force=force)
