"""Monitoring (step 9): once its owner marks a plan funded, it enters the registry as a project
(source "plan") and its team sets reporting periods and records each indicator's actual value per
period, numbers for quantitative indicators and text for qualitative ones, shown as progress
charts against their targets."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from m4d.core.models import AuditEntry
from m4d.organisations.models import Organisation
from m4d.plans import monitoring
from m4d.plans.importing import read_plan
from m4d.plans.models import Collaborator, Plan
from m4d.plans.selectors import document_of
from m4d.projects.models import Project
from tests.factories import make_membership, make_organisation, make_plan, make_user
from tests.plans.test_plan_import import PLAN

pytestmark = pytest.mark.django_db


@pytest.fixture
def dana():
    return make_user("dana@example.org")


@pytest.fixture
def plan(alice, alices_organisation, dana):
    return make_plan(
        alice,
        organisation=alices_organisation,
        title=PLAN["title"],
        document=read_plan(PLAN),
        team={dana: Collaborator.Role.EDITOR},
    )


@pytest.fixture
def funded(plan, alice):
    return monitoring.mark_funded(plan, by=alice)


def indicators(plan):
    quantitative, qualitative = document_of(plan).logframe.indicators()
    return quantitative, qualitative


def monitoring_url(plan, **query):
    url = reverse("plans:monitoring", args=[plan.pk])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def set_quarters(client, plan, months=12):
    revision = plan.steps.get(step="monitoring").revision
    data = {
        "action": "periods",
        "frequency": "quarterly",
        "start": "2027-01-01",
        "months": months,
        "base_revision": revision,
    }
    return client.post(monitoring_url(plan), data)


def record(client, plan, period, values):
    revision = plan.steps.get(step="monitoring").revision
    data = {"action": "actuals", "period": period.id, "base_revision": revision, **values}
    return client.post(monitoring_url(plan), data)


def test_quarterly_periods_cover_the_duration_the_last_one_shorter():
    periods = monitoring.generate_periods(frequency="quarterly", start=date(2027, 1, 1), months=7)
    assert [(p.start, p.end) for p in periods] == [
        (date(2027, 1, 1), date(2027, 3, 31)),
        (date(2027, 4, 1), date(2027, 6, 30)),
        (date(2027, 7, 1), date(2027, 7, 31)),
    ]
    assert periods[0].label == "2027-01 – 2027-03"


def test_monthly_periods_from_the_end_of_a_month_stay_in_their_month():
    periods = monitoring.generate_periods(frequency="monthly", start=date(2027, 1, 31), months=2)
    assert [(p.start, p.end, p.label) for p in periods] == [
        (date(2027, 1, 31), date(2027, 2, 27), "2027-01"),
        (date(2027, 2, 28), date(2027, 3, 30), "2027-02"),
    ]


def test_regenerated_periods_keep_the_ids_of_those_with_the_same_dates():
    first = monitoring.generate_periods(frequency="quarterly", start=date(2027, 1, 1), months=6)
    again = monitoring.generate_periods(
        frequency="quarterly", start=date(2027, 1, 1), months=9, keep=first
    )
    assert [p.id for p in again[:2]] == [p.id for p in first]
    assert again[2].id not in {p.id for p in first}


def test_before_funding_the_page_explains_and_offers_the_owner_to_mark_it_funded(
    client, plan, alice, dana
):
    client.force_login(alice)
    page = client.get(monitoring_url(plan)).content.decode()
    assert "Monitoring starts once the plan is funded" in page
    assert reverse("plans:funded", args=[plan.pk]) in page
    client.force_login(dana)
    assert (
        reverse("plans:funded", args=[plan.pk])
        not in client.get(monitoring_url(plan)).content.decode()
    )
    response = set_quarters(client, plan)
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "Monitoring starts once the plan is marked funded." in page
    assert document_of(plan).monitoring.periods == []


def test_marking_funded_puts_the_plan_in_the_registry_with_partners_countries_and_capitals(
    client, plan, alice
):
    client.force_login(alice)
    assert (
        "Yes, the plan is funded"
        in client.get(reverse("plans:funded", args=[plan.pk])).content.decode()
    )
    response = client.post(reverse("plans:funded", args=[plan.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("plans:monitoring", args=[plan.pk])
    plan.refresh_from_db()
    assert plan.status == Plan.Status.FUNDED and plan.funded_at is not None
    project = Project.objects.with_relations().get(pk=plan.project.pk)
    assert (project.code, project.source, project.title) == (
        f"PLAN-{plan.pk}",
        Project.Source.PLAN,
        "Fish farming in Kafr El Sheikh",
    )
    assert [c.iso2 for c in project.ordered_countries] == ["EG", "GR"]
    assert [o.name for o in project.ordered_partners] == [
        "Hellenic fishers' union",
        "Egyptian community in Greece",
    ]
    assert project.ordered_partners[1].type == Organisation.Type.MIGRANT_ASSOCIATION
    assert project.capital_values == ["social", "human"]
    assert AuditEntry.objects.filter(
        action="projects.project.created", object_id=str(project.pk), actor=alice
    ).exists()
    assert client.get(project.get_absolute_url()).status_code == 200


def test_a_partner_picked_from_the_directory_is_that_organisation(alice, alices_organisation):
    picked = make_organisation("Union des pêcheurs", country_code="GR")
    document = read_plan(PLAN)
    document.partnership.partners[0].organisation = picked.pk
    plan = make_plan(alice, organisation=alices_organisation, document=document)
    monitoring.mark_funded(plan, by=alice)
    project = Project.objects.with_relations().get(pk=plan.project_id)
    assert project.ordered_partners[0] == picked
    assert not Organisation.objects.filter(name="Hellenic fishers' union").exists()


def test_only_owners_mark_a_plan_funded_and_only_once(client, plan, dana, alice):
    client.force_login(dana)
    assert client.post(reverse("plans:funded", args=[plan.pk])).status_code == 403
    monitoring.mark_funded(plan, by=alice)
    client.force_login(alice)
    page = client.post(reverse("plans:funded", args=[plan.pk])).content.decode()
    assert "already marked funded" in page
    assert Project.objects.filter(source=Project.Source.PLAN).count() == 1


def test_the_team_sets_quarterly_periods_and_records_values_shown_against_the_target(
    client, funded, dana
):
    client.force_login(dana)
    assert set_quarters(client, funded).status_code == 302
    periods = document_of(funded).monitoring.periods
    assert len(periods) == 4
    trained, satisfaction = indicators(funded)
    values = {f"value_{trained.id}": "50", f"text_{satisfaction.id}": "Trainees ask for more."}
    response = record(client, funded, periods[1], values)
    assert response.status_code == 302
    actuals = document_of(funded).monitoring.actuals
    assert [(a.indicator, a.period, a.value, a.text) for a in actuals] == [
        (trained.id, periods[1].id, 50, ""),
        (satisfaction.id, periods[1].id, None, "Trainees ask for more."),
    ]
    page = client.get(monitoring_url(funded, period=periods[1].id)).content.decode()
    assert (
        "Latest value (2027-04 – 2027-06): 50, target 120: 42% of the way from the baseline."
        in page
    )
    assert "Trainees ask for more." in page
    assert '<rect class="bar"' in page
    assert 'name="start" value="2027-01-01"' in page  # the date input's own format


def test_a_number_that_is_not_one_is_refused_and_what_was_typed_stays(client, funded, dana):
    client.force_login(dana)
    set_quarters(client, funded)
    period = document_of(funded).monitoring.periods[0]
    trained, satisfaction = indicators(funded)
    values = {f"value_{trained.id}": "many", f"text_{satisfaction.id}": "Good"}
    response = record(client, funded, period, values)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Enter a number." in page and "Good" in page
    assert document_of(funded).monitoring.actuals == []


def test_a_qualitative_indicator_takes_no_number_through_the_api(client, funded, alice):
    from tests.plans.test_api import patch

    set_quarters_through_service(funded, alice)
    document = document_of(funded)
    _trained, satisfaction = indicators(funded)
    step = document.monitoring.model_dump(mode="json")
    step["actuals"] = [
        {"indicator": satisfaction.id, "period": document.monitoring.periods[0].id, "value": 3}
    ]
    response = patch(client, funded, {"steps": {"monitoring": step}}, alice)
    assert response.status_code == 422
    assert response.json()["errors"][0]["path"] == "steps.monitoring.actuals.0.value"


def test_the_api_refuses_monitoring_before_funding(client, plan, alice):
    from tests.plans.test_api import patch

    response = patch(client, plan, {"steps": {"monitoring": {"frequency": "monthly"}}}, alice)
    assert response.status_code == 422
    assert response.json()["errors"][0]["path"] == "steps.monitoring"


def set_quarters_through_service(plan, by):
    periods = monitoring.generate_periods(frequency="quarterly", start=date(2027, 1, 1), months=6)
    monitoring.set_periods(
        plan, periods, frequency="quarterly", start=date(2027, 1, 1), by=by, base_revision=None
    )
    return periods


def test_a_period_with_values_cannot_be_dropped(client, funded, alice):
    periods = set_quarters_through_service(funded, alice)
    trained, _satisfaction = indicators(funded)
    monitoring.record_actuals(
        funded,
        periods[1].id,
        {trained.id: monitoring.doc.Actual(indicator=trained.id, period=periods[1].id, value=5)},
        by=alice,
        base_revision=None,
    )
    client.force_login(alice)
    response = set_quarters(client, funded, months=3)
    assert "Values are recorded for 2027-04 – 2027-06" in response.content.decode()
    assert len(document_of(funded).monitoring.periods) == 2


def test_values_saved_by_someone_else_meanwhile_are_not_overwritten(client, funded, alice, dana):
    periods = set_quarters_through_service(funded, alice)
    trained, _satisfaction = indicators(funded)
    stale = funded.steps.get(step="monitoring").revision
    monitoring.record_actuals(
        funded,
        periods[0].id,
        {trained.id: monitoring.doc.Actual(indicator=trained.id, period=periods[0].id, value=7)},
        by=alice,
        base_revision=None,
    )
    client.force_login(dana)
    data = {
        "action": "actuals",
        "period": periods[0].id,
        "base_revision": stale,
        f"value_{trained.id}": "9",
    }
    page = client.post(monitoring_url(funded), data).content.decode()
    assert "Someone else saved this step" in page
    assert 'value="9"' in page and "Saved meanwhile: 7" in page
    assert document_of(funded).monitoring.actuals[0].value == 7


def test_readers_see_the_charts_but_no_form_and_cannot_post(client, funded, alice):
    frank = make_user("frank@example.org")
    Collaborator.objects.create(plan=funded, user=frank, role=Collaborator.Role.READER)
    set_quarters_through_service(funded, alice)
    client.force_login(frank)
    page = client.get(monitoring_url(funded)).content.decode()
    assert "Progress per indicator" in page and "Save the values" not in page
    assert set_quarters(client, funded).status_code == 403


def test_the_owner_brings_the_registry_entry_up_to_date(client, funded, alice):
    document = document_of(funded)
    partners = document.partnership.model_dump(mode="json")
    partners["partners"].append({"name": "Kafr El Sheikh governorate", "country": "EG"})
    from m4d.plans import services

    services.save_step(funded, "partnership", partners, by=alice, base_revision=None)
    client.force_login(alice)
    response = client.post(reverse("plans:registry", args=[funded.pk]))
    assert response.status_code == 302
    project = Project.objects.get(pk=funded.project_id)
    assert project.partners.count() == 3
    assert AuditEntry.objects.filter(
        action="projects.project.updated", object_id=str(project.pk)
    ).exists()


def test_an_unfunded_plan_has_no_registry_entry_to_update(client, plan, alice):
    client.force_login(alice)
    response = client.post(reverse("plans:registry", args=[plan.pk]), follow=True)
    assert "Only a funded plan is in the registry." in response.content.decode()
    assert not Project.objects.filter(source=Project.Source.PLAN).exists()


def test_a_member_of_the_partner_organisation_is_not_the_owner(client, plan):
    gina = make_user("gina@example.org")
    make_membership(gina, make_organisation("Another organisation", country_code="ML"))
    client.force_login(gina)
    assert client.get(monitoring_url(plan)).status_code == 404
