"""The organisation directory's filters, for its page and its API (same names, same messages)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from m4d.core.filters import FilterForm
from m4d.organisations.models import Organisation
from m4d.organisations.selectors import DEFAULT_SORT, SORTS, OrganisationFilters
from m4d.places.forms import CountryField


class OrganisationFilterForm(FilterForm):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    country = CountryField()
    type = forms.ChoiceField(
        label=_("Type"), required=False, choices=[("", _("Any"))] + Organisation.Type.choices
    )
    sort = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=list(SORTS.items()),
    )

    def filters(self) -> OrganisationFilters | None:
        """The validated filters, or None when one was rejected (then show `messages()`, no data)."""
        if not self.is_valid():
            return None
        data = self.cleaned_data
        return OrganisationFilters(
            q=data["q"],
            country=data["country"],
            type=data["type"],
            sort=data["sort"] or DEFAULT_SORT,
        )
