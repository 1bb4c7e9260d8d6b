"""Forms for the registry: list filters (validated like any input), the IATI upload and the
project edit page."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from m4d.core.collation import sort_key
from m4d.core.filters import FilterForm
from m4d.organisations.models import Organisation
from m4d.places.forms import CountryField
from m4d.places.models import Country
from m4d.places.selectors import find_country
from m4d.projects.models import WEB_ADDRESS, Capital, Project
from m4d.projects.selectors import SORTS, ProjectFilters


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
            sort=data["sort"],
        )


class IatiUploadForm(forms.Form):
    file = forms.FileField(label=_("IATI activities file (XML, version 2.03)"))

    MAX_BYTES = 20 * 1024 * 1024

    def clean_file(self) -> UploadedFile:
        upload = self.cleaned_data["file"]
        if upload.size > self.MAX_BYTES:
            raise forms.ValidationError(_("The file is larger than 20 MB."))
        return upload


class ProjectEditForm(forms.Form):
    """What an editor corrects on a project's own edit page; cleaned values are the arguments of
    `services.update_project`."""

    title_fr = forms.CharField(label=_("Title (French)"), required=False, max_length=500)
    title_en = forms.CharField(label=_("Title (English)"), required=False, max_length=500)
    summary_fr = forms.CharField(
        label=_("Summary (French)"), required=False, widget=forms.Textarea(attrs={"rows": 5})
    )
    summary_en = forms.CharField(
        label=_("Summary (English)"), required=False, widget=forms.Textarea(attrs={"rows": 5})
    )
    website = forms.URLField(
        label=_("Website"),
        required=False,
        max_length=500,
        assume_scheme="https",
        validators=[WEB_ADDRESS],
        help_text=_("The project's own web page, if it has one."),
    )
    countries = forms.CharField(
        label=_("Countries"),
        max_length=1000,
        help_text=_("ISO codes or names, separated by commas; the first is the country of origin."),
        error_messages={"required": _("Give at least one country: the country of origin.")},
    )
    partners = forms.ModelMultipleChoiceField(
        label=_("Partners"),
        required=False,
        # A merged record is hidden (decision 0011): it cannot become a partner again.
        queryset=Organisation.objects.filter(merged_into__isnull=True).order_by("name"),
        widget=forms.SelectMultiple(attrs={"size": 10}),
        help_text=_("Partners kept keep their order; new ones follow."),
        error_messages={"invalid_choice": _("Unknown partner: %(value)s")},
    )
    capitals = forms.MultipleChoiceField(
        label=_("Capitals"),
        required=False,
        choices=Capital.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    # What the IATI export reports (its pre-flight links here, by these fields' ids).
    start_date = forms.DateField(
        label=_("Start date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Exported as the actual start when past, the planned start otherwise."),
    )
    end_date = forms.DateField(
        label=_("End date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    migration_sector = forms.BooleanField(
        label=_("Migration project: DAC sector 15190"),
        required=False,
        help_text=Project._meta.get_field("migration_sector").help_text,
    )
    iati_identifier = forms.CharField(
        label=_("IATI identifier of the activity"),
        required=False,
        max_length=200,
        help_text=_(
            "Empty: the export derives one from the reporting organisation's identifier. A given one must begin with it."
        ),
    )

    def __init__(self, *args: Any, project: Project, **kwargs: Any) -> None:
        self.project = project
        kwargs.setdefault(
            "initial",
            {
                "title_fr": project.title_fr,
                "title_en": project.title_en,
                "summary_fr": project.summary_fr,
                "summary_en": project.summary_en,
                "website": project.website,
                "countries": ", ".join(c.iso2 for c in project.ordered_countries),
                "partners": project.ordered_partners,
                "capitals": project.capital_values,
                "start_date": project.start_date,
                "end_date": project.end_date,
                "migration_sector": project.migration_sector,
                "iati_identifier": project.iati_identifier,
            },
        )
        super().__init__(*args, **kwargs)
        partners = cast(forms.ModelMultipleChoiceField, self.fields["partners"])
        # The options sorted as people sort names, by their stored collation key (core.collation).
        partners.choices = list(
            Organisation.objects.order_by("name_sort_key", "pk").values_list("pk", "name")
        )

    def clean_countries(self) -> list[Country]:
        countries = []
        for name in (part.strip() for part in self.cleaned_data["countries"].split(",")):
            if not name:
                continue
            country = find_country(name)
            if country is None:
                raise forms.ValidationError(_("Unknown country: %(value)s"), params={"value": name})
            countries.append(country)
        if not countries:
            raise forms.ValidationError(self.fields["countries"].error_messages["required"])
        return countries

    def clean_partners(self) -> list[Organisation]:
        position = {o.pk: i for i, o in enumerate(self.project.ordered_partners)}
        chosen = list(self.cleaned_data["partners"])
        return sorted(chosen, key=lambda o: (position.get(o.pk, len(position)), sort_key(o.name)))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not (data.get("title_fr", "").strip() or data.get("title_en", "").strip()):
            self.add_error("title_fr", _("Give the title in French or in English."))
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The end date comes before the start date."))
        return data

    FIELDS = (
        "title_fr",
        "title_en",
        "summary_fr",
        "summary_en",
        "website",
        "start_date",
        "end_date",
        "migration_sector",
        "iati_identifier",
    )

    def changes(self) -> dict[str, Any]:
        """The project's own fields, as `update_project(changes=...)` takes them."""
        changes = {name: self.cleaned_data[name] for name in self.FIELDS}
        changes["iati_identifier"] = changes["iati_identifier"].strip()
        return changes
