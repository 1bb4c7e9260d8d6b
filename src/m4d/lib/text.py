"""Text helpers with no Django imports: accent folding, tokens, French/English stems, slugs."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import Stemmer

_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_STEMMERS = {"fr": Stemmer.Stemmer("french"), "en": Stemmer.Stemmer("english")}


def fold(text: str) -> str:
    """Lower-case and strip accents: 'Équateur' -> 'equateur'."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def words(text: str) -> list[str]:
    return _WORD.findall(fold(text))


@lru_cache(maxsize=200_000)
def stems(word: str) -> tuple[str, ...]:
    """The folded word with its French and English stems, without repeats."""
    found = [word]
    for stemmer in _STEMMERS.values():
        stem = stemmer.stemWord(word)
        if stem and stem not in found:
            found.append(stem)
    return tuple(found)


def search_terms(*texts: str) -> str:
    """The space-separated tokens stored for a document."""
    seen: dict[str, None] = {}
    for text in texts:
        for word in words(text or ""):
            for token in stems(word):
                seen.setdefault(token)
    return " ".join(seen)


def slugify_ascii(text: str) -> str:
    """'Algérie-1' -> 'algerie-1'; 'Cap-Vert 5' -> 'cap-vert-5'."""
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")
