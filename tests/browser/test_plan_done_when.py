"""Issue 9's "Done when", walked through the pages on two phones: a newcomer signs up, creates
their organisation, starts a plan and invites a partner organisation's member, who signs up
through the e-mailed link, adds their own organisation and accepts; together they build a
complete plan for the Kayes–Montreuil corridor (one edit conflict caught and settled on the way),
read its review and fix what it flags, download the proposal in English and in French, then mark
the plan funded, record two periods of results and find it in the registry."""

from __future__ import annotations

import re
import uuid
import zipfile
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.browser.test_keyboard_walk import invitation_link
from tests.browser.test_plan_collaboration import sign_up
from tests.browser.test_plan_steps import (
    PHONE,
    add,
    create_organisation,
    main_form,
    send,
    sign_up_with_an_organisation,
)

pytestmark = pytest.mark.browser

MISSING_ASSUMPTIONS = "logframe.assumptions: 0"


def phone(browser, live_url) -> Page:
    page = browser.new_context(base_url=live_url, locale="en-GB", viewport=PHONE).new_page()
    page.set_default_timeout(60_000)  # a proposal is drawn by the worker
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.console_errors = errors  # type: ignore[attr-defined]
    return page


def click_through(page: Page, link) -> None:
    with page.expect_navigation():
        link.click()


def add_partner_from_the_directory(page: Page, pk: str, name: str, role: str) -> None:
    page.goto(f"/plans/{pk}/partnership/?find={name[:12]}")
    click_through(page, page.get_by_role("link", name=f"Add {name}"))
    add(page, "partners", role=role)


def download_the_proposal(page: Page, pk: str, language: str) -> Path:
    """Ask for the DOCX proposal, wait for its job, download it; the file's path."""
    page.goto(f"/plans/{pk}/export/")
    form = page.locator("form:has(input[name=format][value=docx])")
    form.locator(f"button[name=language][value={language}]").click()
    page.wait_for_url("**/jobs/*/")
    ready = page.locator("#job-status a[download]")
    expect(ready).to_be_visible()
    with page.expect_download() as download:
        ready.click()
    assert download.value.suggested_filename.endswith(f"-{language}.docx")
    return Path(download.value.path())


def record_actual(page: Page, value: str) -> None:
    form = page.locator("form:has(input[name=action][value=actuals])")
    form.locator("input[name^=value_]").fill(value)
    send(page, form.locator("button[type=submit]"))
    expect(page.locator(".messages")).to_contain_text("Actual values saved.")


