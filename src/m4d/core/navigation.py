"""The site's main navigation, contributed by each app from its AppConfig.ready():

    navigation.register(navigation.Entry(_("Projects"), "projects:list", section="projects", order=10))

`base.html` draws the entries in `order` and marks the one whose `section` matches the page's
`section` context variable. Core's own links (home, about, search) stay in the base template.

The header's tools (sign-in, profile) are templates an app contributes the same way:

    navigation.register_header_template("accounts/partials/header_account.html")
"""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse
from django.utils.functional import Promise


@dataclass(frozen=True)
class Entry:
    label: str | Promise
    url_name: str
    section: str
    order: int = 100

    @property
    def url(self) -> str:
        return reverse(self.url_name)


_entries: dict[str, Entry] = {}


def register(entry: Entry) -> None:
    """Add (or replace, by URL name) a navigation entry."""
    _entries[entry.url_name] = entry


def entries() -> list[Entry]:
    return sorted(_entries.values(), key=lambda entry: (entry.order, entry.url_name))


_header_templates: list[str] = []


def register_header_template(template: str) -> None:
    """Include `template` in every page's header tools (after the language switch)."""
    if template not in _header_templates:
        _header_templates.append(template)


def header_templates() -> list[str]:
    return list(_header_templates)
