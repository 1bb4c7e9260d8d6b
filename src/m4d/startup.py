"""Bringing a data directory up to date: migrations, then every shipped data file, in one transaction."""

from __future__ import annotations

from django.core.management import call_command
from django.db import transaction

from m4d.core import search
from m4d.core.datafiles import load_if_changed
from m4d.organisations import services as organisations
from m4d.places import services as places
from m4d.projects import services as projects


def migrate(verbosity: int = 0) -> None:
    call_command("migrate", interactive=False, verbosity=verbosity)
    call_command("createcachetable", verbosity=verbosity)


def load_registry(*, force: bool = False) -> bool:
    """Countries, organisations, projects and case studies; nothing is written if any file is broken."""

    def load() -> None:
        org_records = organisations.read_organisations(organisations.DATA_FILE)
        project_records = projects.read_projects(
            {r["key"] for r in org_records}, projects.PROJECTS_FILE
        )
        case_records = projects.read_cases(
            {r["code"] for r in project_records}, projects.CASES_FILE
        )
        by_key = organisations.load_organisations(org_records)
        projects.load_projects(project_records, by_key)
        projects.load_cases(case_records)

    return load_if_changed(
        "registry",
        [organisations.DATA_FILE, projects.PROJECTS_FILE, projects.CASES_FILE],
        load,
        force=force,
    )


def load_toolbox(*, force: bool = False) -> bool:
    from m4d.toolbox import services as toolbox

    return load_if_changed("toolbox", toolbox.data_files(), toolbox.load_toolbox, force=force)


@transaction.atomic
def load_shipped_data(*, force: bool = False) -> list[str]:
    """Load whatever changed since the last start; returns the names of what was (re)loaded."""
    loaded = []
    if places.load_countries() or force:
        search.reindex("country")
        loaded.append("countries")
    if load_registry(force=force):
        loaded.append("registry")
    if load_toolbox(force=force):
        loaded.append("toolbox")
    return loaded
