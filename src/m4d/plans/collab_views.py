"""The collaboration pages of a plan: its people (roles, invitations, leaving), the invitation
link, the history (versions, differences, restores), comments per step and one's notifications.
Who may is `rules.py` (view, comment, change, manage); the writes are `collaboration.py`'s and
`services.py`'s."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from m4d.core import invitations
from m4d.core.htmx import htmx_partial
from m4d.core.i18n import request_language
from m4d.core.pagination import paginate
from m4d.core.permissions import Forbidden, can, get_for
from m4d.organisations.forms import InvitationForm, RoleForm
from m4d.plans import collaboration, history, services
from m4d.plans.collab_forms import CommentForm, StepFilterForm
from m4d.plans.models import STEP_LABELS, Collaborator, Plan, PlanInvitation, PlanVersion


def _roles() -> list[tuple[str, str]]:
    return [(value, str(label)) for value, label in Collaborator.Role.choices]


def _plan(request: HttpRequest, action: str, pk: int) -> Plan:
    return get_for(request.user, action, Plan.objects.select_related("organisation"), pk=pk)


def _people_url(plan: Plan) -> str:
    return reverse("plans:people", args=[plan.pk])


# People


def _invitation_form(request: HttpRequest) -> InvitationForm:
    user: Any = request.user
    return InvitationForm(
        request.POST if request.method == "POST" else None,
        roles=_roles(),
        initial={"language": user.language or request_language(request), "role": "editor"},
    )


def _people_page(request: HttpRequest, plan: Plan, form: InvitationForm | None) -> HttpResponse:
    user: Any = request.user
    may_manage = can(user, "manage", plan)
    order = {role: n for n, role in enumerate(Collaborator.Role.values)}
    collaborators = sorted(
        plan.collaborators.select_related("user"), key=lambda c: (order[c.role], c.user.email)
    )
    rows = [
        {
            "collaborator": collaborator,
            "is_me": collaborator.user_id == user.pk,
            "role_form": RoleForm(
                roles=_roles(),
                initial={"role": collaborator.role},
                auto_id=f"id_%s_{collaborator.pk}",
            )
            if may_manage
            else None,
        }
        for collaborator in collaborators
    ]
    context = {
        "plan": plan,
        "rows": rows,
        "may_manage": may_manage,
        "is_collaborator": any(row["is_me"] for row in rows),
        "invitations": invitations.pending(plan.invitations.select_related("invited_by"))
        if may_manage
        else [],
        "partner_contacts": collaboration.partner_contacts(plan) if may_manage else [],
        "form": form if may_manage else None,
        "section": "plans",
    }
    return render(request, "plans/collab/people.html", context)


@login_required
@require_GET
def people(request: HttpRequest, pk: int) -> HttpResponse:
    """Every collaborator sees who works on the plan; its owners manage them."""
    plan = _plan(request, "view", pk)
    return _people_page(request, plan, _invitation_form(request))


@login_required
@require_POST
def invite(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _plan(request, "manage", pk)
    form = _invitation_form(request)
    if form.is_valid():
        try:
            invitation = collaboration.invite_collaborator(
                plan, by=request.user, **form.cleaned_data
            )
        except services.PlanError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request, _("An invitation was sent to %(email)s.") % {"email": invitation.email}
            )
            return redirect(_people_url(plan))
    return _people_page(request, plan, form)


@login_required
@require_POST
def invite_partners(request: HttpRequest, pk: int) -> HttpResponse:
    """One click: the managers of every partner organisation picked from the directory."""
    plan = _plan(request, "manage", pk)
    try:
        sent = collaboration.invite_partners(
            plan, by=request.user, language=request_language(request)
        )
    except services.PlanError as error:
        messages.error(request, error.message)
    else:
        if sent:
            messages.success(
                request,
                _("Invitations were sent to %(emails)s.")
                % {"emails": ", ".join(i.email for i in sent)},
            )
        else:
            messages.info(request, _("Everyone who manages a partner organisation is invited."))
    return redirect(_people_url(plan))


def _collaborator(plan: Plan, collaborator_pk: int) -> Collaborator:
    return get_object_or_404(plan.collaborators.select_related("user"), pk=collaborator_pk)


@login_required
@require_POST
def collaborator_role(request: HttpRequest, pk: int, collaborator_pk: int) -> HttpResponse:
    plan = _plan(request, "manage", pk)
    collaborator = _collaborator(plan, collaborator_pk)
    form = RoleForm(request.POST, roles=_roles())
    if not form.is_valid():
        messages.error(request, _("Choose one of the roles listed."))
        return redirect(_people_url(plan))
    try:
        services.set_collaborator(
            plan, by=request.user, user=collaborator.user, role=form.cleaned_data["role"]
        )
    except services.PlanError as error:
        messages.error(request, error.message)
    else:
        collaborator.refresh_from_db()
        messages.success(
            request,
            _("%(person)s is now %(role)s.")
            % {
                "person": collaborator.user.email,
                "role": collaborator.get_role_display().lower(),
            },
        )
    return redirect(_people_url(plan))


@login_required
@require_http_methods(["GET", "POST"])
def collaborator_remove(request: HttpRequest, pk: int, collaborator_pk: int) -> HttpResponse:
    """A confirmation page, then the removal (the last owner is refused)."""
    plan = _plan(request, "manage", pk)
    collaborator = _collaborator(plan, collaborator_pk)
    if request.method == "POST":
        try:
            services.remove_collaborator(collaborator, by=request.user)
        except services.PlanError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request,
                _("%(person)s no longer works on this plan.") % {"person": collaborator.user.email},
            )
        return redirect(_people_url(plan))
    context = {"plan": plan, "collaborator": collaborator, "leaving": False, "section": "plans"}
    return render(request, "plans/collab/remove.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def leave(request: HttpRequest, pk: int) -> HttpResponse:
    """A collaborator leaves, after a confirmation page (the last owner is refused)."""
    plan = _plan(request, "view", pk)
    collaborator = get_object_or_404(plan.collaborators.select_related("user"), user=request.user)
    if request.method == "POST":
        try:
            collaboration.leave_plan(plan, user=request.user)
        except services.PlanError as error:
            messages.error(request, error.message)
            return redirect(_people_url(plan))
        messages.success(request, _("You left the plan %(title)s.") % {"title": plan.title})
        return redirect("plans:list")
    context = {"plan": plan, "collaborator": collaborator, "leaving": True, "section": "plans"}
    return render(request, "plans/collab/remove.html", context)


@login_required
@require_POST
def invitation_resend(request: HttpRequest, pk: int, invitation_pk: int) -> HttpResponse:
    plan = _plan(request, "manage", pk)
    return invitations.resend_page(
        request,
        get_object_or_404(plan.invitations, pk=invitation_pk),
        resend=collaboration.resend_invitation,
        error=services.PlanError,
        back=_people_url(plan),
    )


@login_required
@require_http_methods(["GET", "POST"])
def invitation_cancel(request: HttpRequest, pk: int, invitation_pk: int) -> HttpResponse:
    """A confirmation page, then the cancellation (its link then says so)."""
    plan = _plan(request, "manage", pk)
    return invitations.cancel_page(
        request,
        get_object_or_404(plan.invitations, pk=invitation_pk),
        cancel=collaboration.cancel_invitation,
        error=services.PlanError,
        back=_people_url(plan) + "#invitations",
        template="plans/collab/invitation_cancel.html",
        context={"plan": plan, "section": "plans"},
    )


@require_http_methods(["GET", "POST"])
def invitation(request: HttpRequest, token: str) -> HttpResponse:
    """The e-mailed link: who invites whom to which plan; a visitor signs up or logs in through
    it (the link is kept as `next`) and lands back here to accept."""
    link, found = invitations.from_token(
        token,
        salt=collaboration.INVITATION_SALT,
        invitations=PlanInvitation.objects.select_related("plan__organisation", "invited_by"),
    )

    def accept(found: PlanInvitation, user: Any) -> HttpResponse:
        already = found.plan.collaborators.filter(user=user).exists()
        try:
            collaboration.accept_invitation(found, user=user)
        except services.PlanError as error:
            messages.error(request, error.message)
            return redirect(request.path)
        message = (
            _("You already worked on %(title)s; your role is unchanged.")
            if already
            else _("Welcome: you now work on %(title)s.")
        )
        messages.success(request, message % {"title": found.plan.title})
        return redirect(found.plan)

    return invitations.link_page(
        request,
        link,
        found,
        templates="plans/collab/invitation",
        accept=accept,
        context={"plan": found.plan if found else None},
    )


# History


def _step_filter(request: HttpRequest) -> str:
    form = StepFilterForm(request.GET)
    return form.cleaned_data["step"] if form.is_valid() else ""


@login_required
@require_GET
def plan_history(request: HttpRequest, pk: int) -> HttpResponse:
    """Every save of every step (who, when, which step, what it was), latest first."""
    plan = _plan(request, "view", pk)
    step = _step_filter(request)
    context = {
        "plan": plan,
        "page": paginate(request, history.versions_of(plan, step), per_page=30),
        "filter": StepFilterForm(initial={"step": step}),
        "step": step,
        "labels": STEP_LABELS,
        "may_restore": can(request.user, "change", plan),
        "section": "plans",
    }
    return render(request, "plans/collab/history.html", context)


def _revision(request: HttpRequest, name: str) -> int | None:
    try:
        value = int(request.GET.get(name, ""))
    except ValueError:
        return None
    return value if value > 0 else None


@login_required
@require_GET
def compare(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    """The differences between two revisions of a step (`?a=` the older, `?b=` the newer; by
    default the latest against the one before it)."""
    plan = _plan(request, "view", pk)
    if step not in STEP_LABELS:
        raise Http404(_("No such step."))
    versions = {v.revision: v for v in history.versions_of(plan, step)}
    if not versions:
        raise Http404(_("This step has no saved version."))
    newer = _revision(request, "b") or max(versions)
    older = _revision(request, "a") or max((r for r in versions if r < newer), default=newer)
    if older not in versions or newer not in versions:
        raise Http404(_("No such revision."))
    context = {
        "plan": plan,
        "step": step,
        "step_label": STEP_LABELS[step],
        "older": versions[older],
        "newer": versions[newer],
        "changes": history.diff(versions[older].data, versions[newer].data),
        "revisions": sorted(versions, reverse=True),
        "may_restore": can(request.user, "change", plan),
        "section": "plans",
    }
    return render(request, "plans/collab/compare.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def restore(request: HttpRequest, pk: int, version_pk: int) -> HttpResponse:
    """A confirmation page (what restoring changes), then the restore: a new revision."""
    plan = _plan(request, "change", pk)
    version: PlanVersion = get_object_or_404(
        plan.versions.select_related("created_by"), pk=version_pk
    )
    current = plan.steps.get(step=version.step)
    if request.method == "POST":
        try:
            services.restore_version(version, by=request.user)
        except services.PlanError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request,
                _("%(step)s is back as it was at revision %(revision)s.")
                % {"step": STEP_LABELS[version.step], "revision": version.revision},
            )
        return redirect(reverse("plans:history", args=[plan.pk]) + f"?step={version.step}")
    context = {
        "plan": plan,
        "version": version,
        "step_label": STEP_LABELS[version.step],
        "current": current,
        "changes": history.diff(current.data, version.data),
        "section": "plans",
    }
    return render(request, "plans/collab/restore.html", context)


# Comments and notifications


def _back(request: HttpRequest, default: str) -> str:
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


@login_required
@require_http_methods(["GET", "POST"])
def comments(request: HttpRequest, pk: int) -> HttpResponse:
    """The plan's comments (of one step with `?step=`); commenters and above post."""
    plan = _plan(request, "comment" if request.method == "POST" else "view", pk)
    step = _step_filter(request)
    posted = None
    if request.method == "POST":
        posted = CommentForm(request.POST, auto_id=f"id_%s_{request.POST.get('step', '')}")
        if posted.is_valid():
            step = posted.cleaned_data["step"]
            try:
                collaboration.post_comment(
                    plan, by=request.user, step=step, text=posted.cleaned_data["text"]
                )
            except services.PlanError as error:
                posted.add_error(None, error.message)
            else:
                posted = None
                if not htmx_partial(request):
                    messages.success(request, _("Your comment was posted."))
                    default = reverse("plans:comments", args=[plan.pk]) + f"?step={step}"
                    return redirect(_back(request, default) + f"#comments-{step}")
        elif posted.data.get("step") in STEP_LABELS:
            step = posted.data["step"]
        if htmx_partial(request) and step:
            # htmx swaps the step's thread: with the new comment, or the refused one and its text.
            context = {"plan": plan, "step": step, "posted_comment": posted}
            return render(request, "plans/partials/comments.html", context)
    context = {
        "plan": plan,
        "steps": [(key, STEP_LABELS[key]) for key in ([step] if step else STEP_LABELS)],
        "filter": StepFilterForm(initial={"step": step}),
        "posted_comment": posted,
        "section": "plans",
    }
    return render(request, "plans/collab/comments.html", context)


