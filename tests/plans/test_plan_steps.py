"""A plan is a set of steps, each validated, versioned and protected against silent overwrites."""

from __future__ import annotations

import pytest

from m4d.core import generation
from m4d.core.models import AuditEntry
from m4d.plans import selectors, services
from m4d.plans.document import STEPS
from m4d.plans.models import Collaborator, PlanStep, PlanVersion
from tests.factories import make_organisation, make_plan

pytestmark = pytest.mark.django_db


def test_a_new_plan_has_every_step_at_its_first_revision_and_its_creator_as_owner(alice):
    plan = make_plan(alice, title="Remittances for Kayes")
    assert sorted(plan.steps.values_list("step", flat=True)) == sorted(STEPS)
    assert set(plan.steps.values_list("revision", flat=True)) == {1}
    assert plan.collaborators.get().role == Collaborator.Role.OWNER
    assert selectors.document_of(plan).context.title == "Remittances for Kayes"


def test_a_plan_is_started_only_for_an_organisation_one_acts_for(alice):
    stranger_organisation = make_organisation("Not hers")
    with pytest.raises(services.PlanError):
        services.create_plan(by=alice, organisation=stranger_organisation, title="Mine")


def test_saving_a_step_validates_it_and_keeps_a_version(alice):
    plan = make_plan(alice)
    row = services.save_step(
        plan,
        "context",
        {"title": "Kayes youth", "origin": {"country": "ml", "locality": "Kayes"}},
        by=alice,
        base_revision=1,
    )
    assert row.revision == 2
    assert row.data["origin"] == {"country": "ML", "locality": "Kayes"}
    plan.refresh_from_db()
    assert plan.title == "Kayes youth"
    assert PlanVersion.objects.filter(plan=plan, step="context").count() == 2
    assert AuditEntry.objects.filter(action="plans.planstep.updated").exists()


def test_an_invalid_step_is_refused_naming_the_field_and_nothing_is_saved(alice):
    plan = make_plan(alice)
    data = {
        "results": [
            {
                "text": "R1",
                "activities": [
                    {
                        "text": "A",
                        "indicators": [{"text": "Loans", "kind": "quantitative", "target": "many"}],
                    }
                ],
            }
        ]
    }
    with pytest.raises(services.InvalidStep) as refused:
        services.save_step(plan, "logframe", data, by=alice, base_revision=1)
    assert refused.value.errors[0][0] == "results.0.activities.0.indicators.0.target"
    assert PlanStep.objects.get(plan=plan, step="logframe").revision == 1


def test_a_save_made_from_an_older_revision_is_a_conflict_showing_both_versions(alice):
    plan = make_plan(alice)
    services.save_step(plan, "context", {"title": "Alice's title"}, by=alice, base_revision=1)
    with pytest.raises(services.StepConflict) as conflict:
        services.save_step(plan, "context", {"title": "Dana's title"}, by=alice, base_revision=1)
    assert conflict.value.current.data["title"] == "Alice's title"
    assert conflict.value.submitted["title"] == "Dana's title"
    assert PlanStep.objects.get(plan=plan, step="context").data["title"] == "Alice's title"


def test_saving_what_is_already_there_from_an_older_revision_is_no_conflict(alice):
    plan = make_plan(alice)
    services.save_step(plan, "context", {"title": "Same"}, by=alice, base_revision=1)
    row = services.save_step(plan, "context", {"title": "Same"}, by=alice, base_revision=1)
    assert row.revision == 2


def test_restoring_a_version_makes_a_new_revision_with_the_old_content(alice):
    plan = make_plan(alice, title="First")
    services.save_step(plan, "context", {"title": "Second"}, by=alice, base_revision=1)
    first = PlanVersion.objects.get(plan=plan, step="context", revision=1)
    row = services.restore_version(first, by=alice)
    assert (row.revision, row.data["title"]) == (3, "First")
    assert PlanVersion.objects.get(plan=plan, step="context", revision=3).note


def test_a_plan_keeps_an_owner(alice):
    plan = make_plan(alice)
    with pytest.raises(services.PlanError):
        services.set_collaborator(plan, by=alice, user=alice, role=Collaborator.Role.EDITOR)
    with pytest.raises(services.PlanError):
        services.remove_collaborator(plan.collaborators.get(), by=alice)


def test_saving_a_plan_leaves_the_public_pages_caches_alone(alice):
    plan = make_plan(alice)
    before = generation.current()[0]
    services.save_step(plan, "context", {"title": "Private work"}, by=alice, base_revision=1)
    assert generation.current()[0] == before
