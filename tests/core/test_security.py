"""Security basics: a strict CSP with no inline code, no third-party assets, escaped input,
and production settings that pass Django's deployment checks."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

pytestmark = pytest.mark.django_db

PAGES = [
    "/",
    "/projects/",
    "/projects/algerie-1/",
    "/organisations/",
    "/countries/",
    "/countries/ml/",
    "/countries/map/",
    "/statistics/",
    "/search/?q=mali",
    "/about/",
    "/toolbox/cases/",
    "/toolbox/cases/1/",
    "/toolbox/",
    "/accounts/login/",
    "/accounts/signup/",
]


def test_pages_send_a_strict_content_security_policy(client):
    policy = client.get("/").headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "style-src 'self'" in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy


@pytest.mark.parametrize("path", PAGES)
def test_pages_have_no_inline_code_and_no_third_party_assets(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    html = response.content.decode()
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), "inline <script>"
    assert not re.search(r"\sstyle=\"", html), "inline style attribute"
    assert not re.search(r"\son[a-z]+=\"", html), "inline event handler"
    for asset in re.findall(r'<(?:script|link|img)[^>]+(?:src|href)="([^"]+)"', html):
        assert not asset.startswith(("http:", "https:", "//")), asset


def test_user_input_is_escaped(client):
    html = client.get("/search/", {"q": "<script>alert(1)</script>"}).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_forms_carry_a_csrf_token(client):
    assert "csrfmiddlewaretoken" in client.get("/accounts/login/").content.decode()


def deployment_check(tmp_path, **environ: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "M4D_ALLOWED_HOSTS")}
    env.update(M4D_HTTPS="1", M4D_DATA_DIR=str(tmp_path), **environ)
    return subprocess.run(
        [sys.executable, "-m", "m4d.cli", "manage", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
    )


def test_production_settings_pass_the_deployment_checks(tmp_path):
    result = deployment_check(tmp_path, M4D_BASE_URL="https://m4d.example.org")
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_deployment_checks_flag_a_wildcard_allowed_host(tmp_path):
    result = deployment_check(
        tmp_path, M4D_BASE_URL="https://m4d.example.org", M4D_ALLOWED_HOSTS="*"
    )
    assert result.returncode != 0
    assert "m4d.W001" in result.stderr


def test_the_deployment_checks_flag_e_mail_links_to_localhost(tmp_path):
    result = deployment_check(tmp_path)
    assert result.returncode != 0
    assert "m4d.W002" in result.stderr


def test_by_default_only_the_local_host_names_are_answered(client):
    assert client.get("/", HTTP_HOST="localhost:8000").status_code == 200
    assert client.get("/", HTTP_HOST="evil.example").status_code == 400
