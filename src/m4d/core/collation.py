"""The one way m4d sorts names for people: locale-aware, the same on SQLite and PostgreSQL.

Databases sort text by code point (SQLite) or by the server's collation (PostgreSQL, whatever the
cluster was created with), so `ORDER BY name` puts "Égypte" after "Tunisie" on one and somewhere
else on the other. Names shown to people are therefore sorted in Python with `sort_key`, in the
language they are shown in (`Country.name` is the active language's column). Decision 0015.

The key follows the Unicode Collation Algorithm's three levels, which French and English share
(CLDR tailors neither; only Canadian French compares accents backwards):

1. the letters, case and accents ignored ("Égypte" sorts with "Egypte", "œ" as "oe");
2. then the accents, letter by letter (cote < coté < côte < côté);
3. then the case, lower case first ("de" < "De").

Spaces and punctuation sort before digits, digits before letters, as in CLDR's root order.

Large lists sort in the database instead: `sort_string` writes the same key as one string whose
code-point order is the key's order, kept in a `SortKeyField` column (compared by code point on
both databases) that an index serves.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable
from functools import lru_cache
from typing import Any, TypeVar

from django.db import models
from django.db.backends.base.base import BaseDatabaseWrapper

T = TypeVar("T")

# Letters that Unicode does not decompose into a base letter and a mark.
_EXPANSIONS = str.maketrans(
    {
        "œ": "oe",
        "æ": "ae",
        "ø": "o",
        "đ": "d",
        "ð": "d",
        "ł": "l",
        "ı": "i",
        "þ": "th",
        "’": "'",
        "ʼ": "'",
    }
)

SortKey = tuple[str, tuple[str, ...], str, str]


@lru_cache(maxsize=100_000)
def sort_key(text: str) -> SortKey:
    """The key that sorts `text` among other names: `sorted(names, key=sort_key)`."""
    text = unicodedata.normalize("NFC", text or "").strip()
    letters: list[str] = []
    accents: list[str] = []
    case: list[str] = []
    for char in text:
        lower = char.casefold().translate(_EXPANSIONS)
        decomposed = unicodedata.normalize("NFKD", lower)
        base = "".join(c for c in decomposed if not unicodedata.combining(c))
        marks = "".join(c for c in decomposed if unicodedata.combining(c))
        letters.append(base)
        accents.extend([marks] + [""] * (len(base) - 1) if base else [])
        case.append("1" if char != char.lower() else "0")
    return "".join(letters), tuple(accents), "".join(case), text


def sorted_by(items: Iterable[T], name: Callable[[T], str]) -> list[T]:
    """`items` sorted by the name `name(item)` gives, with `sort_key`."""
    return sorted(items, key=lambda item: sort_key(name(item)))


# Separators below every character a key holds: names hold no control characters this low.
_END_OF_PART = "\x01"
_END_OF_ACCENT = "\x02"
_UNSTORABLE = str.maketrans({"\x00": None, _END_OF_PART: None, _END_OF_ACCENT: None})


def sort_string(text: str) -> str:
    """`sort_key(text)` as one string: `sort_string(a) < sort_string(b)` (by code point) exactly
    when `sort_key(a) < sort_key(b)`. Each part ends with a character lower than any it holds,
    so a shorter part sorts first, as in the tuple."""
    letters, accents, case, original = sort_key(text.translate(_UNSTORABLE))
    marks = "".join(mark + _END_OF_ACCENT for mark in accents)
    return _END_OF_PART.join((letters, marks, case, original))


class SortKeyField(models.TextField):  # type: ignore[type-arg]  # django-stubs' generic TextField
    """A `sort_string` column, compared by code point on every database: SQLite's default
    (BINARY) already does; PostgreSQL would compare it in the cluster's locale, so it gets "C"."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("editable", False)
        kwargs.setdefault("default", "")
        super().__init__(*args, **kwargs)

    def db_parameters(self, connection: BaseDatabaseWrapper) -> dict[str, Any]:
        parameters: dict[str, Any] = super().db_parameters(connection)
        if connection.vendor == "postgresql":
            parameters["collation"] = "C"
        return parameters
