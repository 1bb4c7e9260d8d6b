"""Who gets what from every URL: a permission matrix generated from the URL configuration.

`test_every_url_has_a_row_in_the_matrix` walks the resolver (the web pages, the ninja API under
/api/, allauth, i18n and the admin) and fails when a named URL has no row in `ROWS`, or when a row
names a URL that no longer exists. So a new URL without a permission test fails the suite.

How to add a row (one line in `ROWS`):

    "projects:edit": Row(args=lambda w: {"code": w.project.code}, get=editors(), post=editors(302)),

- the key is the URL name as `reverse()` takes it (`namespace:name`);
- `args(world)` returns its kwargs, built from the small `World` below (add a record there if a
  new URL needs one); a constant dict or `None` (no arguments) is fine too;
- `get` / `post` map each persona (anonymous, alice = owner of her organisation, bob = a member
  of it, charlie = an outsider, editor, admin) to the expected status, or to `LOGIN` (a redirect
  to a login page). The helpers `everyone()`, `signed_in()`, `editors()` and `owner_or_admin()`
  build the usual maps; write a dict for anything else. `post=None` means POST is not checked
  (GET-only pages answer 405); `post_data(world)` is the form sent.

The admin's per-model pages (changelist, add, change, history, delete of every registered
ModelAdmin) are generated from `admin.site` rather than listed: non-staff get the admin login,
editors may use the models in `EDITOR_ADMIN_MODELS` but delete nothing, administrators use all.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from m4d.accounts.models import ApiToken, User
from m4d.accounts.services import create_token
from m4d.core.models import AuditEntry, Job
from m4d.organisations import merges
from m4d.organisations.models import ClaimRequest, Invitation, Membership, Merge, Organisation
from m4d.organisations.selectors import invitation_token
from m4d.places.map import outlines_version
from m4d.plans.collaboration import invitation_token as plan_invitation_token
from m4d.plans.exports.services import start_export
from m4d.plans.models import Plan, PlanComment, PlanInvitation, PlanNotification
from m4d.projects.models import Project
from m4d.toolbox.models import Capital, CaseStudy, Option, Section
from tests.factories import (
    make_invitation,
    make_organisation,
    make_plan,
    make_plan_invitation,
    make_project,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("quick_passwords")]

PERSONAS = ("anonymous", "alice", "bob", "charlie", "editor", "admin")
MEMBERS = ("alice", "bob", "charlie")
LOGIN = "login"  # a redirect to a login page (the site's or the admin's)
Expected = dict[str, int | str]


def everyone(status: int = 200) -> Expected:
    return dict.fromkeys(PERSONAS, status)


def signed_in(status: int = 200) -> Expected:
    return {"anonymous": LOGIN, **dict.fromkeys(PERSONAS[1:], status)}


def editors(status: int = 200, members: int | str = 403) -> Expected:
    return {
        "anonymous": LOGIN,
        **dict.fromkeys(MEMBERS, members),
        "editor": status,
        "admin": status,
    }


def plan_team(status: int = 200) -> Expected:
    """For alice's plan: she works on it alone; to everyone else but admins it does not exist."""
    return {
        "anonymous": LOGIN,
        "alice": status,
        "bob": 404,
        "charlie": 404,
        "editor": 404,
        "admin": status,
    }


def owner_or_admin(status: int = 200) -> Expected:
    """For records of alice's (her job): others are told it does not exist."""
    return {
        "anonymous": LOGIN,
        "alice": status,
        "bob": 404,
        "charlie": 404,
        "editor": 404,
        "admin": status,
    }


def managers(status: int = 200) -> Expected:
    """For the members' pages of alice's organisation: its owner (and admins); bob, a plain
    member, and the others are refused."""
    return {**editors(403), "alice": status, "admin": status}


def staff(status: int = 200) -> Expected:
    """Admin pages every staff member (editor, admin) may open; the others get the admin login."""
    return {**dict.fromkeys(PERSONAS[:4], LOGIN), "editor": status, "admin": status}


