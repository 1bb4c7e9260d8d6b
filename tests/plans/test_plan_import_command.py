"""`m4d plan import FILE --owner EMAIL [--organisation ID]`: a plan from a JSON document, its id
alone on the last line; a refused document is one line naming the key, and nothing is created."""

from __future__ import annotations

import json

import pytest

from m4d import cli
from m4d.plans.models import Collaborator, Plan
from m4d.plans.selectors import document_of
from tests.factories import make_membership, make_organisation
from tests.plans.test_plan_import import PLAN
from tests.test_cli import fails

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _already_set_up(monkeypatch):
    monkeypatch.setattr(cli, "_setup", lambda data_dir=None: None)
    monkeypatch.setattr(cli, "_prepare", lambda verbose=True: None)


@pytest.fixture
def plan_file(tmp_path):
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(PLAN), encoding="utf-8")
    return path


def test_the_plan_is_created_for_its_owner_and_its_id_is_alone_on_the_last_line(
    plan_file, alice, alices_organisation, capsys
):
    cli.main(["plan", "import", str(plan_file), "--owner", "ALICE@example.org"])
    last_line = capsys.readouterr().out.splitlines()[-1]
    plan = Plan.objects.get(pk=int(last_line))
    assert plan.organisation == alices_organisation
    assert plan.collaborators.get().user == alice
    assert plan.collaborators.get().role == Collaborator.Role.OWNER
    assert len(document_of(plan).logframe.activities()) == 1


def test_the_organisation_can_be_named(plan_file, alice, capsys):
    other = make_organisation("Deuxième association", country_code="FR")
    make_membership(alice, other)
    cli.main(
        ["plan", "import", str(plan_file), "--owner", alice.email, "--organisation", str(other.pk)]
    )
    plan_id = int(capsys.readouterr().out.splitlines()[-1])
    assert Plan.objects.get(pk=plan_id).organisation == other


def test_an_unknown_key_is_one_line_naming_it_and_nothing_is_created(tmp_path, alice, capsys):
    path = tmp_path / "plan.json"
    path.write_text(json.dumps({**PLAN, "colour": "blue"}), encoding="utf-8")
    status, err = fails(["plan", "import", str(path), "--owner", alice.email], capsys)
    assert status == 1
    assert "colour" in err and "nothing was created" in err
    assert not Plan.objects.exists()


@pytest.mark.parametrize(
    ("arguments", "said"),
    [
        (["--owner", "nobody@example.org"], "no active account with the e-mail address"),
        (["--owner", "alice@example.org", "--organisation", "999999"], "does not act for"),
    ],
)
def test_a_bad_owner_or_organisation_is_a_usage_error(plan_file, alice, capsys, arguments, said):
    status, err = fails(["plan", "import", str(plan_file), *arguments], capsys)
    assert status == 2 and said in err
    assert not Plan.objects.exists()


def test_a_missing_or_broken_file_is_a_usage_error(tmp_path, alice, capsys):
    status, err = fails(
        ["plan", "import", str(tmp_path / "none.json"), "--owner", alice.email], capsys
    )
    assert status == 2 and "no such file" in err
    broken = tmp_path / "broken.json"
    broken.write_text("{not json", encoding="utf-8")
    status, err = fails(["plan", "import", str(broken), "--owner", alice.email], capsys)
    assert status == 2 and "not a JSON document" in err


def test_an_owner_acting_for_no_organisation_is_told_so(plan_file, charlie, capsys):
    status, err = fails(["plan", "import", str(plan_file), "--owner", charlie.email], capsys)
    assert status == 1 and "acts for none" in err
