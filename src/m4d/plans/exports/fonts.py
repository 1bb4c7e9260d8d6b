"""The Unicode fonts the PDF and the charts are drawn with: DejaVu, from the system.

fpdf2 bundles only the core PDF fonts (Latin-1: no "ő", no "–" in some viewers, no Arabic names)
and Pillow's own font is bitmap-sized; DejaVu covers what plans hold. Debian ships it as
`fonts-dejavu-core` (installed by `.ci/run`, listed in the README).
"""

from __future__ import annotations

from pathlib import Path

from django.utils.translation import gettext as _

from m4d.plans.exports.base import ExportError

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
REGULAR, BOLD = "DejaVuSans.ttf", "DejaVuSans-Bold.ttf"


def font_path(name: str = REGULAR) -> Path:
    path = FONT_DIR / name
    if not path.is_file():
        raise ExportError(
            _(
                "The font %(path)s is missing, so this export cannot be drawn: install the DejaVu "
                "fonts (Debian package fonts-dejavu-core)."
            )
            % {"path": path}
        )
    return path
