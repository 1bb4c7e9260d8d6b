"""Every plan URL and API endpoint × every persona of the `team` fixture: alice owns the plan, dana
edits it, erin comments, frank reads, gina (another organisation) is not on it, and anonymous
visitors. A stranger is told the plan does not exist (404), someone on it who may not do this
gets 403, a visitor is sent to log in (pages) or gets 401 (API).

One row per URL and method in `CASES`: a new plan URL is one more line."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.core.cache import cache
from django.urls import resolve, reverse

from m4d.api import api as ninja_api
from m4d.plans import monitoring
from m4d.plans.models import Plan
from tests.plans.test_collab_permissions import CASES as COLLABORATION_CASES

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("quick_passwords")]

PERSONAS = ("owner", "editor", "commenter", "reader", "outsider", "anonymous")
LOGIN = "login"
Expected = dict[str, int | str]


def signed_in(status: int) -> Expected:
    return {**dict.fromkeys(PERSONAS[:-1], status), "anonymous": LOGIN}


def collaborators(status: int) -> Expected:
    """Everyone on the plan; a stranger does not see it."""
    return {**dict.fromkeys(PERSONAS[:4], status), "outsider": 404, "anonymous": LOGIN}


def writers(status: int) -> Expected:
    """Owners and editors; commenters and readers see the plan but may not change it."""
    return {**collaborators(403), "owner": status, "editor": status}


def owners(status: int) -> Expected:
    return {**collaborators(403), "owner": status}


def api(expected: Expected) -> Expected:
    """The API answers a visitor 401 rather than a redirect to the login page."""
    return {name: 401 if want == LOGIN else want for name, want in expected.items()}


@dataclass(frozen=True)
class Case:
    method: str
    url: Callable[[Plan], str]
    expected: Expected
    data: dict[str, Any] | None = None
    json: bool = False  # send `data` as a JSON body
    funded: bool = False  # on a plan already marked funded


def of_plan(name: str) -> Callable[[Plan], str]:
    return lambda plan: reverse(f"plans:{name}", kwargs={"pk": plan.pk})


def api_url(path: str) -> Callable[[Plan], str]:
    return lambda plan: "/api/plans" + path.format(id=plan.pk)


PERIODS = {"action": "periods", "frequency": "monthly", "start": "2027-01-01", "months": 3}

CASES: dict[str, Case] = {
    "list": Case("get", lambda plan: reverse("plans:list"), signed_in(200)),
    # An empty form is shown again with its errors; only alice's organisation matters for her.
    "create": Case("get", lambda plan: reverse("plans:create"), signed_in(200)),
    "create, sent empty": Case("post", lambda plan: reverse("plans:create"), signed_in(200), {}),
    "detail": Case("get", of_plan("detail"), collaborators(200)),
    "monitoring": Case("get", of_plan("monitoring"), collaborators(200)),
    # Before funding a write is sent back with its message; once funded it is saved.
    "monitoring, write before funding": Case("post", of_plan("monitoring"), writers(302), PERIODS),
    "monitoring, periods": Case("post", of_plan("monitoring"), writers(302), PERIODS, funded=True),
    "monitoring, funded": Case("get", of_plan("monitoring"), collaborators(200), funded=True),
    "mark funded": Case("get", of_plan("funded"), owners(200)),
    "mark funded, confirmed": Case("post", of_plan("funded"), owners(302)),
    "registry update": Case("get", of_plan("registry"), signed_in(405)),
    "registry update, sent": Case("post", of_plan("registry"), owners(302), funded=True),
    # A step page (tests/plans/test_step_pages.py): everyone on the plan reads it, owners and
    # editors write (a POST with no revision to build on is refused as a bad request).
    "step": Case(
        "get",
        lambda plan: reverse("plans:step", kwargs={"pk": plan.pk, "step": "partnership"}),
        collaborators(200),
    ),
    "step, sent": Case(
        "post",
        lambda plan: reverse("plans:step", kwargs={"pk": plan.pk, "step": "partnership"}),
        writers(400),
        {"action": "main", "base_revision": "none"},
    ),
    # The review (tests/plans/test_review_page.py): guided answers are written by owners and
    # editors; an empty answer sheet is saved as such (302).
    "review": Case("get", of_plan("review"), collaborators(200)),
    "review, answers sent": Case("post", of_plan("review"), writers(302), {"base_revision": 1}),
    "API review": Case("get", api_url("/{id}/review"), api(collaborators(200))),
    # Exports (tests/plans/test_export_pages.py): anyone on the plan exports; the Markdown at once.
    "export": Case("get", of_plan("export"), collaborators(200)),
    "export, Markdown sent": Case(
        "post", of_plan("export"), collaborators(200), {"format": "md", "language": "en"}
    ),
    "export download": Case(
        "get",
        lambda plan: reverse("plans:export_download", kwargs={"pk": plan.pk, "fmt": "md"}),
        collaborators(200),
    ),
    "API export": Case("get", api_url("/{id}/export?format=md"), api(collaborators(200))),
    "API list": Case("get", api_url(""), api(signed_in(200))),
    # Creating needs an organisation to act for: erin and frank have none.
    "API create": Case(
        "post",
        api_url(""),
        api({**signed_in(201), "commenter": 403, "reader": 403}),
        {"title": "A plan by API"},
        json=True,
    ),
    "API detail": Case("get", api_url("/{id}"), api(collaborators(200))),
    "API change": Case(
        "patch",
        api_url("/{id}"),
        api(writers(200)),
        {"steps": {"context": {"title": "Renamed by API"}}},
        json=True,
    ),
}


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("name", CASES)
def test_each_persona_gets_the_answer_its_role_allows(client, team, name, persona):
    case = CASES[name]
    if case.funded:
        monitoring.mark_funded(team.plan, by=team.owner)
    if persona != "anonymous":
        client.force_login(team.by_role()[persona])
    request = getattr(client, case.method)
    url = case.url(team.plan)
    if case.json:
        response = request(url, case.data, content_type="application/json")
    else:
        response = request(url, case.data or {})
    want = case.expected[persona]
    if want == LOGIN:
        assert response.status_code == 302 and "/login/" in response["Location"]
    else:
        assert response.status_code == want, response.content[:300]


def test_every_plan_url_and_api_endpoint_has_a_case():
    from tests.core.test_permission_matrix import url_patterns

    plan = Plan(pk=1)
    requested = {(case.method.upper(), case.url(plan).split("?")[0]) for case in CASES.values()}
    names, _unnamed = url_patterns()
    pages = {name for name in names if name.startswith("plans:")}
    asked = {resolve(url).view_name for _method, url in requested}
    # Asked per role in their own tables: the collaboration pages; pages that belong to one person
    # rather than to a role on a plan: the file of an export job (tests/plans/test_export_pages.py),
    # one's notifications (tests/plans/test_collab_permissions.py) and an invitation link, where
    # the link is the proof (tests/plans/test_collab_invitations.py).
    asked |= {case.name for case in COLLABORATION_CASES}
    asked |= {"plans:export_file", "plans:notifications", "plans:notification", "plans:invitation"}
    assert pages - asked == set()
    # Every endpoint under /api/plans, whichever module serves it (review, export…).
    schema = ninja_api.get_openapi_schema()
    endpoints = {
        (method.upper(), re.sub(r"\{\w+\}", "1", path))
        for path, operations in schema["paths"].items()
        if path.startswith("/api/plans")
        for method in operations
    }
    assert endpoints - requested == set()
