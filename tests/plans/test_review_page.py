"""The review step's page: readiness and findings with the step to fix, the guided questions
saved by editors and read-only for others, similar projects; strangers are told nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.urls import reverse

from m4d.plans import selectors
from m4d.plans.importing import read_plan
from m4d.plans.models import PlanStep, PlanVersion
from m4d.plans.review import QUESTION_KEYS
from m4d.plans.services import save_step
from tests.factories import make_plan

pytestmark = pytest.mark.django_db

PLANS = Path(__file__).parent / "review_plans"


def document(name):
    return read_plan(json.loads((PLANS / f"{name}.json").read_text(encoding="utf-8")))


@pytest.fixture
def nine_partner_plan(alice, alices_organisation):
    return make_plan(alice, organisation=alices_organisation, document=document("nine_partners"))


def url(plan):
    return reverse("plans:review", args=[plan.pk])


def answers_form(plan, **answers):
    revision = PlanStep.objects.get(plan=plan, step="review").revision
    return {"base_revision": revision, **dict.fromkeys(QUESTION_KEYS, ""), **answers}


def test_the_page_shows_readiness_and_each_finding_with_its_handbook_data_and_step(
    client, alice, nine_partner_plan
):
    client.force_login(alice)
    page = client.get(url(nine_partner_plan)).content.decode()
    assert "Readiness:" in page
    assert "9 partners is a large partnership" in page
    assert "Conclusion, recommendation 8" in page
    assert "partnership.partners: 9" in page
    assert "Recommendation 8: Keep partnerships to a manageable size" in page
    assert "Fix it in “Partnership”" in page


def test_a_blank_plan_lists_its_blockers_first(client, alice, alices_organisation):
    plan = make_plan(alice, organisation=alices_organisation)
    client.force_login(alice)
    page = client.get(url(plan)).content.decode()
    assert "The plan is not ready: fix the blockers first." in page
    assert page.index('id="findings-blocker"') < page.index('id="findings-warning"')


def test_an_editor_saves_the_guided_answers_as_a_new_revision(client, team):
    client.force_login(team.editor)
    response = client.post(
        url(team.plan), answers_form(team.plan, lessons="We report to the FORIM network.")
    )
    assert response.status_code == 302
    saved = selectors.document_of(team.plan).review.answers
    assert saved == {"lessons": "We report to the FORIM network."}
    version = PlanVersion.objects.filter(plan=team.plan, step="review").first()
    assert version.created_by == team.editor
    page = client.get(url(team.plan)).content.decode()
    assert "Answers saved" in page
    assert "question.lessons" not in page  # the answered question no longer shows as a finding


def test_answers_stored_under_other_keys_are_kept(client, team):
    save_step(team.plan, "review", {"answers": {"old": "Kept"}}, by=team.owner, base_revision=None)
    client.force_login(team.owner)
    client.post(url(team.plan), answers_form(team.plan, agendas="The communal plan."))
    answers = selectors.document_of(team.plan).review.answers
    assert answers == {"old": "Kept", "agendas": "The communal plan."}


def test_a_save_over_someone_elses_shows_both_and_loses_nothing(client, team):
    form = answers_form(team.plan, lessons="Mine")
    save_step(
        team.plan, "review", {"answers": {"lessons": "Theirs"}}, by=team.owner, base_revision=None
    )
    client.force_login(team.editor)
    response = client.post(url(team.plan), form)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Someone else saved this step" in page
    assert "Theirs" in page and "Mine" in page
    assert selectors.document_of(team.plan).review.answers == {"lessons": "Theirs"}
    # Saving again from the re-shown form is a deliberate choice: it replaces theirs.
    revision = PlanStep.objects.get(plan=team.plan, step="review").revision
    client.post(url(team.plan), {**form, "base_revision": revision})
    assert selectors.document_of(team.plan).review.answers == {"lessons": "Mine"}


def test_a_too_long_answer_is_refused_beside_it_and_kept(client, team):
    client.force_login(team.owner)
    response = client.post(url(team.plan), answers_form(team.plan, lessons="x" * 5001))
    assert response.status_code == 200
    assert "at most 5000 characters" in response.content.decode()
    assert selectors.document_of(team.plan).review.answers == {}


@pytest.mark.parametrize("role", ["commenter", "reader"])
def test_commenters_and_readers_see_the_answers_read_only_and_cannot_post(client, team, role):
    save_step(
        team.plan, "review", {"answers": {"lessons": "Shared"}}, by=team.owner, base_revision=None
    )
    person = team.by_role()[role]
    client.force_login(person)
    page = client.get(url(team.plan)).content.decode()
    assert "Shared" in page
    assert "Save the answers" not in page
    assert client.post(url(team.plan), answers_form(team.plan, lessons="No")).status_code == 403
    assert selectors.document_of(team.plan).review.answers == {"lessons": "Shared"}


def test_a_stranger_gets_404_and_anonymous_the_login_page(client, team):
    client.force_login(team.outsider)
    assert client.get(url(team.plan)).status_code == 404
    assert client.post(url(team.plan), answers_form(team.plan)).status_code == 404
    client.logout()
    assert client.get(url(team.plan)).status_code == 302


def test_similar_registry_projects_are_shown_with_their_lessons(client, alice, nine_partner_plan):
    client.force_login(alice)
    page = client.get(url(nine_partner_plan)).content.decode()
    assert "Similar projects" in page
    # Mali–France and the migrant-experts option: Égypte-13 used it (box 9).
    assert "Égypte-13" in page
    assert "Lessons of box 9" in page


def test_the_page_is_in_french_for_french_readers(client, alice, nine_partner_plan):
    client.force_login(alice)
    page = client.get(url(nine_partner_plan), HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "Questions guidées" in page
    assert "partenaires" in page
