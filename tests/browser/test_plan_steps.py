"""A newcomer builds a plan through every step on a phone, in French and in English, in real
Chromium (each step page passing axe-core with no serious or critical violation); the autosave
keeps what is typed through a lost connection."""

from __future__ import annotations

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from tests.browser.test_accessibility import blocking_violations, report

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
WORDS = {
    "en": {
        "created": "Plan created",
        "work": "Work on the plan, step by step",
        "steps": [
            "Context",
            "Capitals and activities",
            "Partnership",
            "Stakeholders",
            "Strategic allies",
            "Logical framework",
            "Risks",
        ],
        "key issues": "Key issues to answer",
        "flag": "No migrant organisation among the partners.",
        "saved": "Saved",
        "retry": "Not saved — will retry",
    },
    "fr": {
        "created": "Plan créé",
        "work": "Travailler le plan, étape par étape",
        "steps": [
            "Contexte",
            "Capitaux et activités",
            "Partenariat",
            "Parties prenantes",
            "Alliés stratégiques",
            "Cadre logique",
            "Risques",
        ],
        "key issues": "Questions clés à traiter",
        "flag": "Aucune organisation de migrants parmi les partenaires.",
        "saved": "Enregistré",
        "retry": "Non enregistré — nouvel essai bientôt",
    },
}


AXE = Axe()


def fits_the_phone(page: Page) -> None:
    """No sideways scrolling, and nothing axe-core calls serious or critical."""
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{page.url} scrolls sideways ({width}px)"
    violations = blocking_violations(page, AXE)
    assert not violations, report(page.url, violations)


def sign_up_with_an_organisation(
    page: Page, email: str, organisation: str, country: str = "FR"
) -> None:
    page.goto("/accounts/signup/")
    page.locator("input[name=email]").fill(email)
    page.locator("input[name=password1]").fill("a planner's pass phrase")
    page.locator("input[name=password2]").fill("a planner's pass phrase")
    page.locator("form button[type=submit]").last.click()
    expect(page.locator("header")).to_contain_text(email)
    create_organisation(page, organisation, country)


def create_organisation(page: Page, name: str, country: str = "FR") -> None:
    """The signed-in person adds their organisation (a migrant association) to the directory."""
    page.goto("/organisations/new/")
    page.locator("[name=name]").fill(name)
    page.locator("[name=type]").select_option("migrant_association")
    page.locator("[name=country]").fill(country)
    page.locator("form.edit-form button[type=submit]").click()
    expect(page.locator("h1")).to_contain_text(name)


def main_form(page: Page):
    return page.locator("form:has(input[name=action][value=main])")


def send(page: Page, button) -> None:
    """Press a form's button and wait for the page answering it (which may come after an
    autosave under way)."""
    with page.expect_navigation():
        button.click()


def add(page: Page, collection: str, **fields: str | list[str]) -> None:
    """Open the list's "add" form, fill it in and send it."""
    box = page.locator(f"#add-{collection}")
    if box.get_attribute("open") is None:
        box.locator("summary").click()
    for name, value in fields.items():
        field = box.locator(f"[name={collection}-{name}]")
        if isinstance(value, list):
            for one in value:
                box.locator(f"[name={collection}-{name}][value={one}]").check()
        elif field.first.evaluate("f => f.tagName") == "SELECT":
            field.select_option(value)
        elif field.first.get_attribute("type") == "radio":
            box.locator(f"[name={collection}-{name}][value={value}]").check()
        else:
            field.fill(value)
    send(page, box.locator("button[type=submit]"))
    expect(page.locator(".messages")).to_be_visible()


