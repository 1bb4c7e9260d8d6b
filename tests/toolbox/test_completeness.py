"""The toolbox covers the handbook: every section heading and figure of Parts II and III, every box,
every project the text names. What to expect is read from the handbook text with regular expressions,
not from hard-coded lists, so the test also catches content the data files forgot."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest

from m4d.projects.models import Project
from m4d.toolbox.models import BuildingBlock, CaseStudy, Figure, Option, Recommendation, Section

pytestmark = pytest.mark.django_db

HANDBOOK = "handbook-jmdi-fr.txt"
ANNEX_START = "Annexe - Liste des projets"
# "2.1 Création de réseaux", " 4.3 Mise en adéquation des" (some headings start with a space).
HEADING = re.compile(r"^ ?([2-8]\.[1-9]) +(\S.*)$")
FIGURE = re.compile(r"^\s*Figure (\d+) : (.*)$")
BOX = re.compile(r"Encadré\s+(\d+)")
# Box header: "  Projet :  Cap-Vert-7" (once printed "Project:"), then "Titre : « … »" over 1-3 lines.
BOX_HEADER = re.compile(r"(?m)^\s*Proje(?:t|ct)\s*:\s*(\S.*?)\s*$")
BOX_TITLE = re.compile(r"Titre\s*:\s*(.*?)(?:\n\s*\n|Partenaires)", re.S)
# Project codes in running text: a capitalised country name (one or two words, maybe hyphenated) + -N.
CODE = re.compile(r"(?<![\w-])([A-ZÉ][^\W\d_]+(?:[- ][A-Z][^\W\d_]+)?)-(\d{1,2})(?!\d)")
# Annex rows start with the code; some wrap as "Sri Lanka-\n48" or "Équateur\n-8".
ANNEX_CODE = re.compile(
    r"(?m)^(?:[A-ZÉ][^\W\d_]+(?:[ -][A-Z][^\W\d_]+)?)?[ \t]*-[ \t]*\n?[ \t]*(\d{1,2})\b"
)


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).replace("’", "'").replace("“", '"').replace("”", '"')
    text = re.sub(r"[«»\"]", " ", text)
    return re.sub(r"\s+", " ", text).strip().casefold()


@pytest.fixture
def handbook(shared_dir: Path) -> str:
    return (shared_dir / HANDBOOK).read_text(encoding="utf-8")


def body(text: str) -> str:
    return text[: text.index(ANNEX_START)]


def printed_headings(text: str, pattern: re.Pattern, lines_after: int = 3) -> dict[str, list[str]]:
    """{number: [heading text joined with the next lines, normalised]} — headings wrap over 2-3 lines."""
    lines = text.splitlines()
    found: dict[str, list[str]] = {}
    for index, line in enumerate(lines):
        match = pattern.match(line)
        if match:
            joined = " ".join([match.group(2), *lines[index + 1 : index + 1 + lines_after]])
            found.setdefault(match.group(1), []).append(normalise(joined))
    return found


def test_every_section_heading_of_parts_ii_and_iii_is_loaded_with_its_printed_title(handbook):
    printed = printed_headings(body(handbook), HEADING)
    assert len(printed) >= 20, f"the heading pattern found only {sorted(printed)}"
    loaded = {s.number: normalise(s.title_fr) for s in Section.objects.all()}
    missing = sorted(set(printed) - set(loaded))
    wrong = [
        f"{number}: loaded {loaded[number]!r}, printed {texts[0][:80]!r}"
        for number, texts in printed.items()
        if number in loaded and not any(text.startswith(loaded[number]) for text in texts)
    ]
    assert not missing, f"sections in the handbook but not in the toolbox: {missing}"
    assert not wrong, "section titles differ from the handbook:\n" + "\n".join(wrong)


def test_every_figure_is_loaded_with_its_printed_title(handbook):
    printed = printed_headings(body(handbook), FIGURE, lines_after=2)
    assert len(printed) >= 30, f"the figure pattern found only {sorted(printed, key=int)}"
    loaded = {str(f.number): normalise(f.title_fr) for f in Figure.objects.all()}
    missing = sorted(set(printed) - set(loaded), key=int)
    wrong = [
        f"Figure {number}: loaded {loaded[number]!r}, printed {texts[0][:90]!r}"
        for number, texts in printed.items()
        if number in loaded and not any(text.startswith(loaded[number]) for text in texts)
    ]
    assert not missing, f"figures in the handbook but not in the toolbox: {missing}"
    assert not wrong, "figure titles differ from the handbook:\n" + "\n".join(wrong)


def test_every_section_figure_points_to_a_figure_and_every_section_has_options_or_blocks():
    empty = [
        s.number for s in Section.objects.all() if not s.options.exists() and not s.blocks.exists()
    ]
    no_figure = [s.number for s in Section.objects.filter(figure__isnull=True)]
    assert not empty, f"sections with no option or building block: {empty}"
    assert not no_figure, f"sections without a figure: {no_figure}"
    assert Option.objects.count() >= Section.objects.filter(part="II").count()


def test_every_box_of_the_handbook_is_a_case_study(handbook):
    printed = {int(n) for n in BOX.findall(handbook)}
    assert printed == set(range(1, 24)), f"unexpected box numbers in the text: {sorted(printed)}"
    missing = sorted(printed - set(CaseStudy.objects.values_list("box", flat=True)))
    assert not missing, f"boxes in the handbook with no case study: {missing}"


def test_box_headers_match_the_case_studies_projects_and_titles(handbook):
    """Each box opens with "Projet : <code>" and "Titre : « … »"; boxes appear in number order, so the
    headers' codes, in order, are the projects of the case studies that have one, by box number."""
    headers = []
    for match in BOX_HEADER.finditer(handbook):
        title = BOX_TITLE.search(handbook[match.end() : match.end() + 500])
        headers.append((match.group(1), normalise(title.group(1)) if title else ""))
    assert len(headers) >= 20, f"the box-header pattern found only {len(headers)} boxes"
    codes = set(Project.objects.values_list("code", flat=True))
    unknown = [code for code, _title in headers if code not in codes]
    assert not unknown, f"projects presented in boxes but not in the registry: {unknown}"
    cases = [c for c in CaseStudy.objects.select_related("project").order_by("box") if c.project]
    assert [c.project.code for c in cases] == [code for code, _title in headers]
    wrong = [
        f"box {case.box} ({code}): loaded {normalise(case.title_fr)!r}, printed {printed!r}"
        for case, (code, printed) in zip(cases, headers, strict=True)
        if not printed.startswith(normalise(case.title_fr)[:60])
    ]
    assert not wrong, "case-study titles differ from the box headers:\n" + "\n".join(wrong)


