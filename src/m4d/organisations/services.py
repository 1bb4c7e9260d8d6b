"""Writes for organisations: loading the shipped directory, creating, correcting, deleting and
matching organisations."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from m4d.core import records, search
from m4d.core.datafiles import RecordChecker, iter_records
from m4d.lib.text import fold, slugify_ascii
from m4d.organisations.models import Membership, Organisation
from m4d.places.models import Country

DATA_FILE = Path(__file__).parent / "data" / "organisations.yaml"


class OrganisationError(records.RecordError):
    """A change to the directory refused by its rules."""


def read_organisations(path: Path = DATA_FILE) -> list[dict]:
    """Parse and validate the organisations file; raises DataFileError listing every problem."""
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
    by: Any = None,
) -> tuple[Organisation, bool]:
    """Find an organisation by IATI identifier, else by name or gloss (accents and case ignored),
    else create it."""
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
            if iati_identifier and not candidate.iati_identifier:
                candidate.iati_identifier = iati_identifier
                candidate.save(update_fields=["iati_identifier"])
            return candidate, False
    org = create_organisation(
        by=by,
        changes={
            "name": name,
            "type": type,
            "country": country,
            "iati_identifier": iati_identifier,
            "source": source,
        },
    )
    return org, True


def _write(organisation: Organisation, changes: Mapping[str, Any], *, by: Any) -> Organisation:
    values = dict(changes)
    if not (values.get("name", organisation.name) or "").strip():
        raise OrganisationError(_("An organisation needs a name."))
    return records.save_record(
        organisation, values, by=by, kind="organisation", error=OrganisationError
    )


@transaction.atomic
def create_organisation(*, by: Any, changes: Mapping[str, Any]) -> Organisation:
    """Add an organisation (its official `name` at least, optionally `gloss_en`/`gloss_fr`; its key
    is made from the name unless given); audited as `organisations.organisation.created`,
    searchable at once."""
    key = changes.get("key") or unique_key(changes.get("name") or "")
    return _write(Organisation(key=key), changes, by=by)


# What a member may set on an organisation they create or manage (the rest is editors' work).
MEMBER_FIELDS = ("name", "gloss_en", "gloss_fr", "type", "country")


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
    records.delete_record(organisation, by=by, kind="organisation", error=OrganisationError)


# Memberships: who acts for an organisation. Issue-level workflows (invitations, claims) build on
# these three writes; the admin's membership rows use them too.


@transaction.atomic
def create_membership(*, by: Any, changes: Mapping[str, Any]) -> Membership:
    """Add a person to an organisation (`organisation`, `user`, `role`); audited."""
    return records.save_record(Membership(), changes, by=by, kind=None, error=OrganisationError)


@transaction.atomic
def update_membership(membership: Membership, *, by: Any, changes: Mapping[str, Any]) -> Membership:
    """Change a member's role; audited with the old and new values' difference."""
    return records.save_record(membership, changes, by=by, kind=None, error=OrganisationError)


@transaction.atomic
def delete_membership(membership: Membership, *, by: Any) -> None:
    """Remove a person from an organisation; audited."""
    records.delete_record(membership, by=by, kind=None, error=OrganisationError)
