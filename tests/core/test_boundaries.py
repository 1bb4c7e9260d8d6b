"""The dependency order holds: an app imports only apps before it, and core's templates and
`startup.py` name no app (apps register what they contribute instead)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import m4d

ORDER = ("lib", "core", "accounts", "places", "organisations", "projects", "toolbox", "plans")
PACKAGE = Path(m4d.__file__).resolve().parent


def imported_apps(path: Path) -> set[str]:
    """Apps a module imports, at module level or inside functions."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
        for name in names:
            parts = name.split(".")
            if parts[0] == "m4d" and len(parts) > 1 and parts[1] in ORDER:
                found.add(parts[1])
    return found


def test_no_app_imports_an_app_after_it_in_the_dependency_order():
    wrong = []
    for position, app in enumerate(ORDER):
        later = set(ORDER[position + 1 :])
        for path in sorted((PACKAGE / app).rglob("*.py")):
            for other in imported_apps(path) & later:
                wrong.append(f"{path.relative_to(PACKAGE)} imports m4d.{other}")
    assert wrong == []


def test_places_and_organisations_know_nothing_of_projects_or_the_toolbox():
    for app in ("places", "organisations"):
        for path in (PACKAGE / app).rglob("*.py"):
            assert not imported_apps(path) & {"projects", "toolbox"}, path


def test_core_templates_and_startup_name_no_app():
    apps = "|".join(ORDER[2:])
    # A URL name, template path or import of an app: 'projects:list', "toolbox/…", m4d.places.
    naming = re.compile(rf"""(['"]({apps})[:/]|m4d\.({apps})\b|job\.kind\s*==)""")
    files = [*(PACKAGE / "core" / "templates").rglob("*.html"), PACKAGE / "startup.py"]
    offenders = [
        f"{path.relative_to(PACKAGE)}: {match.group(0)}"
        for path in files
        for match in naming.finditer(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []


def test_the_boundary_checks_see_function_level_imports(tmp_path):
    module = tmp_path / "example.py"
    module.write_text("def f():\n    from m4d.projects.models import Project\n", encoding="utf-8")
    assert imported_apps(module) == {"projects"}
