"""The bilingual synonyms of the domain (`core/data/synonyms.yaml`), read once and matched on words.

Search expands a query with them; other vocabularies (skills) read the same sets. A phrase is
compared word by word after folding (accents, case), dropping stop words and joining hyphenated
compounds, and two words are the same when they share a French or English stem, so "transfert de
fonds" matches the phrase "transferts de fonds".
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from m4d.core.datafiles import DataFileError, RecordChecker, read_yaml
from m4d.lib.text import STOP_WORDS, compounds, joined, stems

SYNONYMS_FILE = Path(__file__).parent / "data" / "synonyms.yaml"


def phrase_words(text: str) -> tuple[str, ...]:
    """The words a phrase is compared on: folded, compounds joined, stop words dropped."""
    return tuple(w for w in (joined(parts) for parts in compounds(text)) if w not in STOP_WORDS)


def same_word(a: str, b: str) -> bool:
    return a == b or bool(set(stems(a)) & set(stems(b)))


@dataclass(frozen=True)
class SynonymSet:
    """Words or phrases that mean the same thing, as written in the file, with their words."""

    phrases: tuple[str, ...]
    words: tuple[tuple[str, ...], ...]


class Synonyms:
    def __init__(self, sets: Sequence[SynonymSet], version: int = 0) -> None:
        self.sets = tuple(sets)
        self.version = version
        # any stem of a phrase's first word -> (set, phrase) positions, to find candidates quickly
        self._by_stem: dict[str, list[tuple[int, int]]] = {}
        for set_index, synonym_set in enumerate(self.sets):
            for phrase_index, words in enumerate(synonym_set.words):
                for stem in stems(words[0]):
                    self._by_stem.setdefault(stem, []).append((set_index, phrase_index))

    def longest_match(self, words: Sequence[str], start: int) -> tuple[int, SynonymSet] | None:
        """The longest phrase of any set equal to `words[start:…]`: (its length, its set)."""
        best: tuple[int, SynonymSet] | None = None
        seen: set[tuple[int, int]] = set()
        for stem in stems(words[start]):
            for set_index, phrase_index in self._by_stem.get(stem, []):
                if (set_index, phrase_index) in seen:
                    continue
                seen.add((set_index, phrase_index))
                phrase = self.sets[set_index].words[phrase_index]
                end = start + len(phrase)
                if end > len(words) or (best and len(phrase) <= best[0]):
                    continue
                if all(same_word(a, b) for a, b in zip(phrase, words[start:end], strict=True)):
                    best = (len(phrase), self.sets[set_index])
        return best

    def equivalents(self, text: str) -> tuple[str, ...]:
        """Every phrase meaning the same as `text` (itself included), or () when it has no synonym."""
        words = phrase_words(text)
        if not words:
            return ()
        found = self.longest_match(words, 0)
        return found[1].phrases if found and found[0] == len(words) else ()


def read(path: Path = SYNONYMS_FILE) -> Synonyms:
    """Read and check the whole file; `DataFileError` lists every problem found."""
    data = read_yaml(path)
    check = RecordChecker(path)
    if not isinstance(data, dict) or not isinstance(data.get("sets"), list):
        raise DataFileError(f"{path}: expected a mapping with a `sets` list")
    version = data.get("version")
    check.require(isinstance(version, int) and version > 0, "version", "a positive whole number")
    sets: list[SynonymSet] = []
    owner: dict[tuple[str, ...], int] = {}
    for number, entry in enumerate(data["sets"], start=1):
        where = f"set {number}"
        if not isinstance(entry, list) or not all(isinstance(p, str) for p in entry):
            check.require(False, where, "a list of words or phrases")
            continue
        check.require(len(entry) >= 2, where, "needs at least two members")
        words = []
        for phrase in entry:
            key = phrase_words(phrase)
            check.require(bool(key), where, f"'{phrase}' has only stop words")
            if not key:
                continue
            if key in owner and owner[key] != number:
                check.require(False, where, f"'{phrase}' is already in set {owner[key]}")
            owner[key] = number
            words.append(key)
        if words:
            sets.append(SynonymSet(tuple(entry), tuple(dict.fromkeys(words))))
    check.raise_if_any()
    return Synonyms(sets, version=version if isinstance(version, int) else 0)


@lru_cache(maxsize=1)
def shipped() -> Synonyms:
    """The shipped file, read once per process."""
    return read()
