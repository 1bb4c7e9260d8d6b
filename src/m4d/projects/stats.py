"""Portfolio statistics: projects per country, capital and organisation type."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from m4d.core import cache
from m4d.core.collation import sort_key
from m4d.core.svg import bar_chart
from m4d.organisations.models import Organisation
from m4d.places.models import Country
from m4d.projects.models import Capital, Partnership, Project, ProjectCapital, ProjectCountry


@dataclass(frozen=True)
class Row:
    key: str
    label: str
    count: int
    url: str = ""


@dataclass(frozen=True)
class RegistryStatistics:
    projects: int
    organisations: int
    countries: int
    by_country: list[Row]
    by_capital: list[Row]
    by_org_type: list[Row]
    # Projects the charts cannot place: capitals not analysed (the handbook analysed 27 of its 51
    # projects), no partner recorded. Shown as their own bar, so partial data reads as partial.
    capitals_not_analysed: int = 0
    without_partners: int = 0

    # Charts for projects/statistics.html: each is named by the heading with the id it cites.
    @property
    def country_chart(self) -> SafeString:
        return bar_chart(self.by_country, labelledby="chart-country")

    @property
    def capital_chart(self) -> SafeString:
        missing = Row("", str(_("Not analysed")), self.capitals_not_analysed)
        rows = [*self.by_capital, missing] if missing.count else self.by_capital
        return bar_chart(rows, labelledby="chart-capital")

    @property
    def org_type_chart(self) -> SafeString:
        missing = Row("", str(_("No partner recorded")), self.without_partners)
        rows = [*self.by_org_type, missing] if missing.count else self.by_org_type
        return bar_chart(rows, labelledby="chart-org-type")


def registry_statistics(*, top: int | None = None) -> RegistryStatistics:
    """Counts over the whole registry; `top` limits the per-country list (None: all, 0: none)."""
    return cache.for_registry(f"statistics {top}", lambda: _registry_statistics(top))


def _registry_statistics(top: int | None) -> RegistryStatistics:
    # Figures answer everyone alike: published projects only (drafts await review).
    shown = {"project__status": Project.Status.PUBLISHED}
    links = ProjectCountry.objects.filter(**shown)
    by_country_rows = links.values("country").annotate(n=Count("id")).order_by("-n", "country")
    if top is not None:
        by_country_rows = by_country_rows[:top]
    countries = Country.objects.in_bulk([row["country"] for row in by_country_rows])
    capital_counts = dict(
        ProjectCapital.objects.filter(**shown).values_list("capital").annotate(n=Count("id"))
    )
    type_counts = dict(
        Partnership.objects.filter(**shown)
        .values_list("organisation__type")
        .annotate(n=Count("project", distinct=True))
    )
    return RegistryStatistics(
        projects=Project.objects.filter(status=Project.Status.PUBLISHED).count(),
        organisations=Organisation.objects.filter(merged_into__isnull=True).count(),
        countries=links.values("country").distinct().count(),
        by_country=sorted(
            (
                Row(
                    countries[r["country"]].iso2,
                    countries[r["country"]].name,
                    r["n"],
                    countries[r["country"]].get_absolute_url(),
                )
                for r in by_country_rows
            ),
            key=lambda row: (-row.count, sort_key(row.label)),
        ),
        by_capital=[
            Row(value, str(label), capital_counts.get(value, 0), f"/projects/?capital={value}")
            for value, label in Capital.choices
        ],
        by_org_type=sorted(
            (
                Row(value, str(label), type_counts.get(value, 0), f"/projects/?org_type={value}")
                for value, label in Organisation.Type.choices
            ),
            key=lambda row: -row.count,
        ),
        capitals_not_analysed=Project.objects.filter(capital_links__isnull=True).count(),
        without_partners=Project.objects.filter(partnerships__isnull=True).count(),
    )
