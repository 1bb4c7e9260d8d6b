"""Spreadsheet files written so that no cell is read as a formula: the one CSV writer of m4d.

Excel, LibreOffice and Google Sheets evaluate a cell whose text begins with `=`, `+`, `-` or `@`
(and, after a tab or carriage return, what follows), so an imported title such as
`=HYPERLINK("http://x","y")` would become a live link or command. As OWASP recommends, every cell
beginning with one of these characters is written with a leading apostrophe, which spreadsheets
show as text. That includes negative numbers (`-5` becomes `'-5`): telling a harmless number from a
crafted one is what the attacks exploit, and m4d's exports hold text, not figures. Every CSV (and,
later, XLSX) the platform writes goes through `write_csv` / `safe_cell`; a test keeps it so.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from typing import BinaryIO

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> str:
    """`value` as text, prefixed with `'` when a spreadsheet would read it as a formula."""
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


# Column separators people may ask for: Excel set to French (and most of continental Europe,
# where the comma is the decimal mark) expects semicolons.
SEPARATORS = {"comma": ",", ",": ",", "semicolon": ";", ";": ";"}


def separator(name: str) -> str:
    """The separator `name` stands for ("comma", ",", "semicolon", ";"); ValueError otherwise."""
    try:
        return SEPARATORS[name.strip().lower()]
    except KeyError:
        raise ValueError(f"unknown CSV separator {name!r}: use comma or semicolon") from None


def write_csv(rows: Iterable[Iterable[object]], out: BinaryIO, *, sep: str = ",") -> int:
    """Write `rows` (the header first) to the binary `out` as CSV for Excel: UTF-8 with a byte
    order mark so accents open correctly, every cell through `safe_cell`, columns separated by
    `sep` ("," or ";"). Returns the number of rows after the header."""
    if sep not in (",", ";"):
        raise ValueError(f"unknown CSV separator {sep!r}")
    text = io.TextIOWrapper(out, encoding="utf-8-sig", newline="", write_through=True)
    writer = csv.writer(text, delimiter=sep)
    count = -1
    for row in rows:
        writer.writerow([safe_cell(value) for value in row])
        count += 1
    text.detach()  # `out` stays open for the caller
    return max(count, 0)
