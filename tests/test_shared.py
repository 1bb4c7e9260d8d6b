"""Tests that need `../shared` skip without it, except under M4D_REQUIRE_SHARED=1, where they fail."""

from __future__ import annotations

import pytest

from tests import shared


def test_missing_shared_data_skips_by_default(monkeypatch):
    monkeypatch.setattr(shared, "REQUIRED", False)

    with pytest.raises(pytest.skip.Exception, match="shared data not found"):
        shared.require_shared("no-such-folder")


def test_missing_shared_data_fails_when_required(monkeypatch):
    monkeypatch.setattr(shared, "REQUIRED", True)

    with pytest.raises(pytest.fail.Exception, match="M4D_REQUIRE_SHARED=1"):
        shared.require_shared("no-such-folder")


def test_a_missing_corpus_is_one_placeholder_not_an_empty_parameter_set():
    (param,) = shared.shared_files(["no-such-folder"])

    assert param.values == (None,) and param.id == "shared-data-missing"
