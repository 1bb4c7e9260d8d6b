"""A reader walks from the home page through the toolbox to a case study and its project, in English
and then in French, by clicking real links."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.browser


def walk(page, *, capital: str, section: str, option: str, case: str, project_code: str) -> None:
    page.locator("header.site nav").get_by_role(
        "link", name=re.compile("Toolbox|Boîte à outils")
    ).click()
    page.get_by_role("link", name=capital, exact=True).click()
    assert page.get_by_role("heading", level=1).inner_text() == capital
    page.get_by_role("link", name=section).first.click()
    assert section in page.get_by_role("heading", level=1).inner_text()
    page.get_by_role("link", name=option, exact=True).click()
    assert page.get_by_role("heading", level=1).inner_text() == option
    assert page.locator("#checklist li").count() >= 3
    page.get_by_role("link", name=re.compile(rf"^(Box|Encadré) 1\W+{re.escape(case)}")).click()
    assert re.search(r"/toolbox/cases/1/$", page.url)
    page.get_by_role("main").get_by_role("link", name=re.compile(project_code)).first.click()
    assert project_code in page.get_by_role("heading", level=1).inner_text()


def test_a_reader_walks_from_home_to_a_project_through_the_toolbox_in_both_languages(page):
    page.goto("/")
    walk(
        page,
        capital="Social capital",
        section="Creating networks",
        option="Virtual networking spaces",
        case="Cabo Verde multimedia centre",
        project_code="Cap-Vert-7",
    )

    page.goto("/")
    page.locator("header .lang a[lang='fr']").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "fr"
    walk(
        page,
        capital="Capital social",
        section="Création de réseaux",
        option="Espaces virtuels de mise en réseau",
        case="Centre multimédia du Cap-Vert",
        project_code="Cap-Vert-7",
    )
    assert page.console_errors == []
