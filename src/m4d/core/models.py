"""Shared models: the audit log, background jobs with progress, and the search index."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from m4d.core.permissions import RuleQuerySet


class AuditEntry(models.Model):
    """One change made by a person or a command: who did what to which object, and when."""

    created_at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("actor"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    action = models.CharField(_("action"), max_length=80, db_index=True)
    object_type = models.CharField(_("object type"), max_length=80)
    object_id = models.CharField(_("object id"), max_length=80)
    object_repr = models.CharField(_("object"), max_length=300)
    data = models.JSONField(_("details"), default=dict, blank=True)

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit log")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action} {self.object_repr}"


class Job(models.Model):
    """A long piece of work (import, export, indexing) run by the task worker, with progress."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    kind = models.CharField(_("kind"), max_length=60)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
    )
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    progress = models.PositiveIntegerField(_("progress done"), default=0)
    total = models.PositiveIntegerField(_("progress total"), default=0)
    message = models.TextField(_("message"), blank=True)
    result = models.JSONField(_("result"), default=dict, blank=True)
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = models.Manager.from_queryset(RuleQuerySet)()

    class Meta:
        verbose_name = _("job")
        verbose_name_plural = _("jobs")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.kind} #{self.pk} ({self.status})"

    @property
    def percent(self) -> int:
        return (
            int(100 * self.progress / self.total)
            if self.total
            else (100 if self.is_finished else 0)
        )

    @property
    def is_finished(self) -> bool:
        return self.status in {self.Status.DONE, self.Status.FAILED}


class SearchEntry(models.Model):
    """One searchable record (a project, organisation, country, toolbox record), both languages in one row.

    `terms` holds accent-folded words of the French and English text with their French and English
    stems, computed in Python so that SQLite FTS5 and PostgreSQL full-text search see the same tokens
    and return the same hits. A French query finds English-only records and the reverse.
    `title_terms` holds the tokens of the titles and names alone (also in `terms`): a word found
    there ranks the record above one that has it only in its text (decision 0014).
    """

    kind = models.CharField(_("kind"), max_length=40)
    object_id = models.BigIntegerField(_("object id"))
    title_en = models.CharField(_("title (English)"), max_length=500)
    title_fr = models.CharField(_("title (French)"), max_length=500)
    text_en = models.TextField(_("text (English)"), blank=True)
    text_fr = models.TextField(_("text (French)"), blank=True)
    url = models.CharField(_("URL"), max_length=300)
    terms = models.TextField(_("search terms"))
    title_terms = models.TextField(_("title and name terms"), blank=True, default="")

    class Meta:
        verbose_name = _("search entry")
        verbose_name_plural = _("search entries")
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="search_entry_unique")
        ]

    def __str__(self) -> str:
        return f"{self.kind}:{self.object_id}"


class SearchTerm(models.Model):
    """A word of the search index (folded, not stemmed), for "did you mean" suggestions.

    Written with the entries; a word whose records are gone stays until `m4d reindex` rebuilds the
    list, which is harmless: a suggestion is only offered when it finds something.
    """

    term = models.CharField(_("term"), max_length=60, primary_key=True)

    class Meta:
        verbose_name = _("search term")
        verbose_name_plural = _("search terms")

    def __str__(self) -> str:
        return self.term


class LoadedDataFile(models.Model):
    """Which version (hash) of a shipped data file was last loaded, so a restart changes nothing.

    When the file is unchanged its records are not rewritten: corrections editors made in the admin stay.
    """

    name = models.CharField(_("file"), max_length=200, unique=True)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    loaded_at = models.DateTimeField(_("loaded"), auto_now=True)

    class Meta:
        verbose_name = _("loaded data file")
        verbose_name_plural = _("loaded data files")

    def __str__(self) -> str:
        return self.name


class RegistryGeneration(models.Model):
    """A single row whose number grows with every write of the platform's data (each audited
    change, each load of shipped or synthetic data). Caches of public pages and summaries key on
    it: reading it is one primary-key lookup, where counting the projects was a table scan, and a
    write changes every key at once, so no cached page outlives the change it does not show."""

    value = models.PositiveBigIntegerField(default=0)
    changed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("registry generation")
        verbose_name_plural = _("registry generation")

    def __str__(self) -> str:
        return str(self.value)
