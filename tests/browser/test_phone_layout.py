"""At phone widths, in French and English: no page scrolls sideways, the header folds into a menu
that works without JavaScript, list results come before their folded filters, each page has one
search box, and chart labels stay legible."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.test_accessibility import LOCALES, PAGES, new_page, visit

pytestmark = pytest.mark.browser

PHONE_PAGES = [
    *(path for path in PAGES if path != "first organisation"),
    "/organisations/1/",
    "/countries/map/?view=world",
    "/toolbox/risks/",
    "/toolbox/stakeholders/",
    "/toolbox/recommendations/",
    "/toolbox/cases/",
]
PHONES = pytest.mark.parametrize("width", [360, 390])


def sideways(page, width: int) -> str:
    """'' when the page fits `width`; otherwise the widest elements, to say what overflows."""
    if page.evaluate("document.documentElement.scrollWidth") <= width:
        return ""
    return page.evaluate(
        """width => [...document.querySelectorAll('main *, header *')]
            .filter(e => e.getBoundingClientRect().right > width + 1)
            .slice(-3).map(e => e.tagName.toLowerCase() + '.' + e.className).join(', ')""",
        width,
    )


@PHONES
@LOCALES
def test_no_page_scrolls_sideways_on_a_phone(browser, live_url, live_admin, locale, width):
    context, page = new_page(browser, live_url, locale, width)
    failures = []
    for path in PHONE_PAGES:
        visit(page, path, locale)
        if wide := sideways(page, width):
            failures.append(f"{path}: {wide}")
    visit(page, "/accounts/login/", locale)
    page.locator("input[name=login]").fill(live_admin[0])
    page.locator("input[name=password]").fill(live_admin[1])
    page.locator("form button[type=submit]").last.click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)
    for path in ("/accounts/profile/", "/organisations/1/edit/", "/projects/algerie-1/edit/"):
        visit(page, path, locale)
        if wide := sideways(page, width):
            failures.append(f"{path}: {wide}")
    context.close()
    assert not failures, "\n".join(failures)


@LOCALES
def test_the_phone_header_is_one_row_with_a_menu_that_opens_without_javascript(
    browser, live_url, locale
):
    context = browser.new_context(
        base_url=live_url,
        locale=locale,
        viewport={"width": 390, "height": 800},
        java_script_enabled=False,
    )
    page = context.new_page()
    visit(page, "/countries/", locale)
    navigation = page.locator("header nav")
    expect(navigation).to_be_hidden()
    header_height = page.locator("header.site").evaluate("e => e.getBoundingClientRect().height")
    assert header_height < 70
    page.locator("header summary").click()
    expect(navigation).to_be_visible()
    expect(page.locator("#site-q")).to_be_visible()
    page.locator("header nav a").first.click()
    assert page.url.endswith("/projects/")
    context.close()


def test_on_a_desktop_the_menu_is_open_and_its_toggle_hidden(browser, live_url):
    context, page = new_page(browser, live_url, "en-GB", 1280)
    visit(page, "/countries/", "en-GB")
    expect(page.locator("header nav")).to_be_visible()
    expect(page.locator("header summary")).to_be_hidden()
    visit(page, "/projects/", "en-GB")
    expect(page.locator(".facets")).to_be_visible()
    context.close()


@LOCALES
def test_on_a_phone_the_first_project_comes_before_the_folded_filters(browser, live_url, locale):
    context, page = new_page(browser, live_url, locale, 390)
    visit(page, "/projects/", locale)
    facets = page.locator(".facets")
    expect(facets).to_be_hidden()
    first = page.locator(".results > li").first
    assert first.evaluate("e => e.getBoundingClientRect().top") < 800
    page.locator("details.filters > summary").click()
    expect(facets).to_be_visible()
    context.close()


def test_each_page_has_one_search_box(browser, live_url):
    context, page = new_page(browser, live_url, "en-GB", 390)
    for path in ("/", "/projects/", "/organisations/", "/search/?q=migration", "/about/"):
        visit(page, path, "en-GB")
        assert page.locator("input[type=search]").count() == 1, path
    context.close()


@LOCALES
def test_chart_labels_are_at_least_12_px_on_a_phone(browser, live_url, locale):
    context, page = new_page(browser, live_url, locale, 360)
    visit(page, "/statistics/", locale)
    sizes = page.evaluate(
        """() => [...document.querySelectorAll('svg.bar-chart')].map(svg => {
            const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
            const text = svg.querySelector('text');
            return scale * parseFloat(getComputedStyle(text).fontSize);
        })"""
    )
    assert len(sizes) == 3
    assert min(sizes) >= 12, sizes
    context.close()
