"""The personas of a plan: alice owns it (for her organisation); dana, of a partner organisation,
edits it; erin comments; frank reads; gina belongs to another organisation and is not on it."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from m4d.accounts.models import User
from m4d.plans.models import Collaborator, Plan
from tests.factories import make_membership, make_organisation, make_plan, make_user


@dataclass
class Team:
    plan: Plan
    owner: User
    editor: User
    commenter: User
    reader: User
    outsider: User

    def by_role(self) -> dict[str, User]:
        return {
            "owner": self.owner,
            "editor": self.editor,
            "commenter": self.commenter,
            "reader": self.reader,
            "outsider": self.outsider,
        }


@pytest.fixture
def team(alice, alices_organisation) -> Team:
    partner = make_organisation("Association des Maliens de Montreuil", country_code="FR")
    dana = make_user("dana@example.org")
    make_membership(dana, partner)
    erin, frank = make_user("erin@example.org"), make_user("frank@example.org")
    gina = make_user("gina@example.org")
    make_membership(gina, make_organisation("Another organisation", country_code="ML"))
    plan = make_plan(
        alice,
        organisation=alices_organisation,
        title="Kayes–Montreuil youth enterprise",
        team={
            dana: Collaborator.Role.EDITOR,
            erin: Collaborator.Role.COMMENTER,
            frank: Collaborator.Role.READER,
        },
    )
    return Team(plan, alice, dana, erin, frank, gina)
