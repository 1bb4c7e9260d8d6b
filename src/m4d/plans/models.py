"""Project plans (the design studio): a plan belongs to an organisation, is worked on by its
collaborators (each with a role on that plan), and holds one document per step, versioned."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from m4d.core.invitations import InvitationRecord
from m4d.core.permissions import RuleQuerySet
from m4d.organisations.models import Organisation
from m4d.plans.document import STEPS
from m4d.projects.models import Project

STEP_LABELS = {
    "context": _("Context"),
    "capitals": _("Capitals and activities"),
    "partnership": _("Partnership"),
    "stakeholders": _("Stakeholders"),
    "allies": _("Strategic allies"),
    "logframe": _("Logical framework"),
    "risks": _("Risks"),
    "review": _("Review"),
    "monitoring": _("Monitoring"),
}
assert tuple(STEP_LABELS) == STEPS


class Plan(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("In design")
        FUNDED = "funded", _("Funded")

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="plans",
    )
    # Kept in step with the context step's title, for lists and the audit log.
    title = models.CharField(_("title"), max_length=300)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    source_project = models.ForeignKey(
        Project,
        verbose_name=_("started from"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # The registry project a funded plan became (source "plan").
    project = models.OneToOneField(
        Project,
        verbose_name=_("registry project"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="plan",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)
    funded_at = models.DateTimeField(_("funded"), null=True, blank=True)

    objects = models.Manager.from_queryset(RuleQuerySet)()

    class Meta:
        verbose_name = _("project plan")
        verbose_name_plural = _("project plans")
        ordering = ["-updated_at", "-pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("plans:detail", args=[self.pk])


class Collaborator(models.Model):
    """A person working on a plan, whatever organisation they act for."""

    class Role(models.TextChoices):
        OWNER = "owner", _("Owner")
        EDITOR = "editor", _("Editor")
        COMMENTER = "commenter", _("Commenter")
        READER = "reader", _("Reader")

    plan = models.ForeignKey(
        Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="collaborators"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="plan_roles",
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.EDITOR)
    created_at = models.DateTimeField(_("since"), auto_now_add=True)

    class Meta:
        verbose_name = _("collaborator")
        verbose_name_plural = _("collaborators")
        constraints = [
            models.UniqueConstraint(fields=["plan", "user"], name="one_role_per_plan_and_user")
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.plan} ({self.get_role_display()})"


class PlanStep(models.Model):
    """The current content of one step. `revision` counts its saves: a save names the revision
    it was made from, so two people editing the same step cannot overwrite each other."""

    plan = models.ForeignKey(
        Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="steps"
    )
    step = models.CharField(_("step"), max_length=20, choices=list(STEP_LABELS.items()))
    data = models.JSONField(_("content"), default=dict, blank=True)
    revision = models.PositiveIntegerField(_("revision"), default=0)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("changed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("plan step")
        verbose_name_plural = _("plan steps")
        constraints = [models.UniqueConstraint(fields=["plan", "step"], name="one_row_per_step")]

    def __str__(self) -> str:
        return f"{self.plan} – {self.step} (r{self.revision})"


class PlanVersion(models.Model):
    """A step as one save left it: the history, diffs between versions and restores read these."""

    plan = models.ForeignKey(
        Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="versions"
    )
    step = models.CharField(_("step"), max_length=20, choices=list(STEP_LABELS.items()))
    revision = models.PositiveIntegerField(_("revision"))
    data = models.JSONField(_("content"), default=dict)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("changed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("saved"), auto_now_add=True)
    # What the save was: an edit, a restore of an older revision, an import…
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("plan version")
        verbose_name_plural = _("plan versions")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "step", "revision"], name="one_version_per_revision"
            )
        ]

    def __str__(self) -> str:
        return f"{self.plan} – {self.step} r{self.revision}"


class ProposalTemplate(models.Model):
    """The texts a proposal (DOCX, PDF, Markdown export) wraps around a plan, per language:
    administrators edit them; the shipped ones are written by migration 0003."""

    class Language(models.TextChoices):
        FR = "fr", "Français"
        EN = "en", "English"

    language = models.CharField(_("language"), max_length=2, choices=Language.choices, unique=True)
    introduction = models.TextField(_("introduction"), blank=True)
    closing = models.TextField(_("closing text"), blank=True)
    context_intro = models.TextField(_("introduction to the context"), blank=True)
    capitals_intro = models.TextField(_("introduction to capitals and activities"), blank=True)
    partnership_intro = models.TextField(_("introduction to the partnership"), blank=True)
    stakeholders_intro = models.TextField(_("introduction to the stakeholders"), blank=True)
    allies_intro = models.TextField(_("introduction to the strategic allies"), blank=True)
    logframe_intro = models.TextField(_("introduction to the logical framework"), blank=True)
    risks_intro = models.TextField(_("introduction to the risks"), blank=True)
    monitoring_intro = models.TextField(_("introduction to the monitoring"), blank=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    objects = models.Manager.from_queryset(RuleQuerySet)()

    class Meta:
        verbose_name = _("proposal template")
        verbose_name_plural = _("proposal templates")
        ordering = ["language"]

    def __str__(self) -> str:
        return str(self.Language(self.language).label)

    def intro(self, step: str) -> str:
        """The text that opens `step`'s section ("" for a step without one)."""
        return str(getattr(self, f"{step}_intro", ""))


# Collaboration (issue 9, "collaboration without loss"): invitations to a plan, comments per step
# and the notifications mentions send (decision 0020).


class PlanInvitation(InvitationRecord):
    """An e-mailed invitation to work on a plan with a role (`core.invitations`)."""

    plan = models.ForeignKey(
        Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="invitations"
    )
    role = models.CharField(
        _("role"),
        max_length=10,
        choices=Collaborator.Role.choices,
        default=Collaborator.Role.EDITOR,
    )

    class Meta(InvitationRecord.Meta):
        verbose_name = _("plan invitation")
        verbose_name_plural = _("plan invitations")

    def __str__(self) -> str:
        return f"{self.email} → {self.plan} ({self.get_role_display()})"


class PlanComment(models.Model):
    """A remark on one step of a plan; resolved once dealt with (kept, not deleted)."""

    plan = models.ForeignKey(
        Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="comments"
    )
    step = models.CharField(_("step"), max_length=20, choices=list(STEP_LABELS.items()))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    text = models.TextField(_("comment"), max_length=5000)
    created_at = models.DateTimeField(_("written"), auto_now_add=True)
    resolved = models.BooleanField(_("resolved"), default=False)

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.plan} – {self.step}: {self.text[:40]}"


class PlanNotification(models.Model):
    """Something on a plan a person should look at (a mention in a comment); unread until
    they open it."""

    class Kind(models.TextChoices):
        MENTION = "mention", _("Mention")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="plan_notifications",
    )
    plan = models.ForeignKey(
        Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="notifications"
    )
    comment = models.ForeignKey(
        PlanComment,
        verbose_name=_("comment"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.MENTION)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_kind_display()} ({self.plan})"
