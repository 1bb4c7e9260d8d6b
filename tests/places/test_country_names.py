"""One English name per country everywhere: the name places/data/countries.yaml gives (the ISO/UN
name), never an older one beside it."""

from __future__ import annotations

import re
from pathlib import Path

import m4d
from m4d.places.models import Country

SOURCE = Path(m4d.__file__).parent
TEXT_FILES = ("*.yaml", "*.html", "*.py", "*.po", "*.md", "*.txt")
# Kept only as a search alias, so that a visitor typing the old name still finds the country.
ALIAS = "aliases: [Cape Verde, Cap Vert]"


def test_no_english_text_says_cape_verde():
    offenders = []
    for pattern in TEXT_FILES:
        for path in SOURCE.rglob(pattern):
            text = re.sub(r"\s+", " ", path.read_text(encoding="utf-8")).replace(ALIAS, "")
            if re.search(r"Cape Verde", text, re.IGNORECASE):
                offenders.append(str(path.relative_to(SOURCE)))
    assert offenders == []


def test_the_country_is_cabo_verde_in_english(db):
    assert Country.objects.get(iso2="CV").name_en == "Cabo Verde"
