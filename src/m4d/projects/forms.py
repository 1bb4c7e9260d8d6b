"""Forms for the registry: list filters (validated like any input) and the IATI upload."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from m4d.organisations.models import Organisation
from m4d.places.forms import CountryField
from m4d.projects.models import Capital
from m4d.projects.selectors import SORTS, ProjectFilters


class ProjectFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    country = CountryField()
    capital = forms.ChoiceField(
        label=_("Capital"), required=False, choices=[("", _("Any"))] + Capital.choices
    )
    organisation = forms.IntegerField(label=_("Organisation"), required=False, min_value=1)
    org_type = forms.ChoiceField(
        label=_("Organisation type"),
        required=False,
        choices=[("", _("Any"))] + Organisation.Type.choices,
    )
    sort = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=[("code", _("Code")), ("title", _("Title")), ("-updated", _("Recently updated"))],
    )

    def clean_organisation(self):
        pk = self.cleaned_data["organisation"]
        if pk is None:
            return None
        organisation = Organisation.objects.filter(pk=pk).first()
        if organisation is None:
            raise forms.ValidationError(_("Unknown organisation."))
        return organisation

    def filters(self) -> ProjectFilters:
        data = self.cleaned_data if self.is_valid() else {}
        sort = data.get("sort") or "code"
        return ProjectFilters(
            q=data.get("q", ""),
            country=data.get("country"),
            capital=data.get("capital", ""),
            organisation=data.get("organisation"),
            org_type=data.get("org_type", ""),
            sort=sort if sort in SORTS else "code",
        )


class IatiUploadForm(forms.Form):
    file = forms.FileField(label=_("IATI activities file (XML, version 2.03)"))

    MAX_BYTES = 20 * 1024 * 1024

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > self.MAX_BYTES:
            raise forms.ValidationError(_("The file is larger than 20 MB."))
        return upload
