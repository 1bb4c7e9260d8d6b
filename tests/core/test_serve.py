"""`m4d serve` on an empty data directory: database, key, data, health check; a second start changes nothing."""

from __future__ import annotations

import json
import os
import socket
import sqlite3
import stat
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from m4d import cli
from m4d.projects import services as project_services


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start(data_dir: Path) -> tuple[subprocess.Popen, str]:
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "m4d.cli",
            "serve",
            "--port",
            str(port),
            "--data-dir",
            str(data_dir),
            "--workers",
            "1",
        ],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise AssertionError(server.stdout.read())
        try:
            with urllib.request.urlopen(url + "/healthz", timeout=2) as response:
                if response.status == 200:
                    return server, url
        except OSError:
            time.sleep(0.3)
    server.kill()
    raise AssertionError("server not ready in 90 s")


def stop(server: subprocess.Popen) -> str:
    server.terminate()
    output, _ = server.communicate(timeout=30)
    return output


def counts(database: Path) -> tuple[int, ...]:
    with sqlite3.connect(database) as db:
        return tuple(
            db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
            for table in [
                "projects_project",
                "organisations_organisation",
                "places_country",
                "projects_partnership",
                "core_searchentry",
            ]
        )


def test_serve_creates_everything_on_an_empty_directory_and_restarts_idempotently(tmp_path):
    data_dir = tmp_path / "data"
    server, url = start(data_dir)
    try:
        with urllib.request.urlopen(url + "/api/projects?limit=1") as response:
            assert json.load(response)["count"] == 51
        with urllib.request.urlopen(url + "/") as response:
            assert "Content-Security-Policy" in response.headers
        # gunicorn refuses an over-long address before Django sees it: m4d's page, not its own.
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(url + "/projects/" + "a" * 5000)
        assert refused.value.code == 414
        assert "Adresse trop longue" in refused.value.read().decode()
    finally:
        output = stop(server)
    assert "serving http://localhost:" in output
    key = data_dir / "secret_key"
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    assert len(key.read_text().strip()) >= 40
    database = data_dir / "m4d.sqlite3"
    with sqlite3.connect(database) as db:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    first = counts(database)
    first_key = key.read_text()

    server, url = start(data_dir)
    stop(server)
    assert counts(database) == first
    assert key.read_text() == first_key


@pytest.mark.django_db
def test_a_broken_data_file_stops_start_up_with_a_clear_message(tmp_path, monkeypatch, capsys):
    broken = tmp_path / "projects.yaml"
    broken.write_text("- code: [\n", encoding="utf-8")
    monkeypatch.setattr(project_services, "PROJECTS_FILE", broken)
    monkeypatch.setenv("M4D_DATA_DIR", str(tmp_path / "data"))
    with pytest.raises(SystemExit) as exit_info:
        cli.main(["migrate", "--data-dir", str(tmp_path / "data")])
    assert exit_info.value.code == 1
    assert "projects.yaml" in capsys.readouterr().err


def test_serving_beyond_this_machine_says_how_to_set_the_public_address():
    advice = cli.host_advice("0.0.0.0", "http://localhost:8000", ["localhost", "127.0.0.1"])
    assert "M4D_BASE_URL=https://" in advice and "M4D_ALLOWED_HOSTS=" in advice
    assert "M4D_BASE_URL=http://localhost:8000" in advice  # what it is now


def test_serving_on_this_machine_needs_no_advice():
    assert cli.host_advice("127.0.0.1", "http://localhost:8000", ["localhost"]) is None


def test_serve_shows_the_wildcard_host_warning_and_the_advice(settings, capsys):
    settings.ALLOWED_HOSTS = ["*"]
    cli._warn_about_hosts("0.0.0.0")
    err = capsys.readouterr().err
    assert "m4d.W001" in err and "M4D_BASE_URL" in err


def test_the_server_makes_no_control_socket_in_the_home_directory():
    from m4d.server import _Gunicorn, server_options

    options = server_options(host="127.0.0.1", port=0, workers=1, on_ready=lambda: None)
    server = _Gunicorn(options)

    if "control_socket_disable" in server.cfg.settings:  # gunicorn 25.1 and later
        assert server.cfg.control_socket_disable is True