@pytest.mark.parametrize("language", ["en", "fr"])
def test_a_newcomer_builds_a_plan_through_every_step_on_a_phone(browser, live_url, language):
    words = WORDS[language]
    context = browser.new_context(
        base_url=live_url, locale="en-GB" if language == "en" else "fr-FR", viewport=PHONE
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    sign_up_with_an_organisation(
        page, f"planner-{language}@example.org", f"Association Kayes-Montreuil {language}"
    )

    page.goto("/plans/new/")
    page.locator("[name=title]").fill("Jeunes entrepreneurs de Kayes")
    page.locator("form.edit-form button[type=submit]").click()
    expect(page.locator(".messages")).to_contain_text(words["created"])
    fits_the_phone(page)
    page.get_by_role("link", name=words["work"]).click()

    # 1. Context, then "save and continue" (the guided path).
    expect(page.locator("h1")).to_have_text(words["steps"][0])
    form = main_form(page)
    form.locator("[name=main-summary]").fill("Des jeunes de Kayes créent leur entreprise.")
    form.locator("[name=main-origin_country]").select_option("ML")
    form.locator("[name=main-origin_locality]").fill("Kayes")
    form.locator("[name=destination-0-country]").select_option("FR")
    form.locator("[name=destination-0-locality]").fill("Montreuil")
    form.locator("[name=main-duration_months]").fill("24")
    form.locator("[name=main-budget_min]").fill("40000")
    form.locator("[name=main-migration_link]").fill("Les Soninkés de Montreuil viennent de Kayes.")
    form.locator("[name=main-link_dimensions][value=route]").check()
    fits_the_phone(page)
    send(page, form.locator("button[name=continue]"))

    # 2. Capitals and options: the option's key issues come in as a checklist.
    expect(page.locator("h1")).to_have_text(words["steps"][1])
    form = main_form(page)
    form.locator("[name=main-capitals][value=financial]").check()
    form.locator("[name=main-options]").first.check()
    send(page, form.locator("button[type=submit]:not([name=continue])"))
    expect(page.locator("h2", has_text=words["key issues"])).to_be_visible()
    fits_the_phone(page)
    send(page, main_form(page).locator("button[name=continue]"))

    # 3. Partnership: two partners, then its flags.
    expect(page.locator("h1")).to_have_text(words["steps"][2])
    add(page, "partners", name="ADK Kayes", country="ML", role="Formation")
    add(page, "partners", name="Mairie de Montreuil", country="FR", role="Accueil")
    expect(page.locator("#partners .entry")).to_have_count(2)
    expect(page.locator(".flags")).to_contain_text(words["flag"])
    fits_the_phone(page)
    page.locator("a[rel=next]").click()

    # 4. Stakeholders and their chart.
    expect(page.locator("h1")).to_have_text(words["steps"][3])
    add(page, "stakeholders", name="Commune de Kayes", influence="high", interest="high")
    expect(page.locator("figure svg circle")).to_have_count(1)
    fits_the_phone(page)
    page.locator("a[rel=next]").click()

    # 5. Allies: the force field and an ally.
    expect(page.locator("h1")).to_have_text(words["steps"][4])
    add(page, "forces", text="Épargne de la diaspora", direction="for", strength="4")
    add(page, "forces", text="Frais bancaires", direction="against", strength="2")
    add(page, "allies", name="Région Île-de-France", forms=["lobbying"])
    expect(page.locator("figure svg rect")).to_have_count(2)
    fits_the_phone(page)
    page.locator("a[rel=next]").click()

    # 6. Logical framework: objectives, a result, an activity on the work plan, an indicator.
    expect(page.locator("h1")).to_have_text(words["steps"][5])
    form = main_form(page)
    form.locator("[name=main-overall_objective]").fill("Moins de départs faute d'emploi")
    form.locator("[name=main-assumptions]").fill("Les transferts continuent")
    send(page, form.locator("button[type=submit]:not([name=continue])"))
    add(page, "results", text="Vingt entreprises créées")
    add(page, "activities", text="Formation", start_month="2", end_month="6")
    add(page, "indicators", text="Personnes formées", kind="quantitative", target="40")
    expect(page.locator("#work-plan svg rect.bar")).to_have_count(1)
    fits_the_phone(page)
    page.locator("a[rel=next]").click()

    # 7. Risks: the handbook's four types, on the heat map.
    expect(page.locator("h1")).to_have_text(words["steps"][6])
    page.locator("form:has(input[value=seed-risks]) button").click()
    expect(page.locator("#risks .entry")).to_have_count(4)
    fits_the_phone(page)
    page.locator("a[rel=next]").click()

    # The overview shows each step's progress.
    expect(page).to_have_url(re.compile(r"/plans/\d+/$"))
    expect(page.locator(".step-nav li")).to_have_count(9)
    fits_the_phone(page)
    assert errors == []
    context.close()


def test_the_autosave_keeps_what_is_typed_through_a_lost_connection(browser, live_url):
    context = browser.new_context(base_url=live_url, locale="en-GB", viewport=PHONE)
    page = context.new_page()
    page.set_default_timeout(15_000)
    sign_up_with_an_organisation(page, "autosaver@example.org", "Autosave association")
    page.goto("/plans/new/")
    page.locator("[name=title]").fill("Autosaved plan")
    page.locator("form.edit-form button[type=submit]").click()
    page.get_by_role("link", name=WORDS["en"]["work"]).click()
    plan_step = page.url

    form = main_form(page)
    state = form.locator(".autosave-state")
    form.locator("[name=main-summary]").fill("Typed while online")
    expect(state).to_have_text(WORDS["en"]["saved"])

    context.set_offline(True)
    form.locator("[name=main-summary]").fill("Typed while offline")
    form.locator("[name=main-target_groups]").fill("Young people")
    expect(state).to_have_text(WORDS["en"]["retry"])
    context.set_offline(False)
    page.evaluate("window.dispatchEvent(new Event('online'))")
    expect(state).to_have_text(WORDS["en"]["saved"])

    page.goto(plan_step)
    expect(main_form(page).locator("[name=main-summary]")).to_have_value("Typed while offline")
    expect(main_form(page).locator("[name=main-target_groups]")).to_have_value("Young people")
    context.close()


def test_an_edit_conflict_shows_both_versions_and_keeping_mine_saves_it(browser, live_url):
    context = browser.new_context(base_url=live_url, locale="en-GB", viewport=PHONE)
    mine = context.new_page()
    mine.set_default_timeout(15_000)
    sign_up_with_an_organisation(mine, "conflicted@example.org", "Conflict association")
    mine.goto("/plans/new/")
    mine.locator("[name=title]").fill("Conflicted plan")
    mine.locator("form.edit-form button[type=submit]").click()
    mine.get_by_role("link", name=WORDS["en"]["work"]).click()
    theirs = context.new_page()
    theirs.goto(mine.url)

    main_form(theirs).locator("[name=main-summary]").fill("Their summary")
    send(theirs, main_form(theirs).locator("button[type=submit]:not([name=continue])"))
    expect(theirs.locator(".messages")).to_be_visible()

    form = main_form(mine)
    form.locator("[name=main-summary]").fill("My summary")
    expect(form.locator(".autosave-state")).to_contain_text("Conflict")
    send(mine, form.locator("button[type=submit]:not([name=continue])"))
    conflict = mine.locator("section.conflict")
    expect(conflict).to_contain_text("Their summary")
    expect(conflict).to_contain_text("My summary")
    fits_the_phone(mine)
    conflict.get_by_role("button", name="Keep my version").click()
    expect(mine.locator(".messages")).to_be_visible()
    theirs.reload()
    expect(main_form(theirs).locator("[name=main-summary]")).to_have_value("My summary")
    assert mine.evaluate("window.localStorage.length") == 0  # the step is settled: no draft left
    context.close()
