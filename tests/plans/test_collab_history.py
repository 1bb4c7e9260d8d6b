"""A plan's history: every save of a step (who, when, which step, its note), filtered by step
and paginated; a readable difference between two versions; restoring an older version (owners
and editors, after a confirmation page) adds a new revision, so nothing is lost."""

from __future__ import annotations

import pytest
from django.urls import reverse

from m4d.plans import history, services
from m4d.plans.models import PlanVersion

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("quick_passwords")]

PARTNER = {"id": "amm", "name": "Association des Maliens de Montreuil", "country": "FR"}


def save(team, step, data, by=None):
    return services.save_step(team.plan, step, data, by=by or team.owner, base_revision=None)


def context_data(team, **changes):
    current = team.plan.steps.get(step="context").data
    return {**current, **changes}


def test_the_history_lists_every_save_with_who_when_which_step_and_its_note(team, client):
    save(team, "context", context_data(team, summary="Young people start businesses."))
    save(team, "partnership", {"partners": [PARTNER]}, by=team.editor)
    client.force_login(team.reader)

    page = client.get(reverse("plans:history", args=[team.plan.pk])).content.decode()

    rows = page.split("<tbody>")[1].split("</tr>")
    assert "Partnership" in rows[0] and "dana@example.org" in rows[0]
    assert "Context" in rows[1] and "alice@example.org" in rows[1]
    assert "What revision 2 changed" in rows[0]
    assert len(rows) - 1 == PlanVersion.objects.count() == 11  # 9 first saves, 2 edits
    assert "Restore revision" not in page  # a reader restores nothing


def test_the_history_is_filtered_by_step_and_paginated(team, client):
    for n in range(31):
        save(team, "risks", {"risks": [{"id": "r", "text": f"Risk {n}"}]})
    client.force_login(team.owner)
    url = reverse("plans:history", args=[team.plan.pk])

    first = client.get(url, {"step": "risks"}).content.decode()
    second = client.get(url, {"step": "risks", "page": 2}).content.decode()

    assert first.count("Restore revision") == 30
    assert second.count("Restore revision") == 2  # revisions 2 and 1
    assert "Context" not in second.split("<tbody>")[1]
    assert client.get(url, {"step": "risks", "page": 3}).status_code == 404


def test_an_unknown_step_filter_shows_every_step(team, client):
    client.force_login(team.owner)

    page = client.get(reverse("plans:history", args=[team.plan.pk]), {"step": "nonsense"})

    assert page.status_code == 200
    assert page.content.decode().count("Restore revision") == PlanVersion.objects.count()


def test_the_difference_names_fields_by_label_and_items_by_name():
    before = {
        "partners": [
            {"id": "a", "name": "Kayes commune", "role": "Lead", "migrant_organisation": False},
            {"id": "b", "name": "Old partner", "role": ""},
        ],
        "migrant_participation": {"design": False, "monitoring": False},
    }
    after = {
        "partners": [
            {"id": "a", "name": "Kayes commune", "role": "Co-lead", "migrant_organisation": True},
            {"id": "c", "name": "New partner", "role": "Training"},
        ],
        "migrant_participation": {"design": True, "monitoring": False},
    }

    changes = history.diff(before, after)

    assert history.Change("Partners › Kayes commune › Role", "changed", "Lead", "Co-lead") in (
        changes
    )
    assert (
        history.Change("Partners › Kayes commune › Migrant organisation", "changed", "no", "yes")
        in changes
    )
    assert history.Change("Partners", "added", after="New partner") in changes
    assert history.Change("Partners", "removed", before="Old partner") in changes
    assert history.Change("Migrant participation › Design", "changed", "no", "yes") in changes
    assert len(changes) == 5


def test_the_difference_of_plain_lists_shows_what_was_added_and_removed():
    changes = history.diff(
        {"capitals": ["social", "human"], "assumptions": ["Remittances continue"]},
        {"capitals": ["social", "financial"], "assumptions": ["Remittances continue"]},
    )

    assert changes == [
        history.Change("Capitals", "added", after="financial"),
        history.Change("Capitals", "removed", before="human"),
    ]


def test_the_difference_of_nested_items_follows_their_ids():
    activity = {"id": "act", "text": "Train 40 young people", "indicators": []}
    indicator = {"id": "ind", "text": "Businesses started", "target": 10}
    before = {"results": [{"id": "res", "text": "Jobs", "activities": [activity]}]}
    after = {
        "results": [
            {"id": "res", "text": "Jobs", "activities": [{**activity, "indicators": [indicator]}]}
        ]
    }

    assert history.diff(before, after) == [
        history.Change(
            "Results › Jobs › Activities › Train 40 young people › Indicators",
            "added",
            after="Businesses started",
        )
    ]


def test_the_compare_page_shows_the_changes_between_two_revisions(team, client):
    save(team, "context", context_data(team, summary="First summary"))
    save(team, "context", context_data(team, summary="Second summary", currency="XOF"))
    client.force_login(team.commenter)
    url = reverse("plans:compare", args=[team.plan.pk, "context"])

    latest = client.get(url).content.decode()
    chosen = client.get(url, {"a": 1, "b": 3}).content.decode()

    assert "From revision 2 to revision 3." in latest
    assert "First summary" in latest and "Second summary" in latest and "XOF" in latest
    assert "From revision 1 to revision 3." in chosen
    assert client.get(url, {"a": 9}).status_code == 404
    assert client.get(reverse("plans:compare", args=[team.plan.pk, "nonsense"])).status_code == (
        404
    )


def test_restoring_asks_first_then_adds_a_new_revision_with_the_old_content(team, client):
    save(team, "context", context_data(team, summary="The good summary"))
    save(team, "context", context_data(team, summary="A mistaken edit"))
    good = team.plan.versions.get(step="context", revision=2)
    client.force_login(team.editor)
    url = reverse("plans:restore", args=[team.plan.pk, good.pk])

    confirm = client.get(url).content.decode()
    assert "A mistaken edit" in confirm and "The good summary" in confirm
    assert team.plan.steps.get(step="context").data["summary"] == "A mistaken edit"
    client.post(url)

    step = team.plan.steps.get(step="context")
    assert step.revision == 4 and step.data["summary"] == "The good summary"
    latest = team.plan.versions.filter(step="context").first()
    assert latest.note == "Restored revision 2" and latest.created_by == team.editor
    assert team.plan.versions.filter(step="context").count() == 4


@pytest.mark.parametrize("role", ["commenter", "reader"])
def test_commenters_and_readers_cannot_restore(team, client, role):
    version = team.plan.versions.first()
    client.force_login(team.by_role()[role])
    url = reverse("plans:restore", args=[team.plan.pk, version.pk])

    assert client.get(url).status_code == 403
    assert client.post(url).status_code == 403


def test_a_version_of_another_plan_is_not_found(team, client):
    from tests.factories import make_plan

    other = make_plan(team.owner)
    client.force_login(team.owner)

    url = reverse("plans:restore", args=[team.plan.pk, other.versions.first().pk])
    assert client.get(url).status_code == 404
