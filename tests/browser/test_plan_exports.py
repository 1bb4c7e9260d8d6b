"""A plan's owner downloads each export on a phone, in French and in English: Markdown and IATI at
once, the DOCX and PDF proposals after their job (run by a real worker) reports progress."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.browser.conftest import _env
from tests.browser.test_accessibility import LOCALES, blocking_violations, new_page, report, visit

pytestmark = pytest.mark.browser

EMAIL, PASSWORD = "planner@example.org", "a planner's pass phrase"
SET_UP = f"""
from allauth.account.models import EmailAddress
from m4d.accounts.models import User
from m4d.organisations.models import Membership, Organisation
from m4d.places.models import Country
from m4d.plans.exports.large import large_plan
from m4d.plans.services import create_plan
user = User.objects.create_user(email="{EMAIL}", password="{PASSWORD}")
EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
organisation = Organisation.objects.create(
    key="matam-planners", name="Association des Planificateurs de Matam",
    country=Country.objects.get(iso2="SN"), source=Organisation.Source.EDITOR,
)
Membership.objects.create(user=user, organisation=organisation, role=Membership.Role.OWNER)
document = large_plan(partners=4, activities=6, indicators=8, periods=2, results=2)
plan = create_plan(by=user, organisation=organisation, title="", document=document)
print(plan.pk)
"""


@pytest.fixture(scope="module")
def live_plan(live_url, live_data_dir) -> int:
    """A complete plan of a signed-up person on the live server, made by its own services."""
    done = subprocess.run(
        [sys.executable, "-m", "m4d.cli", "manage", "shell", "-c", SET_UP],
        env=_env(live_data_dir),
        check=True,
        capture_output=True,
        text=True,
    )
    return int(done.stdout.strip().splitlines()[-1])


def _sign_in(page, locale: str) -> None:
    visit(page, "/accounts/login/", locale)
    page.locator("input[name=login]").fill(EMAIL)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("form button[type=submit]").last.click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)


@LOCALES
def test_the_owner_downloads_every_export_on_a_phone(
    browser, live_url, live_plan, live_worker, locale
):
    language = locale[:2]
    context, page = new_page(browser, live_url, locale, 390)
    page.set_default_timeout(60_000)  # a proposal is drawn by the worker
    axe = Axe()
    failures = []
    _sign_in(page, locale)
    exports = f"/plans/{live_plan}/export/"
    visit(page, exports, locale)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    if violations := blocking_violations(page, axe):
        failures.append(report("plan exports", violations))

    for fmt, start in (("md", b"# "), ("iati", b"<?xml")):
        link = page.locator(f"a[href$='/export/{fmt}/?language={language}']")
        with page.expect_download() as download:
            link.click()
        assert download.value.suggested_filename.endswith(
            f"-{language}.{'xml' if fmt == 'iati' else fmt}"
        )
        assert Path(download.value.path()).read_bytes().startswith(start)

    for fmt, start in (("docx", b"PK"), ("pdf", b"%PDF")):
        visit(page, exports, locale)
        form = page.locator(f"form:has(input[name=format][value={fmt}])")
        form.locator(f"button[name=language][value={language}]").click()
        page.wait_for_url("**/jobs/*/")
        ready = page.locator("#job-status a[download]")
        expect(ready).to_be_visible()
        if fmt == "docx" and (violations := blocking_violations(page, axe)):
            failures.append(report("export job", violations))
        with page.expect_download() as download:
            ready.click()
        assert download.value.suggested_filename.endswith(f"-{language}.{fmt}")
        assert Path(download.value.path()).read_bytes().startswith(start)

    visit(page, exports, locale)
    assert page.locator("main li a[href*='/export/jobs/']").count() >= 2  # recent exports
    context.close()
    assert not failures, "\n".join(failures)
