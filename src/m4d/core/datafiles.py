"""Loading the versioned content files apps ship in their `data/` folders.

Each loader validates every record before writing anything, and all files load in one transaction,
so a broken file stops start-up with a clear message and leaves the database as it was.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from m4d.core.models import LoadedDataFile


class DataFileError(Exception):
    """A shipped data file is unreadable or inconsistent; the message names the file and record."""


def read_yaml(path: Path) -> Any:
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError as error:
        raise DataFileError(f"{path}: file not found") from error
    except yaml.YAMLError as error:
        raise DataFileError(f"{path}: not valid YAML: {error}") from error


def file_hash(*paths: Path) -> str:
    digest = hashlib.sha256()
    for path in paths:
        digest.update(path.read_bytes())
    return digest.hexdigest()


@dataclass
class RecordChecker:
    """Collects problems in one file so the error lists all of them, not just the first."""

    path: Path
    problems: list[str]

    def __init__(self, path: Path) -> None:
        self.path = path
        self.problems = []

    def require(self, condition: bool, where: str, message: str) -> None:
        if not condition:
            self.problems.append(f"{where}: {message}")

    def raise_if_any(self) -> None:
        if self.problems:
            shown = "\n  ".join(self.problems[:20])
            more = f"\n  … and {len(self.problems) - 20} more" if len(self.problems) > 20 else ""
            raise DataFileError(f"{self.path}:\n  {shown}{more}")


def indexed_mappings(
    check: RecordChecker, data: Any, *, name: str = "", what: str = ""
) -> list[tuple[int, dict[str, Any]]]:
    """(position, record) for each mapping of a YAML list — `data` itself, or `data[name]`.

    A missing list or an item that is not a mapping is recorded in `check`, not raised, so one error
    lists every problem of the file.
    """
    items = data.get(name) if name and isinstance(data, dict) else data
    if not isinstance(items, list):
        check.require(
            False, name or "top level", f"expected a list of {what}" if what else "expected a list"
        )
        return []
    found = []
    for index, item in enumerate(items, start=1):
        check.require(isinstance(item, dict), f"{name or 'record'} {index}", "expected a mapping")
        if isinstance(item, dict):
            found.append((index, item))
    return found


def iter_records(
    check: RecordChecker, *, what: str, id_field: str
) -> Iterator[tuple[str, dict[str, Any]]]:
    """Yield (where, record) for each mapping in the YAML list file `check.path`."""
    records = indexed_mappings(check, read_yaml(check.path), what=what)
    if not records:
        check.raise_if_any()  # not a list of mappings: nothing further to check
    for index, record in records:
        yield f"record {index} ({record.get(id_field, '?')})", record


def load_if_changed(
    name: str, paths: list[Path], loader: Callable[[], Any], *, force: bool = False
) -> bool:
    """Run `loader` when the files changed since the last load (or when forced). True if it ran."""
    digest = file_hash(*paths)
    seen = LoadedDataFile.objects.filter(name=name).first()
    if seen and seen.sha256 == digest and not force:
        return False
    loader()
    LoadedDataFile.objects.update_or_create(name=name, defaults={"sha256": digest})
    return True


def bilingual(record: dict[str, Any], field: str) -> dict[str, Any]:
    """{'<field>_fr': …, '<field>_en': …} from a record holding both languages."""
    return {f"{field}_fr": record.get(f"{field}_fr"), f"{field}_en": record.get(f"{field}_en")}
