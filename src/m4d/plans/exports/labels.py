"""Interface words the outline and the charts share, in the active language."""

from __future__ import annotations

from django.utils.translation import gettext as _


def level_label(level: str | None) -> str:
    """low / medium / high, or a dash when not assessed."""
    labels = {"low": _("low"), "medium": _("medium"), "high": _("high")}
    return labels.get(level or "", "–")
