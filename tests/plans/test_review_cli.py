"""`m4d plan review PLAN_ID --format json|text`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from m4d import cli
from m4d.plans.importing import read_plan
from tests.factories import make_plan

pytestmark = pytest.mark.django_db

PLANS = Path(__file__).parent / "review_plans"


@pytest.fixture(autouse=True)
def _already_set_up(monkeypatch):
    # The test database is configured and migrated; the command's own set-up would redo it.
    monkeypatch.setattr(cli, "_setup", lambda data_dir=None: None)
    monkeypatch.setattr(cli, "_prepare", lambda verbose=True: None)


@pytest.fixture
def plan(alice, alices_organisation):
    document = read_plan(json.loads((PLANS / "nine_partners.json").read_text(encoding="utf-8")))
    return make_plan(alice, organisation=alices_organisation, document=document)


def test_json_prints_the_issues_shape(capsys, plan):
    cli.main(["plan", "review", str(plan.pk), "--format", "json"])
    printed = json.loads(capsys.readouterr().out)
    assert isinstance(printed["readiness"], int)
    oversized = [f for f in printed["findings"] if f["recommendation"] == 8]
    assert oversized and oversized[0]["severity"] == "warning"
    assert oversized[0]["data"] == ["partnership.partners: 9"]
    assert oversized[0]["handbook"] == "Conclusion, recommendation 8"
    assert all(f["recommendation"] != 1 for f in printed["findings"])


def test_text_lists_findings_with_what_they_looked_at(capsys, plan):
    cli.main(["plan", "review", str(plan.pk), "--format", "text", "--lang", "fr"])
    out = capsys.readouterr().out
    assert out.startswith(f"{plan.title}: readiness ")
    assert "- warning rec. 8 [Conclusion, recommendation 8]" in out
    assert "partnership.partners: 9 (step: partnership)" in out


def test_an_unknown_plan_fails_in_one_line(capsys, db):
    with pytest.raises(SystemExit) as exit_:
        cli.main(["plan", "review", "999999", "--format", "json"])
    err = capsys.readouterr().err
    assert exit_.value.code == 2
    assert err == "m4d: no plan with the id 999999\n"
