"""Browser tests: a real `m4d serve` (gunicorn, static files, CSP) on a free port, driven by Playwright
with Debian's Chromium. Never downloads a browser."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("M4D_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _server_env(data_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["M4D_DATA_DIR"] = str(data_dir)
    return env


@pytest.fixture(scope="session")
def live_data_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("m4d-browser-data")


@pytest.fixture(scope="session")
def live_url(live_data_dir) -> str:
    """Base URL of a fresh server on an empty data directory (SQLite), shut down after the session."""
    data_dir = live_data_dir
    port = _free_port()
    env = _server_env(data_dir)
    log = open(Path(data_dir) / "server.log", "w")  # noqa: SIM115 (open for the whole session, closed below)
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "m4d.cli",
            "serve",
            "--port",
            str(port),
            "--no-worker",
            "--workers",
            "1",
        ],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90
    while True:
        try:
            with urllib.request.urlopen(f"{url}/healthz", timeout=2) as response:
                if response.status == 200:
                    break
        except OSError:
            pass
        if server.poll() is not None or time.monotonic() > deadline:
            server.kill()
            log.close()
            raise RuntimeError(
                f"m4d serve did not start:\n{(Path(data_dir) / 'server.log').read_text()[-3000:]}"
            )
        time.sleep(0.3)
    yield url
    server.terminate()
    try:
        server.wait(timeout=15)
    except subprocess.TimeoutExpired:
        server.kill()
    log.close()


def _env(data_dir: Path) -> dict[str, str]:
    env = _server_env(data_dir)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT / "src"), env.get("PYTHONPATH")]))
    return env


@pytest.fixture(scope="session")
def live_worker(live_url, live_data_dir):
    """The background worker, as `m4d serve` starts it (the test server runs without one)."""
    log = open(Path(live_data_dir) / "worker.log", "w")  # noqa: SIM115 (closed below)
    worker = subprocess.Popen(
        [sys.executable, "-m", "m4d.cli", "worker"],
        env=_env(live_data_dir),
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    yield worker
    worker.terminate()
    try:
        worker.wait(timeout=15)
    except subprocess.TimeoutExpired:
        worker.kill()
    log.close()


ADMIN_EMAIL = "browser-admin@example.org"
ADMIN_PASSWORD = "a browser test pass phrase"


@pytest.fixture(scope="session")
def live_admin(live_url, live_data_dir) -> tuple[str, str]:
    """An administrator of the live server, made with the command line as a person would."""
    subprocess.run(
        [
            sys.executable,
            "-m",
            "m4d.cli",
            "createadmin",
            "--email",
            ADMIN_EMAIL,
            "--password",
            ADMIN_PASSWORD,
        ],
        env=_server_env(live_data_dir),
        check=True,
        capture_output=True,
    )
    return ADMIN_EMAIL, ADMIN_PASSWORD


@pytest.fixture(scope="session")
def live_import(live_url, live_data_dir) -> None:
    """An IATI import on the live server (its review and undo pages), made with the command line."""
    from tests.projects.test_iati_import import activity_file

    path = Path(live_data_dir) / "activity.xml"
    path.write_bytes(activity_file(number=90).getvalue())
    subprocess.run(
        [sys.executable, "-m", "m4d.cli", "import", "iati", str(path)],
        env=_server_env(live_data_dir),
        check=True,
        capture_output=True,
    )


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists() or shutil.which(CHROMIUM) is None:
        if os.environ.get("M4D_REQUIRE_BROWSER"):
            pytest.fail(f"Chromium not found at {CHROMIUM}")
        pytest.skip(f"Chromium not found at {CHROMIUM} (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_url):
    """A fresh browser context (own cookies, so its own language choice) per test."""
    context = browser.new_context(base_url=live_url, locale="en-GB")
    page = context.new_page()
    errors: list[str] = []
    page.on(
        "console", lambda message: errors.append(message.text) if message.type == "error" else None
    )
    page.console_errors = errors
    yield page
    context.close()
