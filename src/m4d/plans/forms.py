from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from m4d.organisations.models import Organisation
from m4d.plans import starters
from m4d.projects.models import Project


class PlanCreateForm(forms.Form):
    """A new plan: its title and the organisation it belongs to (one the person acts for)."""

    title = forms.CharField(label=_("Working title"), max_length=300)
    organisation = forms.ModelChoiceField(
        label=_("On behalf of"), queryset=Organisation.objects.none(), empty_label=None
    )
    start_from = forms.CharField(
        label=_("Start from a registry project (optional)"),
        required=False,
        max_length=150,
        help_text=_(
            "Its code, such as Sénégal-47: its corridor, partners, capitals and toolbox options "
            "are filled in for you. Leave empty for a blank plan."
        ),
    )

    def __init__(self, *args: Any, user: Any, acting: Organisation | None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        field = self.fields["organisation"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Organisation.objects.filter(memberships__user=user).order_by("name")
        if acting is not None:
            field.initial = acting.pk

    def clean_start_from(self) -> Project | None:
        code = self.cleaned_data["start_from"].strip()
        if not code:
            return None
        found = starters.registry_project(self.user, code)
        if found is None:
            raise forms.ValidationError(
                _("No registry project has the code %(code)s.") % {"code": code}
            )
        return found


def starting_point(user: Any, code: str) -> dict[str, Any]:
    """The create form's initial values for `?from=<code>` (the project page's link)."""
    project = starters.registry_project(user, code) if code else None
    return {"start_from": project.code, "title": project.title[:300]} if project else {}
