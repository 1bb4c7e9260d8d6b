"""Loading toolbox/data/*.yaml: idempotent, complete, and all-or-nothing on a broken file."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from m4d.core.datafiles import DataFileError
from m4d.core.models import SearchEntry
from m4d.toolbox import services
from m4d.toolbox.models import (
    BuildingBlock,
    Capital,
    Figure,
    Option,
    Recommendation,
    Reference,
    Section,
)

pytestmark = pytest.mark.django_db
MODELS = (Capital, Figure, Section, Option, BuildingBlock, Recommendation, Reference)


def snapshot() -> dict:
    counts = {model.__name__: model.objects.count() for model in MODELS}
    counts["option links"] = (
        Option.boxes.through.objects.count() + Option.projects.through.objects.count()
    )
    counts["block links"] = (
        BuildingBlock.boxes.through.objects.count() + BuildingBlock.projects.through.objects.count()
    )
    counts["search"] = SearchEntry.objects.filter(kind__in=services.SEARCH_KINDS).count()
    counts["titles"] = sorted(Option.objects.values_list("key", "title_fr", "title_en"))
    return counts


def copy_with(tmp_path: Path, name: str, change) -> Path:
    """A copy of one data file, changed by `change(data)`, registered in services.FILES by the caller."""
    data = yaml.safe_load(services.FILES[name].read_text(encoding="utf-8"))
    change(data)
    path = tmp_path / services.FILES[name].name
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def test_the_shipped_toolbox_is_loaded():
    assert Capital.objects.count() == 4
    assert Section.objects.filter(part="II").count() == 11
    assert Section.objects.filter(part="III").count() == 10
    assert Figure.objects.count() == 31
    assert Reference.objects.filter(key="m4d-net").exists()


def test_loading_twice_changes_nothing():
    before = snapshot()
    report = services.load_toolbox()
    assert report.changed == 0, report
    assert snapshot() == before


def test_data_files_lists_every_yaml_file():
    assert sorted(p.name for p in services.data_files()) == sorted(
        p.name for p in services.DATA_DIR.glob("*.yaml")
    )


def test_a_broken_file_raises_a_clear_error_and_leaves_the_database_unchanged(
    tmp_path, monkeypatch
):
    def break_it(data):
        option = data["sections"][0]["options"][1]
        option["boxes"] = [99]
        option["projects"] = ["Atlantide-99"]
        option["key_issues_en"] = option["key_issues_en"][:-1]
        option["title_fr"] = "Changé mais jamais écrit"
        data["sections"][1]["capital"] = "spiritual"
        data["sections"][2]["options"][0]["key"] = "2.1/networking-events"

    monkeypatch.setitem(services.FILES, "part2", copy_with(tmp_path, "part2", break_it))
    before = snapshot()
    with pytest.raises(DataFileError) as error:
        services.load_toolbox()
    message = str(error.value)
    assert "part2.yaml" in message
    assert "2.1/virtual-networking-spaces" in message
    assert "unknown box 99" in message
    assert "unknown project code 'Atlantide-99'" in message
    assert "key_issues_fr has 5 items but key_issues_en has 4" in message
    assert "unknown capital 'spiritual'" in message
    assert "duplicate key '2.1/networking-events'" in message
    assert snapshot() == before


def test_asymmetric_recommendation_pairs_are_refused(tmp_path, monkeypatch):
    def break_it(data):
        data[0]["pair"] = 2

    monkeypatch.setitem(
        services.FILES, "recommendations", copy_with(tmp_path, "recommendations", break_it)
    )
    with pytest.raises(DataFileError, match="not symmetric"):
        services.load_toolbox()


def test_a_missing_file_is_reported(tmp_path, monkeypatch):
    monkeypatch.setitem(services.FILES, "references", tmp_path / "nowhere.yaml")
    with pytest.raises(DataFileError, match="nowhere.yaml: file not found"):
        services.load_toolbox()


def test_records_removed_from_the_files_are_deleted_and_changes_are_written(tmp_path, monkeypatch):
    def drop_and_edit(data):
        data[:] = [r for r in data if r["key"] != "codification"]
        data[0]["title_en"] = "Renamed"

    monkeypatch.setitem(
        services.FILES, "references", copy_with(tmp_path, "references", drop_and_edit)
    )
    count = Reference.objects.count()
    report = services.load_toolbox()
    assert report.deleted == 1 and report.created == 0
    assert (
        report.updated >= 1
    )  # the renamed record, and the order of the records after the removed one
    assert Reference.objects.count() == count - 1
    assert not Reference.objects.filter(key="codification").exists()
    assert Reference.objects.order_by("order").first().title_en == "Renamed"
    assert services.load_toolbox().changed == 0


def test_a_copied_data_directory_loads_the_same_content(tmp_path, monkeypatch):
    for name, path in list(services.FILES.items()):
        shutil.copy(path, tmp_path / path.name)
        monkeypatch.setitem(services.FILES, name, tmp_path / path.name)
    assert services.load_toolbox().changed == 0
