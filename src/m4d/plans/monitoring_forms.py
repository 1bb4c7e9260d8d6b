"""The monitoring page's forms: the reporting periods, and the actual values of one period."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from m4d.plans import document as doc
from m4d.plans import monitoring

FREQUENCY_CHOICES = [
    ("monthly", _("Monthly")),
    ("quarterly", _("Quarterly")),
    ("custom", _("Custom: the periods listed below")),
]


class PeriodsForm(forms.Form):
    """Periods generated from a start date and a number of months, or listed one per line."""

    frequency = forms.ChoiceField(label=_("Reporting"), choices=FREQUENCY_CHOICES)
    start = forms.DateField(
        label=_("First day"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Monthly or quarterly periods start here."),
    )
    months = forms.IntegerField(
        label=_("Duration in months"), required=False, min_value=1, max_value=240
    )
    custom = forms.CharField(
        label=_("Custom periods"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One period per line: its name; its first day; its last day (YYYY-MM-DD)."),
    )
    base_revision = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, current: doc.Monitoring, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.current = current

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        frequency = data.get("frequency")
        if frequency == "custom":
            data["periods"] = self._custom(data.get("custom") or "")
        elif frequency:
            if not data.get("start"):
                self.add_error("start", _("Give the first day of the first period."))
            if not data.get("months"):
                self.add_error("months", _("Give the number of months to cover."))
            if data.get("start") and data.get("months"):
                data["periods"] = monitoring.generate_periods(
                    frequency=frequency,
                    start=data["start"],
                    months=data["months"],
                    keep=self.current.periods,
                )
        return data

    def _custom(self, text: str) -> list[doc.Period]:
        by_label = {period.label: period.id for period in self.current.periods}
        periods = []
        for number, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            parts = [part.strip() for part in line.split(";")]
            try:
                label, first, last = parts
                period = doc.Period(
                    label=label, start=date.fromisoformat(first), end=date.fromisoformat(last)
                )
            except ValueError:
                self.add_error(
                    "custom",
                    _("Line %(number)s: write a name, a first day and a last day, separated by ;")
                    % {"number": number},
                )
                continue
            period.id = by_label.get(label, period.id)
            periods.append(period)
        if not periods and not self.errors:
            self.add_error("custom", _("List at least one period."))
        return periods


def custom_lines(periods: list[doc.Period]) -> str:
    return "\n".join(
        f"{p.label}; {p.start.isoformat() if p.start else ''}; {p.end.isoformat() if p.end else ''}"
        for p in periods
    )


class ActualsForm(forms.Form):
    """One field per indicator for one period: a number (with an optional note) for a
    quantitative indicator, a text for a qualitative one."""

    period = forms.CharField(widget=forms.HiddenInput)
    base_revision = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(
        self,
        *args: Any,
        indicators: list[doc.Indicator],
        periods: list[doc.Period],
        saved: dict[str, doc.Actual],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.indicators = indicators
        self.saved = (
            saved  # the period's values as saved, shown beside the typed ones on a conflict
        )
        self.conflict = False
        self.period_ids = {period.id for period in periods}
        for indicator in indicators:
            unit = f" ({indicator.unit})" if indicator.unit else ""
            if indicator.kind == "quantitative":
                self.fields[f"value_{indicator.id}"] = forms.DecimalField(
                    label=f"{indicator.text}{unit}",
                    required=False,
                    max_digits=18,
                    decimal_places=4,
                )
                self.fields[f"text_{indicator.id}"] = forms.CharField(
                    label=_("Note on %(indicator)s") % {"indicator": indicator.text},
                    required=False,
                    max_length=5000,
                )
            else:
                self.fields[f"text_{indicator.id}"] = forms.CharField(
                    label=indicator.text,
                    required=False,
                    max_length=5000,
                    widget=forms.Textarea(attrs={"rows": 2}),
                )

    def clean_period(self) -> str:
        period: str = self.cleaned_data["period"]
        if period not in self.period_ids:
            raise forms.ValidationError(_("Choose one of the plan's reporting periods."))
        return period

    def actuals(self) -> dict[str, doc.Actual]:
        period = self.cleaned_data["period"]
        return {
            indicator.id: doc.Actual(
                indicator=indicator.id,
                period=period,
                value=self.cleaned_data.get(f"value_{indicator.id}"),
                text=self.cleaned_data.get(f"text_{indicator.id}") or "",
            )
            for indicator in self.indicators
        }

    def rows(self) -> list[dict[str, Any]]:
        """Each indicator with its inputs (`number`: None when qualitative; `text`), each a
        dict of name, id, value and errors, and its saved value for the period. Plain values
        rather than bound fields: the page has one row per indicator, a hundred on a large plan,
        and bound fields cost the template several lookups each."""
        return [
            {
                "indicator": indicator,
                "number": self._input(f"value_{indicator.id}")
                if indicator.kind == "quantitative"
                else None,
                "text": self._input(f"text_{indicator.id}"),
                "saved": self.saved.get(indicator.id),
            }
            for indicator in self.indicators
        ]

    def _input(self, name: str) -> dict[str, Any]:
        html_name = self.add_prefix(name)
        value = self.data.get(html_name, "") if self.is_bound else self.initial.get(name)
        return {
            "name": html_name,
            "id": f"id_{html_name}",
            "value": "" if value is None else value,
            "errors": self.errors.get(name, []) if self.is_bound else [],
        }
