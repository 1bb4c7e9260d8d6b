"""IATI 2.03 exchange: export the registry as an activities file, import activity files.

(Being written: see the IATI part of issue 2.)
"""

from __future__ import annotations

from dataclasses import dataclass


class IatiImportError(Exception):
    """The file was rejected; the message names the element and line. Nothing was written."""


@dataclass(frozen=True)
class ImportResult:
    projects: int
    created_organisations: int


def write_iati(projects, handle) -> int:
    raise NotImplementedError


def import_iati_file(handle, *, filename: str = "", by=None) -> ImportResult:
    raise NotImplementedError
