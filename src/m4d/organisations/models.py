"""The directory of organisations and who acts for them."""

from __future__ import annotations

import re
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.storage import FileSystemStorage, Storage
from django.core.validators import URLValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from m4d.core.collation import SortKeyField, sort_string
from m4d.core.i18n import current_language, normalise_language
from m4d.core.invitations import InvitationRecord
from m4d.core.permissions import RuleQuerySet
from m4d.lib.iati_schema import codelist
from m4d.lib.images import ImageRejected, check_image

# Profile fields (issue 7): the website's schemes, the IATI identifier's form, the logo's storage.
WEB_ADDRESS = URLValidator(schemes=["http", "https"])
# IATI organisation identifiers are "{agency}-{number}": the agency a code of the
# OrganisationRegistrationAgency codelist (all of its codes are "XX-YYY"), the number what that
# agency registered. IATI's guidance forbids spaces and the characters / & | ? in identifiers.
_IDENTIFIER_SHAPE = re.compile(r"^(?P<agency>[A-Za-z0-9]+-[A-Za-z0-9]+)-(?P<number>.+)$")
_FORBIDDEN_IN_IDENTIFIERS = re.compile(r"[\s/&|?]")
IDENTIFIER_EXAMPLE = "GB-CHC-202918"


def is_web_address(value: str) -> bool:
    """Empty, or an http(s) address (the data file's check, the same as the model's)."""
    try:
        if value:
            WEB_ADDRESS(value)
    except ValidationError:
        return False
    return True


def validate_iati_identifier(value: str) -> None:
    """Refuse an identifier that is not `{agency}-{number}` with a known agency code."""
    if not value:
        return
    shape = _IDENTIFIER_SHAPE.match(value)
    if shape is None or _FORBIDDEN_IN_IDENTIFIERS.search(value):
        raise ValidationError(
            _(
                "“%(value)s” is not an IATI organisation identifier: write the registration agency's code, a hyphen and the number it gave, without spaces (for example %(example)s)."
            ),
            code="malformed",
            params={"value": value, "example": IDENTIFIER_EXAMPLE},
        )
    agency = shape["agency"]
    agencies = codelist("OrganisationRegistrationAgency")
    if agency not in agencies:
        hint = agency.upper() if agency.upper() in agencies else ""
        message = (
            _(
                "“%(agency)s” is not a registration agency of the IATI OrganisationRegistrationAgency codelist: did you mean %(hint)s?"
            )
            if hint
            else _(
                "“%(agency)s” is not a registration agency of the IATI OrganisationRegistrationAgency codelist. An identifier is the agency's code, a hyphen and the number it registered, for example %(example)s; org-id.guide lists the agencies."
            )
        )
        raise ValidationError(
            message,
            code="unknown_agency",
            params={"agency": agency, "hint": hint, "example": IDENTIFIER_EXAMPLE},
        )


def is_iati_identifier(value: str) -> bool:
    """Empty or valid (what the IATI import keeps from a file)."""
    try:
        validate_iati_identifier(value)
    except ValidationError:
        return False
    return True


LOGO_MESSAGES = {
    "too_large": _("The logo is larger than %(limit)s MB: send a smaller file."),
    "not_an_image": _("This file is not an image (or it is damaged): send a PNG, JPEG or WebP."),
    "unsupported_format": _("Send the logo as PNG, JPEG or WebP (SVG is not accepted)."),
    "too_many_pixels": _(
        "The logo has too many pixels (%(size)s): send one under %(limit)s megapixels."
    ),
}


def validate_logo(value: File) -> None:
    """A new upload must be an image by its content (decision 0012); a stored logo was checked
    when it came in and is not read again."""
    if not value or getattr(value, "_committed", False):
        return
    try:
        check_image(
            value, max_bytes=settings.M4D_LOGO_MAX_BYTES, max_pixels=settings.M4D_LOGO_MAX_PIXELS
        )
    except ImageRejected as rejected:
        limits = {
            "too_large": settings.M4D_LOGO_MAX_BYTES / (1024 * 1024),
            "too_many_pixels": settings.M4D_LOGO_MAX_PIXELS / 1_000_000,
        }
        raise ValidationError(
            LOGO_MESSAGES[rejected.reason],
            code=rejected.reason,
            params={"limit": f"{limits.get(rejected.reason, 0):g}", "size": rejected.detail},
        ) from None
    finally:
        if hasattr(value, "seek"):
            value.seek(0)


