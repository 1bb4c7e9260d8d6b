from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from m4d.organisations.models import Organisation
from m4d.places.selectors import find_country


class OrganisationFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    country = forms.CharField(label=_("Country"), required=False, max_length=100)
    type = forms.ChoiceField(label=_("Type"), required=False, choices=[("", _("Any"))] + Organisation.Type.choices)
    sort = forms.ChoiceField(label=_("Sort by"), required=False, choices=[("name", _("Name")), ("-projects", _("Most projects"))])

    def clean_country(self):
        value = self.cleaned_data["country"]
        if not value:
            return None
        country = find_country(value)
        if country is None:
            raise forms.ValidationError(_("Unknown country: %(value)s"), params={"value": value})
        return country
