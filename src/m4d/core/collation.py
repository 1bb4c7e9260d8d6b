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
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import lru_cache
from typing import Any, Generic, TypeVar, overload

from django.db.models import Model, QuerySet

T = TypeVar("T")
M = TypeVar("M", bound=Model)

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


class SortedRecords(Generic[M]):
    """The records of `queryset` in the order `key(*values of key_fields)` gives, computed in Python
    from those few columns; the records themselves are read one slice at a time, so a paginator (or
    an API's offset/limit) reads only the page it shows. `count()` and `len()` answer without a query."""

    def __init__(
        self, queryset: QuerySet[M], key_fields: Sequence[str], key: Callable[..., Any]
    ) -> None:
        self._queryset = queryset
        rows = queryset.order_by().values_list("pk", *key_fields)
        self._ids = [row[0] for row in sorted(rows, key=lambda row: key(*row[1:]))]

    def __len__(self) -> int:
        return len(self._ids)

    def count(self) -> int:
        return len(self._ids)

    def __iter__(self) -> Iterator[M]:
        for start in range(0, len(self._ids), 500):
            yield from self._records(self._ids[start : start + 500])

    @overload
    def __getitem__(self, index: int, /) -> M: ...

    @overload
    def __getitem__(self, index: slice, /) -> list[M]: ...

    def __getitem__(self, index: int | slice, /) -> M | list[M]:
        if isinstance(index, int):
            return self._records([self._ids[index]])[0]
        return self._records(self._ids[index])

    def _records(self, ids: list[Any]) -> list[M]:
        found = self._queryset.in_bulk(ids)
        return [found[pk] for pk in ids if pk in found]