def test_every_project_code_named_in_the_handbook_text_is_in_the_registry(handbook):
    named = {f"{country}-{number}" for country, number in CODE.findall(body(handbook))}
    assert len(named) >= 25, f"the code pattern found only {sorted(named)}"
    missing = sorted(named - set(Project.objects.values_list("code", flat=True)))
    assert not missing, f"project codes in the handbook text but not in the registry: {missing}"


def test_every_project_of_the_annex_is_in_the_registry(handbook):
    annex = handbook[handbook.index(ANNEX_START) :]
    numbers = [int(n) for n in ANNEX_CODE.findall(annex)]
    assert sorted(numbers) == list(range(1, 52)), (
        "the annex pattern should find projects 1-51 exactly once"
    )
    missing = sorted(
        set(numbers)
        - set(Project.objects.filter(source="handbook").values_list("number", flat=True))
    )
    assert not missing, f"annex projects missing from the registry: {missing}"


def test_options_and_blocks_cite_projects_that_the_cited_boxes_present():
    """A box cited by an option is about a project; that project should be linked too."""
    gaps = []
    for item in [
        *Option.objects.prefetch_related("boxes__project", "projects"),
        *BuildingBlock.objects.prefetch_related("boxes__project", "projects"),
    ]:
        linked = {p.code for p in item.projects.all()}
        gaps += [
            f"{item.key}: box {b.box} ({b.project.code})"
            for b in item.boxes.all()
            if b.project and b.project.code not in linked
        ]
    assert not gaps, "options/blocks citing a box without its project:\n" + "\n".join(gaps)


def test_every_option_has_benefits_and_key_issues_in_both_languages():
    problems = []
    for option in Option.objects.all():
        for field in ("benefits", "key_issues"):
            fr, en = getattr(option, f"{field}_fr"), getattr(option, f"{field}_en")
            if not fr or not en or len(fr) != len(en):
                problems.append(f"{option.key}: {field} fr={len(fr or [])} en={len(en or [])}")
        if not (option.title_fr and option.title_en and option.summary_fr and option.summary_en):
            problems.append(f"{option.key}: missing title or summary")
    assert not problems, "\n".join(problems)


def test_nine_plus_nine_recommendations_with_symmetric_pairs():
    actors = list(
        Recommendation.objects.filter(audience="small_scale_actors").select_related("pair")
    )
    policy = list(Recommendation.objects.filter(audience="policymakers").select_related("pair"))
    assert len(actors) == 9 and len(policy) == 9
    assert (
        sorted(r.number for r in actors) == list(range(1, 10)) == sorted(r.number for r in policy)
    )
    for rec in [*actors, *policy]:
        assert rec.pair is not None, rec.key
        assert rec.pair.audience != rec.audience
        assert rec.pair.pair_id == rec.pk, (
            f"{rec.key} pairs with {rec.pair.key}, which pairs with {rec.pair.pair}"
        )
    assert len({r.pair_id for r in actors}) == 9
