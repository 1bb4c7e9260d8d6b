"""`m4d plan export PLAN_ID --format … --out FILE [--language fr|en]`."""

from __future__ import annotations

import pytest

from m4d import cli
from m4d.core.audit import history
from tests.factories import make_plan
from tests.plans.exports_support import small_plan

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _already_set_up(monkeypatch):
    # The test database is configured and migrated; the command's own set-up would redo it.
    monkeypatch.setattr(cli, "_setup", lambda data_dir=None: None)
    monkeypatch.setattr(cli, "_prepare", lambda verbose=True: None)


@pytest.fixture
def plan(alice):
    return make_plan(alice, document=small_plan())


@pytest.mark.parametrize(("fmt", "start"), [("docx", b"PK"), ("pdf", b"%PDF"), ("iati", b"<?xml")])
def test_the_command_writes_each_format_to_the_file(plan, tmp_path, capsys, fmt, start):
    out = tmp_path / f"plan.{fmt}"
    cli.main(
        ["plan", "export", str(plan.pk), "--format", fmt, "--out", str(out), "--language", "fr"]
    )
    assert out.read_bytes().startswith(start)
    assert capsys.readouterr().out == f"m4d: wrote plan {plan.pk} to {out} ({fmt}, fr)\n"
    assert history(plan).filter(action="plans.plan.exported", actor=None).exists()


def test_the_markdown_goes_to_standard_output_with_dash(plan, capsysbinary):
    cli.main(["plan", "export", str(plan.pk), "--format", "md", "--out", "-"])
    captured = capsysbinary.readouterr()
    assert (
        captured.out.startswith(f"# {plan.title}\n".encode()) and b"## Partnership" in captured.out
    )
    assert b"to standard output" in captured.err


def test_an_unknown_plan_is_one_line_and_exit_status_2(tmp_path, capsys):
    with pytest.raises(SystemExit) as exit_:
        cli.main(["plan", "export", "999999", "--format", "md", "--out", str(tmp_path / "x.md")])
    assert exit_.value.code == 2
    assert capsys.readouterr().err == "m4d: no plan with the id 999999\n"


def test_a_refused_export_is_one_line_and_writes_nothing(alice, tmp_path, capsys):
    document = small_plan()
    document.context.currency = "XYZ"
    plan = make_plan(alice, document=document)
    out = tmp_path / "plan.xml"
    with pytest.raises(SystemExit) as exit_:
        cli.main(["plan", "export", str(plan.pk), "--format", "iati", "--out", str(out)])
    err = capsys.readouterr().err
    assert exit_.value.code == 1 and err.count("\n") == 1 and "XYZ" in err
    assert not out.exists()
