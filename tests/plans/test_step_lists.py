"""The lists of the steps (partners, stakeholders, forces, allies, results → activities →
indicators, risks): each entry is added, changed and deleted with its own small form."""

from __future__ import annotations

import pytest
from django.urls import reverse

from m4d.organisations.models import Organisation
from m4d.plans import selectors
from m4d.plans.document import Partner, Partnership, PlanDocument
from m4d.plans.models import PlanStep
from m4d.toolbox.models import BuildingBlock, Option
from tests.factories import make_organisation, make_plan

pytestmark = pytest.mark.django_db


def url(plan, step: str) -> str:
    return reverse("plans:step", kwargs={"pk": plan.pk, "step": step})


def revision(plan, step: str) -> int:
    return PlanStep.objects.get(plan=plan, step=step).revision


def post_item(client, plan, step, collection, item, **fields):
    data = {"action": f"item:{collection}", "base_revision": revision(plan, step)}
    data[f"{collection}-item"] = item
    data.update({f"{collection}-{name}": value for name, value in fields.items()})
    return client.post(url(plan, step), data)


def partner(client, plan, item, name, country="", **fields):
    return post_item(
        client, plan, "partnership", "partners", item, name=name, country=country, **fields
    )


def test_a_partner_is_added_changed_then_deleted_after_a_confirmation(client, team):
    client.force_login(team.editor)
    response = partner(client, team.plan, "p1", "ADK Kayes", "ML", role="Runs the training")
    assert response.status_code == 302
    assert response["Location"].endswith("#partners")
    partner(client, team.plan, "p1", "ADK Kayes", "ML", role="Runs the training and the loans")
    partners = selectors.document_of(team.plan).partnership.partners
    assert [(p.id, p.role) for p in partners] == [("p1", "Runs the training and the loans")]

    confirm = client.get(url(team.plan, "partnership"), {"delete": "partners:p1"})
    assert "Delete this entry?" in confirm.content.decode()
    assert selectors.document_of(team.plan).partnership.partners  # asking deletes nothing
    client.post(
        url(team.plan, "partnership"),
        {
            "action": "delete:partners",
            "item": "p1",
            "base_revision": revision(team.plan, "partnership"),
        },
    )
    assert selectors.document_of(team.plan).partnership.partners == []


def test_saving_the_same_new_entry_twice_adds_it_once(client, team):
    client.force_login(team.editor)
    partner(client, team.plan, "same", "ADK Kayes")
    partner(client, team.plan, "same", "ADK Kayes", role="Training")
    assert len(selectors.document_of(team.plan).partnership.partners) == 1


def test_a_partner_picked_from_the_directory_fills_in_the_new_partner_form(client, team):
    found = make_organisation("Association des Soninkés de Montreuil", country_code="FR")
    Organisation.objects.filter(pk=found.pk).update(type=Organisation.Type.MIGRANT_ASSOCIATION)
    client.force_login(team.owner)
    search = client.get(url(team.plan, "partnership"), {"find": "soninkés"})
    assert f"?organisation={found.pk}" in search.content.decode()
    picked = client.get(url(team.plan, "partnership"), {"organisation": found.pk})
    form = picked.context["lists"]["partners"].add_form
    assert form["name"].value() == "Association des Soninkés de Montreuil"
    assert form["country"].value() == "FR"
    assert form["migrant_organisation"].value() is True
    assert form["organisation"].value() == found.pk


def test_the_partnership_flags_a_large_one_sided_partnership_without_migrants(client, alice):
    document = PlanDocument.model_validate(
        {
            "context": {"origin": {"country": "ML"}, "destinations": [{"country": "FR"}]},
            "partnership": {"partners": [{"name": f"P{n}", "country": "FR"} for n in range(6)]},
        }
    )
    plan = make_plan(alice, document=document)
    client.force_login(alice)
    page = client.get(url(plan, "partnership")).content.decode()
    assert "6 partners" in page and "recommendation 8" in page
    assert "No partner in the country of origin (ML)." in page
    assert "Every partner is in FR" in page
    assert "No migrant organisation among the partners." in page
    assert "Migrants take part in no phase" in page


def test_the_phases_of_migrant_participation_are_saved(client, team):
    client.force_login(team.owner)
    client.post(
        url(team.plan, "partnership"),
        {"action": "main", "base_revision": 1, "main-design": "on", "main-evaluation": "on"},
    )
    participation = selectors.document_of(team.plan).partnership.migrant_participation
    assert (participation.design, participation.evaluation, participation.identification) == (
        True,
        True,
        False,
    )


