"""Evaluating search on the labelled queries (`queries.yaml`): hit@1, hit@3 and MRR, for m4d's
search and for a plain keyword baseline (every word required, shorter records first).

Used by `tests/search/test_search_quality.py` and `bench/search_quality.py`; needs a database with
the shipped data loaded and indexed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import yaml

from m4d.core import search
from m4d.core.models import SearchEntry
from m4d.lib.text import stems, words
from m4d.organisations.models import Organisation

QUERIES = Path(__file__).with_name("queries.yaml")
DEPTH = 10  # results read per query (MRR counts a first hit below this as 0)


@dataclass(frozen=True)
class Labelled:
    q: str
    expect: tuple[str, ...]  # page addresses
    tags: tuple[str, ...]


@dataclass(frozen=True)
class Scores:
    n: int
    hit1: float
    hit3: float
    mrr: float
    misses: tuple[str, ...]  # queries without a hit in the top 3


def labelled_queries() -> list[Labelled]:
    data = yaml.safe_load(QUERIES.read_text(encoding="utf-8"))
    keys = {f"organisation:{o.key}": o.get_absolute_url() for o in Organisation.objects.all()}
    return [
        Labelled(
            item["q"],
            tuple(keys[e] if e.startswith("organisation:") else e for e in item["expect"]),
            tuple(item.get("tags", [])),
        )
        for item in data
    ]


def m4d_search(query: str) -> list[str]:
    return [hit.url for hit in search.search(query, language="en", limit=DEPTH).hits]


def keyword_baseline() -> Callable[[str], list[str]]:
    """Every word (accents folded, its stems accepted) must be in the record; shorter first."""
    entries = [(set(e.terms.split()), len(e.terms), e.id, e.url) for e in SearchEntry.objects.all()]

    def run(query: str) -> list[str]:
        groups = [set(stems(w)) for w in words(query)]
        found = [(n, pk, url) for terms, n, pk, url in entries if all(g & terms for g in groups)]
        return [url for _n, _pk, url in sorted(found)[:DEPTH]]

    return run


def evaluate(run: Callable[[str], list[str]], queries: list[Labelled]) -> Scores:
    hit1 = hit3 = 0
    reciprocal = 0.0
    misses = []
    for labelled in queries:
        urls = run(labelled.q)
        rank = next((i for i, url in enumerate(urls, 1) if url in labelled.expect), 0)
        hit1 += rank == 1
        hit3 += 0 < rank <= 3
        reciprocal += 1 / rank if rank else 0
        if not 0 < rank <= 3:
            misses.append(labelled.q)
    n = len(queries)
    return Scores(n, hit1 / n, hit3 / n, reciprocal / n, tuple(misses))
