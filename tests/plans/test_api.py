"""Scripts work on plans through the API: `POST /api/plans` (the import format), `GET /api/plans`,
`GET /api/plans/{id}` (every step with its revision), `PATCH /api/plans/{id}` (some steps; 422
listing errors by path, 409 with both versions). Who may do what: tests/plans/test_permissions.py."""

from __future__ import annotations

import pytest

from m4d.accounts.services import create_token
from m4d.plans.models import Plan, PlanVersion
from m4d.plans.selectors import document_of
from tests.factories import make_membership, make_organisation, make_plan
from tests.plans.test_plan_import import PLAN

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


def bearer(user) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {create_token(user, name='Script', by=user)[1]}"}


def post(client, body, user):
    return client.post("/api/plans", body, content_type="application/json", **bearer(user))


def patch(client, plan, body, user):
    return client.patch(
        f"/api/plans/{plan.pk}", body, content_type="application/json", **bearer(user)
    )


def test_a_script_creates_a_plan_from_the_import_format_for_its_first_organisation(
    client, alice, alices_organisation
):
    response = post(client, PLAN, alice)
    assert response.status_code == 201, response.content
    answer = response.json()
    plan = Plan.objects.get(pk=answer["id"])
    assert plan.organisation == alices_organisation
    assert answer["title"] == "Fish farming in Kafr El Sheikh"
    assert answer["role"] == "owner"
    partners = answer["steps"]["partnership"]["partners"]
    activity = answer["steps"]["logframe"]["results"][0]["activities"][0]
    assert activity["partner"] == partners[0]["id"]
    assert answer["revisions"] == dict.fromkeys(answer["steps"], 1)
    assert document_of(plan).risks.risks[0].owner == partners[1]["id"]


def test_a_script_names_another_organisation_it_acts_for(client, alice):
    other = make_organisation("Deuxième association", country_code="FR")
    make_membership(alice, other)
    response = post(client, {**PLAN, "organisation": other.pk}, alice)
    assert response.status_code == 201
    assert Plan.objects.get(pk=response.json()["id"]).organisation == other


def test_a_plan_cannot_be_put_in_an_organisation_one_does_not_act_for(client, alice):
    stranger = make_organisation("Not alice's", country_code="ML")
    response = post(client, {**PLAN, "organisation": stranger.pk}, alice)
    assert response.status_code == 422
    assert response.json()["errors"][0]["path"] == "organisation"
    assert not Plan.objects.exists()


def test_a_bad_document_lists_every_problem_by_path_and_creates_nothing(client, alice):
    bad = {**PLAN, "colour": "blue", "partners": [{"name": "P", "type": "spaceship"}]}
    response = post(client, bad, alice)
    assert response.status_code == 422
    errors = response.json()["errors"]
    paths = {error["path"] for error in errors}
    assert "partners.0.type" in paths
    assert "logframe.results.0.activities.0.partner" in paths
    assert any("colour" in error["message"] for error in errors)
    assert not Plan.objects.exists()


def test_someone_without_an_organisation_cannot_create_a_plan(client, charlie):
    assert post(client, PLAN, charlie).status_code == 403


def test_the_list_holds_the_callers_plans_only_and_pages(client, team):
    make_plan(team.outsider, title="Gina's own plan")
    second = make_plan(team.owner, title="Alice's second plan")
    response = client.get("/api/plans?limit=1", **bearer(team.owner))
    assert response.json()["count"] == 2
    assert [item["id"] for item in response.json()["items"]] == [second.pk]
    response = client.get("/api/plans?limit=1&offset=1", **bearer(team.owner))
    assert [item["title"] for item in response.json()["items"]] == [team.plan.title]
    as_reader = client.get("/api/plans", **bearer(team.reader)).json()
    assert [(item["id"], item["role"]) for item in as_reader["items"]] == [(team.plan.pk, "reader")]


def test_an_editor_changes_a_step_from_the_revision_she_read(client, team):
    read = client.get(f"/api/plans/{team.plan.pk}", **bearer(team.editor)).json()
    context = {**read["steps"]["context"], "summary": "Young people of Kayes start businesses."}
    body = {"steps": {"context": context}, "revisions": {"context": read["revisions"]["context"]}}
    response = patch(client, team.plan, body, team.editor)
    assert response.status_code == 200, response.content
    answer = response.json()
    assert answer["steps"]["context"]["summary"] == "Young people of Kayes start businesses."
    assert answer["revisions"]["context"] == read["revisions"]["context"] + 1
    version = PlanVersion.objects.get(plan=team.plan, step="context", revision=2)
    assert version.created_by == team.editor


def test_a_step_saved_by_someone_else_since_answers_409_with_both_versions(client, team):
    read = client.get(f"/api/plans/{team.plan.pk}", **bearer(team.editor)).json()
    first = {**read["steps"]["context"], "summary": "Alice's summary"}
    revision = read["revisions"]["context"]
    body = {"steps": {"context": first}, "revisions": {"context": revision}}
    assert patch(client, team.plan, body, team.owner).status_code == 200
    second = {**read["steps"]["context"], "summary": "Dana's summary"}
    body = {"steps": {"context": second}, "revisions": {"context": revision}}
    response = patch(client, team.plan, body, team.editor)
    assert response.status_code == 409
    conflict = response.json()
    assert conflict["step"] == "context"
    assert conflict["current"]["data"]["summary"] == "Alice's summary"
    assert conflict["current"]["revision"] == revision + 1
    assert conflict["submitted"]["data"]["summary"] == "Dana's summary"
    assert document_of(team.plan).context.summary == "Alice's summary"


def test_invalid_content_answers_422_by_path_and_no_step_is_saved(client, team):
    body = {
        "steps": {
            "context": {"title": "Renamed", "duration_months": "long"},
            "risks": {"risks": [{"text": "Visa refusals", "likelihood": "certain"}]},
            "colours": {},
        }
    }
    response = patch(client, team.plan, body, team.owner)
    assert response.status_code == 422
    paths = {error["path"] for error in response.json()["errors"]}
    assert {
        "steps.context.duration_months",
        "steps.risks.risks.0.likelihood",
        "steps.colours",
    } <= paths
    team.plan.refresh_from_db()
    assert team.plan.title == "Kayes–Montreuil youth enterprise"


def test_a_patch_without_revisions_overwrites_for_scripts(client, team):
    body = {"steps": {"risks": {"risks": [{"text": "Visa refusals", "impact": "high"}]}}}
    first = patch(client, team.plan, body, team.owner).json()["revisions"]["risks"]
    body["steps"]["risks"]["risks"][0]["impact"] = "low"
    answer = patch(client, team.plan, body, team.owner).json()
    assert answer["revisions"]["risks"] == first + 1
    assert answer["steps"]["risks"]["risks"][0]["impact"] == "low"
