"""Fill in a Django admin add/change page as a person would: what the page shows, plus changes.

response = client.get(reverse("admin:projects_project_change", args=[project.pk]))
data = admin_form_data(response, title_en="A corrected title")
client.post(url, data)
"""

from __future__ import annotations

from typing import Any

from django.core.files import File
from django.forms import BaseForm


def _form_values(form: BaseForm) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for bound in form:
        value = bound.value()
        if value is None or value is False or isinstance(value, File):
            continue  # an empty field, an unticked box, a stored file: browsers send nothing
        values[bound.html_name] = "on" if value is True else value
    return values


def admin_form_data(response: Any, **changes: Any) -> dict[str, Any]:
    """The POST data of the admin page in `response` (its form and inlines), with `changes` to
    the main form's fields (by field name)."""
    context = response.context
    data = _form_values(context["adminform"].form)
    for inline in context["inline_admin_formsets"]:
        formset = inline.formset
        data.update(_form_values(formset.management_form))
        for form in formset.forms:
            data.update(_form_values(form))
    data.update(changes)
    return data


def inline_prefix(response: Any, model: type) -> str:
    """The form prefix of the inline editing rows of `model` on this admin page."""
    for inline in response.context["inline_admin_formsets"]:
        if inline.formset.model is model:
            return inline.formset.prefix
    raise LookupError(model)
