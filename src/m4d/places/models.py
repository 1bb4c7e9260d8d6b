"""Countries (ISO 3166-1) with French and English names."""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from m4d.core.permissions import RuleQuerySet


class Country(models.Model):
    """A country or territory of ISO 3166-1; `name` has French and English columns."""

    iso2 = models.CharField(_("ISO alpha-2 code"), max_length=2, unique=True)
    iso3 = models.CharField(_("ISO alpha-3 code"), max_length=3, unique=True)
    numeric = models.CharField(_("ISO numeric code"), max_length=3, blank=True)
    name = models.CharField(_("name"), max_length=120)
    aliases = models.JSONField(
        _("other names"),
        default=list,
        blank=True,
        help_text=_("Other spellings that should find it."),
    )

    # Columns modeltranslation adds (translation.py), declared for the type checker.
    name_en: str | None
    name_fr: str | None
    # Figures other apps register in core.figures, set on the countries that
    # `selectors.countries_with_counts` returns.
    project_count: int
    organisation_count: int

    objects = models.Manager.from_queryset(RuleQuerySet)()

    class Meta:
        verbose_name = _("country")
        verbose_name_plural = _("countries")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("places:country", args=[self.iso2.lower()])
