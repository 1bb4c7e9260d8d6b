"""A plan's owner reads its review on a phone, in both languages, answers a guided question and
sees it saved; the review page passes axe-core and does not scroll sideways."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.browser.conftest import _server_env
from tests.browser.test_accessibility import LOCALES, blocking_violations, new_page, report, visit

pytestmark = pytest.mark.browser

TEXT = {
    "en-GB": {"title": "Review", "blocked": "The plan is not ready", "saved": "Answers saved"},
    "fr-FR": {
        "title": "Revue",
        "blocked": "Le plan n’est pas prêt",
        "saved": "Réponses enregistrées",
    },
}


OWNER = ("plan-review-walk@example.org", "a plan review walk pass phrase")


@pytest.fixture(scope="module")
def plan_owner(live_url, live_data_dir) -> tuple[str, str]:
    """An account of its own (made with the command line), so that the organisations it starts
    leave the other walks' administrator as it was."""
    subprocess.run(
        [
            sys.executable,
            "-m",
            "m4d.cli",
            "createadmin",
            "--email",
            OWNER[0],
            "--password",
            OWNER[1],
        ],
        env=_server_env(live_data_dir),
        check=True,
        capture_output=True,
    )
    return OWNER


@LOCALES
def test_the_owner_reads_the_review_and_answers_a_guided_question_on_a_phone(
    browser, live_url, plan_owner, locale
):
    context, page = new_page(browser, live_url, locale, 390)
    visit(page, "/accounts/login/", locale)
    page.locator("input[name=login]").fill(plan_owner[0])
    page.locator("input[name=password]").fill(plan_owner[1])
    page.locator("form button[type=submit]").last.click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)

    # A plan belongs to an organisation: the administrator starts one, then the plan.
    visit(page, "/organisations/new/", locale)
    page.locator("input[name=name]").fill(f"Review walk association {locale}")
    page.locator("select[name=type]").select_option("migrant_association")
    page.locator("input[name=country]").fill("FR")
    page.locator("form.edit-form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/organisations/\d+/$"))
    visit(page, "/plans/new/", locale)
    page.locator("input[name=title]").fill(f"Kayes–Montreuil {locale}")
    page.locator("#id_organisation").select_option(label=f"Review walk association {locale}")
    page.locator("form.edit-form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/plans/\d+/$"))
    review_url = page.url + "review/"

    visit(page, review_url, locale)
    text = TEXT[locale]
    expect(page.locator("h1")).to_have_text(text["title"])
    expect(page.locator("#readiness-title ~ p").nth(1)).to_contain_text(text["blocked"])
    expect(page.locator("#findings-blocker ~ ul li").first).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    failures = []
    if violations := blocking_violations(page, Axe()):
        failures.append(report("review page", violations))

    answer = "Avec le réseau FORIM, deux fois par an."
    page.locator("textarea[name=lessons]").fill(answer)
    page.locator("#questions form button[type=submit]").click()
    page.wait_for_url(review_url)
    expect(page.locator(".messages")).to_contain_text(text["saved"])
    expect(page.locator("textarea[name=lessons]")).to_have_value(answer)
    context.close()
    assert not failures, "\n\n".join(failures)
