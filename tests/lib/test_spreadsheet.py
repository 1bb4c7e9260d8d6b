"""The one CSV writer: cells a spreadsheet would read as formulas are written as text."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest

from m4d.lib import spreadsheet
from m4d.lib.spreadsheet import safe_cell, write_csv


@pytest.mark.parametrize(
    "dangerous",
    ['=HYPERLINK("http://x","y")', "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1"],
)
def test_a_cell_a_spreadsheet_would_evaluate_is_prefixed_with_an_apostrophe(dangerous):
    assert safe_cell(dangerous) == "'" + dangerous


def test_negative_numbers_are_neutralised_too_as_owasp_advises():
    assert safe_cell("-5") == "'-5"
    assert safe_cell(-5) == "'-5"


@pytest.mark.parametrize("ordinary", ["Algérie-1", "5", "a=b", " plain", "", "'quoted"])
def test_other_cells_are_written_as_they_are(ordinary):
    assert safe_cell(ordinary) == ordinary


def test_none_is_an_empty_cell():
    assert safe_cell(None) == ""


def test_write_csv_writes_utf8_for_excel_and_counts_the_rows_after_the_header():
    out = io.BytesIO()
    count = write_csv([["title", "n"], ["=cmd", 1], ["Sénégal", None]], out)
    assert count == 2
    assert out.getvalue().startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(out.getvalue().decode("utf-8-sig"))))
    assert rows == [["title", "n"], ["'=cmd", "1"], ["Sénégal", ""]]
    assert not out.closed


def test_no_other_module_writes_csv_itself():
    """Every CSV the platform writes, now and later, goes through `write_csv`."""
    src = Path(spreadsheet.__file__).resolve().parents[1]
    writers = [
        str(path.relative_to(src))
        for path in src.rglob("*.py")
        if path.name != "spreadsheet.py"
        and re.search(r"\bcsv\.(writer|DictWriter)\b|from csv import", path.read_text())
    ]
    assert writers == []
