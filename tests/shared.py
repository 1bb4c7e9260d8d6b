"""The reference data beside the checkout (`../shared`): IATI's test corpus and the handbook text.

They are not part of the project, so a fresh clone has no such folder: the tests that need it skip,
and only through `require_shared` (or the `shared_dir` fixture). Under M4D_REQUIRE_SHARED=1 (set by
`.ci/run`) a missing folder fails those tests instead, so the corpus checks can never silently stop.
Schemas and codelists are not read from here: the package ships them (`m4d.lib.iati_schema`).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SHARED_IATI = SHARED / "iati"
REQUIRED = os.environ.get("M4D_REQUIRE_SHARED", "") == "1"


def require_shared(*parts: str) -> Path:
    """`../shared/<parts>`; skips the test when it is missing, or fails it under M4D_REQUIRE_SHARED=1."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        message = f"shared data not found at {path}"
        if REQUIRED:
            pytest.fail(f"{message} (M4D_REQUIRE_SHARED=1 makes it mandatory)")
        pytest.skip(message)
    return path


def shared_files(folders: list[str], pattern: str = "*.xml") -> list:
    """Parameters for the files under `../shared/iati/<folders>`, one per file, named by its path.

    Without the folder there are none; a single placeholder then stands for them, so that the test
    (which asks for `shared_dir`) is reported as skipped, or failed under M4D_REQUIRE_SHARED=1,
    rather than silently collected as an empty set.
    """
    paths = sorted(path for folder in folders for path in (SHARED_IATI / folder).rglob(pattern))
    if not paths:
        return [pytest.param(None, id="shared-data-missing")]
    return [pytest.param(path, id=str(path.relative_to(SHARED_IATI))) for path in paths]
