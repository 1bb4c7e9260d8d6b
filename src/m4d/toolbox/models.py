"""The handbook's toolbox: the four capitals, Parts II and III (sections, options, building blocks),
the figures they summarise, the case studies (the handbook's boxes), the recommendations and the
references, loaded from `toolbox/data/`. Options, building blocks and case studies point to registry
projects.
"""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from m4d.core.permissions import RuleQuerySet
from m4d.projects.models import Capital as CapitalKey


class Figure(models.Model):
    """A numbered figure of the handbook; its French title is kept as printed."""

    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    title = models.CharField(_("title"), max_length=300)
    section = models.CharField(_("handbook section"), max_length=10, blank=True)

    objects = models.Manager.from_queryset(RuleQuerySet)()

    class Meta:
        verbose_name = _("figure")
        verbose_name_plural = _("figures")
        ordering = ["number"]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


class Capital(models.Model):
    """One of the migrants' four capitals: a chapter of Part II. Its key is one of the registry's
    capital keys (`projects.models.Capital`, the single vocabulary; decision 0005)."""

    key = models.SlugField(_("key"), max_length=20, unique=True, choices=CapitalKey.choices)
    chapter = models.PositiveSmallIntegerField(_("chapter"))
    name = models.CharField(_("name"), max_length=100)
    summary = models.TextField(_("summary"))
    contributes = models.JSONField(_("what it contributes"), default=list, blank=True)
    figure = models.ForeignKey(
        Figure,
        verbose_name=_("figure"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    citation = models.CharField(_("citation"), max_length=120)

    objects = models.Manager.from_queryset(RuleQuerySet)()

    class Meta:
        verbose_name = _("capital")
        verbose_name_plural = _("capitals")
        ordering = ["chapter"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("toolbox:capital", args=[self.key])


class Section(models.Model):
    """A numbered section of Part II (a type of activity) or Part III (partners, stakeholders, allies)."""

    class Part(models.TextChoices):
        II = "II", _("Part II: migrants' capitals")
        III = "III", _("Part III: partnerships, stakeholders and allies")

    number = models.CharField(_("number"), max_length=10, unique=True)
    part = models.CharField(_("part"), max_length=3, choices=Part.choices)
    chapter = models.PositiveSmallIntegerField(_("chapter"))
    capital = models.ForeignKey(
        Capital,
        verbose_name=_("capital"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="sections",
    )
    title = models.CharField(_("title"), max_length=300)
    purpose = models.TextField(_("purpose"))
    figure = models.ForeignKey(
        Figure,
        verbose_name=_("figure"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    citation = models.CharField(_("citation"), max_length=120)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    # Columns modeltranslation adds (translation.py), declared for the type checker.
    title_fr: str | None

    objects = models.Manager.from_queryset(RuleQuerySet)()

    class Meta:
        verbose_name = _("handbook section")
        verbose_name_plural = _("handbook sections")
        ordering = ["order"]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("toolbox:section", args=[self.number])


class CaseStudy(models.Model):
    """A boxed case study of the handbook ("Encadré"), summarised in our own words."""

    box = models.PositiveSmallIntegerField(_("box number"), unique=True)
    project = models.ForeignKey(
        "projects.Project",
        verbose_name=_("project"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="case_studies",
    )
    section = models.CharField(_("handbook section"), max_length=10)
    cited_in = models.JSONField(_("sections citing it"), default=list, blank=True)
    title = models.CharField(_("title"), max_length=300)
    summary = models.TextField(_("summary"))
    what_was_done = models.TextField(_("what was done"), blank=True)
    tools = models.JSONField(_("tools and systems used"), default=list, blank=True)
    lessons = models.JSONField(_("lessons"), default=list, blank=True)
    citation = models.CharField(_("citation"), max_length=120)

    # Columns modeltranslation adds (translation.py), declared for the type checker.
    title_fr: str | None

    objects = models.Manager.from_queryset(RuleQuerySet)()

    class Meta:
        verbose_name = _("case study")
        verbose_name_plural = _("case studies")
        ordering = ["box"]

    def __str__(self) -> str:
        return f"{self.box}. {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("toolbox:case", args=[self.box])

    @property
    def cited_elsewhere(self) -> list[str]:
        """Sections other than its own that refer to this box."""
        return [s for s in self.cited_in if s != self.section]


class SectionEntry(models.Model):
    """What options (Part II) and building blocks (Part III) share: a keyed, cited entry of a section
    with its benefits, the case studies illustrating it and the registry projects that did it."""

    key = models.CharField(_("key"), max_length=120, unique=True)
    title = models.CharField(_("title"), max_length=300)
    summary = models.TextField(_("summary"))
    benefits = models.JSONField(_("benefits"), default=list, blank=True)
    boxes = models.ManyToManyField(
        CaseStudy,
        verbose_name=_("case studies"),
        blank=True,
        related_name="toolbox_%(class)ss",
    )
    projects = models.ManyToManyField(
        "projects.Project",
        verbose_name=_("projects"),
        blank=True,
        related_name="toolbox_%(class)ss",
    )
    citation = models.CharField(_("citation"), max_length=120)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        abstract = True
        ordering = ["section__order", "order"]

    def __str__(self) -> str:
        return self.title


class Option(SectionEntry):
    """A way of carrying out a Part II activity (e.g. 'Virtual networking spaces'), with its checklist."""

    section = models.ForeignKey(
        Section, verbose_name=_("section"), on_delete=models.CASCADE, related_name="options"
    )
    key_issues = models.JSONField(_("key issues"), default=list, blank=True)

    objects = models.Manager.from_queryset(RuleQuerySet)()

    class Meta(SectionEntry.Meta):
        verbose_name = _("option")
        verbose_name_plural = _("options")

    def get_absolute_url(self) -> str:
        return reverse("toolbox:option", args=[self.key])


class KeyIssueTick(models.Model):
    """One key issue of an option that a signed-in person ticked on their own checklist.

    The issue is its position in `Option.key_issues` (the same in both languages); positions past
    the end of the list, after a shipped-data change, are ignored."""

    user = models.ForeignKey(
        "accounts.User",
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="key_issue_ticks",
    )
    option = models.ForeignKey(
        Option, verbose_name=_("option"), on_delete=models.CASCADE, related_name="ticks"
    )
    issue = models.PositiveSmallIntegerField(_("key issue"))
    created_at = models.DateTimeField(_("ticked at"), auto_now_add=True)

    objects = models.Manager.from_queryset(RuleQuerySet)()

    class Meta:
        verbose_name = _("ticked key issue")
        verbose_name_plural = _("ticked key issues")
        ordering = ["option", "issue"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "option", "issue"], name="one_tick_per_issue_and_person"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.option} #{self.issue + 1}"


class BuildingBlock(SectionEntry):
    """A building block of Part III: a partnership element, a risk, a stakeholder type, an ally…"""

    class Kind(models.TextChoices):
        PARTNERSHIP_ELEMENT = "partnership_element", _("Partnership element")
        COMPLEMENTARITY = "complementarity", _("Complementarity")
        CAPACITY_TRANSFER = "capacity_transfer", _("Capacity transfer")
        RISK = "risk", _("Risk")
        STAKEHOLDER_TYPE = "stakeholder_type", _("Type of stakeholder")
        ANALYSIS_FACTOR = "analysis_factor", _("Stakeholder analysis factor")
        STAKEHOLDER_BENEFIT = "stakeholder_benefit", _("Benefit of engaging stakeholders")
        STAKEHOLDER_COLLABORATION = (
            "stakeholder_collaboration",
            _("Collaboration with stakeholders"),
        )
        ALLY_TYPE = "ally_type", _("Type of strategic ally")
        FORCE_FIELD = "force_field", _("Force-field analysis")
        ALLY_BENEFIT = "ally_benefit", _("Benefit of involving allies")
        ALLY_COLLABORATION = "ally_collaboration", _("Collaboration with allies")

    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices, db_index=True)
    section = models.ForeignKey(
        Section, verbose_name=_("section"), on_delete=models.CASCADE, related_name="blocks"
    )
    challenges = models.JSONField(_("challenges"), default=list, blank=True)
    solutions = models.JSONField(_("solutions"), default=list, blank=True)

    objects = models.Manager.from_queryset(RuleQuerySet)()

    class Meta(SectionEntry.Meta):
        verbose_name = _("building block")
        verbose_name_plural = _("building blocks")

    def get_absolute_url(self) -> str:
        return reverse("toolbox:section", args=[self.section.number]) + f"#{self.anchor}"

    @property
    def anchor(self) -> str:
        return self.key.replace("/", "-").replace(".", "-")


class Recommendation(models.Model):
    """A recommendation: one of the 9 + 9 of the conclusion (paired across audiences) or a chapter's."""

    class Audience(models.TextChoices):
        SMALL_SCALE_ACTORS = "small_scale_actors", _("Small-scale actors")
        POLICYMAKERS = "policymakers", _("Policymakers")
        CHAPTER = "chapter", _("End-of-chapter recommendation")

    key = models.CharField(_("key"), max_length=120, unique=True)
    audience = models.CharField(_("audience"), max_length=20, choices=Audience.choices)
    number = models.PositiveSmallIntegerField(_("number"), default=0)
    chapter = models.PositiveSmallIntegerField(_("chapter"), null=True, blank=True)
    pair_number = models.PositiveSmallIntegerField(
        _("paired recommendation's number"), null=True, blank=True
    )
    pair = models.ForeignKey(
        "self",
        verbose_name=_("paired recommendation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    title = models.CharField(_("title"), max_length=300)
    text = models.TextField(_("text"))
    citation = models.CharField(_("citation"), max_length=120)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = models.Manager.from_queryset(RuleQuerySet)()

    class Meta:
        verbose_name = _("recommendation")
        verbose_name_plural = _("recommendations")
        ordering = ["order"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        if self.audience == self.Audience.CHAPTER and self.chapter:
            capital = Capital.objects.filter(chapter=self.chapter).first()
            if capital:
                return capital.get_absolute_url() + "#recommendations"
        return reverse("toolbox:recommendations") + f"#{self.key}"


class Reference(models.Model):
    """A programme, resource or publication the handbook points readers to (M4D Net, the e-course…)."""

    key = models.SlugField(_("key"), max_length=80, unique=True)
    title = models.CharField(_("title"), max_length=300)
    summary = models.TextField(_("summary"))
    citation = models.CharField(_("citation"), max_length=120)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = models.Manager.from_queryset(RuleQuerySet)()

    class Meta:
        verbose_name = _("reference")
        verbose_name_plural = _("references")
        ordering = ["order"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("toolbox:references") + f"#{self.key}"
