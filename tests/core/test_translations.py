"""French catalogues of core, projects, organisations and places: complete, compiled, and used.

The .po files are parsed here in plain Python (no polib/babel): every entry must have a non-empty
translation (all plural forms), none may be fuzzy, placeholders must survive, and the compiled
.mo next to each .po must hold the same translations (i.e. compilemessages was run after the
last edit).
"""

from __future__ import annotations

import ast
import gettext
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings

import m4d

PACKAGE = Path(m4d.__file__).resolve().parent
# Every app of ours, so a new app's catalogue is checked without anyone remembering to list it.
APPS = [name.split(".", 1)[1] for name in settings.INSTALLED_APPS if name.startswith("m4d.")]
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]")


@dataclass
class Entry:
    msgid: str = ""
    msgid_plural: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)
    line: int = 0


def parse_po(path: Path) -> list[Entry]:
    """The entries of a .po file (header excluded); obsolete `#~` entries are ignored."""
    entries: list[Entry] = []
    entry, key = Entry(), None

    def flush():
        nonlocal entry, key
        if entry.msgid or entry.msgstr:
            entries.append(entry)
        entry, key = Entry(), None

    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if not line:
            flush()
        elif line.startswith("#,"):
            entry.flags.update(flag.strip() for flag in line[2:].split(","))
        elif line.startswith("#"):
            continue
        elif match := re.match(r"^(msgid|msgid_plural|msgstr(?:\[(\d+)\])?)\s+(\".*\")$", line):
            name, index, text = match.groups()
            value = ast.literal_eval(text)
            if name == "msgid":
                entry.msgid, entry.line, key = value, number, ("msgid", None)
            elif name == "msgid_plural":
                entry.msgid_plural, key = value, ("msgid_plural", None)
            else:
                i = int(index) if index is not None else 0
                entry.msgstr[i], key = value, ("msgstr", i)
        elif line.startswith('"') and key:
            value = ast.literal_eval(line)
            kind, i = key
            if kind == "msgid":
                entry.msgid += value
            elif kind == "msgid_plural":
                entry.msgid_plural = (entry.msgid_plural or "") + value
            else:
                entry.msgstr[i] += value
    flush()
    return [e for e in entries if e.msgid]  # the header has an empty msgid


def po_path(app: str) -> Path:
    return PACKAGE / app / "locale" / "fr" / "LC_MESSAGES" / "django.po"


@pytest.mark.parametrize("app", APPS)
def test_catalogue_is_complete(app):
    path = po_path(app)
    assert path.is_file(), f"{path} is missing: run makemessages -l fr in src/m4d/{app}"
    entries = parse_po(path)
    assert entries, f"{path} has no messages"
    untranslated = [
        f"{path.name}:{e.line} {e.msgid!r}"
        for e in entries
        if not e.msgstr
        or any(not text for text in e.msgstr.values())
        or (e.msgid_plural and len(e.msgstr) < 2)
    ]
    fuzzy = [f"{path.name}:{e.line} {e.msgid!r}" for e in entries if "fuzzy" in e.flags]
    assert not untranslated, f"untranslated in {app}: {untranslated}"
    assert not fuzzy, f"fuzzy in {app}: {fuzzy}"


@pytest.mark.parametrize("app", APPS)
def test_translations_keep_their_placeholders(app):
    for e in parse_po(po_path(app)):
        for i, text in e.msgstr.items():
            source = e.msgid if i == 0 else (e.msgid_plural or e.msgid)
            assert sorted(PLACEHOLDER.findall(text)) == sorted(PLACEHOLDER.findall(source)), (
                app,
                e.msgid,
                text,
            )


@pytest.mark.parametrize("app", APPS)
def test_compiled_catalogue_matches_the_po(app):
    po = po_path(app)
    mo = po.with_suffix(".mo")
    assert mo.is_file(), f"{mo} is missing: run compilemessages in src/m4d/{app}"
    with mo.open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    assert compiled.info().get("plural-forms", "").replace(" ", "") == "nplurals=2;plural=(n>1);"
    stale = []
    for e in parse_po(po):
        if e.msgid_plural:
            got = [
                compiled.ngettext(e.msgid, e.msgid_plural, 1),
                compiled.ngettext(e.msgid, e.msgid_plural, 2),
            ]
            expected = [e.msgstr.get(0), e.msgstr.get(1)]
        else:
            got, expected = compiled.gettext(e.msgid), e.msgstr.get(0)
        if got != expected:
            stale.append(e.msgid)
    assert not stale, f"{mo} is older than {po.name}; run compilemessages: {stale[:5]}"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "french", "english"),
    [
        (
            "/",
            "Migration et développement, à partir du terrain",
            "Migration and development, from the ground up",
        ),
        ("/projects/", "Aucun projet ne correspond", "No project matches"),
        ("/countries/", "Afficher tous les pays", "Show all countries"),
        ("/organisations/", "Trier par", "Sort by"),
        ("/toolbox/cases/10/", "Encadré 10", "Box 10"),
    ],
)
def test_pages_follow_the_language(client, url, french, english):
    if url == "/projects/":
        url += "?q=zzzz-no-such-project"
    sep = "&" if "?" in url else "?"
    fr = client.get(f"{url}{sep}lang=fr").content.decode()
    en = client.get(f"{url}{sep}lang=en").content.decode()
    assert french in fr and english not in fr
    assert english in en and french not in en
