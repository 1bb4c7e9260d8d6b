from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from m4d.organisations.models import Organisation


class PlanCreateForm(forms.Form):
    """A new plan: its title and the organisation it belongs to (one the person acts for)."""

    title = forms.CharField(label=_("Working title"), max_length=300)
    organisation = forms.ModelChoiceField(
        label=_("On behalf of"), queryset=Organisation.objects.none(), empty_label=None
    )

    def __init__(self, *args: Any, user: Any, acting: Organisation | None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["organisation"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Organisation.objects.filter(memberships__user=user).order_by("name")
        if acting is not None:
            field.initial = acting.pk
