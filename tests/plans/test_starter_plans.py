"""Starter plans: a plan starts blank or from a registry project ("start from Sénégal-47"), with
its corridor, partners, capitals and toolbox options (and their key issues) prefilled; registry
project pages link to it."""

from __future__ import annotations

import pytest
from django.urls import reverse

from m4d.plans.models import Plan
from m4d.plans.selectors import document_of
from m4d.plans.starters import document_from_project
from m4d.projects.models import Project
from m4d.toolbox.models import Option

pytestmark = pytest.mark.django_db


def senegal_47() -> Project:
    return Project.objects.with_relations().get(code="Sénégal-47")


def test_a_registry_project_prefills_corridor_partners_capitals_and_options():
    project = senegal_47()
    document = document_from_project(project)
    countries = [c.iso2 for c in project.ordered_countries]
    assert document.context.origin.country == countries[0]
    assert [p.country for p in document.context.destinations] == countries[1:]
    assert document.context.title == project.title
    partners = document.partnership.partners
    assert [p.organisation for p in partners] == [o.pk for o in project.ordered_partners]
    assert [p.name for p in partners] == [o.name for o in project.ordered_partners]
    assert document.capitals.capitals == project.capital_values
    options = list(Option.objects.filter(projects=project))
    assert set(document.capitals.options) == {o.key for o in options}
    issues = {(answer.option, answer.issue) for answer in document.capitals.key_issues}
    assert issues == {(o.key, n) for o in options for n in range(len(o.key_issues))}
    assert {answer.status for answer in document.capitals.key_issues} <= {"open"}


def test_a_project_with_options_brings_them():
    # The handbook links options to projects: at least one project of the annex has some.
    option = Option.objects.filter(projects__isnull=False).first()
    project = option.projects.first()
    assert option.key in document_from_project(project).capitals.options


def test_the_create_page_starts_a_plan_from_a_project_code(client, alice, alices_organisation):
    client.force_login(alice)
    response = client.post(
        reverse("plans:create"),
        {
            "title": "Our own Sénégal-47",
            "organisation": alices_organisation.pk,
            "start_from": "sénégal-47",
        },
    )
    assert response.status_code == 302
    plan = Plan.objects.get()
    assert plan.source_project == senegal_47()
    document = document_of(plan)
    assert document.context.title == "Our own Sénégal-47"
    assert len(document.partnership.partners) == len(senegal_47().ordered_partners)
    assert plan.versions.filter(note="Started from Sénégal-47").exists()


def test_an_unknown_code_is_refused_and_what_was_typed_stays(client, alice, alices_organisation):
    client.force_login(alice)
    data = {"title": "My plan", "organisation": alices_organisation.pk, "start_from": "Nowhere-1"}
    response = client.post(reverse("plans:create"), data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "No registry project has the code Nowhere-1." in page
    assert 'value="My plan"' in page
    assert not Plan.objects.exists()


def test_a_blank_plan_has_no_source(client, alice, alices_organisation):
    client.force_login(alice)
    data = {"title": "From scratch", "organisation": alices_organisation.pk, "start_from": ""}
    assert client.post(reverse("plans:create"), data).status_code == 302
    plan = Plan.objects.get()
    assert plan.source_project is None
    assert document_of(plan).partnership.partners == []


def test_a_project_page_links_to_a_plan_started_from_it_which_the_form_prefills(client, alice):
    project = senegal_47()
    page = client.get(project.get_absolute_url()).content.decode()
    link = reverse("plans:create") + "?from=S%C3%A9n%C3%A9gal-47"
    assert "Start a plan from this project" in page and link in page
    client.force_login(alice)
    form = client.get(link).content.decode()
    assert 'value="Sénégal-47"' in form
    assert f'value="{project.title}"' in form
