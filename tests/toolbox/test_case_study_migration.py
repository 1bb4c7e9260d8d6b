"""The migration that moves case studies to the toolbox keeps their rows and the options' links.

Run in a separate SQLite data directory (a subprocess): the database is first migrated to the state
before the move, given a case study linked to a project and an option, then migrated to the end.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

BEFORE = """
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

call_command("migrate", "toolbox", "0002", verbosity=0)
old = MigrationExecutor(connection).loader.project_state(("toolbox", "0002_shared_section_entry")).apps
project = old.get_model("projects", "Project").objects.create(code="Mali-1", slug="mali-1", title="P")
case = old.get_model("projects", "CaseStudy").objects.create(
    box=7, project=project, section="2.1", title="Boîte", title_en="Box", summary="S", citation="C"
)
section = old.get_model("toolbox", "Section").objects.create(
    number="2.1", part="II", chapter=2, title="T", purpose="P", citation="C"
)
option = old.get_model("toolbox", "Option").objects.create(
    key="2.1/o", section=section, title="O", summary="S", citation="C"
)
option.boxes.add(case)
"""

AFTER = """
import json
from django.core.management import call_command

call_command("migrate", verbosity=0)
from django.db import connection
from m4d.toolbox.models import CaseStudy, Option

case = CaseStudy.objects.get(box=7)
print(json.dumps({
    "project": case.project.code,
    "title_en": case.title_en,
    "option_boxes": list(Option.objects.get(key="2.1/o").boxes.values_list("box", flat=True)),
    "old_table_left": "projects_casestudy" in connection.introspection.table_names(),
    "next_id_is_free": CaseStudy.objects.create(
        box=8, section="2.1", title="N", summary="S", citation="C"
    ).pk != case.pk,
}))
"""


def test_moving_case_studies_keeps_their_rows_and_links(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["M4D_DATA_DIR"] = str(tmp_path)
    shell = [sys.executable, "-m", "m4d.cli", "manage", "shell", "-v", "0", "-c"]
    subprocess.run([*shell, BEFORE], env=env, check=True, capture_output=True)
    result = subprocess.run([*shell, AFTER], env=env, check=True, capture_output=True, text=True)
    assert json.loads(result.stdout.strip().splitlines()[-1]) == {
        "project": "Mali-1",
        "title_en": "Box",
        "option_boxes": [7],
        "old_table_left": False,
        "next_id_is_free": True,
    }
