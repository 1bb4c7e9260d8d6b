"""Editors merge duplicate organisations: partnerships, members and claims move to the kept record
(one row when both had it, with the higher role), the merged record is hidden and its address
redirects, the merge is audited, and an undo puts back exactly what moved."""

from __future__ import annotations

import pytest
from django.urls import reverse

from m4d.core import search
from m4d.core.models import AuditEntry, SearchEntry
from m4d.organisations import claims, merges
from m4d.organisations.models import ClaimRequest, Invitation, Membership, Merge, Organisation
from m4d.organisations.services import OrganisationError, match_or_create_organisation
from m4d.projects.models import Partnership
from tests.factories import (
    make_invitation,
    make_membership,
    make_organisation,
    make_project,
    make_user,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def pair(alice, bob, charlie):
    """A duplicate (`merged`) and the record to keep, sharing one project and one person."""
    kept = make_organisation("Réseau Migrations Sénégal", country_code="SN")
    merged = make_organisation("Reseau Migrations Senegal", country_code="SN")
    make_membership(charlie, merged, role="owner")
    make_membership(bob, merged, role="manager")
    make_membership(bob, kept, role="member")  # in both: keeps the higher role (manager)
    only_merged = make_project("Only the duplicate", partners=[merged])
    shared = make_project("Both of them", partners=[kept, make_organisation(), merged])
    Partnership.objects.filter(project=shared, organisation=merged).update(role="co-applicant")
    make_project("Only the kept one", partners=[kept])
    search.reindex("organisation", [kept.pk, merged.pk])
    search.reindex("project", [only_merged.pk, shared.pk])
    return merged, kept, only_merged, shared


def snapshot() -> dict[str, set]:
    return {
        "memberships": set(
            Membership.objects.values_list("organisation_id", "user_id", "role", "created_at")
        ),
        "partnerships": set(
            Partnership.objects.values_list("project_id", "organisation_id", "position", "role")
        ),
        "claims": set(ClaimRequest.objects.values_list("pk", "organisation_id", "status")),
        "merged": set(
            Organisation.objects.filter(merged_into__isnull=False).values_list("pk", flat=True)
        ),
    }


def test_a_merge_moves_partnerships_and_members_to_the_kept_record(editor, pair, bob, charlie):
    merged, kept, only_merged, shared = pair
    merges.merge_organisations(merged, into=kept, by=editor)
    assert not Partnership.objects.filter(organisation=merged).exists()
    assert set(
        Partnership.objects.filter(organisation=kept).values_list("project__title", flat=True)
    ) == {
        "Only the duplicate",
        "Both of them",
        "Only the kept one",
    }
    assert not merged.memberships.exists()
    roles = dict(kept.memberships.values_list("user__email", "role"))
    assert roles == {"charlie@example.org": "owner", "bob@example.org": "manager"}


def test_a_project_partnering_both_keeps_one_partnership_in_the_earlier_place(editor, pair):
    merged, kept, _only, shared = pair
    Partnership.objects.filter(project=shared, organisation=kept).update(position=2)
    Partnership.objects.filter(project=shared, organisation=merged).update(position=0)
    merges.merge_organisations(merged, into=kept, by=editor)
    (row,) = Partnership.objects.filter(project=shared, organisation=kept)
    assert (row.position, row.role) == (0, "co-applicant")
    assert shared.partnerships.count() == 2


def test_the_merged_record_is_hidden_and_its_address_redirects(client, editor, pair, charlie):
    merged, kept, *_ = pair
    merges.merge_organisations(merged, into=kept, by=editor)
    merged.refresh_from_db()
    assert merged.merged_into == kept
    response = client.get(f"/organisations/{merged.pk}/")
    assert response.status_code == 301 and response["Location"] == kept.get_absolute_url()
    assert merged not in Organisation.objects.visible_to(charlie)
    listed = client.get("/organisations/?q=Migrations").content.decode()
    assert f"/organisations/{kept.pk}/" in listed and f"/organisations/{merged.pk}/" not in listed
    found = client.get("/api/search?q=Reseau+Migrations").json()["items"]
    assert f"/organisations/{merged.pk}/" not in {hit["url"] for hit in found}
    assert not SearchEntry.objects.filter(kind="organisation", object_id=merged.pk).exists()
    api_list = client.get("/api/organisations?q=Migrations&limit=200").json()
    assert merged.pk not in {item["id"] for item in api_list["items"]}
    api = client.get(f"/api/organisations/{merged.pk}")
    assert api.status_code == 301 and api["Location"] == f"/api/organisations/{kept.pk}"
    assert client.get(f"/organisations/{merged.pk}/edit/").status_code in {302, 404}


def test_a_project_search_entry_shows_the_kept_partner_after_a_merge(editor, pair):
    merged, kept, only_merged, _shared = pair
    Organisation.objects.filter(pk=kept.pk).update(name="Union Unique Kelenn")
    kept.refresh_from_db()
    merges.merge_organisations(merged, into=kept, by=editor)
    hits = search.search("Kelenn", language="en", kinds=["project"])
    assert only_merged.pk in {hit.object_id for hit in hits.hits}


def test_a_merge_is_audited_on_both_records_and_on_the_projects(editor, pair):
    merged, kept, only_merged, _shared = pair
    merge = merges.merge_organisations(merged, into=kept, by=editor)
    actions = set(AuditEntry.objects.filter(actor=editor).values_list("action", flat=True))
    assert {
        "organisations.merge.created",
        "organisations.organisation.merged",
        "organisations.organisation.updated",
        "organisations.membership.updated",
        "organisations.membership.deleted",
        "projects.project.partner_merged",
    } <= actions
    entry = AuditEntry.objects.get(action="organisations.organisation.merged")
    assert (entry.object_id, entry.data["merge"]) == (str(kept.pk), merge.pk)


def test_an_undo_restores_exactly_what_moved(editor, pair, charlie, admin_user):
    merged, kept, *_ = pair
    make_organisation()
    # An old claim, made before charlie owned the duplicate.
    claim = ClaimRequest.objects.create(organisation=merged, claimant=make_user(), message="Me")
    before = snapshot()
    merge = merges.merge_organisations(merged, into=kept, by=editor)
    assert ClaimRequest.objects.get(pk=claim.pk).organisation == kept
    assert snapshot() != before
    merges.undo_merge(merge, by=admin_user)
    assert snapshot() == before
    merge.refresh_from_db()
    assert merge.is_undone and merge.undone_by == admin_user
    assert AuditEntry.objects.filter(action="organisations.organisation.merge_undone").exists()
    assert SearchEntry.objects.filter(kind="organisation", object_id=merged.pk).exists()


def test_a_pending_claim_by_someone_with_one_on_the_kept_record_stays_behind(editor, charlie):
    kept, merged = make_organisation("Kept"), make_organisation("Duplicate")
    claims.request_claim(kept, by=charlie, message="Mine")
    behind = claims.request_claim(merged, by=charlie, message="Mine too")
    merges.merge_organisations(merged, into=kept, by=editor)
    assert ClaimRequest.objects.get(pk=behind.pk).organisation == merged


def test_merging_into_itself_or_into_a_merged_record_is_refused(editor):
    first, second, third = make_organisation(), make_organisation(), make_organisation()
    with pytest.raises(OrganisationError, match="itself"):
        merges.merge_organisations(first, into=first, by=editor)
    merges.merge_organisations(second, into=third, by=editor)
    with pytest.raises(OrganisationError, match="choose that one"):
        merges.merge_organisations(first, into=second, by=editor)


def test_undos_go_newest_first(editor):
    kept, first, second = make_organisation(), make_organisation(), make_organisation()
    older = merges.merge_organisations(first, into=kept, by=editor)
    merges.merge_organisations(second, into=kept, by=editor)
    assert "later merges" in (merges.undo_refusal(older) or "")
    with pytest.raises(OrganisationError, match="later merges"):
        merges.undo_merge(older, by=editor)
    first.refresh_from_db()
    assert first.merged_into == kept


def test_an_undo_is_refused_once_the_kept_record_was_merged_further_and_addresses_follow(
    client, editor
):
    kept, merged, final = make_organisation(), make_organisation(), make_organisation()
    merge = merges.merge_organisations(merged, into=kept, by=editor)
    merges.merge_organisations(kept, into=final, by=editor)
    assert "undo that merge first" in (merges.undo_refusal(merge) or "")
    response = client.get(f"/organisations/{merged.pk}/")
    assert response.status_code == 301 and response["Location"] == final.get_absolute_url()


def test_an_iati_import_naming_a_merged_record_finds_the_kept_one(editor):
    kept = make_organisation("Kept Org")
    merged = make_organisation("Old Org", iati_identifier="XM-OCHA-123")
    merges.merge_organisations(merged, into=kept, by=editor)
    assert match_or_create_organisation(name="Old Org", iati_identifier="XM-OCHA-123") == (
        kept,
        False,
    )
    found, created = match_or_create_organisation(name="Old Org")
    assert created and found not in {kept, merged}


# Pages.


def test_an_editor_finds_the_record_to_keep_sees_what_moves_and_merges(client, editor, pair):
    merged, kept, *_ = pair
    client.force_login(editor)
    url = reverse("organisations:merge", args=[merged.pk])
    assert url in client.get(merged.get_absolute_url()).content.decode()
    choose = client.get(url, {"q": "Migrations"}).content.decode()
    assert f'value="{kept.pk}"' in choose and f'value="{merged.pk}"' not in choose
    preview = client.get(url, {"into": kept.pk}).content.decode()
    assert "Only the duplicate" in preview and "charlie@example.org" in preview
    assert "Both records have these" in preview
    assert not Merge.objects.exists()
    response = client.post(url, {"into": kept.pk})
    assert response.status_code == 302 and response["Location"] == kept.get_absolute_url()
    merge = Merge.objects.get()
    page = client.get(kept.get_absolute_url()).content.decode()
    assert reverse("organisations:merge_undo", args=[merge.pk]) in page


def test_a_bad_choice_of_record_to_keep_is_explained_and_nothing_merges(client, editor, pair):
    merged, *_ = pair
    client.force_login(editor)
    response = client.post(reverse("organisations:merge", args=[merged.pk]), {"into": merged.pk})
    assert "Choose the record to keep" in response.content.decode()
    assert not Merge.objects.exists()


def test_the_merge_page_is_in_french(client, editor, pair):
    merged, kept, *_ = pair
    client.force_login(editor)
    html = client.get(
        reverse("organisations:merge", args=[merged.pk]),
        {"into": kept.pk},
        HTTP_ACCEPT_LANGUAGE="fr",
    ).content.decode()
    assert "Ce qui change de fiche" in html


def test_members_and_owners_may_not_merge(client, alice, alices_organisation):
    client.force_login(alice)
    other = make_organisation()
    url = reverse("organisations:merge", args=[alices_organisation.pk])
    assert url not in client.get(alices_organisation.get_absolute_url()).content.decode()
    assert client.post(url, {"into": other.pk}).status_code == 403
    assert not Merge.objects.exists()


def test_an_editor_undoes_a_merge_after_a_confirmation_page(client, editor, pair):
    merged, kept, *_ = pair
    merge = merges.merge_organisations(merged, into=kept, by=editor)
    client.force_login(editor)
    url = reverse("organisations:merge_undo", args=[merge.pk])
    assert "Undo the merge of" in client.get(url).content.decode()
    response = client.post(url)
    assert response.status_code == 302 and response["Location"] == merged.get_absolute_url()
    assert client.get(merged.get_absolute_url()).status_code == 200


def test_a_refused_undo_says_why_and_changes_nothing(client, editor):
    kept, first, second = make_organisation(), make_organisation(), make_organisation()
    older = merges.merge_organisations(first, into=kept, by=editor)
    merges.merge_organisations(second, into=kept, by=editor)
    client.force_login(editor)
    response = client.post(reverse("organisations:merge_undo", args=[older.pk]))
    assert "undo the later merges first" in response.content.decode()
    older.refresh_from_db()
    assert not older.is_undone


def test_a_merged_record_is_no_longer_offered_as_a_partner_nor_counted(editor):
    from m4d.projects.forms import ProjectEditForm
    from m4d.projects.stats import _registry_statistics

    kept, merged = make_organisation(), make_organisation()
    before = _registry_statistics(None).organisations
    merges.merge_organisations(merged, into=kept, by=editor)
    choices = ProjectEditForm(project=make_project()).fields["partners"].queryset
    assert kept in choices and merged not in choices
    assert _registry_statistics(None).organisations == before - 1


def test_the_page_does_not_offer_administrators_to_claim_an_owned_entry(
    client, admin_user, alices_organisation
):
    client.force_login(admin_user)
    page = client.get(alices_organisation.get_absolute_url()).content.decode()
    assert reverse("organisations:claim", args=[alices_organisation.pk]) not in page


def test_pending_invitations_move_with_a_merge_and_come_back_with_its_undo(editor):
    kept, merged = make_organisation("Kept"), make_organisation("Duplicate")
    moving = make_invitation(merged, "new.colleague@example.org")
    make_invitation(kept, "already@example.org")
    behind = make_invitation(merged, "Already@example.org")
    merge = merges.merge_organisations(merged, into=kept, by=editor)
    assert Invitation.objects.get(pk=moving.pk).organisation == kept
    assert Invitation.objects.get(pk=behind.pk).organisation == merged  # kept invites them already
    merges.undo_merge(merge, by=editor)
    assert Invitation.objects.get(pk=moving.pk).organisation == merged
