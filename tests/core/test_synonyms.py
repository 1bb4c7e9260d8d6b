"""The shipped synonym file is valid, and a broken one is refused with every problem named."""

from __future__ import annotations

import pytest

from m4d.core import synonyms
from m4d.core.datafiles import DataFileError


def test_the_shipped_file_reads_and_every_set_has_two_members_or_more():
    shipped = synonyms.read()
    assert shipped.version >= 1
    assert len(shipped.sets) >= 20
    assert all(len(s.phrases) >= 2 for s in shipped.sets)


def test_the_shipped_file_says_how_to_edit_it():
    header = synonyms.SYNONYMS_FILE.read_text(encoding="utf-8").split("\nversion:")[0]
    assert "How to edit" in header


@pytest.mark.parametrize(
    ("pair"),
    [
        ("remittances", "transferts de fonds"),
        ("poultry", "volailles"),
        ("brain drain", "fuite des cerveaux"),
        ("deportees", "expulsés"),
    ],
)
def test_the_issue_s_examples_are_synonyms_both_ways(pair):
    first, second = pair
    assert second in synonyms.shipped().equivalents(first)
    assert first in synonyms.shipped().equivalents(second)


def test_matching_ignores_accents_case_plurals_and_stop_words():
    assert "remittances" in synonyms.shipped().equivalents("Transfert des fonds")
    assert synonyms.shipped().equivalents("unrelated words") == ()


def test_a_broken_file_is_refused_with_every_problem(tmp_path):
    path = tmp_path / "synonyms.yaml"
    path.write_text(
        "version: 0\nsets:\n  - [alone]\n  - [de la, poultry]\n  - [volailles, poultry]\n  - 3\n",
        encoding="utf-8",
    )
    with pytest.raises(DataFileError) as error:
        synonyms.read(path)
    message = str(error.value)
    assert "version" in message
    assert "set 1: needs at least two members" in message
    assert "'de la' has only stop words" in message
    assert "'poultry' is already in set 2" in message
    assert "set 4: a list of words or phrases" in message


def test_a_file_that_is_not_a_list_of_sets_is_refused(tmp_path):
    path = tmp_path / "synonyms.yaml"
    path.write_text("- remittances\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="`sets` list"):
        synonyms.read(path)
