"""Forms for the registry: list filters (validated like any input) and the IATI upload."""

from __future__ import annotations

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from m4d.core.filters import FilterForm
from m4d.organisations.models import Organisation
from m4d.places.forms import CountryField
from m4d.projects.models import Capital
from m4d.projects.selectors import DEFAULT_SORT, SORTS, ProjectFilters


class ProjectFilterForm(FilterForm):
    """The project list's filters, for its page, its exports and the API (same names, same messages)."""

    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    country = CountryField()
    capital = forms.ChoiceField(
        label=_("Capital"), required=False, choices=[("", _("Any"))] + Capital.choices
    )
    organisation = forms.IntegerField(
        label=_("Organisation"), required=False, min_value=1, max_value=2**62
    )
    org_type = forms.ChoiceField(
        label=_("Organisation type"),
        required=False,
        choices=[("", _("Any"))] + Organisation.Type.choices,
    )
    sort = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=[(key, sort.label) for key, sort in SORTS.items()],
    )

    def clean_organisation(self) -> Organisation | None:
        pk = self.cleaned_data["organisation"]
        if pk is None:
            return None
        organisation = Organisation.objects.filter(pk=pk).first()
        if organisation is None:
            raise forms.ValidationError(_("Unknown organisation: %(value)s"), params={"value": pk})
        return organisation

    def filters(self) -> ProjectFilters | None:
        """The validated filters, or None when one was rejected (then show `messages()`, no data)."""
        if not self.is_valid():
            return None
        data = self.cleaned_data
        return ProjectFilters(
            q=data["q"],
            country=data["country"],
            capital=data["capital"],
            organisation=data["organisation"],
            org_type=data["org_type"],
            sort=data["sort"] or DEFAULT_SORT,
        )


class IatiUploadForm(forms.Form):
    file = forms.FileField(label=_("IATI activities file (XML, version 2.03)"))

    MAX_BYTES = 20 * 1024 * 1024

    def clean_file(self) -> UploadedFile:
        upload = self.cleaned_data["file"]
        if upload.size > self.MAX_BYTES:
            raise forms.ValidationError(_("The file is larger than 20 MB."))
        return upload
