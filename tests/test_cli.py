"""The `m4d` command: every error is one clear line on standard error and a non-zero exit."""

from __future__ import annotations

import csv
import io

import pytest

from m4d import cli
from m4d.projects import iati
from tests.projects.test_iati_import import activity_file

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _already_set_up(monkeypatch):
    # The test database is configured and migrated; the command's own set-up would redo it.
    monkeypatch.setattr(cli, "_setup", lambda data_dir=None: None)
    monkeypatch.setattr(cli, "_prepare", lambda verbose=True: None)


def fails(argv: list[str], capsys) -> tuple[int, str]:
    """Run the command, expecting it to fail; its exit status and what it wrote on stderr."""
    with pytest.raises(SystemExit) as exit_:
        cli.main(argv)
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert err.startswith("m4d: ") and err.count("\n") == 1, err
    return exit_.value.code, err


def no_traceback_logged(caplog) -> bool:
    return not [record for record in caplog.records if record.exc_info]


def test_an_export_to_a_missing_folder_is_one_line_and_exit_status_2(tmp_path, capsys):
    out = tmp_path / "missing" / "registry.csv"
    status, err = fails(["export", "projects", "--format", "csv", "--out", str(out)], capsys)
    assert status == 2
    assert str(out) in err and "no such folder" in err
    assert not out.parent.exists()


def test_an_export_to_dash_writes_standard_output(tmp_path, monkeypatch, capsysbinary):
    monkeypatch.chdir(tmp_path)
    cli.main(["export", "projects", "--format", "csv", "--out", "-"])
    captured = capsysbinary.readouterr()
    rows = list(csv.DictReader(io.StringIO(captured.out.decode("utf-8-sig"))))
    assert len(rows) == 51
    assert b"wrote 51 projects to standard output" in captured.err
    assert not (tmp_path / "-").exists()


def test_an_import_of_a_missing_file_is_one_line_and_exit_status_2(tmp_path, capsys):
    status, err = fails(["import", "iati", str(tmp_path / "nothing.xml")], capsys)
    assert status == 2 and "no such file" in err


def test_a_failed_import_prints_just_its_message(tmp_path, monkeypatch, capsys, caplog):
    def disk_full(**kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(iati, "match_or_create_organisation", disk_full)
    path = tmp_path / "activities.xml"
    path.write_bytes(activity_file().getvalue())
    status, err = fails(["import", "iati", str(path)], capsys)
    assert status == 1
    assert "was not imported, the database is unchanged" in err and "disk full" in err
    assert no_traceback_logged(caplog)


def test_an_import_without_the_schemas_prints_just_the_message(tmp_path, settings, capsys, caplog):
    settings.M4D_IATI_SCHEMA_DIR = tmp_path
    path = tmp_path / "activities.xml"
    path.write_bytes(activity_file().getvalue())
    status, err = fails(["import", "iati", str(path)], capsys)
    assert status == 1 and "M4D_IATI_SCHEMA_DIR" in err
    assert no_traceback_logged(caplog)


def test_a_command_error_raised_anywhere_is_reported_once_by_main(monkeypatch, capsys):
    def broken(args):
        raise cli.CommandError("it went wrong", status=3)

    monkeypatch.setattr(cli, "cmd_reindex", broken)
    status, err = fails(["reindex"], capsys)
    assert (status, err) == (3, "m4d: it went wrong\n")
