"""Template access to the registries apps fill in their AppConfig.ready() (navigation, panels, job
kinds), so core's templates draw what apps contribute without naming any app."""

from __future__ import annotations

from dataclasses import dataclass

from django import template
from django.conf import settings
from django.db import models
from django.shortcuts import resolve_url
from django.utils.functional import Promise

from m4d.core import jobs, navigation, panels
from m4d.core.models import Job

register = template.Library()


@register.simple_tag
def navigation_entries() -> list[navigation.Entry]:
    return navigation.entries()


@register.simple_tag
def header_templates() -> list[str]:
    return navigation.header_templates()


@register.simple_tag
def login_url() -> str:
    """Where anonymous visitors sign in (settings.LOGIN_URL, a URL name or a path)."""
    return resolve_url(settings.LOGIN_URL)


@register.simple_tag
def panels_for(obj: models.Model) -> list[panels.BoundPanel]:
    return panels.panels_for(obj)


@dataclass(frozen=True)
class JobDisplay:
    label: str | Promise
    result_template: str
    link: tuple[str | Promise, str] | None


@register.simple_tag
def job_kind(job: Job) -> JobDisplay | None:
    """How to show a job: its kind's label, result template and follow-up link (None: unknown kind)."""
    kind = jobs.kind_of(job.kind)
    if kind is None:
        return None
    return JobDisplay(kind.label, kind.result_template, kind.link(job) if kind.link else None)