@dataclass
class World:
    """The records the URLs of the matrix point at (one of each, built per test)."""

    alice: User
    project: Project
    organisation: Organisation
    job: Job
    case: CaseStudy
    capital: Capital
    section: Section
    option: Option
    token: ApiToken
    unowned: Organisation  # claims and merges: an entry nobody owns, charlie's claim on it,
    claim: ClaimRequest  # and a merge of two other records
    merge: Merge
    # Members' workflow: bob's membership of alice's organisation, a pending invitation to it.
    membership: Membership | None = None
    invitation: Invitation | None = None
    # The design studio: a plan of alice's organisation that only she works on, a pending
    # invitation to it, her comment on its context and her (unread) notification of it.
    plan: Plan | None = None
    plan_export: Job | None = None  # alice's finished export of that plan
    plan_invitation: PlanInvitation | None = None
    plan_comment: PlanComment | None = None
    plan_notification: PlanNotification | None = None


@dataclass(frozen=True)
class Row:
    get: Expected
    args: Callable[[World], dict[str, Any]] | dict[str, Any] | None = None
    post: Expected | None = None
    post_data: Callable[[World], dict[str, Any]] | None = None


ROWS: dict[str, Row] = {
    # The registry and site pages: public.
    "home": Row(everyone()),
    "statistics": Row(everyone()),
    "core:about": Row(everyone()),
    "core:search": Row(everyone()),
    "core:healthz": Row(everyone()),
    "core:favicon": Row(everyone()),
    "projects:list": Row(everyone()),
    "projects:export": Row(everyone(), args={"fmt": "csv"}),
    # Case studies moved to the toolbox: the old addresses redirect, for everyone.
    "projects:old_cases": Row(everyone(301)),
    "projects:old_case": Row(everyone(301), args=lambda w: {"box": w.case.box}),
    "toolbox:cases": Row(everyone()),
    "toolbox:case": Row(everyone(), args=lambda w: {"box": w.case.box}),
    "projects:detail": Row(everyone(), args=lambda w: {"code": w.project.slug}),
    "organisations:list": Row(everyone()),
    # Anyone signed in adds an organisation (an invalid form re-renders: 200); its owners and
    # managers, and editors, change it.
    "organisations:create": Row(signed_in(), post=signed_in(200), post_data=lambda w: {}),
    # The design studio (issue 9): plans are seen by their collaborators and administrators only
    # (tests/plans/test_permissions.py asks every role on a plan).
    "plans:list": Row(signed_in()),
    "plans:create": Row(signed_in(), post=signed_in(200), post_data=lambda w: {}),
    "plans:detail": Row(plan_team(), args=lambda w: {"pk": w.plan.pk}),
    # An empty form is invalid (no revision): re-shown, nothing saved.
    "plans:review": Row(
        plan_team(), args=lambda w: {"pk": w.plan.pk}, post=plan_team(200), post_data=lambda w: {}
    ),
    # A step page: a POST that cannot succeed (no revision to build on) says who may write.
    "plans:step": Row(
        plan_team(),
        args=lambda w: {"pk": w.plan.pk, "step": "partnership"},
        post=plan_team(400),
        post_data=lambda w: {"action": "main", "base_revision": "none"},
    ),
    # Exports (every role on a plan: tests/plans/test_export_pages.py). A POST without a format
    # re-shows the page with its error.
    "plans:export": Row(plan_team(), args=lambda w: {"pk": w.plan.pk}, post=plan_team()),
    "plans:export_download": Row(plan_team(), args=lambda w: {"pk": w.plan.pk, "fmt": "md"}),
    # The file of alice's export job: hers (and the administrators').
    "plans:export_file": Row(
        plan_team(), args=lambda w: {"pk": w.plan.pk, "job": w.plan_export.pk}
    ),
    # Collaboration (tests/plans/test_collab_permissions.py asks every role on a plan). alice is
    # the plan's last owner: removing her, changing her role or her leaving is refused (302 with
    # the message); an administrator, on no plan, has nothing to leave.
    "plans:people": Row(plan_team(), args=lambda w: {"pk": w.plan.pk}),
    "plans:invite": Row(signed_in(405), args=lambda w: {"pk": w.plan.pk}, post=plan_team(200)),
    "plans:invite_partners": Row(
        signed_in(405), args=lambda w: {"pk": w.plan.pk}, post=plan_team(302)
    ),
    "plans:leave": Row(
        {**plan_team(), "admin": 404},
        args=lambda w: {"pk": w.plan.pk},
        post={**plan_team(302), "admin": 404},
    ),
    "plans:collaborator_role": Row(
        signed_in(405),
        args=lambda w: {"pk": w.plan.pk, "collaborator_pk": w.plan.collaborators.get().pk},
        post=plan_team(302),
        post_data=lambda w: {"role": "reader"},
    ),
    "plans:collaborator_remove": Row(
        plan_team(),
        args=lambda w: {"pk": w.plan.pk, "collaborator_pk": w.plan.collaborators.get().pk},
        post=plan_team(302),
    ),
    "plans:invitation_resend": Row(
        signed_in(405),
        args=lambda w: {"pk": w.plan.pk, "invitation_pk": w.plan_invitation.pk},
        post=plan_team(302),
    ),
    "plans:invitation_cancel": Row(
        plan_team(),
        args=lambda w: {"pk": w.plan.pk, "invitation_pk": w.plan_invitation.pk},
        post=plan_team(302),
    ),
    # As for organisations: the link is the proof; alice, already on the plan, uses it up.
    "plans:invitation": Row(
        everyone(),
        args=lambda w: {"token": plan_invitation_token(w.plan_invitation)},
        post={**everyone(410), "anonymous": LOGIN, "alice": 302},
    ),
    "plans:history": Row(plan_team(), args=lambda w: {"pk": w.plan.pk}),
    "plans:compare": Row(plan_team(), args=lambda w: {"pk": w.plan.pk, "step": "context"}),
    "plans:restore": Row(
        plan_team(),
        args=lambda w: {"pk": w.plan.pk, "version_pk": w.plan.versions.first().pk},
        post=plan_team(302),
    ),
    # An empty comment is refused: the page is shown again with its error.
    "plans:comments": Row(plan_team(), args=lambda w: {"pk": w.plan.pk}, post=plan_team(200)),
    "plans:comment_resolve": Row(
        signed_in(405),
        args=lambda w: {"pk": w.plan.pk, "comment_pk": w.plan_comment.pk},
        post=plan_team(302),
    ),
    # One's own notifications: alice's is hers alone (even administrators get 404).
    "plans:notifications": Row(signed_in(), post=signed_in(302)),
    "plans:notification": Row(
        {**plan_team(404), "anonymous": LOGIN, "alice": 302},
        args=lambda w: {"notification_pk": w.plan_notification.pk},
    ),
    # Monitoring: before funding, a POST is sent back with its message (302). Owners mark a plan
    # funded (alice does; the admin then finds it funded: 200) and update its registry entry.
    "plans:monitoring": Row(plan_team(), args=lambda w: {"pk": w.plan.pk}, post=plan_team(302)),
    "plans:funded": Row(
        plan_team(), args=lambda w: {"pk": w.plan.pk}, post={**plan_team(302), "admin": 200}
    ),
    "plans:registry": Row(signed_in(405), args=lambda w: {"pk": w.plan.pk}, post=plan_team(302)),
    "organisations:edit": Row(
        {**editors(), "alice": 200},
        args=lambda w: {"pk": w.organisation.pk},
        post={**editors(302), "alice": 302},
        post_data=lambda w: {"name": w.organisation.name, "type": "ngo", "country": "SN"},
    ),
    "organisations:detail": Row(everyone(), args=lambda w: {"pk": w.organisation.pk}),
    # Members (tests/organisations/test_members_page.py): alice owns, bob is a member. Managing
    # members is for owners and managers (and admins); the owner role (alice's membership,
    # transfer) for owners; leaving for members. Refused writes redirect with their message.
    "organisations:members": Row(managers(), args=lambda w: {"pk": w.organisation.pk}),
    "organisations:invite": Row(
        signed_in(405), args=lambda w: {"pk": w.organisation.pk}, post=managers(200)
    ),
    "organisations:member_role": Row(
        signed_in(405),
        args=lambda w: {"pk": w.organisation.pk, "membership_pk": w.membership.pk},
        post=managers(302),
        post_data=lambda w: {"role": "member"},
    ),
    # alice's own membership: the last owner, so the POST is refused (and nothing removed).
    "organisations:member_remove": Row(
        managers(),
        args=lambda w: {"pk": w.organisation.pk, "membership_pk": w.alice.memberships.get().pk},
        post=managers(302),
    ),
    # alice (last owner) is refused, bob leaves; an admin who is not a member has nothing to leave.
    "organisations:leave": Row(
        {**managers(), "bob": 200, "admin": 404},
        args=lambda w: {"pk": w.organisation.pk},
        post={**managers(302), "bob": 302, "admin": 404},
    ),
    "organisations:transfer": Row(
        managers(), args=lambda w: {"pk": w.organisation.pk}, post=managers(200)
    ),
    "organisations:invitation_resend": Row(
        signed_in(405),
        args=lambda w: {"pk": w.organisation.pk, "invitation_pk": w.invitation.pk},
        post=managers(302),
    ),
    "organisations:invitation_cancel": Row(
        managers(),
        args=lambda w: {"pk": w.organisation.pk, "invitation_pk": w.invitation.pk},
        post=managers(302),
    ),
    # The link is the proof: anyone sees it; accepting needs an account (alice, already a member,
    # uses it up: the later personas find it accepted, 410).
    "organisations:invitation": Row(
        everyone(),
        args=lambda w: {"token": invitation_token(w.invitation)},
        post={**everyone(410), "anonymous": LOGIN, "alice": 302},
    ),
    "organisations:act_for": Row(
        signed_in(405),
        post=signed_in(302),
        post_data=lambda w: {"organisation": w.organisation.pk, "next": "/"},
    ),
    # Claims and merges. Anyone signed in claims an entry nobody owns (an empty message
    # re-renders the form: 200); a claim is seen by its claimant (charlie) and editors, decided
    # by editors, withdrawn by its claimant (after which the admin is told it is answered: 200).
    "organisations:claim": Row(
        signed_in(), args=lambda w: {"pk": w.unowned.pk}, post=signed_in(200)
    ),
    "organisations:claims": Row(editors()),
    "organisations:claim_decide": Row(
        {**editors(members=404), "charlie": 403},
        args=lambda w: {"pk": w.claim.pk},
        post={**editors(members=404), "charlie": 403},
    ),
    "organisations:claim_withdraw": Row(
        {**editors(members=404), "charlie": 200, "editor": 403},
        args=lambda w: {"pk": w.claim.pk},
        post={**editors(members=404), "charlie": 302, "editor": 403},
    ),
    # Editors merge (without a record to keep, the page is shown again: 200) and undo (once
    # undone, the admin is told so: 200); a merge does not exist for the others.
    "organisations:merge": Row(editors(), args=lambda w: {"pk": w.unowned.pk}, post=editors(200)),
    "organisations:merge_undo": Row(
        editors(members=404),
        args=lambda w: {"pk": w.merge.pk},
        post={**editors(members=404), "editor": 302},
    ),
    # Logos are public files: a stored one is served to everyone (test_organisation_logo.py).
    "organisations:logo": Row(everyone(404), args={"name": "none-0123456789ab.png"}),
    "places:list": Row(everyone()),
    "places:map": Row(everyone()),
    "places:map_outlines": Row(everyone(), args={"version": outlines_version()}),
    "places:country": Row(everyone(), args={"iso2": "sn"}),
    "toolbox:index": Row(everyone()),
    "toolbox:capital": Row(everyone(), args=lambda w: {"key": w.capital.key}),
    "toolbox:section": Row(everyone(), args=lambda w: {"number": w.section.number}),
    "toolbox:option": Row(everyone(), args=lambda w: {"key": w.option.key}),
    # Anyone signed in ticks key issues on their own checklist (saved, then back to the option).
    "toolbox:option_checklist": Row(
        signed_in(405),
        args=lambda w: {"key": w.option.key},
        post=signed_in(302),
        post_data=lambda w: {"issue": ["0"]},
    ),
    "toolbox:partnerships": Row(everyone()),
    "toolbox:stakeholders": Row(everyone()),
    "toolbox:allies": Row(everyone()),
    "toolbox:risks": Row(everyone()),
    "toolbox:recommendations": Row(everyone()),
    "toolbox:references": Row(everyone()),
    # Editors' tools. An empty upload re-shows the form with its error (200).
    "projects:import_iati": Row(editors(), post=editors()),
    # Reviewing an import (any editor's, not only one's own); each action answers with a redirect.
    "projects:import_review": Row(editors(), args=lambda w: {"pk": w.job.pk}, post=editors(302)),
    "projects:import_discard": Row(editors(), args=lambda w: {"pk": w.job.pk}, post=editors(302)),
    # Undoing an import: a confirmation page, then a redirect (undone, or refused with a message).
    "projects:import_undo": Row(editors(), args=lambda w: {"pk": w.job.pk}, post=editors(302)),
    # A correction that passes the form is saved and sends the editor back to the project.
    "projects:edit": Row(
        editors(),
        args=lambda w: {"code": w.project.slug},
        post=editors(302),
        post_data=lambda w: {"title_fr": "Titre corrigé", "countries": "SN, FR"},
    ),
    # Jobs: their owner and administrators; the others are told the job does not exist.
    "core:job": Row(owner_or_admin(), args=lambda w: {"pk": w.job.pk}),
    "core:job_retry": Row(
        signed_in(405),
        args=lambda w: {"pk": w.job.pk},
        post=owner_or_admin(302),
    ),
    # The signed-in person's own page.
    "accounts:profile": Row(
        signed_in(),
        post=signed_in(302),
        post_data=lambda w: {"display_name": "Someone", "language": "en"},
    ),
    # API tokens: anyone signed in makes their own; a token is revoked by its owner or an
    # administrator (once revoked, it is gone for the later personas too).
    "accounts:token_create": Row(
        signed_in(405), post=signed_in(200), post_data=lambda w: {"name": "Matrix script"}
    ),
    "accounts:token_revoke": Row(
        owner_or_admin(),
        args=lambda w: {"pk": w.token.pk},
        post={**owner_or_admin(404), "alice": 302},
    ),
    "set_language": Row(
        everyone(302), post=everyone(302), post_data=lambda w: {"language": "fr", "next": "/"}
    ),
    # The header's language links (GET), so that pages carry no CSRF token.
    "core:language": Row(everyone(302), args={"code": "fr"}, post=everyone(405)),
    # The JSON API reads the public registry.
    "api:openapi-json": Row(everyone()),
    "api:openapi-view": Row(everyone()),
    "api:api-root": Row(everyone(404)),
    "api:search_endpoint": Row(everyone()),
    "api:ping": Row(everyone()),
    # Who a token or session acts for: 401 (JSON) without either.
    "api:me": Row({**everyone(), "anonymous": 401}),
    "api:list_projects": Row(everyone()),
    "api:get_project": Row(everyone(), args=lambda w: {"code": w.project.code}),
    "api:list_organisations": Row(everyone()),
    # POST: anyone signed in creates an organisation (a form body is not JSON: 400). The
    # PATCH beside the GET of one organisation is tested in tests/organisations/test_api_writes.py.
    "api:create_organisation": Row(everyone(), post={**everyone(400), "anonymous": 401}),
    "api:update_organisation": Row(
        everyone(), args=lambda w: {"organisation_id": w.organisation.pk}, post=everyone(405)
    ),
    # Claims by API: anyone signed in claims an entry nobody owns (a form body is not JSON: 400).
    "api:claim_organisation": Row(
        everyone(405),
        args=lambda w: {"organisation_id": w.unowned.pk},
        post={**everyone(400), "anonymous": 401},
    ),
    "api:get_organisation": Row(everyone(), args=lambda w: {"organisation_id": w.organisation.pk}),
    # Members and invitations (per persona with JSON bodies: tests/organisations/test_members_api.py).
    "api:list_members": Row(
        {**everyone(), "anonymous": 401, "charlie": 403},
        args=lambda w: {"organisation_id": w.organisation.pk},
    ),
    "api:add_member": Row(
        {**everyone(), "anonymous": 401, "charlie": 403},
        args=lambda w: {"organisation_id": w.organisation.pk},
        post={**everyone(400), "anonymous": 401},
    ),
    "api:create_invitation": Row(
        everyone(405),
        args=lambda w: {"organisation_id": w.organisation.pk},
        post={**everyone(400), "anonymous": 401},
    ),
    # Plans by API (every role on a plan: tests/plans/test_permissions.py). The list and the
    # creation share a path (a form body is not JSON: 400); the PATCH shares the detail's path.
    "api:list_plans": Row({**everyone(), "anonymous": 401}),
    "api:get_plan": Row({**plan_team(), "anonymous": 401}, args=lambda w: {"plan_id": w.plan.pk}),
    "api:create_plan": Row(
        {**everyone(), "anonymous": 401}, post={**everyone(400), "anonymous": 401}
    ),
    "api:update_plan": Row(
        {**plan_team(), "anonymous": 401}, args=lambda w: {"plan_id": w.plan.pk}, post=everyone(405)
    ),
    "api:plan_review": Row(
        {**plan_team(), "anonymous": 401}, args=lambda w: {"plan_id": w.plan.pk}
    ),
    "api:list_countries": Row(everyone()),
    "api:toolbox": Row(everyone()),
    "api:option": Row(everyone(), args=lambda w: {"key": w.option.key}),
    # Without ?format= the export is refused before the plan is looked up (per persona with a
    # format: tests/plans/test_export_api.py).
    "api:plan_export": Row(
        {**everyone(422), "anonymous": 401}, args=lambda w: {"plan_id": w.plan.pk}
    ),
    # allauth (sign-up, login, password reset): pages for visitors send signed-in everyone on, pages
    # about one's own account send visitors to the login page.
    "account_login": Row({"anonymous": 200, **dict.fromkeys(PERSONAS[1:], 302)}),
    "account_signup": Row({"anonymous": 200, **dict.fromkeys(PERSONAS[1:], 302)}),
    "account_logout": Row({"anonymous": 302, **dict.fromkeys(PERSONAS[1:], 200)}),
    "account_inactive": Row(everyone()),
    "account_reauthenticate": Row(signed_in()),
    # Login and reauthentication by e-mailed code are not enabled: allauth sends everyone back.
    "account_request_reauthentication_code": Row(signed_in(302)),
    "account_confirm_reauthentication_code": Row(signed_in(302)),
    "account_email": Row(signed_in()),
    "account_email_verification_sent": Row(everyone()),
    "account_change_password": Row(signed_in()),
    "account_set_password": Row(signed_in(302)),
    "account_reset_password": Row(everyone()),
    "account_reset_password_done": Row(everyone()),
    "account_confirm_login_code": Row(signed_in(302)),
    "account_confirm_email": Row(everyone(), args={"key": "not-a-key"}),
    # A wrong key shows the "bad link" page.
    "account_reset_password_from_key": Row(everyone(), args={"uidb36": "0", "key": "not-a-key"}),
    "account_reset_password_from_key_done": Row(everyone()),
    # The admin site's own pages (its per-model pages are generated, see the module docstring).
    "admin:index": Row(staff()),
    "admin:login": Row({**dict.fromkeys(PERSONAS[:4], 200), "editor": 302, "admin": 302}),
    # Logging out takes a POST; the admin sends non-staff to its index (then to its login).
    "admin:logout": Row({**dict.fromkeys(PERSONAS[:4], 302), "editor": 405, "admin": 405}),
    "admin:password_change": Row(staff()),
    "admin:password_change_done": Row(staff()),
    "admin:jsi18n": Row(staff()),
    # Without its query parameters the autocomplete view refuses everyone.
    "admin:autocomplete": Row(staff(403)),
    "admin:view_on_site": Row(
        staff(302),
        args=lambda w: {
            "content_type_id": _content_type_id(Project),
            "object_id": w.project.pk,
        },
    ),
    "admin:app_list": Row(staff(), args={"app_label": "projects"}),
    # Setting somebody's password is managing their account: administrators only.
    "admin:auth_user_password_change": Row(
        {**staff(), "editor": 403}, args=lambda w: {"id": w.alice.pk}
    ),
}

