"""The directory of organisations and who acts for them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from m4d.core.i18n import current_language, normalise_language
from m4d.core.permissions import RuleQuerySet


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
        _("IATI organisation identifier"), max_length=150, blank=True, db_index=True
    )
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

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

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


class Invitation(models.Model):
    """An e-mailed invitation to act for an organisation with a role. Pending until it is
    accepted (through its link, by whoever signs in with it) or cancelled; its link expires
    `M4D_INVITATION_DAYS` after it was last sent, and a resend replaces the link."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        ACCEPTED = "accepted", _("Accepted")
        CANCELLED = "cancelled", _("Cancelled")

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="invitations",
    )
    email = models.EmailField(_("e-mail address"))
    role = models.CharField(
        _("role"), max_length=10, choices=Membership.Role.choices, default=Membership.Role.MEMBER
    )
    language = models.CharField(
        _("language of the e-mail"),
        max_length=8,
        choices=settings.LANGUAGES,
        default="en",
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("invited by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # How many times it was sent: the token names it, so a resend retires the older links.
    sends = models.PositiveIntegerField(_("times sent"), default=0)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("accepted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.email} → {self.organisation} ({self.get_role_display()})"

    @property
    def status(self) -> str:
        if self.accepted_at is not None:
            return self.Status.ACCEPTED
        if self.cancelled_at is not None:
            return self.Status.CANCELLED
        return self.Status.PENDING

    @property
    def is_pending(self) -> bool:
        return self.status == self.Status.PENDING


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
