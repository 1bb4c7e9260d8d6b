"""What every export module shares: the formats, the result, the error, the progress callback."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

# (done, total): called as the export goes, so a job can show how far it is.
ProgressCallback = Callable[[int, int], None]
FORMATS = ("docx", "pdf", "md", "iati")
MEDIA_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "md": "text/markdown; charset=utf-8",
    "iati": "application/xml",
}
EXTENSIONS = {"docx": "docx", "pdf": "pdf", "md": "md", "iati": "xml"}
# The formats that take long enough on a big plan to run as a job (the others answer at once).
SLOW_FORMATS = ("docx", "pdf")


class ExportError(Exception):
    """The export cannot be written (a missing font, a code IATI refuses); the message says why."""


@dataclass(frozen=True)
class Exported:
    content: bytes
    media_type: str
    filename: str
