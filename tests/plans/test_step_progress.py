"""Progress per step, the partnership's flags and the charts, read from a plan's document."""

from __future__ import annotations

import re

from m4d.plans import charts
from m4d.plans.document import STEPS, PlanDocument
from m4d.plans.progress import partnership_flags, step_progress


def document(**steps) -> PlanDocument:
    return PlanDocument.model_validate(steps)


def test_an_empty_plan_has_every_step_at_zero():
    progress = step_progress(PlanDocument())
    assert list(progress) == list(STEPS)
    assert all(done == 0 and total > 0 for done, total in progress.values())


def test_a_logframe_counts_each_part_written():
    plan = document(
        logframe={
            "overall_objective": "Jobs in Kayes",
            "results": [
                {
                    "text": "R",
                    "activities": [
                        {"text": "A", "partner": "p", "start_month": 1, "end_month": 3},
                        {"text": "B"},
                    ],
                }
            ],
        }
    )
    # objective, result, activities written; not all with a partner, months, indicators;
    # no specific objective, no assumption.
    assert step_progress(plan)["logframe"] == (3, 8)


def test_a_balanced_partnership_with_migrants_raises_no_flag():
    plan = document(
        context={"origin": {"country": "ML"}, "destinations": [{"country": "FR"}]},
        partnership={
            "partners": [
                {"name": "ADK", "country": "ML"},
                {"name": "AMM", "country": "FR", "migrant_organisation": True},
            ],
            "migrant_participation": {"design": True},
        },
    )
    assert partnership_flags(plan) == []


def test_a_corridor_side_without_a_partner_is_flagged():
    plan = document(
        context={"origin": {"country": "ML"}, "destinations": [{"country": "FR"}]},
        partnership={"partners": [{"name": "ADK", "country": "ML", "migrant_organisation": True}]},
    )
    assert [flag.message for flag in partnership_flags(plan)] == [
        "No partner in a country of destination (FR).",
        "Migrants take part in no phase of the project yet (recommendation 3).",
    ]


def test_stakeholders_at_the_same_levels_are_drawn_apart():
    chart = charts.stakeholder_matrix(
        document(
            stakeholders={"stakeholders": [{"name": "A"}, {"name": "B"}]}
        ).stakeholders.stakeholders
    )
    svg = str(chart.svg)
    centres = re.findall(r'<circle cx="([\d.]+)" cy="([\d.]+)"', svg)
    assert len(centres) == len(set(centres)) == 2
    assert chart.rows == [["1", "A", "medium", "medium"], ["2", "B", "medium", "medium"]]


def test_names_in_charts_are_escaped():
    chart = charts.force_field(
        document(allies={"forces": [{"text": "<script>", "direction": "for"}]}).allies.forces
    )
    assert "<script>" not in str(chart.svg)
    assert chart.rows == [["1", "<script>", "for", "3"]]


def test_the_work_plan_spans_the_duration_of_the_project():
    plan = document(
        context={"duration_months": 36},
        logframe={
            "results": [
                {"text": "R", "activities": [{"text": "A", "start_month": 30, "end_month": 36}]}
            ]
        },
    )
    chart = charts.gantt(plan)
    assert chart.rows == [["1.1", "A", "–", "30", "36"]]
    assert ">34<" in str(chart.svg)  # month labels every 3 months past two years


def test_the_heat_map_counts_risks_per_cell():
    plan = document(
        risks={
            "risks": [
                {"text": "A", "likelihood": "high", "impact": "high"},
                {"text": "B", "likelihood": "high", "impact": "high"},
            ]
        }
    )
    svg = str(charts.risk_heatmap(plan).svg)
    assert 'class="count">2<' in svg