# Models whose admin pages editors use (view, add, change; never delete). Any other registered
# model is for administrators only.
EDITOR_ADMIN_MODELS = {
    "places.country",
    "organisations.organisation",
    "projects.project",
    "toolbox.casestudy",
    "toolbox.capital",
    "toolbox.figure",
    "toolbox.section",
    "toolbox.option",
    "toolbox.buildingblock",
    "toolbox.recommendation",
    "toolbox.reference",
}
ADMIN_MODEL_VIEWS = {
    "changelist": "view",
    "add": "add",
    "change": "view",
    "history": "view",
    "delete": "delete",
}
# Pages refused to administrators too: the audit log is append-only, django-tasks' results
# are written by the worker alone, and API tokens are made by their owner and revoked, not deleted.
ADMIN_REFUSED = {
    ("accounts.apitoken", "add"),
    ("accounts.apitoken", "delete"),
    ("core.auditentry", "add"),
    ("core.auditentry", "delete"),
    ("django_tasks_database.dbtaskresult", "add"),
    ("django_tasks_database.dbtaskresult", "delete"),
}


def _content_type_id(model) -> int:
    from django.contrib.contenttypes.models import ContentType

    return ContentType.objects.get_for_model(model).pk


def admin_model_rows() -> dict[str, tuple[type, str, Expected]]:
    """URL name → (model, view, expected) for every page of every registered ModelAdmin."""
    rows = {}
    for model in admin.site._registry:
        label = model._meta.label_lower
        for view, action in ADMIN_MODEL_VIEWS.items():
            editor_ok = label in EDITOR_ADMIN_MODELS and action != "delete"
            admin_ok = (label, view) not in ADMIN_REFUSED
            expected = {
                **dict.fromkeys(PERSONAS[:4], LOGIN),
                "editor": 200 if editor_ok else 403,
                "admin": 200 if admin_ok else 403,
            }
            name = f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}"
            rows[name] = (model, view, expected)
    return rows


