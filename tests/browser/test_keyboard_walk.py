"""Keyboard only (Tab, Enter, typing): a newcomer signs up, creates an organisation and invites a
colleague, in English; the colleague opens the e-mailed link as a new visitor, signs up through
it and lands as a member, in French. The live server's e-mails go to its console, i.e. its log."""

from __future__ import annotations

import re
import time
import uuid

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.browser.test_accessibility import blocking_violations, report

pytestmark = pytest.mark.browser

PASSWORD = "a keyboard walk pass phrase"
FOCUSED = """() => {
  const e = document.activeElement;
  return {text: (e.innerText || e.value || "").trim(), name: e.getAttribute("name") || ""};
}"""


def tab_to(page, *, text: str | None = None, name: str | None = None, limit: int = 120) -> None:
    """Press Tab until the focused element shows `text` or has the form name `name`."""
    seen = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if (text is not None and focused["text"] == text) or (
            name is not None and focused["name"] == name
        ):
            return
        seen.append(focused["text"][:30] or focused["name"])
    raise AssertionError(f"Tab never reached {text or name!r}; went through {seen}")


def enter(page) -> None:
    """Press Enter on a link or in a form, and wait for the page it leads to."""
    with page.expect_navigation():
        page.keyboard.press("Enter")


def type_into(page, name: str, value: str) -> None:
    tab_to(page, name=name)
    page.keyboard.type(value)


def sign_up(page, email: str, link_text: str) -> None:
    tab_to(page, text=link_text)
    enter(page)
    assert "/accounts/signup/" in page.url
    type_into(page, "email", email)
    type_into(page, "password1", PASSWORD)
    type_into(page, "password2", PASSWORD)
    enter(page)
    assert "/accounts/signup/" not in page.url


def invitation_link(log_path, email: str, under: str = "/organisations/invitations/") -> str:
    """The path (below `under`) of the last invitation e-mailed to `email`, read from the
    server's console."""
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        text = log_path.read_text(errors="replace")
        mails = [m for m in text.split("Subject: ") if f"To: {email}" in m]
        if mails:
            found = re.search(rf"https?://[^/\s]+({re.escape(under)}\S+/)", mails[-1])
            if found:
                return found.group(1)
        time.sleep(0.2)
    raise AssertionError(f"no invitation e-mail to {email} in the server's log")


def test_sign_up_create_an_organisation_and_invite_a_member_with_the_keyboard_only(
    browser, live_url, live_data_dir
):
    run = uuid.uuid4().hex[:8]
    founder, colleague = f"founder-{run}@example.org", f"colleague-{run}@example.org"
    context = browser.new_context(base_url=live_url, locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(10_000)

    page.goto("/")
    sign_up(page, founder, "Sign up")
    expect(page.locator("header")).to_contain_text(founder)

    tab_to(page, text="Organisations")
    enter(page)
    tab_to(page, text="Add your organisation")
    enter(page)
    type_into(page, "name", f"Keyboard Collective {run}")
    type_into(page, "country", "Senegal")
    enter(page)
    expect(page.locator("h1")).to_have_text(f"Keyboard Collective {run}")
    expect(page.locator(".messages")).to_contain_text("you are its owner")

    tab_to(page, text="Manage the members and invitations")
    enter(page)
    type_into(page, "email", colleague)
    tab_to(page, name="language")
    page.keyboard.type("Fr")  # a focused select picks the option typed
    tab_to(page, text="Send the invitation")
    enter(page)
    expect(page.locator(".messages")).to_contain_text(f"An invitation was sent to {colleague}")
    expect(page.locator("#invitations + ul")).to_contain_text(colleague)
    context.close()

    path = invitation_link(live_data_dir / "server.log", colleague)
    visitor = browser.new_context(
        base_url=live_url, locale="fr-FR", viewport={"width": 390, "height": 800}
    )
    page = visitor.new_page()
    page.set_default_timeout(10_000)
    page.goto(path)
    expect(page.locator("h1")).to_contain_text(f"Keyboard Collective {run}")
    assert not (found := blocking_violations(page, Axe())), report(path, found)
    sign_up(page, colleague, "S’inscrire pour accepter")
    assert "/organisations/invitations/" in page.url
    tab_to(page, text="Accepter l’invitation")
    enter(page)

    expect(page.locator(".messages")).to_contain_text("vous agissez désormais pour")
    expect(page.locator("h1")).to_have_text(f"Keyboard Collective {run}")
    expect(page.locator("main")).to_contain_text(founder)  # members see the members
    expect(page.locator("main")).to_contain_text("Quitter cette organisation")
    visitor.close()
