"""Text helpers with no Django imports: accent folding, tokens, French/English stems, stop words,
hyphenated compounds, slugs."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import Stemmer

_WORD = re.compile(r"[^\W_]+", re.UNICODE)
# Words joined by hyphens (ASCII, Unicode hyphen, non-breaking hyphen), not by dashes with spaces.
_COMPOUND = re.compile(r"[^\W_]+(?:[-\u2010\u2011][^\W_]+)+", re.UNICODE)
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


# French and English words too common to tell records apart, folded. A query ignores them unless it
# has nothing else; the index keeps them (they cost little and a query of only them still works).
# (A block of words reads better than 230 quoted strings, hence SIM905's exception.)
STOP_WORDS = frozenset(
    """
    a about above after again against all also am an and any are as at be been before being below
    between both but by can could did do does doing down during each few for from further had has
    have having he her here hers herself him himself his how i if in into is it its itself just me
    more most my myself no nor not now of off on once only or other our ours ourselves out over own
    same she should so some such than that the their theirs them themselves then there these they
    this those through to too under until up very was we were what when where which while who whom
    why will with would you your yours yourself yourselves
    au aux avec ce ces cet cette d dans de des du elle elles en et eux il ils je l la le les leur
    leurs lui m ma mais me meme mes moi mon n ne nos notre nous on ou par pas pour qu que qui s sa
    sans se ses son sont sur ta te tes toi ton tu un une vos votre vous y
    """.split()  # noqa: SIM905
)


def is_stop_word(word: str) -> bool:
    return fold(word) in STOP_WORDS


def compounds(text: str) -> list[tuple[str, ...]]:
    """The folded words of `text`, a hyphenated compound as one tuple of its parts:
    'Co-développement rural' -> [('co', 'developpement'), ('rural',)]."""
    found: list[tuple[str, ...]] = []
    position = 0
    folded = fold(text)
    for match in _COMPOUND.finditer(folded):
        found.extend((word,) for word in _WORD.findall(folded[position : match.start()]))
        found.append(tuple(_WORD.findall(match.group())))
        position = match.end()
    found.extend((word,) for word in _WORD.findall(folded[position:]))
    return found


def joined(parts: tuple[str, ...]) -> str:
    """A compound written as one word: ('co', 'developpement') -> 'codeveloppement'."""
    return "".join(parts)


def search_terms(*texts: str) -> str:
    """The space-separated tokens stored for a document: each word with its stems, and each
    hyphenated compound also as one word with its stems, so that 'co-développement' and
    'codéveloppement' find each other."""
    seen: dict[str, None] = {}
    for text in texts:
        for parts in compounds(text or ""):
            for word in (*parts, joined(parts)) if len(parts) > 1 else parts:
                for token in stems(word):
                    seen.setdefault(token)
    return " ".join(seen)


def slugify_ascii(text: str) -> str:
    """'Algérie-1' -> 'algerie-1'; 'Cap-Vert 5' -> 'cap-vert-5'."""
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")


def edit_distance(a: str, b: str, limit: int) -> int:
    """Edits (insert, delete, replace, swap two neighbours) from `a` to `b`; `limit + 1` as soon as
    it is certain to exceed `limit`."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    before: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, start=1):
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], before[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        before, previous = previous, current
    return min(previous[-1], limit + 1)
