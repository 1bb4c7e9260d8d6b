"""Iterable helpers with no Django imports."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice
from typing import TypeVar

T = TypeVar("T")


def chunks(iterable: Iterable[T], size: int) -> Iterator[list[T]]:
    """Consecutive lists of at most `size` items (`itertools.batched` arrives only in Python 3.12)."""
    if size < 1:
        raise ValueError("size must be at least 1")
    iterator = iter(iterable)
    while batch := list(islice(iterator, size)):
        yield batch
