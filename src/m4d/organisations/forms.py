"""The organisation directory's filters (for its page and its API: same names, same messages) and
the form members create and manage their organisation with."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from m4d.core.filters import FilterForm
from m4d.organisations.models import (
    WEB_ADDRESS,
    Membership,
    Organisation,
    validate_iati_identifier,
    validate_logo,
)
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


class LogoInput(forms.ClearableFileInput):
    """The file input with the current logo and a "remove" box, in our words."""

    template_name = "organisations/widgets/logo_input.html"

    clear_checkbox_label = _("Remove the logo")  # type: ignore[assignment]  # lazy, as Django's own
    initial_text = _("Current logo")  # type: ignore[assignment]  # lazy, as Django's own
    input_text = _("Or replace it with:")  # type: ignore[assignment]  # lazy, as Django's own


class OrganisationForm(forms.Form):
    """What a member sets when creating or managing their organisation; `changes()` gives the
    arguments of `services.create_organisation_for` / `update_organisation`."""

    name = forms.CharField(
        label=_("Official name"),
        max_length=300,
        help_text=_("Exactly as the organisation writes it, in its own language."),
    )
    gloss_en = forms.CharField(
        label=_("English gloss"),
        required=False,
        max_length=300,
        help_text=_("What the name means in English, if it is in another language."),
    )
    gloss_fr = forms.CharField(
        label=_("French gloss"),
        required=False,
        max_length=300,
        help_text=_("What the name means in French, if it is in another language."),
    )
    type = forms.ChoiceField(label=_("Type"), choices=Organisation.Type.choices)
    country = CountryField(
        required=True,
        help_text=_("ISO code or name of the country where it is based."),
        error_messages={"required": _("Give the country where the organisation is based.")},
    )

    # Profile fields (issue 7).
    city = forms.CharField(label=_("City"), required=False, max_length=120)
    website = forms.URLField(
        label=_("Website"),
        required=False,
        max_length=500,
        assume_scheme="https",
        validators=[WEB_ADDRESS],
        # Text, not type=url: browsers refuse "example.org", which the field completes as https.
        widget=forms.TextInput(attrs={"inputmode": "url", "autocomplete": "url"}),
        help_text=_("The organisation's own web site, if it has one."),
    )
    description_fr = forms.CharField(
        label=_("Description (French)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    description_en = forms.CharField(
        label=_("Description (English)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    # A FileField, not an ImageField: `validate_logo` checks the content itself, size first.
    logo = forms.FileField(
        label=_("Logo"),
        required=False,
        validators=[validate_logo],
        widget=LogoInput(attrs={"accept": "image/png,image/jpeg,image/webp"}),
    )
    iati_identifier = forms.CharField(
        label=_("IATI identifier"),
        required=False,
        max_length=150,
        validators=[validate_iati_identifier],
        help_text=Organisation._meta.get_field("iati_identifier").help_text,
    )

    def __init__(self, *args: Any, organisation: Organisation | None = None, **kwargs: Any) -> None:
        if organisation is not None:
            kwargs.setdefault(
                "initial", {**self.values_of(organisation), "logo": organisation.logo}
            )
        super().__init__(*args, **kwargs)
        self.fields["logo"].help_text = _(
            "PNG, JPEG or WebP, at most %(size)s MB; it is reduced to fit in a square of %(box)s pixels."
        ) % {
            "size": f"{settings.M4D_LOGO_MAX_BYTES / (1024 * 1024):g}",
            "box": settings.M4D_LOGO_BOX,
        }

    @staticmethod
    def values_of(organisation: Organisation) -> dict[str, str]:
        """The organisation's current values, as the form's data (what a partial change keeps)."""
        return {
            "name": organisation.name,
            "gloss_en": organisation.gloss_en,
            "gloss_fr": organisation.gloss_fr,
            "type": organisation.type,
            "country": organisation.country.iso2 if organisation.country else "",
            "city": organisation.city,
            "website": organisation.website,
            "description_fr": organisation.description_fr or "",
            "description_en": organisation.description_en or "",
            "iati_identifier": organisation.iati_identifier,
        }

    def changes(self) -> dict[str, Any]:
        changes = {name: self.cleaned_data[name] for name in self.fields if name != "logo"}
        logo = self.cleaned_data.get("logo")
        if logo is False:  # "remove the logo" ticked
            changes["logo"] = ""
        elif isinstance(logo, UploadedFile):
            changes["logo"] = logo
        return changes


# Members' workflow: the invitation form (members page and API), a member's role, the transfer of
# ownership. The roles offered are those the person may give (`rules.grantable_roles`).


class InvitationForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        help_text=_("They receive a link; without an account, they sign up through it."),
    )
    role = forms.ChoiceField(label=_("Role"), initial=Membership.Role.MEMBER)
    language = forms.ChoiceField(
        label=_("Language of the e-mail"), choices=[("en", "English"), ("fr", "Français")]
    )

    def __init__(self, *args: Any, roles: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["role"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = roles


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"))

    def __init__(self, *args: Any, roles: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["role"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = roles


class MemberChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.user.display_name or obj.user.email} ({obj.get_role_display()})"


class TransferForm(forms.Form):
    to = MemberChoiceField(
        label=_("New owner"),
        queryset=Membership.objects.none(),
        help_text=_("You stay in the organisation as a manager."),
        error_messages={"invalid_choice": _("Choose one of the members listed.")},
    )

    def __init__(self, *args: Any, candidates: QuerySet[Membership], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["to"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = candidates


# Claims and merges.


class ClaimForm(forms.Form):
    """What a person asking to own a directory entry tells the editors."""

    message = forms.CharField(
        label=_("Your message to the editors"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "Who you are, your role in the organisation, and how the editors can check it "
            "(a website or an e-mail address of the organisation)."
        ),
        error_messages={
            "required": _("Tell the editors who you are and how you act for this organisation.")
        },
    )


class ClaimDecisionForm(forms.Form):
    """An editor's answer to a claim: the note is e-mailed to the claimant."""

    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            ("approve", _("Approve: the claimant becomes an owner")),
            ("decline", _("Decline")),
        ],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Note to the claimant (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
