"""The directory sorts in the database by each organisation's stored collation key
(`name_sort_key`, core.collation): every way of writing a name keeps the key in step."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from m4d.core.collation import sort_string
from m4d.organisations import services
from m4d.organisations.models import Organisation
from m4d.projects import synthetic
from tests.factories import make_organisation

pytestmark = pytest.mark.django_db


def names_listed(client, query: str = "country=IS") -> list[str]:
    return [o["name"] for o in client.get(f"/api/organisations?{query}&limit=50").json()["items"]]


def test_a_renamed_organisation_moves_to_its_new_place_in_the_list(client, editor):
    for name in ("Alpha", "Mu", "Zulu"):
        make_organisation(name, country_code="IS")
    zulu = Organisation.objects.get(name="Zulu")

    services.update_organisation(zulu, by=editor, changes={"name": "Beta"})

    assert names_listed(client) == ["Alpha", "Beta", "Mu"]


def test_an_organisation_created_by_the_service_gets_its_key(editor):
    created = services.create_organisation(
        by=editor, changes={"name": "École des Mères", "type": Organisation.Type.NGO}
    )

    assert Organisation.objects.get(pk=created.pk).name_sort_key == sort_string("École des Mères")


def test_a_save_naming_only_the_name_also_writes_its_key():
    organisation = make_organisation("Omega")
    organisation.name = "Delta"
    organisation.save(update_fields=["name"])

    assert Organisation.objects.get(pk=organisation.pk).name_sort_key == sort_string("Delta")


def test_synthetic_organisations_are_written_with_their_keys():
    synthetic.generate(projects=0, organisations=5, seed=3)

    for organisation in Organisation.objects.filter(source=Organisation.Source.SYNTHETIC):
        assert organisation.name_sort_key == sort_string(organisation.name)


def test_the_most_projects_sort_breaks_ties_by_the_key(client):
    for name in ("zeta Network", "Écoles du Monde", "alpha Aid"):
        make_organisation(name, country_code="IS")

    assert names_listed(client, "country=IS&sort=-projects") == [
        "alpha Aid",
        "Écoles du Monde",
        "zeta Network",
    ]


BEFORE = """
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

call_command("migrate", "organisations", "0007", verbosity=0)
old = MigrationExecutor(connection).loader.project_state(
    ("organisations", "0007_profile_fields")
).apps
Organisation = old.get_model("organisations", "Organisation")
for n, name in enumerate(["zeta", "Écoles", "Beta", "alpha"]):
    Organisation.objects.create(key=f"before-{n}", name=name)
"""

AFTER = """
import json
from django.core.management import call_command

call_command("migrate", verbosity=0)
from m4d.organisations.models import Organisation

print(json.dumps([
    [o.name, o.name_sort_key]
    for o in Organisation.objects.filter(key__startswith="before-").order_by("name_sort_key")
]))
"""


@pytest.mark.django_db(False)
def test_the_migration_gives_existing_organisations_their_keys(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["M4D_DATA_DIR"] = str(tmp_path)
    shell = [sys.executable, "-m", "m4d.cli", "manage", "shell", "-v", "0", "-c"]
    subprocess.run([*shell, BEFORE], env=env, check=True, capture_output=True)
    result = subprocess.run([*shell, AFTER], env=env, check=True, capture_output=True, text=True)

    rows = json.loads(result.stdout.strip().splitlines()[-1])
    assert rows == [[name, sort_string(name)] for name in ("alpha", "Beta", "Écoles", "zeta")]
