"""The one chunking helper used by search indexing and synthetic data."""

from __future__ import annotations

import pytest

from m4d.lib.iterables import chunks


def test_chunks_are_consecutive_and_the_last_holds_the_rest():
    assert list(chunks(range(7), 3)) == [[0, 1, 2], [3, 4, 5], [6]]


def test_chunks_read_any_iterable_once_and_lazily():
    generator = (n for n in range(4))

    assert next(chunks(generator, 2)) == [0, 1]
    assert list(generator) == [2, 3]


def test_nothing_gives_no_chunk():
    assert list(chunks([], 5)) == []


def test_a_chunk_size_below_one_is_refused():
    with pytest.raises(ValueError):
        list(chunks([1], 0))
