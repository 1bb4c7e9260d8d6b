"""Two people build one plan: its owner invites a colleague, who signs up through the e-mailed
link (at phone width) and accepts; both save the same step from the same revision, so the second
save is refused as a conflict and nothing is overwritten; the colleague mentions the owner in a
comment; the owner restores the colleague's version from the history. The step pages belong to
the steps helper, so the two edits are saved with `services.save_step` in the live server's
database (a `m4d manage shell` on its data directory)."""

from __future__ import annotations

import re
import subprocess
import sys
import uuid

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.browser.conftest import _server_env
from tests.browser.test_accessibility import blocking_violations, report
from tests.browser.test_keyboard_walk import invitation_link

pytestmark = pytest.mark.browser

PASSWORD = "a collaboration pass phrase"

EDITS = """
from m4d.accounts.models import User
from m4d.plans import services
from m4d.plans.models import Plan

plan = Plan.objects.get(pk={pk})
owner, colleague = User.objects.get(email="{owner}"), User.objects.get(email="{colleague}")
opened = plan.steps.get(step="context")
data = dict(opened.data)
services.save_step(plan, "context", {{**data, "summary": "The colleague's summary"}},
                   by=colleague, base_revision=opened.revision)
try:
    services.save_step(plan, "context", {{**data, "summary": "The owner's summary"}},
                       by=owner, base_revision=opened.revision)
except services.StepConflict as conflict:
    print("conflict", conflict.current.data["summary"], "|", conflict.submitted["summary"])
    # The owner chooses their own text, now knowing the colleague's.
    services.save_step(plan, "context", conflict.submitted, by=owner,
                       base_revision=conflict.current.revision)
print("summary", plan.steps.get(step="context").data["summary"])
"""


def sign_up(page, email: str) -> None:
    page.locator("input[name=email]").fill(email)
    page.locator("input[name=password1]").fill(PASSWORD)
    page.locator("input[name=password2]").fill(PASSWORD)
    page.locator("form button[type=submit]").last.click()
    expect(page.locator("header")).to_contain_text(email)


def test_an_invited_colleague_edits_the_plan_a_conflict_is_caught_and_a_version_restored(
    browser, live_url, live_data_dir
):
    run = uuid.uuid4().hex[:8]
    owner, colleague = f"plan-owner-{run}@example.org", f"plan-colleague-{run}@example.org"
    desk = browser.new_context(base_url=live_url, locale="en-GB")
    page = desk.new_page()
    page.set_default_timeout(10_000)
    page.goto("/accounts/signup/")
    sign_up(page, owner)
    page.goto("/organisations/new/")
    page.locator("input[name=name]").fill(f"Kayes Youth {run}")
    page.locator("input[name=country]").fill("Mali")
    page.locator("form.edit-form button[type=submit]").click()
    page.goto("/plans/new/")
    page.get_by_label("Working title").fill(f"Kayes–Montreuil {run}")
    page.get_by_role("button", name="Create the plan").click()
    pk = re.search(r"/plans/(\d+)/", page.url).group(1)

    page.goto(f"/plans/{pk}/people/")
    page.get_by_label("E-mail address").fill(colleague)
    page.get_by_label("Role", exact=True).select_option("editor")
    page.get_by_role("button", name="Send the invitation").click()
    expect(page.locator(".messages")).to_contain_text(f"An invitation was sent to {colleague}")

    path = invitation_link(live_data_dir / "server.log", colleague, "/plans/invitations/")
    phone = browser.new_context(
        base_url=live_url, locale="en-GB", viewport={"width": 390, "height": 800}
    )
    mobile = phone.new_page()
    mobile.set_default_timeout(10_000)
    mobile.goto(path)
    expect(mobile.locator("h1")).to_contain_text(f"Kayes–Montreuil {run}")
    mobile.get_by_role("link", name="Sign up to accept").click()
    sign_up(mobile, colleague)
    expect(mobile).to_have_url(re.compile(re.escape(path) + "$"))
    mobile.get_by_role("button", name="Accept the invitation").click()
    expect(mobile.locator(".messages")).to_contain_text("Welcome: you now work on")
    assert mobile.evaluate("document.documentElement.scrollWidth") <= 390

    edits = subprocess.run(
        [sys.executable, "-m", "m4d.cli", "manage", "shell", "-c"]
        + [EDITS.format(pk=pk, owner=owner, colleague=colleague)],
        env=_server_env(live_data_dir),
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    assert "conflict The colleague's summary | The owner's summary" in edits
    assert "summary The owner's summary" in edits

    mobile.goto(f"/plans/{pk}/comments/?step=context")
    mobile.get_by_role("textbox", name="Comment").fill(
        f"@{owner} I prefer my summary: see the history."
    )
    mobile.get_by_role("button", name="Post the comment").click()
    expect(mobile.locator("#comments-context")).to_contain_text("I prefer my summary")

    page.goto(f"/plans/{pk}/history/?step=context")
    expect(page.locator("header")).to_contain_text("1 notification")
    rows = page.locator("tbody tr")
    expect(rows.first).to_contain_text(owner)
    expect(rows.nth(1)).to_contain_text(colleague)
    page.get_by_role("link", name="What revision 3 changed").click()
    expect(page.locator("#main")).to_contain_text("The colleague's summary")
    page.goto(f"/plans/{pk}/history/?step=context")
    page.get_by_role("link", name="Restore revision 2").click()
    expect(page.locator("h1")).to_have_text("Restore a version")
    page.get_by_role("button", name="Restore revision 2").click()
    expect(page.locator(".messages")).to_contain_text("Context is back as it was at revision 2.")
    expect(page.locator("tbody tr").first).to_contain_text("Restored revision 2")

    page.goto(f"/plans/{pk}/history/context/compare/")
    expect(page.locator("#main")).to_contain_text("From revision 3 to revision 4.")
    expect(page.locator("ins").first).to_have_text("The colleague's summary")

    # The collaboration pages: no serious accessibility violation, nothing wider than a phone.
    axe, failures = Axe(), []
    version = f"/plans/{pk}/history/?step=context"
    mobile.goto(version)
    restore = mobile.get_by_role("link", name="Restore revision 1").get_attribute("href")
    for path in (
        f"/plans/{pk}/people/",
        version,
        f"/plans/{pk}/history/context/compare/?a=1&b=4",
        restore,
        f"/plans/{pk}/comments/",
        "/plans/notifications/",
    ):
        for viewer in (page, mobile):
            viewer.goto(path)
            if violations := blocking_violations(viewer, axe):
                failures.append(report(path, violations))
        assert mobile.evaluate("document.documentElement.scrollWidth") <= 390, path
    assert not failures, "\n\n".join(failures)
    desk.close()
    phone.close()
