"""Template helpers for toolbox pages."""

from __future__ import annotations

import re

from django import template

from m4d.core.i18n import current_language

register = template.Library()

# Citations are stored in English ("§4.1, Box 10"); French pages show the handbook's own words.
_FRENCH = [
    (re.compile(r"\bBoxes\b"), "Encadrés"),
    (re.compile(r"\bBox\b"), "Encadré"),
    (re.compile(r"\bChapter\b"), "Chapitre"),
    (re.compile(r"\brecommendations\b"), "recommandations"),
    (
        re.compile(r"\brecommendation (\d+) for small-scale actors\b"),
        r"recommandation \1 aux acteurs à petite échelle",
    ),
    (
        re.compile(r"\brecommendation (\d+) for policymakers\b"),
        r"recommandation \1 aux décideurs politiques",
    ),
    (re.compile(r"\bAnnex\b"), "Annexe"),
    (re.compile(r"\band\b"), "et"),  # "Figures 24 and 26"
]


@register.filter
def citation(text: str) -> str:
    """A handbook citation in the page's language."""
    text = text or ""
    if current_language() == "fr":
        for pattern, french in _FRENCH:
            text = pattern.sub(french, text)
    return text
