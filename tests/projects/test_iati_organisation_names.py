"""The IATI import reads a participating organisation's narratives in several languages as its
official name (the narrative in the file's default language, else the first) and glosses (a later English or
French narrative that says something else), as the export writes them (decision 0008)."""

from __future__ import annotations

import io

import pytest

from m4d.core.models import AuditEntry
from m4d.organisations.models import Organisation
from m4d.projects.iati import import_iati_file, write_iati
from m4d.projects.models import Project
from tests.factories import make_organisation, make_project

pytestmark = pytest.mark.django_db

ACTIVITY = """<?xml version="1.0" encoding="UTF-8"?>
<iati-activities version="2.03" generated-datetime="2024-05-01T10:00:00Z" xml:lang="en">
  <iati-activity>
    <iati-identifier>XM-EXAMPLE-{number}</iati-identifier>
    <reporting-org ref="XM-EXAMPLE" type="22"><narrative>Example NGO</narrative></reporting-org>
    <title><narrative>Remittances for rural water</narrative></title>
    <description><narrative>Migrant associations fund drinking water.</narrative></description>
    <participating-org type="22" role="4">{narratives}</participating-org>
    <activity-status code="2"/>
    <activity-date type="2" iso-date="2021-01-15"/>
    <recipient-country code="ES"/>
  </iati-activity>
</iati-activities>
"""


def import_partner(narratives: str, number: int = 1) -> Organisation:
    data = ACTIVITY.format(number=number, narratives=narratives).encode()
    import_iati_file(io.BytesIO(data), filename="names.xml")
    project = Project.objects.get(code=f"XM-EXAMPLE-{number}")
    return project.ordered_partners[0]


def test_the_first_narrative_is_the_official_name_and_the_others_its_glosses():
    organisation = import_partner(
        "<narrative>Asociación Paz y Desarrollo</narrative>"
        '<narrative xml:lang="en">Peace and Development Association</narrative>'
        '<narrative xml:lang="fr">Association Paix et Développement</narrative>'
    )

    assert organisation.name == "Asociación Paz y Desarrollo"
    assert organisation.gloss_en == "Peace and Development Association"
    assert organisation.gloss_fr == "Association Paix et Développement"


def test_the_narrative_in_the_files_default_language_is_the_name_wherever_it_stands():
    organisation = import_partner(
        '<narrative xml:lang="en">Peace and Development Association</narrative>'
        "<narrative>Asociación Paz y Desarrollo</narrative>"
    )

    assert organisation.name == "Asociación Paz y Desarrollo"
    assert organisation.gloss_en == "Peace and Development Association"


def test_a_narrative_that_repeats_the_name_is_no_gloss():
    organisation = import_partner(
        '<narrative xml:lang="fr">Cités Unies France</narrative>'
        '<narrative xml:lang="en">CITÉS UNIES FRANCE</narrative>'
    )

    assert organisation.name == "Cités Unies France"
    assert (organisation.gloss_en, organisation.gloss_fr) == ("", "")


def test_a_name_in_one_language_only_has_no_gloss():
    organisation = import_partner("<narrative>Kafo Jiginew</narrative>")

    assert (organisation.name, organisation.gloss_en, organisation.gloss_fr) == (
        "Kafo Jiginew",
        "",
        "",
    )


def test_glosses_survive_an_export_and_an_import():
    partner = make_organisation(
        "Associação Ponte Nova",
        country_code="PT",
        gloss_en="New Bridge Association",
        gloss_fr="Association Pont Neuf",
    )
    project = make_project("Projet du pont", code="XM-TEST-pont", partners=[partner])
    buffer = io.BytesIO()
    write_iati(Project.objects.filter(pk=project.pk), buffer)
    project.delete()
    partner.delete()

    import_iati_file(io.BytesIO(buffer.getvalue()), filename="round-trip.xml")

    back = Organisation.objects.get(name="Associação Ponte Nova")
    assert (back.gloss_en, back.gloss_fr) == ("New Bridge Association", "Association Pont Neuf")


def test_an_existing_organisation_gains_the_glosses_it_lacked_and_keeps_its_own(editor):
    known = make_organisation("Asociación Paz y Desarrollo", gloss_fr="Paix et Développement")

    organisation = import_partner(
        "<narrative>Asociación Paz y Desarrollo</narrative>"
        '<narrative xml:lang="en">Peace and Development</narrative>'
        '<narrative xml:lang="fr">Association Paix et Développement</narrative>'
    )

    assert organisation.pk == known.pk
    known.refresh_from_db()
    assert known.gloss_en == "Peace and Development"
    assert known.gloss_fr == "Paix et Développement"
    entry = AuditEntry.objects.filter(object_id=str(known.pk)).latest("pk")
    assert entry.action == "organisations.organisation.updated"
    assert set(entry.data) == {"gloss_en"}
