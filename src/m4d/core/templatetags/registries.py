"""Template access to the registries apps fill in their AppConfig.ready() (navigation, panels, job
kinds), so core's templates draw what apps contribute without naming any app."""

from __future__ import annotations

from django import template
from django.db import models

from m4d.core import jobs, navigation, panels
from m4d.core.models import Job

register = template.Library()


@register.simple_tag
def navigation_entries() -> list[navigation.Entry]:
    return navigation.entries()


@register.simple_tag
def panels_for(obj: models.Model) -> list[panels.BoundPanel]:
    return panels.panels_for(obj)


@register.simple_tag
def job_kind(job: Job) -> jobs.JobKind | None:
    return jobs.kind_of(job.kind)
