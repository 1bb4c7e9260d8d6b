"""Writes for organisations: loading the shipped directory, creating, correcting, deleting and
matching organisations; their members (roles, leaving, the owner role), invitations, and which
organisation a person acts for."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from m4d.accounts.models import User
from m4d.core import invitations, records, search
from m4d.core.datafiles import RecordChecker, iter_records
from m4d.lib.images import ImageRejected, normalise_image
from m4d.lib.text import fold, slugify_ascii
from m4d.organisations import selectors
from m4d.organisations.models import (
    LOGO_MESSAGES,
    Invitation,
    Membership,
    Organisation,
    is_iati_identifier,
    is_web_address,
    validate_logo,
)
from m4d.places.models import Country

DATA_FILE = Path(__file__).parent / "data" / "organisations.yaml"


# Optional fields of organisations.yaml (issue 7's profile); the logo is never shipped.
PROFILE_FIELDS = ("city", "website", "description_fr", "description_en", "iati_identifier")


class OrganisationError(records.RecordError):
    """A change to the directory refused by its rules."""


def read_organisations(path: Path = DATA_FILE) -> list[dict]:
    """Parse and validate the organisations file; raises DataFileError listing every problem.

    Besides key, name, glosses, type and country, a record may give `PROFILE_FIELDS` (none of the
    handbook's records does: its annex prints no cities, sites or identifiers)."""
    check = RecordChecker(path)
    countries = set(Country.objects.values_list("iso2", flat=True))
    seen: set[Any] = set()  # the keys as read, valid or not
    records = []
    for where, record in iter_records(check, what="organisations", id_field="key"):
        records.append(record)
        key = record.get("key")
        check.require(
            isinstance(key, str) and bool(key) and key == slugify_ascii(key),
            where,
            "key must be a lowercase ASCII slug",
        )
        check.require(key not in seen, where, "duplicate key")
        seen.add(key)
        check.require(bool(record.get("name")), where, "name is required")
        check.require(
            not {"name_en", "name_fr"} & set(record),
            where,
            "the name is official in every language: put a translation in gloss_en/gloss_fr",
        )
        check.require(
            record.get("type") in Organisation.Type.values,
            where,
            f"unknown type {record.get('type')!r}",
        )
        check.require(
            record.get("country") in countries, where, f"unknown country {record.get('country')!r}"
        )
        # Profile fields (issue 7), optional: the same checks as the model's.
        for field in PROFILE_FIELDS:
            check.require(isinstance(record.get(field, ""), str), where, f"{field} must be a text")
        website = record.get("website") or ""
        check.require(
            isinstance(website, str) and is_web_address(website),
            where,
            "website must be an http(s) URL",
        )
        identifier = record.get("iati_identifier") or ""
        check.require(
            isinstance(identifier, str) and is_iati_identifier(identifier),
            where,
            f"iati_identifier {identifier!r} is not {{agency}}-{{number}} with an agency of the OrganisationRegistrationAgency codelist",
        )
    check.raise_if_any()
    return records


@transaction.atomic
def load_organisations(records: list[dict]) -> dict[str, Organisation]:
    """Create or update the shipped organisations; returns them by key."""
    countries = {c.iso2: c for c in Country.objects.all()}
    existing = {o.key: o for o in Organisation.objects.filter(key__in=[r["key"] for r in records])}
    result = {}
    for record in records:
        values = {
            "name": record["name"],
            "gloss_en": record.get("gloss_en") or "",
            "gloss_fr": record.get("gloss_fr") or "",
            "type": record["type"],
            "country": countries[record["country"]],
            "source": Organisation.Source.HANDBOOK,
            # Profile fields only when the file gives them: what members set is kept otherwise.
            **{field: record[field] for field in PROFILE_FIELDS if record.get(field)},
        }
        org = existing.get(record["key"])
        if org is None:
            org = Organisation.objects.create(key=record["key"], **values)
        else:
            for field, value in values.items():
                setattr(org, field, value)
            org.save()
        result[org.key] = org
    search.reindex("organisation", [o.pk for o in result.values()])
    return result


def unique_key(name: str) -> str:
    base = slugify_ascii(name)[:100] or "organisation"
    key, n = base, 1
    while Organisation.objects.filter(key=key).exists():
        n += 1
        key = f"{base}-{n}"
    return key


def match_or_create_organisation(
    *,
    name: str,
    iati_identifier: str = "",
    type: str = Organisation.Type.OTHER,
    country: Country | None = None,
    source: str = Organisation.Source.IATI,
    gloss_en: str = "",
    gloss_fr: str = "",
    by: Any = None,
) -> tuple[Organisation, bool]:
    """Find an organisation by IATI identifier, else by name or gloss (accents and case ignored),
    else create it. A found organisation gains the identifier and glosses it lacked (an invalid
    identifier is never stored: the caller warns about it)."""
    if not is_iati_identifier(iati_identifier):
        iati_identifier = ""
    if iati_identifier:
        found = Organisation.objects.filter(iati_identifier=iati_identifier).first()
        if found:
            # A merged record stands for the one it was merged into.
            while found.merged_into is not None:
                found = found.merged_into
            return found, False
    wanted = fold(name)
    candidates = Organisation.objects.filter(merged_into__isnull=True).filter(
        Q(name__iexact=name) | Q(gloss_en__iexact=name) | Q(gloss_fr__iexact=name)
    )
    for candidate in candidates:
        if wanted in {fold(candidate.name), fold(candidate.gloss_en), fold(candidate.gloss_fr)}:
            _complete(
                candidate,
                {"iati_identifier": iati_identifier, "gloss_en": gloss_en, "gloss_fr": gloss_fr},
                by=by,
            )
            return candidate, False
    org = create_organisation(
        by=by,
        changes={
            "name": name,
            "gloss_en": gloss_en,
            "gloss_fr": gloss_fr,
            "type": type,
            "country": country,
            "iati_identifier": iati_identifier,
            "source": source,
        },
    )
    return org, True


def _complete(organisation: Organisation, values: Mapping[str, str], *, by: Any) -> None:
    """Fill the fields `organisation` leaves empty (audited); a record that no longer validates
    (an identifier stored before identifiers were checked) is left as it is."""
    missing = {f: v for f, v in values.items() if v and not getattr(organisation, f)}
    if not missing:
        return
    try:
        with transaction.atomic():
            update_organisation(organisation, by=by, changes=missing)
    except OrganisationError:
        organisation.refresh_from_db()


def _write(organisation: Organisation, changes: Mapping[str, Any], *, by: Any) -> Organisation:
    values = dict(changes)
    if not (values.get("name", organisation.name) or "").strip():
        raise OrganisationError(_("An organisation needs a name."))
    for field in ("description_fr", "description_en"):  # modeltranslation's columns hold NULL
        if field in values and not values[field] and not getattr(organisation, field):
            del values[field]
    old_logo = organisation.logo.name if organisation.pk else ""
    if "logo" in values:
        values["logo"] = _logo(organisation, values["logo"])
    saved = records.save_record(
        organisation, values, by=by, kind="organisation", error=OrganisationError
    )
    if old_logo and old_logo != saved.logo.name:
        _forget_logo(old_logo)
    return saved


# Logos (decision 0012): an upload is checked by content, reduced and re-encoded here, whoever
# sends it (the pages, the admin, a script); the file is named after the organisation and the
# content, so a changed logo has a new address and browsers may cache one for ever.


def _logo(organisation: Organisation, value: Any) -> Any:
    """The value to store for `changes["logo"]`: "" removes it (False or None too, as a form's
    "remove" box gives), a stored logo stays, a new upload becomes its normalised copy."""
    if not value:
        return ""
    if not isinstance(value, File) or getattr(value, "_committed", False):
        return value
    try:
        validate_logo(value)
        image = normalise_image(
            value,
            max_bytes=settings.M4D_LOGO_MAX_BYTES,
            max_pixels=settings.M4D_LOGO_MAX_PIXELS,
            box=settings.M4D_LOGO_BOX,
        )
    except ImageRejected as rejected:  # what verify() could not see: a broken compressed stream
        raise OrganisationError(str(LOGO_MESSAGES["not_an_image"])) from rejected
    except ValidationError as problem:
        raise OrganisationError(" ".join(problem.messages)) from problem
    digest = hashlib.sha256(image.content).hexdigest()[:12]
    stem = slugify_ascii(organisation.key or organisation.name)[:60] or "organisation"
    return ContentFile(image.content, name=f"{stem}-{digest}.{image.extension}")


def _forget_logo(name: str) -> None:
    """Delete a replaced or removed logo's file once the change is committed (a rolled-back
    change keeps it)."""
    storage = Organisation._meta.get_field("logo").storage

    def delete() -> None:
        storage.delete(name)

    transaction.on_commit(delete)


@transaction.atomic
def create_organisation(*, by: Any, changes: Mapping[str, Any]) -> Organisation:
    """Add an organisation (its official `name` at least, optionally `gloss_en`/`gloss_fr`; its key
    is made from the name unless given); audited as `organisations.organisation.created`,
    searchable at once."""
    key = changes.get("key") or unique_key(changes.get("name") or "")
    return _write(Organisation(key=key), changes, by=by)


# What a member may set on an organisation they create or manage (the rest is editors' work).
MEMBER_FIELDS = (
    "name",
    "gloss_en",
    "gloss_fr",
    "type",
    "country",
    # Profile fields (issue 7).
    "city",
    "website",
    "description_fr",
    "description_en",
    "logo",
    "iati_identifier",
)


@transaction.atomic
def create_organisation_for(user: Any, *, changes: Mapping[str, Any]) -> Organisation:
    """A signed-in person adds their organisation (`MEMBER_FIELDS` only) and becomes its owner,
    in one transaction; both writes are audited."""
    unknown = set(changes) - set(MEMBER_FIELDS)
    if unknown:
        raise OrganisationError(
            _("These fields cannot be set here: %(fields)s")
            % {"fields": ", ".join(sorted(unknown))}
        )
    organisation = create_organisation(
        by=user, changes={**changes, "source": Organisation.Source.MEMBERS}
    )
    create_membership(
        by=user,
        changes={"organisation": organisation, "user": user, "role": Membership.Role.OWNER},
    )
    return organisation


@transaction.atomic
def update_organisation(
    organisation: Organisation, *, by: Any, changes: Mapping[str, Any]
) -> Organisation:
    """Correct an organisation; its projects' search entries (which show its name) follow."""
    return _write(organisation, changes, by=by)


@transaction.atomic
def delete_organisation(organisation: Organisation, *, by: Any) -> None:
    """Remove an organisation no project names as a partner (refused otherwise)."""
    logo = organisation.logo.name
    records.delete_record(organisation, by=by, kind="organisation", error=OrganisationError)
    if logo:
        _forget_logo(logo)


# Memberships: who acts for an organisation. Issue-level workflows (invitations, claims) build on
# these three writes; the admin's membership rows use them too.


@transaction.atomic
def create_membership(*, by: Any, changes: Mapping[str, Any]) -> Membership:
    """Add a person to an organisation (`organisation`, `user`, `role`); audited."""
    return records.save_record(Membership(), changes, by=by, kind=None, error=OrganisationError)


@transaction.atomic
def update_membership(membership: Membership, *, by: Any, changes: Mapping[str, Any]) -> Membership:
    """Change a member's role; audited with the old and new values' difference. The last owner
    cannot be demoted (`OrganisationError`)."""
    if "role" in changes and changes["role"] != Membership.Role.OWNER:
        _keep_an_owner(membership)
    return records.save_record(membership, changes, by=by, kind=None, error=OrganisationError)


@transaction.atomic
def delete_membership(membership: Membership, *, by: Any) -> None:
    """Remove a person from an organisation (they leave, or are removed); audited. The last owner
    cannot be removed (`OrganisationError`)."""
    _keep_an_owner(membership)
    records.delete_record(membership, by=by, kind=None, error=OrganisationError)


def _keep_an_owner(membership: Membership) -> None:
    """Refuse to take the owner role away from the organisation's last owner. The role is read
    as stored (the admin's form has already changed the instance), with the organisation's row
    locked, so two owners demoting each other at once cannot leave it without one."""
    if membership.pk is None:
        return
    stored = Membership.objects.filter(pk=membership.pk).values_list("organisation_id", "role")
    found = stored.first()
    if found is None or found[1] != Membership.Role.OWNER:
        return
    organisation = Organisation.objects.select_for_update().get(pk=found[0])
    others = organisation.memberships.filter(role=Membership.Role.OWNER).exclude(pk=membership.pk)
    if not others.exists():
        raise OrganisationError(
            _(
                "%(name)s must keep at least one owner: make another member an owner first "
                "(or transfer the ownership)."
            )
            % {"name": organisation.name}
        )


@transaction.atomic
def transfer_ownership(organisation: Organisation, *, by: Any, to: Membership) -> Membership:
    """An owner hands the organisation to another member: they become its owner, the former owner
    stays as a manager. Both role changes audited, in one transaction."""
    current = organisation.memberships.filter(user=by, role=Membership.Role.OWNER).first()
    if current is None:
        raise OrganisationError(_("Only an owner can transfer the ownership."))
    if to.organisation_id != organisation.pk or to.pk == current.pk:
        raise OrganisationError(
            _("Choose another member of %(name)s.") % {"name": organisation.name}
        )
    update_membership(to, by=by, changes={"role": Membership.Role.OWNER})
    update_membership(current, by=by, changes={"role": Membership.Role.MANAGER})
    return to


def add_member(organisation: Organisation, *, by: Any, email: str, role: str) -> Membership:
    """Add the person who has an account with `email` (the API's `POST …/members`); someone
    without an account is invited instead (`invite_member`)."""
    user = User.objects.filter(email__iexact=email.strip()).first()
    if user is None:
        raise OrganisationError(
            _("No account uses %(email)s: send an invitation instead.") % {"email": email}
        )
    if organisation.memberships.filter(user=user).exists():
        raise OrganisationError(
            _("%(email)s is already a member of %(name)s.")
            % {"email": user.email, "name": organisation.name}
        )
    return create_membership(
        by=by, changes={"organisation": organisation, "user": user, "role": role}
    )


# Invitations (decision 0010): the e-mailed link carries a signed token naming the invitation and
# how many times it was sent, so a resend retires the older links; the token expires
# `M4D_INVITATION_DAYS` after it was signed.


@transaction.atomic
def invite_member(
    organisation: Organisation, *, by: Any, email: str, role: str, language: str
) -> Invitation:
    """Invite `email` to act for `organisation` with `role`, and e-mail the link in `language`.
    Refused for a member or an address with a pending invitation; nothing kept if the mail fails."""
    email = email.strip()
    if organisation.memberships.filter(user__email__iexact=email).exists():
        raise OrganisationError(
            _("%(email)s is already a member of %(name)s.")
            % {"email": email, "name": organisation.name}
        )
    return invitations.create(
        Invitation(),
        {"organisation": organisation, "email": email, "role": role},
        by=by,
        language=language,
        others=organisation.invitations.all(),
        error=OrganisationError,
        send=_send_invitation,
    )


@transaction.atomic
def resend_invitation(invitation: Invitation, *, by: Any) -> Invitation:
    return invitations.resend(invitation, by=by, error=OrganisationError, send=_send_invitation)


@transaction.atomic
def cancel_invitation(invitation: Invitation, *, by: Any) -> Invitation:
    return invitations.cancel(invitation, by=by, error=OrganisationError)


@transaction.atomic
def accept_invitation(invitation: Invitation, *, user: Any) -> Membership:
    """The person following the link joins with the invited role, whichever address they signed
    in with (the link is the proof, decision 0010). Someone already a member keeps their role."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    invitations.check_pending(invitation, OrganisationError)
    membership = invitation.organisation.memberships.filter(user=user).first()
    if membership is None:
        membership = create_membership(
            by=user,
            changes={
                "organisation": invitation.organisation,
                "user": user,
                "role": invitation.role,
            },
        )
    invitations.mark_accepted(invitation, user=user, error=OrganisationError)
    return membership


def _send_invitation(invitation: Invitation) -> None:
    invitations.mail(
        invitation,
        link_path=reverse(
            "organisations:invitation", args=[selectors.invitation_token(invitation)]
        ),
        templates="organisations/email/invitation",
        context={
            "organisation": invitation.organisation,
            "role": Membership.Role(invitation.role).label,  # lazy: in the mail's language
        },
        error=OrganisationError,
    )


def choose_acting_organisation(session: Any, user: Any, organisation_id: int) -> Organisation:
    """Remember in the session which of their organisations the person acts for (read by
    `selectors.acting_organisation`). Not a record: nothing audited."""
    membership = (
        Membership.objects.filter(user=user, organisation_id=organisation_id)
        .select_related("organisation")
        .first()
    )
    if membership is None:
        raise OrganisationError(_("You are not a member of this organisation."))
    session[selectors.ACTING_SESSION_KEY] = membership.organisation_id
    return membership.organisation
