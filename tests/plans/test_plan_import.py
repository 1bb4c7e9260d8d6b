"""The import format: a whole plan in one JSON document, partners referred to by name."""

from __future__ import annotations

import pytest

from m4d.plans.importing import PlanImportError, read_plan

PLAN = {
    "title": "Fish farming in Kafr El Sheikh",
    "origin": {"country": "EG", "locality": "Kafr El Sheikh"},
    "destinations": [{"country": "GR", "locality": "Athens"}],
    "migration_link": "Fishers from the same villages work on Greek boats.",
    "capitals": ["human", "social"],
    "partners": [
        {"name": "Hellenic fishers' union", "country": "GR", "type": "trade_union"},
        {
            "name": "Egyptian community in Greece",
            "country": "GR",
            "type": "migrant_association",
            "migrant_organisation": True,
        },
    ],
    "migrant_participation": {"identification": True, "design": True},
    "logframe": {
        "overall_objective": "Better livelihoods",
        "results": [
            {
                "text": "Fishers trained",
                "activities": [
                    {
                        "text": "Training",
                        "partner": "Hellenic fishers' union",
                        "start_month": 1,
                        "end_month": 6,
                        "indicators": [
                            {"text": "People trained", "baseline": 0, "target": 120},
                            {"text": "Satisfaction of trainees"},
                        ],
                    }
                ],
            }
        ],
        "assumptions": ["Boats keep hiring"],
    },
    "stakeholders": [{"name": "Ministry", "influence": "high", "interest": "low"}],
    "allies": [{"name": "Municipality", "forms": ["lobbying"]}],
    "risks": [
        {
            "text": "Visa refusals",
            "type": "6.4/external-risks",
            "likelihood": "high",
            "impact": "high",
            "owner": "Egyptian community in Greece",
        }
    ],
}


def test_a_complete_plan_is_read_with_partners_linked_by_id():
    document = read_plan(PLAN)
    union = document.partnership.partners[0]
    activity = document.logframe.results[0].activities[0]
    assert activity.partner == union.id
    assert document.risks.risks[0].owner == document.partnership.partners[1].id
    kinds = [indicator.kind for indicator in activity.indicators]
    assert kinds == ["quantitative", "qualitative"]
    assert document.context.origin.country == "EG"


def test_missing_optional_parts_are_fine():
    assert read_plan({"title": "Just a title"}).context.title == "Just a title"


def test_every_problem_is_reported_naming_its_key():
    bad = {**PLAN, "colour": "blue", "risks": [{"text": "x", "owner": "Nobody"}]}
    bad["partners"] = [{"name": "P", "type": "spaceship"}]
    with pytest.raises(PlanImportError) as refused:
        read_plan(bad)
    text = str(refused.value)
    assert "colour" in text
    assert "Nobody" in text
    assert "partners.0.type" in text
    assert "no partner is named Hellenic fishers' union" in text
