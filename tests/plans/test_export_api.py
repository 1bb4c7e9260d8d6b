"""`GET /api/plans/{id}/export?format=…`: the file itself, for whoever may view the plan."""

from __future__ import annotations

import pytest
from django.urls import reverse

from m4d.accounts.services import create_token
from tests.plans.exports_support import fill, small_plan

pytestmark = pytest.mark.django_db

TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "md": "text/markdown; charset=utf-8",
    "iati": "application/xml",
}


@pytest.fixture
def plan(team):
    return fill(team.plan, small_plan(), by=team.owner)


def url(plan, **query) -> str:
    path = reverse("api:plan_export", kwargs={"plan_id": plan.pk})
    return path + "?" + "&".join(f"{k}={v}" for k, v in query.items())


@pytest.mark.parametrize("fmt", list(TYPES))
def test_a_reader_gets_each_format_as_a_file(client, team, plan, fmt):
    client.force_login(team.reader)
    response = client.get(url(plan, format=fmt, language="fr"))
    assert response.status_code == 200
    assert response["Content-Type"] == TYPES[fmt]
    assert response["Content-Disposition"].startswith("attachment; filename=")
    assert (
        response["Content-Disposition"]
        .rstrip('"')
        .endswith(f"-fr.{'xml' if fmt == 'iati' else fmt}")
    )


@pytest.mark.parametrize("role", ["owner", "editor", "commenter", "reader"])
def test_every_role_on_the_plan_may_export_it(client, team, plan, role):
    client.force_login(team.by_role()[role])
    assert client.get(url(plan, format="md")).status_code == 200


def test_a_token_works_as_the_session_does_and_the_language_follows_lang(client, team, plan):
    token = create_token(team.editor, name="Script", by=team.editor)[1]
    response = client.get(url(plan, format="md", lang="fr"), HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code == 200 and "## Partenariat" in response.content.decode()


def test_a_stranger_gets_404_and_a_visitor_401(client, team, plan):
    assert client.get(url(plan, format="md")).status_code == 401
    client.force_login(team.outsider)
    assert client.get(url(plan, format="md")).status_code == 404


def test_an_unknown_format_or_language_is_422(client, team, plan):
    client.force_login(team.owner)
    assert client.get(url(plan, format="odt")).status_code == 422
    assert client.get(url(plan, format="md", language="de")).status_code == 422
    assert client.get(url(plan)).status_code == 422


def test_an_export_iati_refuses_is_422_with_the_reason(client, team):
    document = small_plan()
    document.context.currency = "XYZ"
    plan = fill(team.plan, document, by=team.owner)
    client.force_login(team.owner)
    response = client.get(url(plan, format="iati"))
    assert response.status_code == 422 and "XYZ" in response.json()["detail"]
