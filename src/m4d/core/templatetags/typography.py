"""`{{ text|typeset }}`: French punctuation spacing and quotes (core.typography), for templates
rendered outside a page response, such as e-mails."""

from __future__ import annotations

from django import template

from m4d.core.typography import typeset as typeset_text

register = template.Library()


@register.filter
def typeset(value: object) -> str:
    return typeset_text(str(value))
