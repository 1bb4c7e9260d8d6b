"""The step pages of a plan: everyone on the plan reads them, owners and editors change them one
small form at a time, without JavaScript; a save made from an older revision shows both versions."""

from __future__ import annotations

import json

import pytest
from django.urls import resolve, reverse

from m4d.plans import selectors
from m4d.plans.models import PlanStep
from m4d.plans.step_views import EDITED_STEPS

pytestmark = pytest.mark.django_db


def url(plan, step: str) -> str:
    return reverse("plans:step", kwargs={"pk": plan.pk, "step": step})


def revision(plan, step: str) -> int:
    return PlanStep.objects.get(plan=plan, step=step).revision


def context_form(plan, **changes) -> dict:
    data = {
        "action": "main",
        "base_revision": revision(plan, "context"),
        "main-title": "Kayes–Montreuil youth enterprise",
        "main-summary": "Young people of Kayes start businesses with the diaspora's support.",
        "main-origin_country": "ML",
        "main-origin_locality": "Kayes",
        "main-target_groups": "Young people aged 18 to 30",
        "main-duration_months": "24",
        "main-budget_min": "40000",
        "main-budget_max": "60000",
        "main-currency": "eur",
        "main-migration_link": "The Soninke of Montreuil come from the Kayes region.",
        "main-link_dimensions": ["route", "generation"],
        "destination-TOTAL_FORMS": "2",
        "destination-INITIAL_FORMS": "0",
        "destination-0-country": "FR",
        "destination-0-locality": "Montreuil",
        "destination-1-country": "",
        "destination-1-locality": "",
    }
    data.update(changes)
    return data


@pytest.mark.parametrize("step", EDITED_STEPS)
def test_every_step_page_shows_its_forms_to_an_editor(client, team, step):
    client.force_login(team.editor)
    response = client.get(url(team.plan, step))
    assert response.status_code == 200
    assert 'name="base_revision"' in response.content.decode()


@pytest.mark.parametrize("step", EDITED_STEPS)
@pytest.mark.parametrize("role", ["commenter", "reader"])
def test_commenters_and_readers_see_a_step_without_any_form(client, team, step, role):
    client.force_login(team.by_role()[role])
    response = client.get(url(team.plan, step))
    assert response.status_code == 200
    assert 'name="base_revision"' not in response.content.decode()
    assert "You can read this step" in response.content.decode()


@pytest.mark.parametrize("role", ["commenter", "reader"])
def test_commenters_and_readers_cannot_save_a_step(client, team, role):
    client.force_login(team.by_role()[role])
    response = client.post(url(team.plan, "context"), context_form(team.plan))
    assert response.status_code == 403
    assert revision(team.plan, "context") == 1


def test_a_stranger_gets_not_found_for_every_step(client, team):
    client.force_login(team.outsider)
    for step in EDITED_STEPS:
        assert client.get(url(team.plan, step)).status_code == 404
    assert client.post(url(team.plan, "context"), context_form(team.plan)).status_code == 404


def test_the_review_and_monitoring_have_pages_of_their_own_and_unknown_steps_none(client, team):
    client.force_login(team.owner)
    assert resolve(url(team.plan, "review")).view_name == "plans:review"
    assert resolve(url(team.plan, "monitoring")).view_name == "plans:monitoring"
    assert client.get(url(team.plan, "nonsense")).status_code == 404


def test_the_context_is_saved_from_its_form_with_the_corridor_and_the_budget(client, team):
    client.force_login(team.editor)
    response = client.post(url(team.plan, "context"), context_form(team.plan))
    assert response.status_code == 302
    context = selectors.document_of(team.plan).context
    assert (context.origin.country, context.origin.locality) == ("ML", "Kayes")
    assert [(p.country, p.locality) for p in context.destinations] == [("FR", "Montreuil")]
    assert context.currency == "EUR"
    assert context.budget_max == 60000
    assert context.link_dimensions == ["route", "generation"]
    assert revision(team.plan, "context") == 2


def test_save_and_continue_goes_to_the_next_step(client, team):
    client.force_login(team.owner)
    response = client.post(url(team.plan, "context"), context_form(team.plan, **{"continue": "1"}))
    assert response["Location"] == url(team.plan, "capitals")


