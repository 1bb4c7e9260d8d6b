"""Every collaboration page of a plan × every persona of its team: owner, editor, commenter,
reader, a member of another organisation (404: the plan does not exist for them) and anonymous
visitors (sent to log in). The writes asked here change nothing that later rows need."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from django.urls import reverse

from m4d.plans import collaboration
from tests.factories import make_plan_invitation

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("quick_passwords")]

LOGIN = "login"
ROLES = ("owner", "editor", "commenter", "reader", "outsider", "anonymous")


def answers(owner, editor, commenter, reader, outsider=404, anonymous=LOGIN) -> dict[str, Any]:
    return dict(zip(ROLES, (owner, editor, commenter, reader, outsider, anonymous), strict=True))


TEAM = answers(200, 200, 200, 200)
OWNER = answers(200, 403, 403, 403)
OWNER_WRITES = answers(302, 403, 403, 403)
CHANGERS = answers(200, 200, 403, 403)


@dataclass
class Case:
    name: str
    method: str
    expected: dict[str, Any]
    args: Any = None  # records -> kwargs
    data: Any = None


CASES = [
    Case("plans:people", "get", TEAM),
    Case("plans:invite", "post", answers(200, 403, 403, 403)),
    Case("plans:invite_partners", "post", OWNER_WRITES),
    Case("plans:leave", "get", TEAM),
    Case(
        "plans:collaborator_role",
        "post",
        OWNER_WRITES,
        args=lambda r: {"collaborator_pk": r["reader_row"].pk},
        data={"role": "reader"},
    ),
    Case(
        "plans:collaborator_remove",
        "get",
        OWNER,
        args=lambda r: {"collaborator_pk": r["reader_row"].pk},
    ),
    Case(
        "plans:invitation_resend",
        "post",
        OWNER_WRITES,
        args=lambda r: {"invitation_pk": r["invitation"].pk},
    ),
    Case(
        "plans:invitation_cancel",
        "get",
        OWNER,
        args=lambda r: {"invitation_pk": r["invitation"].pk},
    ),
    Case("plans:history", "get", TEAM),
    Case("plans:compare", "get", TEAM, args=lambda r: {"step": "context"}),
    Case("plans:restore", "get", CHANGERS, args=lambda r: {"version_pk": r["version"].pk}),
    Case("plans:comments", "get", TEAM),
    Case("plans:comments", "post", answers(200, 200, 200, 403)),
    Case(
        "plans:comment_resolve",
        "post",
        answers(302, 302, 403, 403),
        args=lambda r: {"comment_pk": r["comment"].pk},
    ),
]


@pytest.fixture
def records(team) -> dict[str, Any]:
    comment = collaboration.post_comment(
        team.plan, by=team.owner, step="context", text="@dana please look"
    )
    return {
        "reader_row": team.plan.collaborators.get(user=team.reader),
        "invitation": make_plan_invitation(team.plan, invited_by=team.owner),
        "version": team.plan.versions.first(),
        "comment": comment,
        "notification": comment.notifications.get(),
    }


def ask(client, team, records, case: Case, role: str):
    if role != "anonymous":
        client.force_login(team.by_role()[role])
    kwargs = {"pk": team.plan.pk, **(case.args(records) if case.args else {})}
    url = reverse(case.name, kwargs=kwargs)
    return getattr(client, case.method)(url, case.data or {})


def status_of(response) -> Any:
    if response.status_code == 302 and "/accounts/login/" in response["Location"]:
        return LOGIN
    return response.status_code


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c.method} {c.name}")
def test_each_persona_gets_the_answer_of_the_rules(client, team, records, case, role):
    assert status_of(ask(client, team, records, case, role)) == case.expected[role]


@pytest.mark.parametrize("role", ROLES)
def test_notifications_are_each_persons_own(client, team, records, role):
    if role != "anonymous":
        client.force_login(team.by_role()[role])
    listed = client.get(reverse("plans:notifications"))
    opened = client.get(reverse("plans:notification", args=[records["notification"].pk]))

    assert status_of(listed) == (LOGIN if role == "anonymous" else 200)
    expected = {"editor": 302, "anonymous": LOGIN}.get(role, 404)
    assert status_of(opened) == expected
