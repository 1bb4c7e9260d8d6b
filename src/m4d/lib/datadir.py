"""Where m4d keeps its state: database, secret key, uploads, collected static files."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from platformdirs import user_data_dir


def data_dir() -> Path:
    """The data directory (M4D_DATA_DIR, else the user's data directory), created if missing."""
    path = Path(os.environ.get("M4D_DATA_DIR") or user_data_dir("m4d", appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def secret_key(directory: Path) -> str:
    """Read the secret key stored in the data directory, generating it (mode 0600) on first use."""
    path = directory / "secret_key"
    if not path.exists():
        # O_EXCL: two processes starting together must not write two different keys.
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            pass
        else:
            with os.fdopen(fd, "w") as handle:
                handle.write(secrets.token_urlsafe(50))
    return path.read_text().strip()
