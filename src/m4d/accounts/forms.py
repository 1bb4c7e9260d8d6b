import secrets
from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from m4d.accounts.models import ApiToken, User


class ProfileForm(forms.ModelForm):
    """What a person may change about themselves (the role is set by an administrator)."""

    class Meta:
        model = User
        fields = ["display_name", "language"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        language = cast(forms.ChoiceField, self.fields["language"])
        languages = cast(list[tuple[str, str]], language.choices)  # Django made it a list
        language.choices = [("", _("As set in your browser")), *languages[1:]]


class TokenForm(forms.ModelForm):
    """The name a person gives a new API token, to recognise it in their list. `once` is a
    random value each form carries, so that sending the same form again (reloading the page that
    shows the secret) is recognised instead of creating a second token."""

    once = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.fields["once"].initial = secrets.token_urlsafe(16)

    class Meta:
        model = ApiToken
        fields = ["name"]
        help_texts = {"name": _("What the token is for, e.g. “nightly import script”.")}
