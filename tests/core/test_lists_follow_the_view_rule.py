"""Lists (pages, exports, API) show what the `view` rule lets the requester see, nothing more:
the registry is public today, and later apps' private records rely on the same path."""

from __future__ import annotations

import csv
import io

import pytest
from django.db.models import Q

from m4d.core import permissions, search
from m4d.organisations.models import Organisation
from m4d.projects.models import Project
from tests.factories import make_organisation, make_project

pytestmark = pytest.mark.django_db

HIDDEN = "Projet caché flibbertigibbet"
HIDDEN_ORG = "Association cachée flibbertigibbet"


@pytest.fixture
def hidden_from_visitors():
    """A view rule that hides one project and one organisation from anonymous visitors."""
    project = make_project(HIDDEN)
    organisation = make_organisation(HIDDEN_ORG)
    search.reindex("project", [project.pk])
    search.reindex("organisation", [organisation.pk])
    saved = {key: permissions._rules[key] for key in permissions._rules if key[1] == "view"}

    def hide(model, pk):
        permissions.register_rule(
            model,
            "view",
            lambda user, obj: user.is_authenticated or obj is None or obj.pk != pk,
            rows=lambda user: Q() if user.is_authenticated else ~Q(pk=pk),
        )

    hide(Project, project.pk)
    hide(Organisation, organisation.pk)
    yield
    permissions._rules.update(saved)


def test_the_project_list_export_and_api_leave_out_what_the_visitor_may_not_see(
    client, bob, hidden_from_visitors
):
    assert HIDDEN not in client.get("/projects/", {"q": "flibbertigibbet"}).content.decode()
    export = client.get("/projects/export.csv", {"q": "flibbertigibbet"})
    assert [
        row["title_fr"] for row in csv.DictReader(io.StringIO(export.content.decode("utf-8-sig")))
    ] == []
    assert client.get("/api/projects", {"q": "flibbertigibbet"}).json()["count"] == 0

    client.force_login(bob)
    assert HIDDEN in client.get("/projects/", {"q": "flibbertigibbet"}).content.decode()
    assert client.get("/api/projects", {"q": "flibbertigibbet"}).json()["count"] == 1


def test_the_organisation_list_and_api_leave_out_what_the_visitor_may_not_see(
    client, bob, hidden_from_visitors
):
    assert (
        HIDDEN_ORG not in client.get("/organisations/", {"q": "flibbertigibbet"}).content.decode()
    )
    assert client.get("/api/organisations", {"q": "flibbertigibbet"}).json()["count"] == 0

    client.force_login(bob)
    assert HIDDEN_ORG in client.get("/organisations/", {"q": "flibbertigibbet"}).content.decode()
