"""The review of the test plans (tests/plans/review_plans/*.json, in the import format): each
plan has one planted flaw, or none, and the findings it must and must not produce."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from m4d.plans.document import PlanDocument
from m4d.plans.importing import read_plan
from m4d.plans.review import MANAGEABLE_PARTNERS, QUESTION_KEYS, readiness_of, review_plan

pytestmark = pytest.mark.django_db

PLANS = Path(__file__).parent / "review_plans"


def plan(name: str) -> PlanDocument:
    return read_plan(json.loads((PLANS / f"{name}.json").read_text(encoding="utf-8")))


def checks(name: str, severity: str | None = None) -> set[str]:
    return {
        finding.check
        for finding in review_plan(plan(name)).findings
        if severity is None or finding.severity == severity
    }


def recommendations(name: str) -> set[int | None]:
    return {finding.recommendation for finding in review_plan(plan(name)).findings}


# plan: (checks it must produce, checks it must not produce)
EXPECTED = {
    "nine_partners": ({"partners.oversized"}, {"capitals.single", "partners.one_side"}),
    "single_capital": ({"capitals.single"}, {"capitals.none", "partners.oversized"}),
    "no_destination": ({"corridor.incomplete"}, {"link.missing", "partners.one_side"}),
    "no_migrants": ({"migrants.absent"}, {"migrants.some_phases", "partners.none"}),
    "overambitious": (
        {"workplan.past_duration", "logframe.too_much"},
        {"duration.missing", "activities.no_partner"},
    ),
    "one_sided": ({"partners.one_side"}, {"partners.oversized", "agendas.no_authority"}),
    "orphan_activities": (
        {"activities.no_partner", "activities.no_indicator"},
        {"logframe.empty", "risks.owner"},
    ),
    "no_assumptions": (
        {"logframe.assumptions", "indicators.numbers"},
        {"activities.no_indicator", "logframe.empty"},
    ),
    "unowned_risks": ({"risks.owner", "risks.mitigation"}, {"risks.none"}),
    "no_authority": ({"agendas.no_authority"}, {"partners.roles", "risks.owner"}),
    "open_key_issues": ({"options.key_issues"}, {"options.none", "options.unknown"}),
    "no_shared_responsibilities": (
        {"stakeholders.strategy", "allies.forms"},
        {"stakeholders.none", "allies.none"},
    ),
    "one_partner_does_everything": (
        {"partners.concentrated"},
        {"activities.no_partner", "partners.oversized"},
    ),
    "partners_without_country": (
        {"partners.country"},
        {"partners.one_side", "partners.side_without_partner"},
    ),
    "uncovered_destination": (
        {"partners.side_without_partner"},
        {"partners.one_side", "corridor.incomplete"},
    ),
}


def test_the_clean_plan_has_no_blocker_and_no_warning_only_its_guided_questions():
    review = review_plan(plan("clean"))
    assert {f.severity for f in review.findings} == {"info"}
    assert {f.check for f in review.findings} == {
        f"question.{key}" for key in QUESTION_KEYS if key != "agendas"
    }
    assert review.ready
    assert review.readiness == 100 - 2 * len(review.findings)


def test_answering_the_guided_questions_leaves_the_clean_plan_without_findings():
    document = plan("clean")
    document.review.answers = {key: "Answered with the partners." for key in QUESTION_KEYS}
    review = review_plan(document)
    assert review.findings == []
    assert review.readiness == 100


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_planted_flaw_is_found_and_nothing_it_does_not_have(name):
    must, must_not = EXPECTED[name]
    found = checks(name)
    assert must <= found, f"{name}: missing {must - found}"
    assert not (must_not & found), f"{name}: unexpected {must_not & found}"


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_a_planted_flaw_is_the_only_problem_beyond_the_guided_questions(name):
    must, _must_not = EXPECTED[name]
    beyond = {check for check in checks(name) if not check.startswith("question.")}
    assert beyond == must


def test_the_nine_partner_plan_cites_recommendation_8_and_not_recommendation_1():
    review = review_plan(plan("nine_partners"))
    oversized = next(f for f in review.findings if f.check == "partners.oversized")
    assert oversized.recommendation == 8
    assert oversized.handbook == "Conclusion, recommendation 8"
    assert oversized.data == ["partnership.partners: 9"]
    assert oversized.step == "partnership"
    assert str(MANAGEABLE_PARTNERS) in oversized.message
    assert 1 not in recommendations("nine_partners")


def test_a_single_capital_is_a_warning_of_recommendation_1():
    finding = next(f for f in review_plan(plan("single_capital")).findings if f.recommendation == 1)
    assert finding.severity == "warning"
    assert "capitals.capitals: social" in finding.data


def test_a_corridor_without_destination_blocks_the_plan():
    review = review_plan(plan("no_destination"))
    assert not review.ready
    assert review.readiness < 50
    blocker = review.of_severity("blocker")[0]
    assert (blocker.recommendation, blocker.step) == (2, "context")
    assert "context.destinations: -" in blocker.data


def test_activities_past_the_duration_are_named():
    finding = next(
        f
        for f in review_plan(plan("overambitious")).findings
        if f.check == "workplan.past_duration"
    )
    assert finding.severity == "blocker"
    assert "Follow up the trainees' fields" in finding.message
    assert "context.duration_months: 6" in finding.data


def test_a_plan_with_a_title_only_is_far_from_ready():
    review = review_plan(plan("blank"))
    assert {"partners.none", "logframe.empty", "capitals.none", "corridor.incomplete"} <= {
        f.check for f in review.of_severity("blocker")
    }
    assert review.readiness == 0
    assert not review.ready


def test_every_finding_cites_the_handbook_names_its_data_and_a_step_to_fix():
    from m4d.plans.document import STEPS

    for path in PLANS.glob("*.json"):
        for finding in review_plan(plan(path.stem)).findings:
            assert finding.handbook.startswith(("§", "Conclusion", "Part")), finding
            assert finding.data and all(finding.data), finding
            assert finding.step in STEPS, finding
            assert finding.recommendation in (None, *range(1, 10)), finding


def test_the_review_speaks_the_language_asked():
    english = review_plan(plan("nine_partners"), language="en")
    french = review_plan(plan("nine_partners"), language="fr")
    en = next(f for f in english.findings if f.check == "partners.oversized")
    fr = next(f for f in french.findings if f.check == "partners.oversized")
    assert "partners is a large partnership" in en.message
    assert "partenaires" in fr.message and fr.message != en.message
    assert fr.data == en.data


def test_the_json_shape_is_the_command_lines():
    shape = review_plan(plan("nine_partners")).as_json()
    assert set(shape) >= {"readiness", "findings"}
    assert isinstance(shape["readiness"], int)
    finding = shape["findings"][0]
    assert {"recommendation", "severity", "message", "handbook", "data"} <= set(finding)
    json.dumps(shape)  # plain JSON values only


def test_readiness_is_at_least_50_exactly_when_nothing_blocks():
    clean = review_plan(plan("clean")).findings
    blocked = review_plan(plan("blank")).findings
    assert readiness_of(clean) >= 50
    assert readiness_of(blocked) < 50
    assert readiness_of([]) == 100


@pytest.mark.parametrize(
    ("type_", "name"),
    [
        ("7.1/local-authorities", "Kayes"),
        ("local_authority", "Kayes"),
        ("Collectivité territoriale", "Cercle de Kayes"),
        ("", "Ministère de l'Agriculture"),
        ("Local authority", "Town hall"),
    ],
)
def test_a_local_authority_among_the_stakeholders_meets_recommendation_7(type_, name):
    document = plan("no_authority")
    document.stakeholders.stakeholders[0].type = type_
    document.stakeholders.stakeholders[0].name = name
    assert "agendas.no_authority" not in {f.check for f in review_plan(document).findings}


def test_answering_the_agendas_question_meets_recommendation_7_without_an_authority():
    document = plan("no_authority")
    document.review.answers["agendas"] = "The communal development plan of Kayes, axis 2."
    assert "agendas.no_authority" not in {f.check for f in review_plan(document).findings}
