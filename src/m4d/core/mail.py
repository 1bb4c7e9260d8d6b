"""E-mails rendered from templates in the recipient's language (subject on one line)."""

from __future__ import annotations

from smtplib import SMTPException
from typing import Any

from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation

# What a failed send raises, for callers that refuse to keep a record nobody was told about.
MAIL_FAILURES = (OSError, SMTPException)


def send_templated(
    *, to: str, language: str, subject_template: str, body_template: str, context: dict[str, Any]
) -> None:
    with translation.override(language):
        subject = render_to_string(subject_template, context)
        body = render_to_string(body_template, context)
    send_mail(" ".join(subject.split()), body, None, [to])
