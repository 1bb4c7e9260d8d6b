"""Form fields for places."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from m4d.places.models import Country
from m4d.places.selectors import find_country


class CountryField(forms.CharField):
    """A country typed as an ISO code or a French/English name; cleans to a Country or None."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("label", _("Country"))
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 100)
        super().__init__(**kwargs)

    def clean(self, value: Any) -> Country | None:
        value = super().clean(value)
        if not value:
            return None
        country = find_country(value)
        if country is None:
            raise forms.ValidationError(_("Unknown country: %(value)s"), params={"value": value})
        return country