def url_patterns() -> tuple[set[str], list[str]]:
    """Every named URL (as `namespace:name`) and the routes of unnamed ones."""
    names: set[str] = set()
    unnamed: list[str] = []

    def walk(patterns, prefix: str, namespace: str | None) -> None:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = pattern.namespace or None
                full = ":".join(n for n in (namespace, inner) if n) or None
                walk(pattern.url_patterns, prefix + str(pattern.pattern), full)
            elif isinstance(pattern, URLPattern):
                if pattern.name:
                    names.add(f"{namespace}:{pattern.name}" if namespace else pattern.name)
                else:
                    unnamed.append(prefix + str(pattern.pattern))

    walk(get_resolver().url_patterns, "", None)
    return names, unnamed


def test_every_url_has_a_row_in_the_matrix():
    names, _unnamed = url_patterns()
    covered = set(ROWS) | set(admin_model_rows())
    assert sorted(names - covered) == [], "URLs without a permission row: add them to ROWS"
    assert sorted(covered - names) == [], "rows for URLs that no longer exist: remove them"


def test_only_the_admin_has_unnamed_urls():
    # Django's admin redirects old-style object URLs and catches the rest; an unnamed URL anywhere
    # else could not be listed in the matrix.
    _names, unnamed = url_patterns()
    assert [route for route in unnamed if not route.startswith("admin/")] == []