def logo_storage() -> Storage:
    """Logos live under the data directory's media folder, served by `organisations:logo`."""
    return FileSystemStorage(location=settings.MEDIA_ROOT / "logos", base_url=settings.M4D_LOGO_URL)


class Organisation(models.Model):
    """A migrant association, NGO, local authority, university, microfinance institution, etc."""

    class Type(models.TextChoices):
        MIGRANT_ASSOCIATION = "migrant_association", _("Migrant or diaspora association")
        NGO = "ngo", _("NGO / civil society")
        LOCAL_AUTHORITY = "local_authority", _("Local authority")
        REGIONAL_GOVERNMENT = "regional_government", _("Regional government")
        CENTRAL_GOVERNMENT = "central_government", _("Central government body")
        UNIVERSITY = "university", _("University / research")
        MICROFINANCE = "microfinance", _("Microfinance / savings and credit cooperative / bank")
        BUSINESS_ASSOCIATION = "business_association", _("Employers' or business association")
        TRADE_UNION = "trade_union", _("Trade union")
        FOUNDATION = "foundation", _("Foundation")
        INTERNATIONAL_ORGANISATION = "international_organisation", _("International organisation")
        COOPERATIVE = "cooperative", _("Cooperative / producer group")
        OTHER = "other", _("Other")

    class Source(models.TextChoices):
        HANDBOOK = "handbook", _("JMDI handbook")
        IATI = "iati", _("IATI import")
        EDITOR = "editor", _("Entered by an editor")
        MEMBERS = "members", _("Created by its members")
        SYNTHETIC = "synthetic", _("Synthetic (benchmark data)")

    key = models.SlugField(_("key"), max_length=120, unique=True)
    name = models.CharField(
        _("official name"),
        max_length=300,
        help_text=_("As the organisation writes it, in its own language; shown in every language."),
    )
    # The name's collation key (core.collation), so that the directory sorts in the database.
    name_sort_key = SortKeyField(_("name sort key"))
    gloss_en = models.CharField(
        _("English gloss"),
        max_length=300,
        blank=True,
        help_text=_("What the name means, in English, when the name is in another language."),
    )
    gloss_fr = models.CharField(
        _("French gloss"),
        max_length=300,
        blank=True,
        help_text=_("What the name means, in French, when the name is in another language."),
    )
    type = models.CharField(
        _("type"), max_length=32, choices=Type.choices, default=Type.OTHER, db_index=True
    )
    country = models.ForeignKey(
        "places.Country",
        verbose_name=_("country"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="organisations",
    )
    iati_identifier = models.CharField(
        _("IATI organisation identifier"),
        max_length=150,
        blank=True,
        db_index=True,
        validators=[validate_iati_identifier],
        help_text=_(
            "The registration agency's code (IATI OrganisationRegistrationAgency codelist, listed on org-id.guide), a hyphen, then the number it registered: for example GB-CHC-202918."
        ),
    )
    # Profile fields (issue 7): city, website, description (French and English), logo.
    city = models.CharField(_("city"), max_length=120, blank=True)
    website = models.URLField(_("website"), max_length=500, blank=True, validators=[WEB_ADDRESS])
    description = models.TextField(_("description"), blank=True)
    logo = models.ImageField(
        _("logo"),
        blank=True,
        max_length=200,
        storage=logo_storage,
        width_field="logo_width",
        height_field="logo_height",
        validators=[validate_logo],
        help_text=_("PNG, JPEG or WebP; it is reduced to fit in a square of 400 pixels."),
    )
    logo_width = models.PositiveSmallIntegerField(_("logo width"), null=True, blank=True)
    logo_height = models.PositiveSmallIntegerField(_("logo height"), null=True, blank=True)
    source = models.CharField(
        _("source"), max_length=10, choices=Source.choices, default=Source.HANDBOOK, db_index=True
    )
    # Set by a merge (see `Merge`): the record is kept, hidden, and its address redirects.
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("merged into"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="merged_records",
    )

    objects = models.Manager.from_queryset(RuleQuerySet)()
    description_fr: str | None
    description_en: str | None

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        # The directory: visible records (not merged) in name order, read a page at a time (a
        # partial index: PostgreSQL does not order by a column after one tested with IS NULL).
        indexes = [
            models.Index(
                fields=["name_sort_key", "id"],
                condition=models.Q(merged_into__isnull=True),
                name="organisation_directory_order",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        # Every save keeps the key in step with the name (bulk writes set it themselves).
        self.name_sort_key = sort_string(self.name)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "name" in update_fields:
            kwargs["update_fields"] = {*update_fields, "name_sort_key"}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("organisations:detail", args=[self.pk])

    def gloss_in(self, language: str) -> str:
        """The name's gloss in `language` ("en"/"fr"), or "" (never the name itself)."""
        gloss = self.gloss_fr if normalise_language(language) == "fr" else self.gloss_en
        return "" if gloss.strip().casefold() == self.name.strip().casefold() else gloss

    @property
    def gloss(self) -> str:
        """The gloss in the active language."""
        return self.gloss_in(current_language())

    def name_with_gloss(self, language: str) -> str:
        """ "Paz y Desarrollo (Peace and Development)", or the name alone without a gloss."""
        gloss = self.gloss_in(language)
        return f"{self.name} ({gloss})" if gloss else self.name

    @property
    def display_name(self) -> str:
        """The official name with its gloss in the active language, as pages show it."""
        return self.name_with_gloss(current_language())


class Membership(models.Model):
    """A person acting for an organisation, with a role that later tools (plans, surveys) check."""

    class Role(models.TextChoices):
        OWNER = "owner", _("Owner")
        MANAGER = "manager", _("Manager")
        MEMBER = "member", _("Member")

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.MEMBER)
    created_at = models.DateTimeField(_("since"), auto_now_add=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "user"], name="one_membership_per_user")
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.organisation} ({self.get_role_display()})"