@login_required
@require_POST
def comment_resolve(request: HttpRequest, pk: int, comment_pk: int) -> HttpResponse:
    """Its author, or someone who may change the plan, marks a comment resolved (or not)."""
    plan = _plan(request, "comment", pk)
    comment = get_object_or_404(plan.comments, pk=comment_pk)
    if comment.author_id != request.user.pk and not can(request.user, "change", plan):
        raise Forbidden
    collaboration.resolve_comment(
        comment, by=request.user, resolved=request.POST.get("resolved") != "0"
    )
    default = reverse("plans:comments", args=[plan.pk]) + f"?step={comment.step}"
    return redirect(_back(request, default) + f"#comments-{comment.step}")


@login_required
@require_http_methods(["GET", "POST"])
def notifications(request: HttpRequest) -> HttpResponse:
    """One's notifications, unread first; a POST marks them all read."""
    mine = collaboration.notifications_of(request.user)
    if request.method == "POST":
        collaboration.mark_read(list(mine.filter(read_at__isnull=True)), by=request.user)
        messages.success(request, _("All your notifications are marked read."))
        return redirect("plans:notifications")
    context = {"page": paginate(request, mine, per_page=30), "section": "plans"}
    return render(request, "plans/collab/notifications.html", context)


@login_required
@require_GET
def notification(request: HttpRequest, notification_pk: int) -> HttpResponse:
    """Opening a notification (from the list or the e-mail) marks it read and shows the comment."""
    found = get_object_or_404(collaboration.notifications_of(request.user), pk=notification_pk)
    collaboration.mark_read([found], by=request.user)
    step = found.comment.step if found.comment else ""
    target = reverse("plans:comments", args=[found.plan_id])
    return redirect(target + (f"?step={step}#comment-{found.comment_id}" if step else ""))
