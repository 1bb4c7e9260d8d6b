"""The registry exported as an IATI 2.03 activities file."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from lxml import etree

from m4d.lib.iati_schema import XML_LANG, load_schema
from m4d.organisations.models import Organisation
from m4d.projects.iati import (
    IATI_ORGANISATION_TYPES,
    ORGANISATION_TYPE_CODES,
    split_percentages,
    write_iati,
)
from m4d.projects.models import Project


@pytest.fixture
def iati_settings(settings, shared_dir):
    settings.M4D_SHARED_DIR = shared_dir
    return settings


@pytest.fixture
def schema(shared_dir):
    return load_schema(str(shared_dir / "iati" / "iati-activities-schema.xsd"))


def export_registry() -> tuple[int, etree._ElementTree]:
    buffer = io.BytesIO()
    count = write_iati(Project.objects.order_by("number", "code"), buffer)
    return count, etree.parse(io.BytesIO(buffer.getvalue()))


def codelist(shared_dir, name: str) -> set[str]:
    tree = etree.parse(str(shared_dir / "iati" / "codelists" / f"{name}.xml"))
    return {item.findtext("code") for item in tree.iter("codelist-item")}


@pytest.mark.django_db
def test_the_registry_export_validates_against_the_iati_schema(iati_settings, schema):
    count, document = export_registry()

    assert count == 51
    assert schema.errors(document) == []
    root = document.getroot()
    assert root.get("version") == "2.03"
    assert root.get("generated-datetime")
    assert len(root.findall("iati-activity")) == 51


@pytest.mark.django_db
def test_every_activity_has_both_languages_partners_and_countries(iati_settings):
    _count, document = export_registry()

    for activity in document.getroot().iter("iati-activity"):
        title_langs = {n.get(XML_LANG) for n in activity.findall("title/narrative")}
        description_langs = {n.get(XML_LANG) for n in activity.findall("description/narrative")}
        assert title_langs == {"fr", "en"}
        assert description_langs == {"fr", "en"}
        assert activity.findall("participating-org")
        countries = activity.findall("recipient-country")
        assert countries
        assert sum(Decimal(c.get("percentage")) for c in countries) == 100


@pytest.mark.django_db
def test_identifiers_come_from_the_reporting_organisation_and_the_slug(iati_settings):
    project = Project.objects.get(code="Algérie-1")
    Project.objects.filter(code="Algérie-2").update(iati_identifier="XM-EXAMPLE-42")
    _count, document = export_registry()

    identifiers = [a.findtext("iati-identifier") for a in document.getroot().iter("iati-activity")]
    ref = iati_settings.M4D_IATI_REPORTING_ORG["ref"]
    assert identifiers[0] == f"{ref}-{project.slug}"
    assert identifiers[1] == "XM-EXAMPLE-42"
    assert len(set(identifiers)) == 51
    reporting = document.getroot().find("iati-activity/reporting-org")
    assert reporting.get("ref") == ref
    assert reporting.get("type") == iati_settings.M4D_IATI_REPORTING_ORG["type"]


@pytest.mark.django_db
def test_partners_carry_their_iati_reference_and_mapped_type(iati_settings):
    project = Project.objects.get(code="Algérie-1")
    partner = project.partners.order_by("partnerships__position").first()
    Organisation.objects.filter(pk=partner.pk).update(iati_identifier="DZ-ASSOC-1")
    _count, document = export_registry()

    activity = document.getroot().find("iati-activity")
    first = activity.find("participating-org")
    assert first.get("ref") == "DZ-ASSOC-1"
    assert first.get("role") == "4"
    assert first.get("type") == ORGANISATION_TYPE_CODES[partner.type]
    assert first.findtext("narrative") == partner.name


@pytest.mark.django_db
def test_a_project_without_partners_or_summary_still_validates(iati_settings, schema):
    from m4d.projects.services import save_project

    save_project(code="EDITOR-1", title_fr="Un projet", title_en="")
    buffer = io.BytesIO()
    write_iati(Project.objects.filter(code="EDITOR-1"), buffer)
    document = etree.parse(io.BytesIO(buffer.getvalue()))

    assert schema.errors(document) == []
    activity = document.getroot().find("iati-activity")
    assert activity.find("participating-org").get("role") == "2"
    assert activity.find("activity-status").get("code") == "2"


def test_percentages_are_split_evenly_and_sum_to_100():
    assert split_percentages(1) == [Decimal(100)]
    assert split_percentages(3) == [Decimal("33.33"), Decimal("33.33"), Decimal("33.34")]
    for n in range(1, 13):
        assert sum(split_percentages(n)) == 100


def test_organisation_types_map_to_the_iati_codelist_and_back(shared_dir):
    codes = codelist(shared_dir, "OrganisationType")

    assert set(ORGANISATION_TYPE_CODES) == set(Organisation.Type.values)
    assert set(ORGANISATION_TYPE_CODES.values()) <= codes
    assert set(IATI_ORGANISATION_TYPES) == codes
    assert set(IATI_ORGANISATION_TYPES.values()) <= set(Organisation.Type.values)
    for org_type in (
        Organisation.Type.LOCAL_AUTHORITY,
        Organisation.Type.UNIVERSITY,
        Organisation.Type.FOUNDATION,
    ):
        assert IATI_ORGANISATION_TYPES[ORGANISATION_TYPE_CODES[org_type]] == org_type


def test_a_regional_government_is_a_sub_national_government_in_iati():
    # OrganisationType 11 "Local Government": any local (sub national) government organisation.
    assert ORGANISATION_TYPE_CODES[Organisation.Type.REGIONAL_GOVERNMENT] == "11"


@pytest.mark.django_db
def test_the_registrys_regional_bodies_are_regional_governments():
    regional = Organisation.objects.filter(type=Organisation.Type.REGIONAL_GOVERNMENT)

    assert set(regional.values_list("key", flat=True)) == {
        "region-sicilienne-politique-sociale",
        "region-sicilienne-travail",
        "region-de-murcia-inmigracion-voluntariado",
        "assemblee-regionale-de-kayes",
        "regione-veneto",
    }
    assert Organisation.objects.get(key="municipalite-de-lecce").type == "local_authority"


@pytest.mark.django_db
def test_the_export_command_writes_an_iati_file(
    iati_settings, schema, tmp_path, monkeypatch, capsys
):
    from m4d import cli

    monkeypatch.setattr(cli, "_prepare", lambda verbose=True: None)  # the test database is ready
    out = tmp_path / "registry.xml"
    cli.main(["export", "projects", "--format", "iati", "--out", str(out)])

    assert "wrote 51 projects" in capsys.readouterr().out
    document = etree.parse(str(out))
    assert schema.errors(document) == []
    assert len(document.getroot().findall("iati-activity")) == 51