# Invitations (members' workflow): an owner or manager invites a person by e-mail; the e-mailed
# link carries a signed token (`organisations.invitations`), see decision 0010.


class Invitation(InvitationRecord):
    """An e-mailed invitation to act for an organisation with a role (`core.invitations`); a
    resend replaces the link."""

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="invitations",
    )
    role = models.CharField(
        _("role"), max_length=10, choices=Membership.Role.choices, default=Membership.Role.MEMBER
    )

    class Meta(InvitationRecord.Meta):
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self) -> str:
        return f"{self.email} → {self.organisation} ({self.get_role_display()})"


# Claims and merges (issue 7): a person asks to own a directory entry; editors merge duplicates.


class ClaimRequest(models.Model):
    """A signed-in person asks to become the owner of a directory entry nobody owns yet; an editor
    approves it (the claimant becomes an owner) or declines it; the claimant may withdraw it while
    it is pending."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        APPROVED = "approved", _("Approved")
        DECLINED = "declined", _("Declined")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="claims",
    )
    claimant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("claimant"),
        on_delete=models.CASCADE,
        related_name="organisation_claims",
    )
    message = models.TextField(_("message"), max_length=2000)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    created_at = models.DateTimeField(_("requested"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decision_note = models.TextField(_("note"), max_length=2000, blank=True)

    objects = models.Manager.from_queryset(RuleQuerySet)()

    class Meta:
        verbose_name = _("claim")
        verbose_name_plural = _("claims")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "claimant"],
                condition=models.Q(status="pending"),
                name="one_pending_claim_per_person",
            )
        ]

    def __str__(self) -> str:
        return f"{self.claimant} → {self.organisation} ({self.get_status_display()})"

    @property
    def is_pending(self) -> bool:
        return self.status == self.Status.PENDING


class Merge(models.Model):
    """Two directory entries made one: `merged` is kept (hidden, redirecting to `kept`), and
    `moved` says, per merge participant, which rows moved so that an undo puts them back."""

    kept = models.ForeignKey(
        Organisation,
        verbose_name=_("kept record"),
        on_delete=models.PROTECT,
        related_name="merges_in",
    )
    merged = models.ForeignKey(
        Organisation,
        verbose_name=_("merged record"),
        on_delete=models.PROTECT,
        related_name="merges_out",
    )
    moved = models.JSONField(_("what moved"), default=dict, blank=True)
    merged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("merged by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    merged_at = models.DateTimeField(_("merged"), auto_now_add=True)
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("undone by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    undone_at = models.DateTimeField(_("undone"), null=True, blank=True)

    objects = models.Manager.from_queryset(RuleQuerySet)()

    class Meta:
        verbose_name = _("merge")
        verbose_name_plural = _("merges")
        ordering = ["-merged_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.merged} → {self.kept}"

    @property
    def is_undone(self) -> bool:
        return self.undone_at is not None
