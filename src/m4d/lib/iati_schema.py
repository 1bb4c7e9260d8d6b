"""Safe XML parsing and IATI schema validation with lxml, never touching the network.

Pure helpers (no Django). The IATI 2.03 schemas and the codelists the code reads ship with the package
in `SHIPPED_DIR` (see the README there for source, version and licence); the caller passes the path
of the schema file, so a configured folder can replace the shipped one.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from lxml import etree

if TYPE_CHECKING:
    from lxml.etree._docloader import _InputDocument  # the opaque result of resolve_*()

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
SHIPPED_DIR = Path(__file__).resolve().parent / "data" / "iati"


class _LocalOnly(etree.Resolver):
    """Resolve schema imports from the schema's own folder; anything else is refused, never fetched.

    Schemas often import the W3C `xml.xsd` by its web address: that maps to the copy beside them.
    """

    def __init__(self, folder: Path) -> None:
        super().__init__()
        self.folder = folder

    def resolve(
        self, system_url: str | None, public_id: str | None, context: object
    ) -> _InputDocument | None:
        name = (system_url or "").rsplit("/", 1)[-1]
        local = self.folder / name
        if name and local.is_file():
            return self.resolve_filename(str(local), context)
        return None  # the default loader then fails: the parser has no_network set


def safe_parser() -> etree.XMLParser:
    """A parser for untrusted files: no network, no entity expansion (XXE, billion laughs), no DTD."""
    return etree.XMLParser(
        no_network=True,
        resolve_entities=False,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=False,
    )


@dataclass(frozen=True)
class SchemaError:
    line: int
    message: str

    def __str__(self) -> str:
        text = self.message.strip()
        # lxml says "Element 'budget': ..."; we write "line 12: element 'budget': ...".
        if text.startswith("Element '"):
            text = "e" + text[1:]
        return f"line {self.line}: {text}"


class Schema:
    """A compiled XSD; validation is serialised because an lxml schema's error log is shared state."""

    def __init__(self, path: Path) -> None:
        parser = etree.XMLParser(no_network=True, resolve_entities=False)
        parser.resolvers.add(_LocalOnly(path.parent))
        self._schema = etree.XMLSchema(etree.parse(str(path), parser))
        self._lock = threading.Lock()

    def errors(self, document: etree._ElementTree, limit: int = 10) -> list[SchemaError]:
        """The first `limit` validation errors, in document order; an empty list when valid."""
        with self._lock:
            if self._schema.validate(document):
                return []
            log = list(self._schema.error_log)
        return [SchemaError(entry.line, entry.message) for entry in log[:limit]]


@lru_cache(maxsize=4)
def load_schema(path: str) -> Schema:
    """Parse an XSD once per process (the IATI activities schema takes a noticeable moment)."""
    return Schema(Path(path))


@lru_cache(maxsize=32)
def codelist(name: str, folder: Path = SHIPPED_DIR / "codelists") -> frozenset[str]:
    """The codes of an IATI codelist (`codelists/<name>.xml`), withdrawn ones included: a file
    written while a code was active stays readable."""
    tree = etree.parse(str(folder / f"{name}.xml"), safe_parser())
    return frozenset(
        code.strip() for item in tree.iter("codelist-item") if (code := item.findtext("code"))
    )
