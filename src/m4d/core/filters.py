"""List filters validated once, by one form, for a list's page, its exports and its API.

A rejected filter answers with its message and no data, everywhere: the page shows the message and
an empty list (status 200, so that htmx swaps the results in), an export answers 400 with the
messages as plain text, the API answers 422 with them in `detail`. Showing the whole list under an
"Unknown country" message would let a mistyped filter pass for a real answer.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self

from django import forms
from django.http import HttpResponse
from ninja.errors import HttpError
from pydantic import Field


class FilterForm(forms.Form):
    """Base of list filter forms: the parameter names are the field names, on pages and in the API."""

    @classmethod
    def from_params(cls, params: Mapping[str, Any]) -> Self:
        """The form bound to API parameters (a schema's `dict()`); None and '' mean "not given"."""
        return cls({name: value for name, value in params.items() if value not in (None, "")})

    def messages(self) -> list[str]:
        """Every validation message, in field order (translated in the active language)."""
        return [str(message) for errors in self.errors.values() for message in errors]

    def api_error(self) -> HttpError:
        return HttpError(422, " ".join(self.messages()))

    def export_error(self) -> HttpResponse:
        body = "\n".join(self.messages()) + "\n"
        return HttpResponse(body, status=400, content_type="text/plain; charset=utf-8")


def api_parameter(form: type[forms.Form], name: str, description: str, default: str = "") -> Any:
    """An API query parameter documented from the form field that validates it.

    The parameter is a plain string for pydantic, so that the form alone validates it and its
    messages are the page's; its documented constraints (length, digits) are read from the field.
    """
    field = form.base_fields[name]
    extra: dict[str, Any] = {}
    max_length = getattr(field, "max_length", None)
    if max_length:
        extra["maxLength"] = max_length
    if isinstance(field, forms.IntegerField):
        extra["pattern"] = "^[0-9]*$"
    return Field(default, description=description, json_schema_extra=extra or None)