@pytest.fixture
def world(alice, alices_organisation, bob, charlie) -> World:
    project = make_project("A project of the matrix", partners=[alices_organisation])
    job = Job.objects.create(kind="iati_import", owner=alice, status=Job.Status.DONE)
    return World(
        alice=alice,
        project=project,
        organisation=alices_organisation,
        job=job,
        case=CaseStudy.objects.order_by("box").first(),
        capital=Capital.objects.first(),
        section=Section.objects.first(),
        option=Option.objects.first(),
        token=create_token(alice, name="Alice's script", by=alice)[0],
        membership=bob.memberships.get(),
        invitation=make_invitation(alices_organisation, invited_by=alice),
        **_plan_records(alice, alices_organisation),
        **_claims_and_merges(charlie),
    )


def _plan_records(alice: User, organisation: Organisation) -> dict[str, Any]:
    plan = make_plan(alice, organisation=organisation)
    comment = PlanComment.objects.create(plan=plan, step="context", author=alice, text="To do")
    return {
        "plan": plan,
        "plan_invitation": make_plan_invitation(plan, invited_by=alice),
        "plan_comment": comment,
        "plan_notification": PlanNotification.objects.create(
            user=alice, plan=plan, comment=comment
        ),
        "plan_export": start_export(plan, "md", language="en", by=alice),
    }


