"""`GET /api/plans/{id}/review`: the review's JSON for the plan's collaborators."""

from __future__ import annotations

import pytest

from m4d.accounts.services import create_token

pytestmark = pytest.mark.django_db


def review_url(plan_id):
    return f"/api/plans/{plan_id}/review"


@pytest.mark.parametrize("role", ["owner", "editor", "commenter", "reader"])
def test_every_collaborator_reads_the_review(client, team, role):
    client.force_login(team.by_role()[role])
    response = client.get(review_url(team.plan.pk))
    assert response.status_code == 200
    body = response.json()
    assert isinstance(body["readiness"], int) and not body["ready"]
    assert {"recommendation", "severity", "message", "handbook", "data", "step"} <= set(
        body["findings"][0]
    )


def test_a_stranger_is_told_the_plan_does_not_exist(client, team):
    client.force_login(team.outsider)
    assert client.get(review_url(team.plan.pk)).status_code == 404
    assert client.get(review_url(10**30)).status_code == 404


def test_anonymous_callers_must_authenticate(client, team):
    assert client.get(review_url(team.plan.pk)).status_code == 401


def test_a_token_acts_for_its_person_and_lang_chooses_the_language(client, team):
    _token, secret = create_token(team.reader, name="script", by=None)
    headers = {"HTTP_AUTHORIZATION": f"Bearer {secret}"}
    english = client.get(review_url(team.plan.pk), **headers).json()
    french = client.get(review_url(team.plan.pk) + "?lang=fr", **headers).json()
    assert [f["check"] for f in english["findings"]] == [f["check"] for f in french["findings"]]
    assert english["findings"][0]["message"] != french["findings"][0]["message"]
