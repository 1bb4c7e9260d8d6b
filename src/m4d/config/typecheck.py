"""The settings the type checker loads (django-stubs imports them to learn the models).

Importing `m4d.config.settings` creates the data directory and its secret key; type-checking must
not write the user's data directory, so it points both at values of its own first."""

import os
import tempfile
from pathlib import Path

os.environ.setdefault("M4D_DATA_DIR", str(Path(tempfile.gettempdir()) / "m4d-typecheck"))
os.environ.setdefault("M4D_SECRET_KEY", "type-checking-only")

from m4d.config.settings import *  # noqa: E402, F403
