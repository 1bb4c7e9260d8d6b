"""Forms of the collaboration pages (the invitation and role forms are the organisations')."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from m4d.plans.models import STEP_LABELS


class CommentForm(forms.Form):
    step = forms.ChoiceField(label=_("Step"), choices=list(STEP_LABELS.items()))
    text = forms.CharField(
        label=_("Comment"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Mention a collaborator with @ and their name or e-mail address."),
    )


class StepFilterForm(forms.Form):
    step = forms.ChoiceField(
        label=_("Step"), choices=[("", _("All steps")), *STEP_LABELS.items()], required=False
    )
