"""A person clicks through the registry in English, then in French, in real Chromium."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def switch_language(page, code: str) -> None:
    page.locator(f"header .lang a[lang='{code}']").click()
    expect(page.locator("html")).to_have_attribute("lang", code)


def test_browse_filter_and_open_a_project_in_english(page):
    page.goto("/")
    expect(page.locator("h1")).to_contain_text("Migration and development")
    page.get_by_role("link", name="Projects", exact=True).first.click()
    expect(page.locator("h1")).to_have_text("Projects")
    # The handbook's 51 projects, and any funded plan another walk has put in the registry.
    expect(page.locator("#results")).to_contain_text(re.compile(r"\b(5[1-9]|[6-9]\d) projects"))
    listed = re.search(r"(\d+) projects", page.locator("#results").inner_text()).group(0)
    page.locator(".facets a", has_text="Financial capital").click()
    expect(page.locator("#results")).not_to_contain_text(listed)
    page.locator(".results h2 a").first.click()
    expect(page.locator("h1 .code")).to_be_visible()
    expect(page.get_by_role("heading", name="Partners", exact=True)).to_be_visible()
    page.locator(".results a").first.click()  # first partner
    expect(page.get_by_role("heading", name="Projects", exact=True)).to_be_visible()
    assert page.console_errors == []


def test_search_map_statistics_and_country_in_french(page):
    page.goto("/")
    switch_language(page, "fr")
    expect(page.locator("h1")).to_contain_text("Migration et développement")
    page.locator("#home-q").fill("equateur")
    page.locator("#home-q").press("Enter")
    expect(page.locator("#search-results")).to_contain_text("Équateur")
    page.get_by_role("link", name="Carte").first.click()
    expect(page.locator("svg")).to_be_visible()
    page.get_by_role("link", name="Statistiques").first.click()
    expect(page.locator("h1")).to_contain_text("Statistiques")
    page.get_by_role("link", name="Pays").first.click()
    page.get_by_role("link", name="Mali", exact=True).first.click()
    expect(page.locator("h1")).to_contain_text("Mali")
    expect(page.get_by_role("heading", name="Corridors migratoires")).to_be_visible()
    assert page.console_errors == []


def test_project_list_filters_without_javascript(browser, live_url):
    context = browser.new_context(base_url=live_url, java_script_enabled=False)
    page = context.new_page()
    page.goto("/projects/?q=aquaculture")
    expect(page.locator(".results")).to_contain_text("Égypte-11")
    page.locator("select[name=capital]").select_option("human")
    page.locator("form.toolbar button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"capital=human"))
    context.close()


def test_the_language_switch_keeps_the_page(page):
    page.goto("/projects/algerie-1/")
    switch_language(page, "fr")
    expect(page).to_have_url(re.compile(r"/projects/algerie-1/"))
    expect(page.get_by_role("heading", name="Partenaires", exact=True)).to_be_visible()
    switch_language(page, "en")
    expect(page.get_by_role("heading", name="Partners", exact=True)).to_be_visible()
