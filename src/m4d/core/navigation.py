"""The site's main navigation, contributed by each app from its AppConfig.ready():

    navigation.register(navigation.Entry(_("Projects"), "projects:list", section="projects", order=10))

`base.html` draws the entries in `order` and marks the one whose `section` matches the page's
`section` context variable. Core's own links (home, about, search) stay in the base template.
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