def _claims_and_merges(charlie: User) -> dict[str, Any]:
    unowned = make_organisation("Unowned entry of the matrix")
    kept, merged = make_organisation(), make_organisation()
    return {
        "unowned": unowned,
        "claim": ClaimRequest.objects.create(organisation=unowned, claimant=charlie, message="Me"),
        "merge": merges.merge_organisations(merged, into=kept, by=None),
    }


def check(client, everyone: dict[str, Any], method: str, url: str, expected: Expected, data=None):
    """Request `url` as each persona; return the mismatches as readable lines."""
    assert set(expected) == set(PERSONAS), f"{url}: the row must name every persona"
    wrong = []
    for name, user in everyone.items():
        client.logout()
        if user.is_authenticated:
            client.force_login(user)
        response = getattr(client, method)(url, data or {})
        want = expected[name]
        if want == LOGIN:
            ok = response.status_code == 302 and "/login/" in response.get("Location", "")
        else:
            ok = response.status_code == want
        got = f"{response.status_code} {response.get('Location', '')}".strip()
        if not ok:
            wrong.append(f"{method.upper()} {url} as {name}: expected {want}, got {got}")
    return wrong


def _kwargs(row: Row, world: World) -> dict[str, Any] | None:
    return row.args(world) if callable(row.args) else row.args


