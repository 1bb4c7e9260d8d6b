"""The test suite never touches the user's data directory."""

from __future__ import annotations

import tempfile
from pathlib import Path

from platformdirs import user_data_dir

from tests.session import DATA_DIR_PREFIX


def test_the_data_directory_is_a_temporary_one_made_for_the_session(settings):
    data_dir = Path(settings.DATA_DIR)
    assert data_dir != Path(user_data_dir("m4d", appauthor=False))
    assert data_dir.parent.resolve() == Path(tempfile.gettempdir()).resolve()
    assert data_dir.name.startswith(DATA_DIR_PREFIX)


def test_the_secret_key_static_files_and_uploads_are_kept_there(settings):
    data_dir = Path(settings.DATA_DIR)
    assert (data_dir / "secret_key").is_file()
    for folder in (settings.STATIC_ROOT, settings.MEDIA_ROOT):
        assert Path(folder).is_relative_to(data_dir)
