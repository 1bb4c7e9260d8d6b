"""One vocabulary of capitals: the registry's `projects.models.Capital` keys are the toolbox's."""

from __future__ import annotations

import pytest

from m4d.core.datafiles import DataFileError
from m4d.projects.models import Capital as CapitalKey
from m4d.toolbox import services
from m4d.toolbox.models import Capital
from tests.toolbox.test_load_toolbox import copy_with

pytestmark = pytest.mark.django_db


def test_every_registry_capital_has_its_toolbox_chapter_under_the_same_key():
    assert sorted(Capital.objects.values_list("key", flat=True)) == sorted(CapitalKey.values)
    assert Capital._meta.get_field("key").choices == CapitalKey.choices


def test_a_capital_key_outside_the_vocabulary_is_refused(tmp_path, monkeypatch):
    def break_it(data):
        data[0]["key"] = "spiritual"

    monkeypatch.setitem(services.FILES, "capitals", copy_with(tmp_path, "capitals", break_it))
    with pytest.raises(DataFileError) as error:
        services.load_toolbox()
    assert "key must be one of the registry's capitals" in str(error.value)
    assert "missing capitals: social" in str(error.value)


def test_a_missing_capital_is_refused(tmp_path, monkeypatch):
    def break_it(data):
        del data[-1]

    monkeypatch.setitem(services.FILES, "capitals", copy_with(tmp_path, "capitals", break_it))
    with pytest.raises(DataFileError, match="missing capitals: "):
        services.load_toolbox()
    assert Capital.objects.count() == len(CapitalKey.values)