@pytest.mark.parametrize("name", sorted(ROWS))
def test_each_persona_gets_the_expected_answer(name, client, everyone, world):
    row = ROWS[name]
    url = reverse(name, kwargs=_kwargs(row, world))
    wrong = check(client, everyone, "get", url, row.get)
    if row.post is not None:
        data = row.post_data(world) if row.post_data else {}
        wrong += check(client, everyone, "post", url, row.post, data)
    assert not wrong, "\n".join(wrong)


def admin_object(model, world: World, alice) -> Any:
    """One record of `model` to open in the admin (made when the test database has none)."""
    from allauth.account.models import EmailAddress
    from django_tasks_db.models import DBTaskResult

    makers: dict[str, Callable[[], Any]] = {
        "auth.group": lambda: Group.objects.create(name="Matrix group"),
        "core.job": lambda: world.job,
        "core.auditentry": lambda: AuditEntry.objects.create(
            action="matrix.checked", object_type="projects.project", object_id="0", object_repr="-"
        ),
        "account.emailaddress": lambda: EmailAddress.objects.create(
            user=alice, email=alice.email, verified=True, primary=True
        ),
        "django_tasks_database.dbtaskresult": lambda: DBTaskResult.objects.create(
            enqueued_at=timezone.now(),
            run_after=timezone.now(),
            args_kwargs={"args": [0], "kwargs": {}},
            task_path="m4d.core.jobs.run_job_task",
            backend_name="default",
            exception_class_path="",
            traceback="",
        ),
        "projects.project": lambda: world.project,
        "organisations.organisation": lambda: world.organisation,
        "accounts.user": lambda: alice,
        "accounts.apitoken": lambda: world.token,
    }
    maker = makers.get(model._meta.label_lower)
    return maker() if maker else model.objects.first()


@pytest.mark.parametrize("name", sorted(admin_model_rows()))
def test_each_persona_gets_the_expected_admin_page(name, client, everyone, world, alice):
    model, view, expected = admin_model_rows()[name]
    kwargs = None
    if view in {"change", "history", "delete"}:
        kwargs = {"object_id": admin_object(model, world, alice).pk}
    wrong = check(client, everyone, "get", reverse(name, kwargs=kwargs), expected)
    assert not wrong, "\n".join(wrong)
