"""A manager gives an organisation a logo on its edit page, sees it on the organisation's page and
removes it, on a phone, in both languages; the pages with a logo pass axe-core."""

from __future__ import annotations

import io

import pytest
from axe_playwright_python.sync_playwright import Axe
from PIL import Image
from playwright.sync_api import expect

from tests.browser.test_accessibility import LOCALES, blocking_violations, new_page, report, visit

pytestmark = pytest.mark.browser

REMOVE = {"en-GB": "Remove the logo", "fr-FR": "Retirer le logo"}


def logo_png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (1000, 500), "#1f6f8b").save(buffer, "PNG")
    return buffer.getvalue()


@LOCALES
def test_a_manager_uploads_sees_and_removes_the_logo_on_a_phone(
    browser, live_url, live_admin, locale
):
    context, page = new_page(browser, live_url, locale, 390)
    axe = Axe()
    visit(page, "/accounts/login/", locale)
    page.locator("input[name=login]").fill(live_admin[0])
    page.locator("input[name=password]").fill(live_admin[1])
    page.locator("form button[type=submit]").last.click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)
    failures = []

    visit(page, "/organisations/1/edit/", locale)
    page.locator("#id_logo").set_input_files(
        {"name": "logo.png", "mimeType": "image/png", "buffer": logo_png()}
    )
    page.locator("form.edit-form button[type=submit]").click()
    page.wait_for_url(lambda url: url.rstrip("/").endswith("/organisations/1"))
    logo = page.locator("img.organisation-logo")
    expect(logo).to_be_visible()
    name = page.locator("h1").inner_text()
    assert name.startswith(logo.get_attribute("alt") or "-")
    assert (logo.get_attribute("width"), logo.get_attribute("height")) == ("400", "200")
    assert logo.evaluate("img => img.naturalWidth") == 400  # served and decoded by the browser
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    if violations := blocking_violations(page, axe):
        failures.append(report("organisation page with a logo", violations))

    visit(page, "/organisations/1/edit/", locale)
    if violations := blocking_violations(page, axe):
        failures.append(report("edit page with a logo", violations))
    page.get_by_label(REMOVE[locale]).check()
    page.locator("form.edit-form button[type=submit]").click()
    page.wait_for_url(lambda url: url.rstrip("/").endswith("/organisations/1"))
    expect(page.locator("img.organisation-logo")).to_have_count(0)
    context.close()
    assert not failures, "\n\n".join(failures)
