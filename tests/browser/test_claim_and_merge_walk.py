"""A newcomer claims a directory entry in French, an administrator approves it in English and then
merges a duplicate into it and undoes the merge, in real Chromium at phone width."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

CLAIMED, DUPLICATE = 10, 11  # shipped records the other browser tests leave alone


def log_in(page, email: str, password: str) -> None:
    page.goto("/accounts/login/")
    page.locator("input[name=login]").fill(email)
    page.locator("input[name=password]").fill(password)
    page.locator("form button[type=submit]").last.click()
    expect(page.locator("header")).to_contain_text(email)


def test_a_claim_is_sent_approved_and_a_duplicate_merged_then_restored(
    browser, live_url, live_admin
):
    newcomer = browser.new_context(
        base_url=live_url, locale="fr-FR", viewport={"width": 390, "height": 800}
    )
    page = newcomer.new_page()
    page.goto("/accounts/signup/")
    page.locator("input[name=email]").fill("claimant@example.org")
    page.locator("input[name=password1]").fill("a claimant pass phrase")
    page.locator("input[name=password2]").fill("a claimant pass phrase")
    page.locator("form button[type=submit]").last.click()
    expect(page.locator("header")).to_contain_text("claimant@example.org")

    page.goto(f"/organisations/{CLAIMED}/")
    page.get_by_role("link", name="Revendiquer cette organisation").click()
    page.get_by_label("Votre message aux éditeurs").fill("Je préside cette organisation.")
    page.get_by_role("button", name="Envoyer ma demande").click()
    expect(page.locator(".messages")).to_contain_text("Votre demande a été envoyée")
    expect(page.get_by_role("link", name="Retirer ma demande")).to_be_visible()

    editor = browser.new_context(base_url=live_url, locale="en-GB")
    admin = editor.new_page()
    log_in(admin, *live_admin)
    admin.goto("/organisations/claims/")
    admin.locator("#main ul.results a").first.click()
    expect(admin.locator("blockquote")).to_contain_text("Je préside cette organisation.")
    admin.get_by_role("button", name="Approve: the claimant becomes an owner").click()
    expect(admin.locator(".messages")).to_contain_text("Approved")

    page.goto(f"/organisations/{CLAIMED}/")
    expect(page.locator("#main")).to_contain_text("Propriétaire")

    admin.goto(f"/organisations/{DUPLICATE}/merge/?into={CLAIMED}")
    expect(admin.locator("h2").first).to_contain_text("Kept record")
    admin.get_by_role("button", name=re.compile("^Merge into")).click()
    expect(admin).to_have_url(re.compile(f"/organisations/{CLAIMED}/$"))
    admin.goto(f"/organisations/{DUPLICATE}/")
    expect(admin).to_have_url(re.compile(f"/organisations/{CLAIMED}/$"))  # the old address leads on
    admin.get_by_role("link", name=re.compile("^Undo the merge of")).click()
    admin.get_by_role("button", name="Undo the merge").click()
    expect(admin).to_have_url(re.compile(f"/organisations/{DUPLICATE}/$"))
    expect(admin.locator(".messages")).to_contain_text("The merge was undone")
    editor.close()
    newcomer.close()
