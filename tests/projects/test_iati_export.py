"""The registry exported as an IATI 2.03 activities file."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from lxml import etree

from m4d.core import cache as public_page_cache
from m4d.lib.iati_schema import XML_LANG, codelist, load_schema
from m4d.organisations.models import Organisation
from m4d.projects.iati import (
    IATI_ORGANISATION_TYPES,
    ORGANISATION_TYPE_CODES,
    UNCONFIGURED_REPORTING_REF,
    write_iati,
)
from m4d.projects.models import Project


@pytest.fixture
def schema(settings):
    return load_schema(str(settings.M4D_IATI_SCHEMA_DIR / "iati-activities-schema.xsd"))


def export_registry() -> tuple[int, etree._ElementTree]:
    buffer = io.BytesIO()
    count = write_iati(Project.objects.order_by("number", "code"), buffer)
    return count, etree.parse(io.BytesIO(buffer.getvalue()))


@pytest.mark.django_db
def test_the_registry_export_validates_against_the_iati_schema(schema):
    count, document = export_registry()

    assert count == 51
    assert schema.errors(document) == []
    root = document.getroot()
    assert root.get("version") == "2.03"
    assert root.get("generated-datetime")
    assert len(root.findall("iati-activity")) == 51


@pytest.mark.django_db
def test_every_activity_has_both_languages_partners_and_countries():
    _count, document = export_registry()

    for activity in document.getroot().iter("iati-activity"):
        title_langs = {n.get(XML_LANG) for n in activity.findall("title/narrative")}
        description_langs = {n.get(XML_LANG) for n in activity.findall("description/narrative")}
        assert title_langs == {"fr", "en"}
        assert description_langs == {"fr", "en"}
        assert activity.findall("participating-org")
        countries = activity.findall("recipient-country")
        assert [c.get("percentage") for c in countries] == ["100"]


@pytest.mark.django_db
def test_only_the_origin_is_a_recipient_country():
    project = next(p for p in Project.objects.with_relations() if len(p.ordered_countries) >= 3)
    buffer = io.BytesIO()
    write_iati(Project.objects.filter(pk=project.pk), buffer)
    activity = etree.parse(io.BytesIO(buffer.getvalue())).getroot().find("iati-activity")

    recipients = [
        (c.get("code"), c.get("percentage")) for c in activity.findall("recipient-country")
    ]
    assert recipients == [(project.origin.iso2, "100")]


@pytest.mark.django_db
def test_identifiers_come_from_the_reporting_organisation_and_the_slug(settings):
    settings.M4D_IATI_REPORTING_ORG = {**settings.M4D_IATI_REPORTING_ORG, "ref": "XM-EXAMPLE-M4D"}
    project = Project.objects.get(code="Algérie-1")
    Project.objects.filter(code="Algérie-2").update(iati_identifier="XM-EXAMPLE-42")
    _count, document = export_registry()

    identifiers = [a.findtext("iati-identifier") for a in document.getroot().iter("iati-activity")]
    ref = "XM-EXAMPLE-M4D"
    assert identifiers[0] == f"{ref}-{project.slug}"
    assert identifiers[1] == "XM-EXAMPLE-42"
    assert len(set(identifiers)) == 51
    reporting = document.getroot().find("iati-activity/reporting-org")
    assert reporting.get("ref") == ref
    assert reporting.get("type") == settings.M4D_IATI_REPORTING_ORG["type"]


@pytest.mark.django_db
def test_partners_carry_their_iati_reference_and_mapped_type():
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
def test_a_project_without_partners_or_summary_still_validates(schema):
    from m4d.projects.services import save_project

    save_project(code="EDITOR-1", title_fr="Un projet", title_en="")
    buffer = io.BytesIO()
    write_iati(Project.objects.filter(code="EDITOR-1"), buffer)
    document = etree.parse(io.BytesIO(buffer.getvalue()))

    assert schema.errors(document) == []
    activity = document.getroot().find("iati-activity")
    assert activity.find("participating-org").get("role") == "2"
    assert activity.find("activity-status").get("code") == "2"


@pytest.mark.django_db
def test_by_default_the_export_claims_no_real_organisation_and_says_so(settings, schema):
    assert settings.M4D_IATI_REPORTING_ORG["ref"] == ""  # nothing configured in the tests
    buffer = io.BytesIO()
    write_iati(Project.objects.filter(code="Algérie-1"), buffer)
    document = etree.parse(io.BytesIO(buffer.getvalue()))

    assert schema.errors(document) == []
    root = document.getroot()
    assert root.find("iati-activity/reporting-org").get("ref") == UNCONFIGURED_REPORTING_REF
    assert root.findtext("iati-activity/iati-identifier").startswith(
        f"{UNCONFIGURED_REPORTING_REF}-"
    )
    comments = [c.text for c in root.iter(etree.Comment)]
    assert any("reporting organisation is not configured" in c for c in comments), comments
    # The placeholder names no registration agency and no country.
    agency = UNCONFIGURED_REPORTING_REF.rsplit("-", 1)[0]
    assert agency not in codelist("OrganisationRegistrationAgency")
    assert agency.split("-")[0] not in codelist("Country")
    assert "XM-DAC-41114" not in buffer.getvalue().decode()


@pytest.mark.django_db
def test_a_configured_reporting_organisation_is_written_without_the_warning(settings):
    settings.M4D_IATI_REPORTING_ORG = {**settings.M4D_IATI_REPORTING_ORG, "ref": "XM-EXAMPLE-M4D"}
    buffer = io.BytesIO()
    write_iati(Project.objects.filter(code="Algérie-1"), buffer)
    root = etree.parse(io.BytesIO(buffer.getvalue())).getroot()

    assert root.find("iati-activity/reporting-org").get("ref") == "XM-EXAMPLE-M4D"
    assert not list(root.iter(etree.Comment))


def test_organisation_types_map_to_the_iati_codelist_and_back():
    codes = codelist("OrganisationType")

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
def test_the_export_command_writes_an_iati_file(schema, tmp_path, monkeypatch, capsys):
    from m4d import cli

    monkeypatch.setattr(cli, "_prepare", lambda verbose=True: None)  # the test database is ready
    out = tmp_path / "registry.xml"
    cli.main(["export", "projects", "--format", "iati", "--out", str(out)])

    captured = capsys.readouterr()
    assert "wrote 51 projects" in captured.out
    assert "warning: The IATI reporting organisation is not configured" in captured.err
    document = etree.parse(str(out))
    assert schema.errors(document) == []
    assert len(document.getroot().findall("iati-activity")) == 51


@pytest.mark.django_db
def test_the_registry_page_says_the_reporting_organisation_is_not_configured(client, settings):
    page = client.get(reverse("projects:list")).content.decode()
    assert "The IATI reporting organisation is not configured" in page

    settings.M4D_IATI_REPORTING_ORG = {**settings.M4D_IATI_REPORTING_ORG, "ref": "XM-EXAMPLE-M4D"}
    public_page_cache.pages.clear()  # settings change with a restart, which empties it
    page = client.get(reverse("projects:list")).content.decode()
    assert "The IATI reporting organisation is not configured" not in page