def test_two_organisations_design_a_plan_together_until_it_is_funded_and_monitored(
    browser, live_url, live_data_dir, live_worker
):
    run = uuid.uuid4().hex[:8]
    owner_email, partner_email = f"done-owner-{run}@example.org", f"done-partner-{run}@example.org"
    kayes, montreuil = f"Jeunesse de Kayes {run}", f"Maliens de Montreuil {run}"
    title = f"Entreprendre à Kayes {run}"

    # 1. A newcomer signs up and creates their organisation (in Mali).
    owner = phone(browser, live_url)
    sign_up_with_an_organisation(owner, owner_email, kayes, "ML")

    # 2. They start a plan and invite a member of the partner organisation as an editor.
    owner.goto("/plans/new/")
    owner.get_by_label("Working title").fill(title)
    send(owner, owner.get_by_role("button", name="Create the plan"))
    pk = re.search(r"/plans/(\d+)/", owner.url).group(1)
    owner.goto(f"/plans/{pk}/people/")
    owner.get_by_label("E-mail address").fill(partner_email)
    owner.get_by_label("Role", exact=True).select_option("editor")
    send(owner, owner.get_by_role("button", name="Send the invitation"))
    expect(owner.locator(".messages")).to_contain_text(f"An invitation was sent to {partner_email}")

    # The partner opens the e-mailed link, signs up through it, adds their own organisation
    # (in France), comes back to the invitation and accepts it.
    invitation = invitation_link(live_data_dir / "server.log", partner_email, "/plans/invitations/")
    partner = phone(browser, live_url)
    partner.goto(invitation)
    expect(partner.locator("h1")).to_contain_text(title)
    click_through(partner, partner.get_by_role("link", name="Sign up to accept"))
    sign_up(partner, partner_email)
    expect(partner).to_have_url(re.compile(re.escape(invitation) + "$"))
    create_organisation(partner, montreuil, "FR")
    partner.goto(invitation)
    send(partner, partner.get_by_role("button", name="Accept the invitation"))
    expect(partner.locator(".messages")).to_contain_text("Welcome: you now work on")
    owner.goto(f"/plans/{pk}/people/")
    expect(owner.get_by_label(f"Role of {partner_email}")).to_have_value("editor")

    # 3. The context: both open it; the partner saves a summary first, so the owner's save from
    # the revision they opened is a conflict, shown side by side; the owner keeps their version.
    owner.goto(f"/plans/{pk}/context/")
    partner.goto(f"/plans/{pk}/context/")
    main_form(partner).locator("[name=main-summary]").fill("Le résumé du partenaire")
    send(partner, main_form(partner).locator("button[type=submit]:not([name=continue])"))
    expect(partner.locator(".messages")).to_be_visible()

    form = main_form(owner)
    form.locator("[name=main-summary]").fill("Des jeunes de Kayes créent leur entreprise.")
    form.locator("[name=main-origin_country]").select_option("ML")
    form.locator("[name=main-origin_locality]").fill("Kayes")
    form.locator("[name=destination-0-country]").select_option("FR")
    form.locator("[name=destination-0-locality]").fill("Montreuil")
    form.locator("[name=main-duration_months]").fill("24")
    form.locator("[name=main-budget_min]").fill("40000")
    form.locator("[name=main-migration_link]").fill("Les Soninkés de Montreuil viennent de Kayes.")
    form.locator("[name=main-link_dimensions][value=route]").check()
    expect(form.locator(".autosave-state")).to_contain_text("Conflict")
    send(owner, form.locator("button[type=submit]:not([name=continue])"))
    conflict = owner.locator("section.conflict")
    expect(conflict).to_contain_text("Le résumé du partenaire")
    expect(conflict).to_contain_text("Des jeunes de Kayes créent leur entreprise.")
    send(owner, conflict.get_by_role("button", name="Keep my version"))
    expect(owner.locator(".messages")).to_be_visible()
    partner.reload()
    expect(main_form(partner).locator("[name=main-summary]")).to_have_value(
        "Des jeunes de Kayes créent leur entreprise."
    )
    expect(main_form(partner).locator("[name=main-origin_locality]")).to_have_value("Kayes")

    # Capitals and an option of the toolbox (the owner).
    owner.goto(f"/plans/{pk}/capitals/")
    form = main_form(owner)
    form.locator("[name=main-capitals][value=financial]").check()
    form.locator("[name=main-options]").first.check()
    send(owner, form.locator("button[type=submit]:not([name=continue])"))
    expect(owner.locator("h2", has_text="Key issues to answer")).to_be_visible()

    # The partner: both organisations as partners, picked from the directory, then the
    # stakeholders and the allies.
    add_partner_from_the_directory(partner, pk, kayes, "Forme et accompagne les jeunes")
    add_partner_from_the_directory(partner, pk, montreuil, "Mobilise la diaspora")
    expect(partner.locator("#partners .entry")).to_have_count(2)
    expect(partner.locator("#partners")).to_contain_text(kayes)
    expect(partner.locator("#partners")).to_contain_text(montreuil)

    partner.goto(f"/plans/{pk}/stakeholders/")
    add(partner, "stakeholders", name="Commune de Kayes", influence="high", interest="high")
    expect(partner.locator("figure svg circle")).to_have_count(1)

    partner.goto(f"/plans/{pk}/allies/")
    add(partner, "forces", text="Épargne de la diaspora", direction="for", strength="4")
    add(partner, "allies", name="Région Île-de-France", forms=["lobbying"])
    expect(partner.locator("#allies .entry")).to_have_count(1)

    # The owner: the logical framework (no assumption yet), its work plan, and a risk with its
    # owner.
    owner.goto(f"/plans/{pk}/logframe/")
    form = main_form(owner)
    form.locator("[name=main-overall_objective]").fill("Moins de départs faute d'emploi")
    send(owner, form.locator("button[type=submit]:not([name=continue])"))
    add(owner, "results", text="Vingt entreprises créées")
    add(
        owner,
        "activities",
        text="Formation à la gestion",
        partner=kayes,
        start_month="2",
        end_month="6",
    )
    add(owner, "activities", text="Parrainage par la diaspora", partner=montreuil)
    add(
        owner,
        "indicators",
        text="Personnes formées",
        kind="quantitative",
        unit="personnes",
        baseline="0",
        target="40",
        source="Feuilles de présence",
    )
    expect(owner.locator("#work-plan svg rect.bar")).to_have_count(1)  # only one has months
    expect(owner.locator("#work-plan")).to_contain_text(kayes)

    owner.goto(f"/plans/{pk}/risks/")
    add(
        owner,
        "risks",
        text="Les jeunes formés partent quand même",
        likelihood="medium",
        impact="high",
        owner=montreuil,
        mitigation="Un parrain de la diaspora par jeune",
    )
    expect(owner.locator("#risks .entry")).to_contain_text(montreuil)

    # 4. The review flags the missing assumptions; the owner follows its link, writes one, and
    # the finding is gone.
    owner.goto(f"/plans/{pk}/review/")
    finding = owner.locator("ul.findings > li", has_text=MISSING_ASSUMPTIONS)
    expect(finding).to_have_count(1)
    click_through(owner, finding.get_by_role("link", name=re.compile("^Fix it in")))
    expect(owner).to_have_url(re.compile(rf"/plans/{pk}/logframe/"))
    form = main_form(owner)
    form.locator("[name=main-assumptions]").fill("Les transferts de la diaspora continuent")
    send(owner, form.locator("button[type=submit]:not([name=continue])"))
    owner.goto(f"/plans/{pk}/review/")
    expect(owner.locator("main")).to_contain_text("Looked at:")
    expect(owner.locator("ul.findings > li", has_text=MISSING_ASSUMPTIONS)).to_have_count(0)

    # 5. The proposal, in English for the owner and in French for the partner: DOCX files that
    # hold the plan.
    for page, language, work_plan in ((owner, "en", "Work plan"), (partner, "fr", "Chronogramme")):
        with zipfile.ZipFile(download_the_proposal(page, pk, language)) as docx:
            body = docx.read("word/document.xml").decode()
        assert title in body
        assert work_plan in body  # the headings in the language asked for
        assert "Formation à la gestion" in body

    # 6. Funded: two quarters of results on the monitoring page, and the plan in the registry.
    owner.goto(f"/plans/{pk}/monitoring/")
    click_through(owner, owner.get_by_role("link", name="Mark the plan funded"))
    send(owner, owner.get_by_role("button", name="Yes, the plan is funded"))
    expect(owner.locator(".messages")).to_contain_text("The plan is funded")
    periods = owner.locator("form:has(input[name=action][value=periods])")
    periods.locator("[name=frequency]").select_option("quarterly")
    periods.locator("[name=start]").fill("2027-01-01")
    periods.locator("[name=months]").fill("24")
    send(owner, periods.locator("button[type=submit]"))
    expect(owner.locator(".messages")).to_contain_text("Reporting periods saved.")
    expect(owner.locator("main")).to_contain_text("8 periods")

    record_actual(owner, "12")
    click_through(owner, owner.locator("ul.chips a").first)  # the second period
    record_actual(owner, "25")
    chart = owner.locator("figure.chart")
    expect(chart.locator("svg rect.bar")).to_have_count(2)
    expect(chart.locator("p[id^=summary-]")).to_contain_text(
        "Latest value (2027-04 – 2027-06): 25 personnes, target 40 personnes"
    )

    click_through(owner, owner.locator("main a[href^='/projects/']").first)
    expect(owner.locator("h1")).to_contain_text(title)
    expect(owner.locator("main")).to_contain_text(kayes)
    expect(owner.locator("main")).to_contain_text(montreuil)
    for page in (owner, partner):
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        # The conflict page answers 409 on purpose, which Chromium logs; nothing else may be.
        errors = page.console_errors  # type: ignore[attr-defined]
        assert [e for e in errors if not e.endswith("status of 409 (Conflict)")] == []
        page.context.close()
