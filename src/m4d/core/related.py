"""Cross-links from later apps back to earlier ones without importing against the dependency order.

A later app (e.g. toolbox) registers a provider for a model of an earlier app (e.g. projects.Project);
the earlier app's page asks `links_for(obj)` and shows whatever groups come back.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.utils.functional import Promise


@dataclass(frozen=True)
class Link:
    title: str
    url: str
    note: str = ""


@dataclass(frozen=True)
class LinkGroup:
    heading: str | Promise
    links: list[Link]


# Given an instance of the model it was registered for (the label ties them, so: Any).
Provider = Callable[[Any], list[LinkGroup]]
_providers: dict[str, list[Provider]] = {}


def register(model_label: str, provider: Provider) -> None:
    _providers.setdefault(model_label.lower(), []).append(provider)


def links_for(obj: models.Model) -> list[LinkGroup]:
    groups: list[LinkGroup] = []
    for provider in _providers.get(obj._meta.label_lower, []):
        groups.extend(group for group in provider(obj) if group.links)
    return groups
