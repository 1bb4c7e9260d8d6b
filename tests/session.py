"""A pytest plugin loaded before Django's settings (`-p tests.session` in pyproject.toml): the test
session keeps its state (secret key, static files, uploads) in a temporary directory of its own,
never in the user's data directory nor in a directory M4D_DATA_DIR names for real use."""

from __future__ import annotations

import os
import shutil
import tempfile

import pytest

DATA_DIR_PREFIX = "m4d-tests-"


@pytest.hookimpl(tryfirst=True)  # before pytest-django's hook imports the settings
def pytest_load_initial_conftests(early_config: pytest.Config) -> None:
    directory = tempfile.mkdtemp(prefix=DATA_DIR_PREFIX)
    os.environ["M4D_DATA_DIR"] = directory
    early_config.add_cleanup(lambda: shutil.rmtree(directory, ignore_errors=True))
