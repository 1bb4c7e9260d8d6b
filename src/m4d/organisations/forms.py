from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from m4d.organisations.models import Organisation
from m4d.places.forms import CountryField


class OrganisationFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    country = CountryField()
    type = forms.ChoiceField(
        label=_("Type"), required=False, choices=[("", _("Any"))] + Organisation.Type.choices
    )
    sort = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=[("name", _("Name")), ("-projects", _("Most projects"))],
    )
