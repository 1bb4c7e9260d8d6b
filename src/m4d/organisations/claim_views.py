"""Pages for claims (ask to own a directory entry, the editors' queue and decision, withdrawing)
and merges (choose the record to keep, preview, confirm; undo). The organisation page links to
them through `organisations/partials/claims_and_merges.html`."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from m4d.core.pagination import paginate
from m4d.core.permissions import get_for, require
from m4d.organisations import claims, merges, selectors
from m4d.organisations.forms import ClaimDecisionForm, ClaimForm
from m4d.organisations.models import ClaimRequest, Merge, Organisation
from m4d.organisations.services import OrganisationError

SECTION = {"section": "organisations"}


@login_required
@require_http_methods(["GET", "POST"])
def claim_create(request: HttpRequest, pk: int) -> HttpResponse:
    """Ask to own an entry nobody owns: form → `request_claim` → its page."""
    organisation = get_for(request.user, "claim", Organisation, pk=pk)
    form = ClaimForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            claims.request_claim(
                organisation, by=request.user, message=form.cleaned_data["message"]
            )
        except OrganisationError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request,
                _("Your claim was sent: an editor will answer you by e-mail."),
            )
            return redirect(organisation)
    context = {
        "form": form,
        "organisation": organisation,
        "pending": claims.pending_claim_of(request.user, organisation),
        **SECTION,
    }
    return render(request, "organisations/claim_form.html", context)


@login_required
@require_GET
def claim_queue(request: HttpRequest) -> HttpResponse:
    """The editors' queue of pending claims, newest first."""
    require(request.user, "change", ClaimRequest)
    page = paginate(request, selectors.pending_claims())
    return render(request, "organisations/claim_queue.html", {"page": page, **SECTION})


@login_required
@require_http_methods(["GET", "POST"])
def claim_decide(request: HttpRequest, pk: int) -> HttpResponse:
    """An editor approves or declines a claim: form → `approve_claim` / `decline_claim`."""
    claim = get_for(
        request.user,
        "change",
        ClaimRequest.objects.select_related("organisation", "claimant", "decided_by"),
        pk=pk,
    )
    form = ClaimDecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        decide = (
            claims.approve_claim
            if form.cleaned_data["decision"] == "approve"
            else claims.decline_claim
        )
        try:
            claim = decide(claim, by=request.user, note=form.cleaned_data["note"])
        except OrganisationError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request,
                _("Claim of %(person)s on %(name)s: %(status)s.")
                % {
                    "person": claim.claimant.email,
                    "name": claim.organisation.name,
                    "status": claim.get_status_display(),
                },
            )
            return redirect("organisations:claims")
    owners = claim.organisation.memberships.filter(role="owner").select_related("user")
    context = {"claim": claim, "form": form, "owners": owners, **SECTION}
    return render(request, "organisations/claim_decide.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def claim_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    """The claimant withdraws a pending claim, after a confirmation page."""
    claim = get_for(
        request.user, "withdraw", ClaimRequest.objects.select_related("organisation"), pk=pk
    )
    error = None
    if request.method == "POST":
        try:
            claims.withdraw_claim(claim, by=request.user)
        except OrganisationError as refused:
            error = refused.message
        else:
            messages.success(request, _("Your claim was withdrawn."))
            return redirect(claim.organisation)
    context = {"claim": claim, "error": error, **SECTION}
    return render(request, "organisations/claim_withdraw.html", context)


def _kept_record(request: HttpRequest, organisation: Organisation) -> Organisation | None:
    value = (request.POST.get("into") or request.GET.get("into") or "").strip()
    if not value.isdigit() or len(value) > 18:
        return None
    return (
        Organisation.objects.visible_to(request.user)
        .exclude(pk=organisation.pk)
        .select_related("country")
        .filter(pk=int(value))
        .first()
    )


@login_required
@require_http_methods(["GET", "POST"])
def organisation_merge(request: HttpRequest, pk: int) -> HttpResponse:
    """An editor merges a duplicate: find the record to keep, see what moves, confirm."""
    organisation = get_for(request.user, "merge", Organisation, pk=pk)
    kept = _kept_record(request, organisation)
    asked = bool(request.POST.get("into") or request.GET.get("into"))
    error = _("Choose the record to keep among those listed.") if asked and kept is None else None
    if request.method == "POST" and kept is not None:
        try:
            merges.merge_organisations(organisation, into=kept, by=request.user)
        except OrganisationError as refused:
            error = refused.message
        else:
            messages.success(
                request,
                _("%(merged)s was merged into %(kept)s; the merge can be undone from this page.")
                % {"merged": organisation.name, "kept": kept.name},
            )
            return redirect(kept)
    query = request.GET.get("q", "")[:200]
    context = {
        "organisation": organisation,
        "kept": kept,
        "preview": merges.preview(organisation, kept) if kept is not None else None,
        "query": query or organisation.name,
        "candidates": selectors.merge_candidates(organisation, query) if kept is None else [],
        "error": error,
        **SECTION,
    }
    return render(request, "organisations/merge.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def merge_undo(request: HttpRequest, pk: int) -> HttpResponse:
    """An editor undoes a merge, after a confirmation page (or is told why it cannot be)."""
    merge = get_for(
        request.user, "change", Merge.objects.select_related("kept", "merged", "merged_by"), pk=pk
    )
    refusal = merges.undo_refusal(merge)
    if request.method == "POST" and refusal is None:
        try:
            merges.undo_merge(merge, by=request.user)
        except OrganisationError as refused:
            refusal = refused.message
        else:
            messages.success(
                request,
                _("The merge was undone: %(merged)s is shown again.")
                % {"merged": merge.merged.name},
            )
            return redirect(merge.merged)
    context = {"merge": merge, "refusal": refusal, **SECTION}
    return render(request, "organisations/merge_undo.html", context)
