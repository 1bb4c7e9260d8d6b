"""Similar registry projects of a plan: sharing its corridor, capitals and options, published
only, with the lessons of their case studies."""

from __future__ import annotations

import pytest

from m4d.plans.document import Capitals, Context, Place, PlanDocument
from m4d.plans.similar import similar_projects
from m4d.projects.models import Project
from tests.factories import make_project

pytestmark = pytest.mark.django_db


def plan(origin="ZW", destinations=("NZ",), capitals=("financial",), options=()):
    return PlanDocument(
        context=Context(
            origin=Place(country=origin), destinations=[Place(country=c) for c in destinations]
        ),
        capitals=Capitals(capitals=list(capitals), options=list(options)),
    )


def test_the_same_corridor_ranks_before_a_shared_country():
    same = make_project(countries=("ZW", "NZ"), capitals=("human",))
    one_country = make_project(countries=("NZ", "ZW"), capitals=("human",))
    found = [item.project for item in similar_projects(plan())]
    assert found[:2] == [same, one_country]
    assert "same corridor" in similar_projects(plan())[0].reasons


def test_shared_capitals_add_to_the_score_and_are_named():
    plain = make_project(countries=("ZW", "GB"), capitals=("human",))
    financial = make_project(countries=("ZW", "GB"), capitals=("financial",))
    found = similar_projects(plan())
    assert [item.project for item in found][:2] == [financial, plain]
    assert any("Financial" in reason for reason in found[0].reasons)


def test_drafts_are_never_shown():
    make_project(countries=("ZW", "NZ"), status=Project.Status.DRAFT)
    assert similar_projects(plan()) == []


def test_projects_that_used_a_chosen_option_come_with_their_case_studies_lessons():
    found = similar_projects(plan(origin="", destinations=(), options=["4.2/migrant-experts"]))
    codes = [item.project.code for item in found]
    assert "Égypte-13" in codes
    egypt = found[codes.index("Égypte-13")]
    assert any(
        "Migrant experts" in reason or "migrant" in reason.lower() for reason in egypt.reasons
    )
    assert [case.box for case in egypt.cases] == [9]
    assert egypt.cases[0].lessons


def test_a_plan_sharing_nothing_has_no_similar_project():
    assert similar_projects(plan(origin="", destinations=(), capitals=())) == []