def test_a_stakeholder_is_analysed_and_drawn_on_the_influence_interest_chart(client, team):
    client.force_login(team.editor)
    post_item(
        client,
        team.plan,
        "stakeholders",
        "stakeholders",
        "s1",
        name="Commune de Kayes",
        type="Local authority",
        compatibility="high",
        competences="medium",
        motivation="",
        influence="high",
        interest="low",
        strategy="Keep it satisfied with quarterly briefings",
    )
    stakeholder = selectors.document_of(team.plan).stakeholders.stakeholders[0]
    assert (stakeholder.influence, stakeholder.interest, stakeholder.motivation) == (
        "high",
        "low",
        None,
    )
    page = client.get(url(team.plan, "stakeholders"))
    chart = page.context["chart"]
    assert chart.rows == [["1", "Commune de Kayes", "high", "low"]]
    assert "<svg" in page.content.decode() and "Keep satisfied" in page.content.decode()


def test_forces_and_allies_are_saved_and_the_force_field_is_drawn(client, team):
    client.force_login(team.editor)
    post_item(
        client,
        team.plan,
        "allies",
        "forces",
        "f1",
        text="Diaspora savings",
        direction="for",
        strength="4",
    )
    post_item(
        client,
        team.plan,
        "allies",
        "forces",
        "f2",
        text="Bank fees",
        direction="against",
        strength="2",
    )
    post_item(
        client,
        team.plan,
        "allies",
        "allies",
        "a1",
        name="Mairie de Montreuil",
        forms=["lobbying", "events"],
    )
    allies = selectors.document_of(team.plan).allies
    assert [(f.direction, f.strength) for f in allies.forces] == [("for", 4), ("against", 2)]
    assert allies.allies[0].forms == ["lobbying", "events"]
    page = client.get(url(team.plan, "allies")).content.decode()
    assert "For the change (4)" in page and "Against it (2)" in page
    assert "Participation in project events" in page


def test_a_strength_outside_one_to_five_is_refused(client, team):
    client.force_login(team.editor)
    response = post_item(
        client, team.plan, "allies", "forces", "f1", text="X", direction="for", strength="9"
    )
    assert response.status_code == 422
    assert selectors.document_of(team.plan).allies.forces == []


def logframe_with_a_partner(alice):
    document = PlanDocument(partnership=Partnership(partners=[Partner(id="adk", name="ADK Kayes")]))
    return make_plan(alice, document=document)


def test_results_activities_and_indicators_nest_and_draw_the_work_plan(client, alice):
    plan = logframe_with_a_partner(alice)
    client.force_login(alice)
    post_item(client, plan, "logframe", "results", "r1", text="Businesses started")
    post_item(
        client,
        plan,
        "logframe",
        "activities",
        "a1",
        result="r1",
        text="Training",
        partner="adk",
        start_month="2",
        end_month="5",
    )
    post_item(
        client,
        plan,
        "logframe",
        "indicators",
        "i1",
        activity="a1",
        text="People trained",
        kind="quantitative",
        unit="people",
        baseline="0",
        target="40.5",
        source="Attendance lists",
    )
    logframe = selectors.document_of(plan).logframe
    activity = logframe.results[0].activities[0]
    assert (activity.partner, activity.start_month, activity.end_month) == ("adk", 2, 5)
    assert str(activity.indicators[0].target) == "40.5"
    page = client.get(url(plan, "logframe"))
    assert page.context["chart"].rows == [["1.1", "Training", "ADK Kayes", "2", "5"]]
    # Changing the activity keeps its indicators.
    post_item(
        client,
        plan,
        "logframe",
        "activities",
        "a1",
        result="r1",
        text="Training of trainers",
        partner="adk",
    )
    activity = selectors.document_of(plan).logframe.results[0].activities[0]
    assert activity.text == "Training of trainers" and len(activity.indicators) == 1


def test_indicator_numbers_are_enforced(client, alice):
    plan = logframe_with_a_partner(alice)
    client.force_login(alice)
    post_item(client, plan, "logframe", "results", "r1", text="R")
    post_item(client, plan, "logframe", "activities", "a1", result="r1", text="A")
    many = post_item(
        client,
        plan,
        "logframe",
        "indicators",
        "i1",
        activity="a1",
        text="Loans",
        kind="quantitative",
        target="many",
    )
    assert many.status_code == 422
    assert "Enter a number." in many.content.decode()
    qualitative = post_item(
        client,
        plan,
        "logframe",
        "indicators",
        "i1",
        activity="a1",
        text="Trust",
        kind="qualitative",
        target="3",
    )
    assert "A qualitative indicator has no number to reach." in qualitative.content.decode()
    assert selectors.document_of(plan).logframe.indicators() == []


def test_an_activity_ending_before_it_starts_is_refused(client, alice):
    plan = logframe_with_a_partner(alice)
    client.force_login(alice)
    post_item(client, plan, "logframe", "results", "r1", text="R")
    response = post_item(
        client,
        plan,
        "logframe",
        "activities",
        "a1",
        result="r1",
        text="A",
        start_month="6",
        end_month="2",
    )
    assert "The activity ends before it starts." in response.content.decode()


