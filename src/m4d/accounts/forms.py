from django import forms
from django.utils.translation import gettext_lazy as _

from m4d.accounts.models import User


class ProfileForm(forms.ModelForm):
    """What a person may change about themselves (the role is set by an administrator)."""

    class Meta:
        model = User
        fields = ["display_name", "language"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = [
            ("", _("As set in your browser")),
            *self.fields["language"].choices[1:],
        ]
