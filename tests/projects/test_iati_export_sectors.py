"""IATI exports of migration projects carry DAC sector 15190 and SDG targets 10.7 / 10.c, real
dates when recorded, and never a code the IATI codelists refuse (decision 0013)."""

from __future__ import annotations

import datetime
import io

import pytest
from lxml import etree

from m4d.lib.iati_schema import codelist, load_schema
from m4d.projects import iati
from m4d.projects.iati import IatiExportError, check_codes, reported_dates_and_sector, write_iati
from m4d.projects.models import Project
from tests.factories import make_project

pytestmark = pytest.mark.django_db


@pytest.fixture
def schema(settings):
    return load_schema(str(settings.M4D_IATI_SCHEMA_DIR / "iati-activities-schema.xsd"))


def exported(*projects: Project) -> etree._Element:
    buffer = io.BytesIO()
    write_iati(Project.objects.filter(pk__in=[p.pk for p in projects]).order_by("code"), buffer)
    return etree.fromstring(buffer.getvalue())


def sectors(activity: etree._Element) -> list[tuple[str | None, str | None, str | None]]:
    return [
        (s.get("vocabulary"), s.get("code"), s.get("percentage")) for s in activity.iter("sector")
    ]


def test_a_migration_project_carries_sector_15190_and_sdg_target_10_7(schema):
    project = make_project("Diaspora et santé", capitals=("social",))
    root = exported(project)
    activity = root.find("iati-activity")
    assert sectors(activity) == [("1", "15190", "100"), ("8", "10.7", "100")]
    assert schema.errors(etree.ElementTree(root)) == []


def test_financial_capital_adds_the_remittance_target_10_c_sharing_the_vocabulary(schema):
    project = make_project("Transferts productifs", capitals=("financial", "social"))
    root = exported(project)
    assert sectors(root.find("iati-activity")) == [
        ("1", "15190", "100"),
        ("8", "10.7", "50"),
        ("8", "10.c", "50"),
    ]
    assert schema.errors(etree.ElementTree(root)) == []


def test_a_project_not_reported_as_migration_carries_no_sector():
    project = make_project("Hors migration", migration_sector=False)
    assert sectors(exported(project).find("iati-activity")) == []


def test_every_shipped_project_is_a_migration_project_with_codes_from_the_codelists(schema):
    buffer = io.BytesIO()
    write_iati(Project.objects.order_by("number", "code"), buffer)
    root = etree.fromstring(buffer.getvalue())
    assert schema.errors(etree.ElementTree(root)) == []
    assert check_codes(root) == []
    for activity in root.iter("iati-activity"):
        assert ("1", "15190", "100") in sectors(activity)
    assert "10.7" in codelist("UNSDG-Targets") and "10.c" in codelist("UNSDG-Targets")


def test_recorded_dates_are_actual_when_past_and_planned_when_to_come(schema):
    today = datetime.date.today()
    past = make_project("Commencé", start_date=datetime.date(2015, 3, 1))
    future = make_project(
        "À venir",
        start_date=today + datetime.timedelta(days=30),
        end_date=today + datetime.timedelta(days=400),
    )
    root = exported(past, future)
    by_title = {a.findtext("title/narrative"): a for a in root.iter("iati-activity")}

    def dates(title: str) -> list[tuple[str | None, str | None]]:
        return [(d.get("type"), d.get("iso-date")) for d in by_title[title].iter("activity-date")]

    assert dates("Commencé") == [("2", "2015-03-01")]
    assert [kind for kind, _day in dates("À venir")] == ["1", "3"]
    assert schema.errors(etree.ElementTree(root)) == []


def test_dates_and_the_sector_come_back_from_an_exported_activity():
    project = make_project(
        "Aller-retour",
        start_date=datetime.date(2016, 1, 1),
        end_date=datetime.date(2019, 12, 31),
    )
    activity = exported(project).find("iati-activity")
    assert reported_dates_and_sector(activity) == {
        "start_date": datetime.date(2016, 1, 1),
        "end_date": datetime.date(2019, 12, 31),
        "migration_sector": True,
    }
    undated = exported(make_project("Sans dates", migration_sector=False)).find("iati-activity")
    # The stand-in start our export writes is not read back as the activity's date.
    assert reported_dates_and_sector(undated) == {
        "start_date": None,
        "end_date": None,
        "migration_sector": False,
    }


def test_an_export_with_a_code_outside_its_codelist_is_refused_naming_it(monkeypatch):
    project = make_project("Code inconnu")
    monkeypatch.setattr(iati, "MIGRATION_SECTOR", "99999")
    buffer = io.BytesIO()
    with pytest.raises(IatiExportError) as raised:
        write_iati(Project.objects.filter(pk=project.pk), buffer)
    message = str(raised.value)
    assert f"project {project.code}: element 'sector'" in message
    assert "'99999' is not in the Sector codelist" in message


def test_the_export_view_answers_a_refused_code_with_its_message(client, monkeypatch):
    monkeypatch.setattr(iati, "SDG_MIGRATION", "10.99")
    response = client.get("/projects/export.iati")
    assert response.status_code == 400
    assert "'10.99' is not in the UNSDG-Targets codelist" in response.content.decode()


def test_an_import_refuses_an_unknown_sdg_target_naming_line_and_code():
    root = etree.fromstring(
        b'<iati-activities version="2.03">\n<iati-activity>\n'
        b'<sector vocabulary="8" code="10.99"/>\n</iati-activity>\n</iati-activities>'
    )
    assert check_codes(root) == [
        "line 3: element 'sector', attribute 'code': '10.99' is not in the UNSDG-Targets codelist"
    ]
