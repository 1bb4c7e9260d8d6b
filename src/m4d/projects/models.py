"""The project registry: the JMDI portfolio (51 projects) and imported IATI activities."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, TypeVar

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from m4d.core.permissions import RuleQuerySet

# A project's own page on the web: http or https, nothing else a browser would open differently.
WEB_ADDRESS = URLValidator(schemes=["http", "https"])


def is_web_address(value: str) -> bool:
    """Empty, or an http(s) address (the shipped data file's check, the same as the model's)."""
    if not value:
        return True
    try:
        WEB_ADDRESS(value)
    except ValidationError:
        return False
    return True


class Capital(models.TextChoices):
    """The migrants' four capitals (handbook, chapter 1)."""

    SOCIAL = "social", _("Social capital")
    FINANCIAL = "financial", _("Financial capital")
    HUMAN = "human", _("Human capital")
    CULTURAL = "cultural", _("Cultural capital")


if TYPE_CHECKING:
    from m4d.core.models import Job
    from m4d.organisations.models import Organisation
    from m4d.places.models import Country

T = TypeVar("T")


def origin_and_destinations(countries: Sequence[T]) -> tuple[T | None, list[T]]:
    """The corridor rule, stated once: a project's first country (in annex order) is its origin,
    the others are its destinations."""
    return (countries[0] if countries else None), list(countries[1:])


class ProjectQuerySet(RuleQuerySet["Project"]):
    def drafts_of(self, job: Job) -> ProjectQuerySet:
        """The projects an import created that are still drafts (its review page lists them)."""
        return self.filter(import_job=job, status=Project.Status.DRAFT)

    def with_relations(self) -> ProjectQuerySet:
        return self.prefetch_related(
            models.Prefetch(
                "project_countries",
                ProjectCountry.objects.select_related("country").order_by("position"),
            ),
            models.Prefetch(
                "partnerships",
                Partnership.objects.select_related("organisation__country").order_by("position"),
            ),
            "capital_links",
        )


class Project(models.Model):
    """A migration-and-development project: who did what, where, with which capitals."""

    class Source(models.TextChoices):
        HANDBOOK = "handbook", _("JMDI handbook")
        IATI = "iati", _("IATI import")
        EDITOR = "editor", _("Entered by an editor")
        SYNTHETIC = "synthetic", _("Synthetic (benchmark data)")
        PLAN = "plan", _("Funded plan (design studio)")

    class Status(models.TextChoices):
        """A draft (an imported activity awaiting review) is seen by editors only."""

        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    code = models.CharField(_("code"), max_length=150, unique=True)
    slug = models.SlugField(_("slug"), max_length=150, unique=True)
    number = models.PositiveIntegerField(_("number in the annex"), null=True, blank=True)
    title = models.CharField(_("title"), max_length=500)
    summary = models.TextField(_("summary"), blank=True)
    website = models.URLField(_("website"), max_length=500, blank=True, validators=[WEB_ADDRESS])
    sections = models.JSONField(_("handbook sections citing it"), default=list, blank=True)
    iati_identifier = models.CharField(
        _("IATI activity identifier"), max_length=200, blank=True, db_index=True
    )
    source = models.CharField(
        _("source"), max_length=10, choices=Source.choices, default=Source.HANDBOOK, db_index=True
    )
    countries: models.ManyToManyField[Country, ProjectCountry] = models.ManyToManyField(
        "places.Country",
        through="ProjectCountry",
        related_name="projects",
        verbose_name=_("countries"),
    )
    partners: models.ManyToManyField[Organisation, Partnership] = models.ManyToManyField(
        "organisations.Organisation",
        through="Partnership",
        related_name="projects",
        verbose_name=_("partners"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PUBLISHED, db_index=True
    )
    import_job = models.ForeignKey(
        "core.Job",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="projects",
        verbose_name=_("import that created or last changed it"),
    )
    # IATI reporting (decision 0013): dates and the migration sector the export writes.
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    migration_sector = models.BooleanField(
        _("reported under DAC sector 15190 (migration and mobility)"),
        default=True,
        help_text=_(
            "Exports then carry DAC sector 15190 and the SDG target 10.7 (and 10.c with financial capital)."
        ),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    # Columns modeltranslation adds (translation.py), declared for the type checker.
    title_en: str | None
    title_fr: str | None
    summary_en: str | None
    summary_fr: str | None

    objects = models.Manager.from_queryset(ProjectQuerySet)()

    class Meta:
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        ordering = ["number", "code"]
        indexes = [models.Index(fields=["number", "code"]), models.Index(fields=["updated_at"])]

    def __str__(self) -> str:
        return f"{self.code} – {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("projects:detail", args=[self.slug])

    @property
    def is_draft(self) -> bool:
        return self.status == self.Status.DRAFT

    @property
    def ordered_countries(self) -> list:
        return [link.country for link in self.project_countries.all()]

    @property
    def origin(self) -> Country | None:
        return origin_and_destinations(self.ordered_countries)[0]

    @property
    def destinations(self) -> list[Country]:
        return origin_and_destinations(self.ordered_countries)[1]

    @property
    def ordered_partners(self) -> list:
        return [link.organisation for link in self.partnerships.all()]

    @property
    def capital_values(self) -> list[str]:
        order = list(Capital.values)
        return sorted((link.capital for link in self.capital_links.all()), key=order.index)

    @property
    def capital_labels(self) -> list[str]:
        return [str(Capital(value).label) for value in self.capital_values]


class ProjectCountry(models.Model):
    """A country of a project, in annex order (`position`); see `origin_and_destinations`."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="project_countries")
    country = models.ForeignKey(
        "places.Country", on_delete=models.PROTECT, related_name="project_links"
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("project country")
        verbose_name_plural = _("project countries")
        constraints = [
            models.UniqueConstraint(fields=["project", "country"], name="project_country_once")
        ]
        indexes = [models.Index(fields=["country", "project"])]

    def __str__(self) -> str:
        return f"{self.project_id} – {self.country_id}"


class Partnership(models.Model):
    """An organisation partnering in a project, in annex order."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="partnerships")
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="partnerships"
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    role = models.CharField(_("role"), max_length=60, blank=True)

    class Meta:
        verbose_name = _("partnership")
        verbose_name_plural = _("partnerships")
        constraints = [
            models.UniqueConstraint(fields=["project", "organisation"], name="partner_once")
        ]
        indexes = [models.Index(fields=["organisation", "project"])]

    def __str__(self) -> str:
        return f"{self.project_id} – {self.organisation_id}"


class ProjectCapital(models.Model):
    """A capital the handbook associates with a project (a row per capital, for fast facets)."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="capital_links")
    capital = models.CharField(_("capital"), max_length=10, choices=Capital.choices)

    class Meta:
        verbose_name = _("project capital")
        verbose_name_plural = _("project capitals")
        constraints = [
            models.UniqueConstraint(fields=["project", "capital"], name="project_capital_once")
        ]
        indexes = [models.Index(fields=["capital", "project"])]

    def __str__(self) -> str:
        return f"{self.project_id} – {self.capital}"
