"""Who may claim, decide, withdraw, merge and undo, persona by persona: the owner, a manager and a
member of an organisation, a member of another organisation, an editor, an anonymous visitor (and
charlie, signed in with no organisation)."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from m4d.core.permissions import can
from m4d.organisations import merges
from m4d.organisations.models import ClaimRequest, Merge, Organisation
from tests.factories import make_membership, make_organisation, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(alice, bob, charlie, editor, alices_organisation) -> dict:
    manager = make_user("manager@example.org")
    make_membership(manager, alices_organisation, role="manager")
    elsewhere = make_user("elsewhere@example.org")
    make_membership(elsewhere, make_organisation("Another one"), role="owner")
    return {
        "owner": alice,
        "manager": manager,
        "member": bob,
        "member elsewhere": elsewhere,
        "outsider": charlie,
        "editor": editor,
        "anonymous": AnonymousUser(),
    }


def answers(people: dict, action: str, obj) -> dict[str, bool]:
    return {name: can(user, action, obj) for name, user in people.items()}


def test_an_owned_organisation_is_claimed_by_nobody_and_an_unowned_one_by_anyone_signed_in(
    people, alices_organisation
):
    assert not any(answers(people, "claim", alices_organisation).values())
    unowned = make_organisation()
    assert answers(people, "claim", unowned) == {name: name != "anonymous" for name in people}


def test_a_member_of_an_unowned_organisation_does_not_claim_it(people):
    unowned = make_organisation()
    make_membership(people["outsider"], unowned, role="member")
    assert not can(people["outsider"], "claim", unowned)


def test_only_editors_merge_and_a_merged_record_is_merged_no_more(people, alices_organisation):
    expected = {name: name == "editor" for name in people}
    assert answers(people, "merge", alices_organisation) == expected
    merged = make_organisation()
    merges.merge_organisations(merged, into=make_organisation(), by=people["editor"])
    merged.refresh_from_db()
    assert not any(answers(people, "merge", merged).values())
    assert not any(answers(people, "view", merged).values())
    assert not Organisation.objects.visible_to(people["editor"]).filter(pk=merged.pk).exists()


def test_a_claim_is_seen_by_its_claimant_and_editors_decided_by_editors_withdrawn_by_its_claimant(
    people,
):
    claim = ClaimRequest.objects.create(
        organisation=make_organisation(), claimant=people["outsider"], message="Me"
    )
    assert answers(people, "view", claim) == {
        name: name in {"outsider", "editor"} for name in people
    }
    assert answers(people, "change", claim) == {name: name == "editor" for name in people}
    assert answers(people, "withdraw", claim) == {name: name == "outsider" for name in people}
    assert set(ClaimRequest.objects.visible_to(people["member"])) == set()


def test_merges_are_seen_and_undone_by_editors_only(people):
    merge = merges.merge_organisations(
        make_organisation(), into=make_organisation(), by=people["editor"]
    )
    for action in ("view", "change"):
        assert answers(people, action, merge) == {name: name == "editor" for name in people}
    assert not can(people["editor"], "delete", merge)
    assert Merge.objects.visible_to(people["owner"]).count() == 0