def test_objectives_and_assumptions_are_one_per_line(client, team):
    client.force_login(team.owner)
    client.post(
        url(team.plan, "logframe"),
        {
            "action": "main",
            "base_revision": 1,
            "main-overall_objective": "Fewer young people leave Kayes for lack of work",
            "main-specific_objectives": "Start 20 businesses\n\n Train 40 people ",
            "main-assumptions": "Remittances keep flowing",
        },
    )
    logframe = selectors.document_of(team.plan).logframe
    assert logframe.specific_objectives == ["Start 20 businesses", "Train 40 people"]
    assert logframe.assumptions == ["Remittances keep flowing"]


def test_the_risk_register_is_seeded_with_the_handbooks_four_risk_types(client, alice):
    plan = logframe_with_a_partner(alice)
    client.force_login(alice)
    client.post(url(plan, "risks"), {"action": "seed-risks", "base_revision": 1})
    risks = selectors.document_of(plan).risks.risks
    types = set(
        BuildingBlock.objects.filter(kind=BuildingBlock.Kind.RISK).values_list("key", flat=True)
    )
    assert (
        {risk.type for risk in risks}
        == types
        == {
            "6.4/external-risks",
            "6.4/capacity-risks",
            "6.4/project-risks",
            "6.4/relational-risks",
        }
    )
    assert all(risk.mitigation for risk in risks)
    client.post(url(plan, "risks"), {"action": "seed-risks", "base_revision": 2})
    assert len(selectors.document_of(plan).risks.risks) == 4  # seeding again adds nothing


def test_a_risk_gets_an_owner_and_shows_on_the_heat_map(client, alice):
    plan = logframe_with_a_partner(alice)
    client.force_login(alice)
    post_item(
        client,
        plan,
        "risks",
        "risks",
        "k1",
        text="Exchange rate",
        likelihood="high",
        impact="high",
        owner="adk",
        mitigation="Budget in XOF",
    )
    page = client.get(url(plan, "risks"))
    assert page.context["chart"].rows == [["Exchange rate", "high", "high", "ADK Kayes"]]
    assert 'class="heat-high"' in page.content.decode()


def test_chosen_options_bring_their_key_issues_as_a_checklist_with_who_used_them(client, team):
    option = Option.objects.exclude(key_issues=[]).filter(projects__isnull=False).first()
    client.force_login(team.owner)
    client.post(
        url(team.plan, "capitals"),
        {
            "action": "main",
            "base_revision": 1,
            "main-capitals": ["social", "financial"],
            "main-options": [option.key],
        },
    )
    page = client.get(url(team.plan, "capitals"))
    form = page.context["main_form"]
    assert [issue.text for issue in form.key_issues] == option.key_issues
    data = {
        "action": "main",
        "base_revision": 2,
        "main-capitals": ["social", "financial"],
        "main-options": [option.key],
        "main-issue_0_answer": "We checked it with the partners",
        "main-issue_0_status": "answered",
    }
    data.update({f"main-issue_{n}_status": "open" for n in range(1, len(option.key_issues))})
    client.post(url(team.plan, "capitals"), data)
    capitals = selectors.document_of(team.plan).capitals
    assert capitals.capitals == ["social", "financial"]
    assert capitals.key_issues[0].model_dump() == {
        "option": option.key,
        "issue": 0,
        "answer": "We checked it with the partners",
        "status": "answered",
    }
    html = page.content.decode()
    assert option.title in html
    assert all(project.get_absolute_url() in html for project in option.projects.all())
    assert all(box.get_absolute_url() in html for box in option.boxes.all())


def test_an_entry_saved_from_an_older_revision_is_a_conflict(client, team):
    client.force_login(team.editor)
    partner(client, team.plan, "p1", "ADK Kayes")
    response = post_item(client, team.plan, "partnership", "partners", "p2", name="Late")
    assert response.status_code == 302  # built on the current revision: no conflict
    stale = client.post(
        url(team.plan, "partnership"),
        {
            "action": "item:partners",
            "base_revision": 1,
            "partners-item": "p3",
            "partners-name": "Stale",
        },
    )
    assert stale.status_code == 409
    rows = stale.context["conflict"].rows
    assert any("Late" in theirs for _what, theirs, _yours in rows)
    assert any("Stale" in yours for _what, _theirs, yours in rows)


def test_an_entry_opens_in_its_own_form_beside_the_add_form_with_distinct_ids(client, team):
    client.force_login(team.editor)
    partner(client, team.plan, "p1", "ADK Kayes", "ML", role="Training")
    page = client.get(url(team.plan, "partnership"), {"edit": "partners:p1"})
    edit_form = page.context["lists"]["partners"].edit_form
    assert edit_form["role"].value() == "Training"
    html = page.content.decode()
    assert html.count('id="edit_partners-role"') == 1
    assert html.count('id="id_partners-role"') == 1
