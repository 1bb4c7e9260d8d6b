"""Loading the toolbox content from `toolbox/data/*.yaml`, and editors' corrections of it.

`load_toolbox()` reads and checks every file first (the case studies of `cases.py` included) (all problems of a file are reported at once,
naming the file and the record), then writes in one transaction: records are matched by their stable
key, unchanged records are left alone, records gone from the files are deleted. Running it twice
changes nothing the second time.

`save_content` / `delete_content` are the one write path of a single record (the admin's): a
correction is audited and searchable at once, and lasts until the shipped file changes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar, cast

from django.conf import settings
from django.db import models, transaction
from django.utils import translation
from django.utils.translation import gettext as _

from m4d.core import records, search
from m4d.core.datafiles import DataFileError, RecordChecker, indexed_mappings, read_yaml
from m4d.projects.models import Capital as CapitalKey
from m4d.projects.models import Project
from m4d.toolbox import cases as case_studies
from m4d.toolbox.models import (
    BuildingBlock,
    Capital,
    CaseStudy,
    Figure,
    KeyIssueTick,
    Option,
    Recommendation,
    Reference,
    Section,
)

DATA_DIR = Path(__file__).parent / "data"
# Tests swap entries of this mapping to load broken copies.
FILES: dict[str, Path] = {
    "capitals": DATA_DIR / "capitals.yaml",
    "part2": DATA_DIR / "part2.yaml",
    "part3": DATA_DIR / "part3.yaml",
    "recommendations": DATA_DIR / "recommendations.yaml",
    "references": DATA_DIR / "references.yaml",
}
SEARCH_KINDS = ("capital", "section", "option", "block", "recommendation", "reference")
LANGS = ("fr", "en")
KEY = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
SECTION_NUMBER = re.compile(r"^[2-8]\.[1-9]$")
CONCLUSION_AUDIENCES = (
    Recommendation.Audience.SMALL_SCALE_ACTORS,
    Recommendation.Audience.POLICYMAKERS,
)

# The search kind of each record type (a figure is shown inside its sections' entries only).
KIND_OF: dict[type[models.Model], str] = {
    Capital: "capital",
    Section: "section",
    Option: "option",
    BuildingBlock: "block",
    CaseStudy: "case",
    Recommendation: "recommendation",
    Reference: "reference",
    Figure: "figure",
}
M = TypeVar("M", bound=models.Model)

__all__ = [
    "DataFileError",
    "LoadReport",
    "ToolboxError",
    "create_content",
    "data_files",
    "delete_content",
    "load_toolbox",
    "read_toolbox",
    "save_content",
    "set_key_issue_ticks",
]


class ToolboxError(records.RecordError):
    """A correction of the toolbox refused by its rules."""


@transaction.atomic
def create_content(model: type[M], *, by: Any, changes: Mapping[str, Any]) -> M:
    """Add one toolbox record of `model`; audited as `toolbox.<model>.created`."""
    return save_content(model(), by=by, changes=changes)


@transaction.atomic
def save_content(record: M, *, by: Any, changes: Mapping[str, Any]) -> M:
    """Correct one toolbox record; audited as `toolbox.<model>.updated`, re-indexed with the
    entries that show it."""
    return records.save_record(
        record, changes, by=by, kind=KIND_OF[type(record)], error=ToolboxError
    )


@transaction.atomic
def delete_content(record: models.Model, *, by: Any) -> None:
    """Remove one toolbox record; audited as `toolbox.<model>.deleted`."""
    records.delete_record(record, by=by, kind=KIND_OF[type(record)], error=ToolboxError)


def data_files() -> list[Path]:
    return [case_studies.CASES_FILE, *FILES.values()]


@dataclass
class Content:
    """Every toolbox record read from the files, checked, in file order."""

    cases: list[dict] = field(default_factory=list)
    figures: list[dict] = field(default_factory=list)
    capitals: list[dict] = field(default_factory=list)
    sections: list[dict] = field(
        default_factory=list
    )  # each with "part", "chapter", "options"/"blocks"
    recommendations: list[dict] = field(default_factory=list)
    references: list[dict] = field(default_factory=list)


@dataclass
class LoadReport:
    created: int = 0
    updated: int = 0
    deleted: int = 0

    @property
    def changed(self) -> int:
        return self.created + self.updated + self.deleted


# ---------------------------------------------------------------- reading and checking


def _list(check: RecordChecker, data: Any, name: str) -> list[dict]:
    return [record for _index, record in indexed_mappings(check, data, name=name)]


def _where(kind: str, index: int, record: dict, id_field: str) -> str:
    return f"{kind} {index} ({record.get(id_field, '?')})"


def _require_text(check: RecordChecker, record: dict, where: str, *fields: str) -> None:
    for name in fields:
        for lang in LANGS:
            value = record.get(f"{name}_{lang}")
            check.require(
                isinstance(value, str) and bool(value.strip()), where, f"{name}_{lang} is required"
            )


def _require_lists(
    check: RecordChecker, record: dict, where: str, *fields: str, non_empty: tuple = ()
) -> None:
    for name in fields:
        fr, en = record.get(f"{name}_fr") or [], record.get(f"{name}_en") or []
        if not (isinstance(fr, list) and isinstance(en, list)):
            check.require(False, where, f"{name}_fr and {name}_en must be lists")
            continue
        check.require(
            len(fr) == len(en),
            where,
            f"{name}_fr has {len(fr)} items but {name}_en has {len(en)}: they must match one to one",
        )
        check.require(
            all(isinstance(x, str) and x.strip() for x in [*fr, *en]),
            where,
            f"empty item in {name}",
        )
        if name in non_empty:
            check.require(
                bool(fr) and bool(en), where, f"{name} needs at least one item in each language"
            )


def _require_key(
    check: RecordChecker, key: Any, where: str, seen: set[str], prefix: str = ""
) -> None:
    ok = isinstance(key, str) and key.startswith(prefix) and bool(KEY.match(key[len(prefix) :]))
    check.require(ok, where, f"key must be {prefix or ''}<lowercase-slug>, got {key!r}")
    check.require(key not in seen, where, f"duplicate key {key!r}")
    seen.add(key)


def _check_links(
    check: RecordChecker, record: dict, where: str, boxes: set[int], codes: set[str]
) -> None:
    for box in record.get("boxes") or []:
        check.require(box in boxes, where, f"unknown box {box!r} (not in toolbox/data/cases.yaml)")
    for code in record.get("projects") or []:
        check.require(code in codes, where, f"unknown project code {code!r} (not in the registry)")


def _read_figures(check: RecordChecker, data: Any, seen: set[Any]) -> list[dict]:
    figures = _list(check, data, "figures")
    for index, record in enumerate(figures, start=1):
        where = _where("figure", index, record, "number")
        number = record.get("number")
        check.require(
            isinstance(number, int) and number > 0, where, "number must be a positive integer"
        )
        check.require(number not in seen, where, f"duplicate figure {number!r}")
        seen.add(number)
        _require_text(check, record, where, "title")
    return figures


def read_toolbox() -> Content:
    """Read and check all toolbox files; raises DataFileError naming every problem found."""
    codes = set(Project.objects.values_list("code", flat=True))
    content = Content(cases=case_studies.read_cases(codes))
    boxes = {record["box"] for record in content.cases}
    figure_numbers: set[int] = set()
    keys: set[str] = set()
    section_numbers: set[str] = set()

    part2_path, part3_path = FILES["part2"], FILES["part3"]
    part2, part3 = read_yaml(part2_path), read_yaml(part3_path)
    checks = {name: RecordChecker(path) for name, path in FILES.items()}

    content.figures = _read_figures(checks["part2"], part2, figure_numbers) + _read_figures(
        checks["part3"], part3, figure_numbers
    )

    capitals_check = checks["capitals"]
    content.capitals = _list(capitals_check, read_yaml(FILES["capitals"]), "")
    capital_keys: set[str] = set()
    for index, record in enumerate(content.capitals, start=1):
        where = _where("capital", index, record, "key")
        _require_key(capitals_check, record.get("key"), where, capital_keys)
        capitals_check.require(
            record.get("key") in CapitalKey.values,
            where,
            f"key must be one of the registry's capitals ({', '.join(CapitalKey.values)})",
        )
        capitals_check.require(
            isinstance(record.get("chapter"), int), where, "chapter must be a number"
        )
        _require_text(capitals_check, record, where, "name", "summary")
        _require_lists(capitals_check, record, where, "contributes", non_empty=("contributes",))
        capitals_check.require(
            record.get("figure") in figure_numbers,
            where,
            f"unknown figure {record.get('figure')!r}",
        )
        capitals_check.require(bool(record.get("citation")), where, "citation is required")
    missing = [key for key in CapitalKey.values if key not in capital_keys]
    capitals_check.require(not missing, "capitals", f"missing capitals: {', '.join(missing)}")

    for part, check, data, children in (
        ("II", checks["part2"], part2, "options"),
        ("III", checks["part3"], part3, "blocks"),
    ):
        for index, record in enumerate(_list(check, data, "sections"), start=1):
            number = str(record.get("number", ""))
            where = _where("section", index, record, "number")
            check.require(bool(SECTION_NUMBER.match(number)), where, "number must look like '2.1'")
            check.require(number not in section_numbers, where, f"duplicate section {number!r}")
            section_numbers.add(number)
            chapter = int(number[0]) if number[:1].isdigit() else 0
            check.require(
                record.get("chapter") in (None, chapter), where, f"chapter must be {chapter}"
            )
            if part == "II":
                check.require(
                    record.get("capital") in capital_keys,
                    where,
                    f"unknown capital {record.get('capital')!r}",
                )
            check.require(
                record.get("figure") in figure_numbers,
                where,
                f"unknown figure {record.get('figure')!r}",
            )
            _require_text(check, record, where, "title", "purpose")
            check.require(bool(record.get("citation")), where, "citation is required")
            items = record.get(children)
            check.require(
                isinstance(items, list) and bool(items),
                where,
                f"at least one item in {children} is required",
            )
            items = [item for item in items or [] if isinstance(item, dict)]
            for position, item in enumerate(items, start=1):
                item_where = f"{where} {children[:-1]} {position} ({item.get('key', '?')})"
                _require_key(check, item.get("key"), item_where, keys, prefix=f"{number}/")
                _require_text(check, item, item_where, "title", "summary")
                check.require(bool(item.get("citation")), item_where, "citation is required")
                _check_links(check, item, item_where, boxes, codes)
                if part == "II":
                    _require_lists(
                        check,
                        item,
                        item_where,
                        "benefits",
                        "key_issues",
                        non_empty=("benefits", "key_issues"),
                    )
                else:
                    check.require(
                        item.get("kind") in BuildingBlock.Kind.values,
                        item_where,
                        f"unknown kind {item.get('kind')!r}",
                    )
                    _require_lists(check, item, item_where, "benefits", "challenges", "solutions")
            content.sections.append(
                {**record, "number": number, "part": part, "chapter": chapter, "items": items}
            )

    for name in ("part2", "part3"):
        data = part2 if name == "part2" else part3
        figures = data.get("figures") if isinstance(data, dict) else None
        for index, record in enumerate(figures if isinstance(figures, list) else [], start=1):
            section = record.get("section") if isinstance(record, dict) else None
            checks[name].require(
                section is None or str(section) in section_numbers,
                _where("figure", index, record, "number"),
                f"unknown section {section!r}",
            )

    part2_dict = part2 if isinstance(part2, dict) else {}
    for index, record in enumerate(
        _list(checks["part2"], part2_dict.get("chapter_recommendations", []), ""), start=1
    ):
        where = _where("chapter recommendation", index, record, "key")
        record_chapter = record.get("chapter")
        _require_key(checks["part2"], record.get("key"), where, keys, prefix=f"ch{record_chapter}/")
        checks["part2"].require(
            record_chapter in {c.get("chapter") for c in content.capitals},
            where,
            f"unknown chapter {record_chapter!r}",
        )
        _require_text(checks["part2"], record, where, "title", "text")
        content.recommendations.append({**record, "audience": Recommendation.Audience.CHAPTER})

    rec_check = checks["recommendations"]
    conclusion = _list(rec_check, read_yaml(FILES["recommendations"]), "")
    numbers: dict[tuple[Any, Any], dict[str, Any]] = {}  # (audience, number) as read
    for index, record in enumerate(conclusion, start=1):
        audience, rec_number = record.get("audience"), record.get("number")
        where = f"recommendation {index} ({audience} {rec_number})"
        rec_check.require(
            audience in CONCLUSION_AUDIENCES,
            where,
            f"audience must be one of {', '.join(CONCLUSION_AUDIENCES)}",
        )
        rec_check.require(
            isinstance(rec_number, int) and rec_number > 0,
            where,
            "number must be a positive integer",
        )
        rec_check.require(
            (audience, rec_number) not in numbers, where, "duplicate number for this audience"
        )
        numbers[(audience, rec_number)] = record
        _require_text(rec_check, record, where, "title", "text")
        rec_check.require(bool(record.get("citation")), where, "citation is required")
    for (audience, rec_number), record in numbers.items():
        where = f"recommendation ({audience} {rec_number})"
        other = next((a for a in CONCLUSION_AUDIENCES if a != audience), None)
        partner = numbers.get((other, record.get("pair")))
        rec_check.require(
            partner is not None,
            where,
            f"pair {record.get('pair')!r} is not a {other} recommendation",
        )
        if partner is not None:
            rec_check.require(
                partner.get("pair") == rec_number,
                where,
                f"pair is not symmetric: {other} {record.get('pair')} pairs with {partner.get('pair')!r}",
            )
        key = f"{str(audience).replace('_', '-')}-{rec_number}"
        rec_check.require(key not in keys, where, f"duplicate key {key!r}")
        keys.add(key)
        content.recommendations.append(
            {
                **record,
                "key": key,
                "pair_key": f"{str(other).replace('_', '-')}-{record.get('pair')}",
            }
        )

    ref_check = checks["references"]
    content.references = _list(ref_check, read_yaml(FILES["references"]), "")
    ref_keys: set[str] = set()
    for index, record in enumerate(content.references, start=1):
        where = _where("reference", index, record, "key")
        _require_key(ref_check, record.get("key"), where, ref_keys)
        _require_text(ref_check, record, where, "title", "summary")
        ref_check.require(bool(record.get("citation")), where, "citation is required")

    problems = [check for check in checks.values() if check.problems]
    if len(problems) == 1:
        problems[0].raise_if_any()
    if problems:
        messages = []
        for check in problems:
            try:
                check.raise_if_any()
            except DataFileError as error:
                messages.append(str(error))
        raise DataFileError("\n".join(messages))
    return content


# ---------------------------------------------------------------- writing


def _texts(record: dict, *names: str, lists: tuple = ()) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for name in names:
        # The untranslated column mirrors French, the default language (as in the projects app);
        # it must come before the per-language values because setting it writes the active language.
        values[name] = record.get(f"{name}_fr") or ([] if name in lists else "")
        for lang in LANGS:
            default: Any = [] if name in lists else ""
            values[f"{name}_{lang}"] = record.get(f"{name}_{lang}") or default
    return values


def _upsert(
    model: type[models.Model], lookup: dict[str, Any], values: dict[str, Any], report: LoadReport
) -> Any:
    """Create, or update only when a value differs (so an unchanged file writes nothing)."""
    obj = model._default_manager.filter(**lookup).first()
    if obj is None:
        report.created += 1
        return model._default_manager.create(**lookup, **values)
    # Raw column values: the translated descriptors would hide a stale untranslated column.
    changed = [
        name
        for name, value in values.items()
        if obj.__dict__.get(_attname(model, name)) != _raw(value)
    ]
    if changed:
        for name, value in values.items():
            setattr(obj, name, value)
        obj.save()
        report.updated += 1
    return obj


def _attname(model: type[models.Model], name: str) -> str:
    return cast("models.Field[Any, Any]", model._meta.get_field(name)).attname


def _raw(value: Any) -> Any:
    return value.pk if isinstance(value, models.Model) else value


def _set_m2m(manager: Any, objects: list[models.Model]) -> bool:
    """Replace a many-to-many set if it differs; True when it did."""
    if set(manager.values_list("pk", flat=True)) == {obj.pk for obj in objects}:
        return False
    manager.set(objects)
    return True


def _delete_missing(
    model: type[models.Model], field_name: str, keep: set, report: LoadReport
) -> None:
    _total, by_model = model._default_manager.exclude(**{f"{field_name}__in": keep}).delete()
    report.deleted += by_model.get(model._meta.label, 0)


@transaction.atomic
def write_toolbox(content: Content) -> LoadReport:
    report = LoadReport()
    cases = case_studies.load_cases(content.cases)
    projects = {p.code: p for p in Project.objects.filter(code__in=_all_codes(content))}

    figures = {}
    for record in content.figures:
        values = {**_texts(record, "title"), "section": str(record.get("section") or "")}
        figures[record["number"]] = _upsert(Figure, {"number": record["number"]}, values, report)
    _delete_missing(Figure, "number", set(figures), report)

    capitals = {}
    for record in content.capitals:
        values = {
            "chapter": record["chapter"],
            **_texts(record, "name", "summary", "contributes", lists=("contributes",)),
            "figure": figures[record["figure"]],
            "citation": record["citation"],
        }
        capitals[record["key"]] = _upsert(Capital, {"key": record["key"]}, values, report)
    _delete_missing(Capital, "key", set(capitals), report)

    option_keys: set[str] = set()
    block_keys: set[str] = set()
    for order, record in enumerate(content.sections):
        values = {
            "part": record["part"],
            "chapter": record["chapter"],
            "capital": capitals.get(record.get("capital") or ""),
            **_texts(record, "title", "purpose"),
            "figure": figures[record["figure"]],
            "citation": record["citation"],
            "order": order,
        }
        section = _upsert(Section, {"number": record["number"]}, values, report)
        for position, item in enumerate(record["items"]):
            common = {
                "section": section,
                **_texts(item, "title", "summary"),
                "citation": item["citation"],
                "order": position,
            }
            if record["part"] == "II":
                lists: tuple[str, ...] = ("benefits", "key_issues")
                obj = _upsert(
                    Option,
                    {"key": item["key"]},
                    {**common, **_texts(item, *lists, lists=lists)},
                    report,
                )
                option_keys.add(item["key"])
            else:
                lists = ("benefits", "challenges", "solutions")
                values = {**common, "kind": item["kind"], **_texts(item, *lists, lists=lists)}
                obj = _upsert(BuildingBlock, {"key": item["key"]}, values, report)
                block_keys.add(item["key"])
            boxes_changed = _set_m2m(
                obj.boxes, [cases[b] for b in dict.fromkeys(item.get("boxes") or [])]
            )
            projects_changed = _set_m2m(
                obj.projects, [projects[c] for c in dict.fromkeys(item.get("projects") or [])]
            )
            if boxes_changed or projects_changed:
                report.updated += 1
    _delete_missing(Option, "key", option_keys, report)
    _delete_missing(BuildingBlock, "key", block_keys, report)
    _delete_missing(Section, "number", {r["number"] for r in content.sections}, report)

    recommendations = {}
    for order, record in enumerate(content.recommendations):
        values = {
            "audience": record["audience"],
            "number": record.get("number") or 0,
            "chapter": record.get("chapter"),
            "pair_number": record.get("pair"),
            **_texts(record, "title", "text"),
            "citation": record.get("citation") or "",
            "order": order,
        }
        recommendations[record["key"]] = _upsert(
            Recommendation, {"key": record["key"]}, values, report
        )
    for record in content.recommendations:
        if record.get("pair_key"):
            rec = recommendations[record["key"]]
            pair = recommendations[record["pair_key"]]
            if rec.pair_id != pair.pk:
                rec.pair = pair
                rec.save(update_fields=["pair"])
                report.updated += 1
    _delete_missing(Recommendation, "key", set(recommendations), report)

    references = set()
    for order, record in enumerate(content.references):
        values = {
            **_texts(record, "title", "summary"),
            "citation": record["citation"],
            "order": order,
        }
        _upsert(Reference, {"key": record["key"]}, values, report)
        references.add(record["key"])
    _delete_missing(Reference, "key", references, report)

    for kind in SEARCH_KINDS:
        search.reindex(kind)
    return report


def _all_codes(content: Content) -> set[str]:
    return {
        code
        for section in content.sections
        for item in section["items"]
        for code in item.get("projects") or []
    }


def load_toolbox() -> LoadReport:
    """Check every toolbox file, then bring the database in line with them (idempotent)."""
    content = read_toolbox()
    with translation.override(settings.MODELTRANSLATION_DEFAULT_LANGUAGE):
        return write_toolbox(content)


@transaction.atomic
def set_key_issue_ticks(option: Option, *, by: Any, ticked: Iterable[int]) -> list[int]:
    """Make `by`'s checklist for `option` exactly `ticked` (positions in `option.key_issues`):
    new ticks are created, others removed, each audited (`toolbox.keyissuetick.*`). A position that
    is not one of the option's key issues is refused, nothing changed. Returns the ticked positions."""
    wanted = set(ticked)
    issues = len(option.key_issues or [])
    if any(n < 0 or n >= issues for n in wanted):
        raise ToolboxError(_("This option has no such key issue."))
    current = {tick.issue: tick for tick in KeyIssueTick.objects.filter(user=by, option=option)}
    for issue, tick in current.items():
        if issue not in wanted:
            records.delete_record(tick, by=by, kind=None, error=ToolboxError)
    for issue in sorted(wanted - current.keys()):
        records.save_record(
            KeyIssueTick(user=by, option=option),
            {"issue": issue},
            by=by,
            kind=None,
            error=ToolboxError,
        )
    return sorted(wanted)
