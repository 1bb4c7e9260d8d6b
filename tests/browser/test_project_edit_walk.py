"""An editor corrects a project on its edit page, in English then in French, in real Chromium."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def log_in(page, email: str, password: str) -> None:
    page.goto("/accounts/login/")
    page.locator("input[name=login]").fill(email)
    page.locator("input[name=password]").fill(password)
    page.locator("form button[type=submit]").last.click()
    expect(page.locator("header")).to_contain_text(email)


def test_an_editor_corrects_a_project_then_sees_the_edit_page_in_french(page, live_admin):
    log_in(page, *live_admin)
    page.goto("/projects/jamaique-22/")
    page.get_by_role("link", name="Edit", exact=True).click()
    expect(page.locator("h1")).to_contain_text("Jamaïque-22")

    page.get_by_label("Title (English)").fill("Knowledge networks between Jamaica and its diaspora")
    page.get_by_label("Website").fill("https://example.org/jamaica-diaspora")
    page.get_by_role("button", name="Save").click()

    expect(page.locator(".messages")).to_be_visible()
    expect(page.locator("h1")).to_contain_text("Knowledge networks between Jamaica")
    expect(page.locator('a[href="https://example.org/jamaica-diaspora"]')).to_be_visible()

    page.get_by_role("link", name="Edit", exact=True).click()
    page.get_by_label("Countries").fill("JM, Atlantis")
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".errorlist")).to_contain_text("Atlantis")  # refused, what was typed kept
    expect(page.get_by_label("Title (English)")).to_have_value(
        "Knowledge networks between Jamaica and its diaspora"
    )

    page.locator("header .lang a[lang='fr']").click()
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.get_by_label("Site web")).to_have_value("https://example.org/jamaica-diaspora")
    expect(page.get_by_label("Titre (anglais)")).to_be_visible()
    assert page.console_errors == []
