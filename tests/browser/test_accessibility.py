"""Every main page passes axe-core with no serious or critical violation, in French and English, on a
desktop and on a phone. axe-core's script comes from the axe-playwright-python wheel and is injected
into the page by Playwright: nothing loads from the network."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

PAGES = [
    "/",
    "/projects/",
    "/projects/algerie-1/",
    "/organisations/",
    "first organisation",
    "/countries/",
    "/countries/ML/",
    "/countries/map/",
    "/statistics/",
    "/toolbox/",
    "/toolbox/sections/3.2/",
    "/toolbox/cases/1/",
    "/toolbox/options/2.1/virtual-networking-spaces/",
    "/toolbox/recommendations/",
    "/search/?q=migration",
    "/search/?q=remitances",  # search: "did you mean", marked snippets
    "/projects/?q=transferts+de+fonds",  # search: relevance order, marked snippets
    "/about/",
    "/accounts/login/",
    "/accounts/signup/",
]
BLOCKING = {"serious", "critical"}


def report(path: str, violations: list[dict]) -> str:
    lines = [f"{path}:"]
    for violation in violations:
        lines.append(f"  {violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"][:5]:
            lines.append(f"    {', '.join(map(str, node['target']))}: {node['failureSummary']}")
        if len(violation["nodes"]) > 5:
            lines.append(f"    … and {len(violation['nodes']) - 5} more")
    return "\n".join(lines)


def blocking_violations(page, axe: Axe) -> list[dict]:
    return [
        violation
        for violation in axe.run(page).response["violations"]
        if violation["impact"] in BLOCKING
    ]


def new_page(browser, live_url: str, locale: str, width: int):
    context = browser.new_context(
        base_url=live_url, locale=locale, viewport={"width": width, "height": 800}
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    return context, page


def visit(page, path: str, locale: str) -> None:
    response = page.goto(path)
    assert response is not None and response.ok, f"{path} answered {response and response.status}"
    assert page.locator("html").get_attribute("lang") == locale[:2]


WIDTHS = pytest.mark.parametrize("width", [1280, 360], ids=["desktop", "phone"])
LOCALES = pytest.mark.parametrize("locale", ["en-GB", "fr-FR"], ids=["en", "fr"])


@WIDTHS
@LOCALES
def test_every_main_page_has_no_serious_or_critical_axe_violation(browser, live_url, locale, width):
    context, page = new_page(browser, live_url, locale, width)
    axe = Axe()
    failures = []
    for path in PAGES:
        if path == "first organisation":
            page.goto("/organisations/")
            path = page.locator("#results tbody a").first.get_attribute("href") or ""
        visit(page, path, locale)
        if violations := blocking_violations(page, axe):
            failures.append(report(path, violations))
    context.close()
    assert not failures, "\n\n".join(failures)


@WIDTHS
@LOCALES
def test_signed_in_pages_and_a_form_showing_errors_have_no_serious_or_critical_axe_violation(
    browser, live_url, live_admin, live_import, locale, width
):
    context, page = new_page(browser, live_url, locale, width)
    axe = Axe()
    visit(page, "/accounts/login/", locale)
    page.locator("input[name=login]").fill(live_admin[0])
    page.locator("input[name=password]").fill(live_admin[1])
    page.locator("form button[type=submit]").last.click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)
    failures = []
    signed_in_pages = (
        "/accounts/profile/",
        "/projects/import/iati/",
        "/organisations/new/",
        "/organisations/1/edit/",
        "/organisations/1/members/",  # members' pages (an admin manages any organisation)
        "/organisations/1/transfer/",
        "/organisations/1/claim/",  # claims and merges
        "/organisations/claims/",
        "/organisations/1/merge/",
        "/organisations/1/merge/?into=2",
        "/projects/algerie-1/edit/",  # last: the error state below is reached from it
    )
    # An import's review and undo pages, and a project page with its IATI pre-flight.
    visit(page, "/projects/import/iati/", locale)
    links = "a[href^='/projects/import/iati/']:not([href='/projects/import/iati/'])"
    review = page.locator(links).first.get_attribute("href")
    imported = (review or "", f"{review}undo/", "/projects/algerie-1/")
    for path in imported + signed_in_pages:
        visit(page, path, locale)
        if violations := blocking_violations(page, axe):
            failures.append(report(path, violations))
    page.locator("#id_countries").fill("Atlantis")
    page.locator("form.edit-form button[type=submit]").click()
    assert page.locator("#id_countries").get_attribute("aria-invalid") == "true"
    if violations := blocking_violations(page, axe):
        failures.append(report("/projects/algerie-1/edit/ with an error", violations))
    context.close()
    assert not failures, "\n\n".join(failures)


@LOCALES
def test_the_first_tab_reaches_a_visible_skip_link_to_the_content(browser, live_url, locale):
    context, page = new_page(browser, live_url, locale, 360)
    visit(page, "/projects/", locale)
    page.keyboard.press("Tab")
    skip = page.locator("a.skip")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    expect(skip).to_have_attribute("href", "#main")
    assert skip.evaluate("element => getComputedStyle(element).outlineStyle") == "solid"
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('main') !== null")
    focused = page.locator(":focus")
    assert focused.evaluate("element => getComputedStyle(element).outlineStyle") == "solid"
    context.close()
