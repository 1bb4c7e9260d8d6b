"""Loading the toolbox content (being written: issue 3)."""

from pathlib import Path

DATA_DIR = Path(__file__).parent / "data"


def data_files() -> list[Path]:
    return sorted(DATA_DIR.glob("*.yaml"))


def load_toolbox() -> None:
    """Placeholder until the toolbox models exist (issue 3)."""