def test_a_bad_context_is_refused_field_by_field_and_what_was_typed_is_kept(client, team):
    client.force_login(team.owner)
    response = client.post(
        url(team.plan, "context"),
        context_form(
            team.plan,
            **{
                "main-budget_min": "90000",
                "main-budget_max": "1000",
                "main-currency": "euros",
                "main-duration_months": "-3",
                "destination-1-locality": "Paris",
            },
        ),
    )
    assert response.status_code == 422
    page = response.content.decode()
    assert "The highest budget is below the lowest." in page
    assert "A currency is its three-letter code" in page
    assert "Choose the country of this locality." in page
    assert "Young people of Kayes start businesses" in page
    assert revision(team.plan, "context") == 1


def test_a_save_from_an_older_revision_shows_both_versions_and_keeping_mine_saves_it(client, team):
    client.force_login(team.owner)
    client.post(url(team.plan, "context"), context_form(team.plan, **{"main-summary": "Theirs."}))
    mine = context_form(team.plan, **{"base_revision": 1, "main-summary": "Mine."})
    response = client.post(url(team.plan, "context"), mine)
    assert response.status_code == 409
    page = response.content.decode()
    assert "Someone else saved this step while you were editing it" in page
    assert "Theirs." in page and "Mine." in page
    submitted = response.context["conflict"].submitted
    assert selectors.document_of(team.plan).context.summary == "Theirs."

    response = client.post(
        url(team.plan, "context"),
        {"action": "keep-mine", "base_revision": 2, "document": submitted},
    )
    assert response.status_code == 302
    assert selectors.document_of(team.plan).context.summary == "Mine."
    assert revision(team.plan, "context") == 3


def test_after_a_conflict_the_form_keeps_what_i_typed_on_top_of_their_version(client, team):
    client.force_login(team.owner)
    client.post(url(team.plan, "context"), context_form(team.plan, **{"main-summary": "Theirs."}))
    response = client.post(
        url(team.plan, "context"),
        context_form(team.plan, base_revision=1, **{"main-summary": "Mine."}),
    )
    form = response.context["main_form"]
    assert form["summary"].value() == "Mine."
    assert response.context["revision"] == 2  # sent again, the form builds on their version


def test_autosave_answers_saved_then_conflict_in_json(client, team):
    client.force_login(team.editor)
    saved = client.post(
        url(team.plan, "context"), context_form(team.plan), headers={"X-Autosave": "1"}
    )
    assert saved.status_code == 200
    assert saved.json() == {"state": "saved", "revision": 2}
    stale = client.post(
        url(team.plan, "context"),
        context_form(team.plan, base_revision=1, **{"main-summary": "Other"}),
        headers={"X-Autosave": "1"},
    )
    assert stale.status_code == 200  # the outcome is in the answer, not in the status
    assert stale.json()["state"] == "conflict"
    assert revision(team.plan, "context") == 2


def test_autosave_of_an_invalid_form_names_the_fields(client, team):
    client.force_login(team.editor)
    response = client.post(
        url(team.plan, "context"),
        context_form(team.plan, **{"main-currency": "x"}),
        headers={"X-Autosave": "1"},
    )
    assert response.json()["state"] == "invalid"
    assert "currency" in response.json()["errors"]


def test_keep_mine_with_a_broken_document_is_refused(client, team):
    client.force_login(team.owner)
    response = client.post(
        url(team.plan, "context"), {"action": "keep-mine", "base_revision": 1, "document": "{"}
    )
    assert response.status_code == 400
    assert json.loads(json.dumps(selectors.document_of(team.plan).context.summary)) == ""


def test_the_guided_path_can_be_switched_to_free_navigation(client, team):
    client.force_login(team.owner)
    assert client.get(url(team.plan, "context")).context["guided"] is True
    client.post(url(team.plan, "context"), {"action": "guide", "guided": "off"})
    page = client.get(url(team.plan, "context"))
    assert page.context["guided"] is False
    assert "Guide me step by step" in page.content.decode()


def test_the_plan_overview_shows_each_steps_progress(client, team):
    client.force_login(team.owner)
    client.post(url(team.plan, "context"), context_form(team.plan))
    page = client.get(team.plan.get_absolute_url()).content.decode()
    assert url(team.plan, "partnership") in page
    assert "9 of 9" in page  # the context, filled in
    assert "0 of 5" in page  # the partnership, empty


def test_a_reader_sees_the_context_in_words(client, team):
    client.force_login(team.owner)
    client.post(url(team.plan, "context"), context_form(team.plan))
    client.force_login(team.reader)
    page = client.get(url(team.plan, "context")).content.decode()
    assert "Kayes (ML)" in page and "Montreuil (FR)" in page
    assert "route, generation" in page
