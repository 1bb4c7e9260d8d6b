"""A short piece of a record's text around the words a query found, cut at word boundaries, with
those words marked (`<mark>`) in an HTML version whose text is escaped."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from m4d.lib.text import fold, stems

# A word, or words joined by hyphens (highlighted whole when the joined form matches).
_UNIT = re.compile(r"[^\W_]+(?:[-\u2010\u2011][^\W_]+)*", re.UNICODE)
_PARTS = re.compile(r"[^\W_]+", re.UNICODE)
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Snippet:
    text: str
    html: SafeString


def _found(word: str, tokens: frozenset[str], prefixes: Iterable[str]) -> bool:
    folded = fold(word)
    return bool(tokens.intersection(stems(folded))) or any(folded.startswith(p) for p in prefixes)


def _spans(text: str, tokens: frozenset[str], prefixes: tuple[str, ...]) -> list[tuple[int, int]]:
    """Where the matching words are: a compound when joined it matches, else its matching parts."""
    spans = []
    for unit in _UNIT.finditer(text):
        parts = list(_PARTS.finditer(unit.group()))
        if len(parts) > 1 and _found("".join(p.group() for p in parts), tokens, prefixes):
            spans.append((unit.start(), unit.end()))
            continue
        spans += [
            (unit.start() + p.start(), unit.start() + p.end())
            for p in parts
            if _found(p.group(), tokens, prefixes)
        ]
    return spans


def snippet(
    text: str, tokens: frozenset[str], prefixes: tuple[str, ...] = (), width: int = 180
) -> Snippet:
    """About `width` characters of `text` starting a little before the first matching word."""
    if not text:
        return Snippet("", mark_safe(""))
    spans = _spans(text, tokens, prefixes)
    first = spans[0][0] if spans else 0
    # Start after a space a third of the width before the first match; end before a space.
    start = 0
    if first - width // 3 > 0:
        space = _SPACE.search(text, first - width // 3, first)
        start = space.end() if space else first
    end = len(text)
    if start + width < len(text):
        spaces = [m.start() for m in _SPACE.finditer(text, start, start + width)]
        end = spaces[-1] if spaces else start + width
    before = "…" if text[:start].strip() else ""
    after = "…" if text[end:].strip() else ""
    plain = before + text[start:end].strip() + after
    pieces = [before]
    position = start
    for span_start, span_end in spans:
        if span_start < start or span_end > end:
            continue
        pieces.append(escape(text[position:span_start]))
        pieces.append(f"<mark>{escape(text[span_start:span_end])}</mark>")
        position = span_end
    pieces.append(escape(text[position:end]))
    pieces.append(after)
    html = "".join(pieces)
    return Snippet(plain, mark_safe(html.strip()))  # noqa: S308  (every piece of text is escaped)
