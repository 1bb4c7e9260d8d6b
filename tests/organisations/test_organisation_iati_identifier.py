"""An organisation's IATI identifier is `{agency}-{number}`, the agency a code of the shipped
OrganisationRegistrationAgency codelist. The model validates it, so the pages, the API, the admin
and the services all refuse a bad one with the same message; an IATI file with a bad one is still
imported, without it, with a warning."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from m4d.core.audit import history
from m4d.core.models import Job
from m4d.organisations import services
from m4d.organisations.models import Organisation, validate_iati_identifier
from m4d.organisations.services import OrganisationError, create_organisation_for
from m4d.projects.iati import import_iati_file, write_iati
from m4d.projects.models import Project
from tests.adminforms import admin_form_data
from tests.factories import country, make_organisation, make_project

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("value", ["GB-CHC-202918", "XM-DAC-41114", "FR-RCS-523-456-789", ""])
def test_identifiers_of_a_known_agency_are_accepted(value):
    validate_iati_identifier(value)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("ZZ-ABC-123", "“ZZ-ABC” is not a registration agency"),
        ("gb-chc-202918", "did you mean GB-CHC?"),
        ("GB-CHC", "is not an IATI organisation identifier"),
        ("202918", "is not an IATI organisation identifier"),
        ("GB-CHC-20 29 18", "without spaces"),
        ("GB-CHC-2029/18", "is not an IATI organisation identifier"),
    ],
)
def test_a_bad_identifier_is_refused_with_a_message_that_says_what_is_wrong(value, message):
    with pytest.raises(ValidationError) as error:
        validate_iati_identifier(value)

    assert message in " ".join(error.value.messages)


def test_an_unknown_agency_message_suggests_the_form():
    with pytest.raises(ValidationError) as error:
        validate_iati_identifier("QQ-NOPE-1")

    assert (
        "a hyphen and the number it registered, for example GB-CHC-202918"
        in (error.value.messages[0])
    )


def test_no_shipped_organisation_has_an_invalid_identifier():
    shipped = Organisation.objects.filter(source=Organisation.Source.HANDBOOK)
    assert shipped.count() == 119
    for organisation in shipped:
        organisation.full_clean()


def test_the_edit_page_saves_a_valid_identifier_and_re_shows_a_bad_one_with_its_error(
    client, alice, alices_organisation
):
    client.force_login(alice)
    url = reverse("organisations:edit", args=[alices_organisation.pk])
    form = {"name": alices_organisation.name, "type": "ngo", "country": "SN"}

    refused = client.post(url, {**form, "iati_identifier": "ZZ-ABC-123"})
    assert refused.status_code == 200
    page = refused.content.decode()
    assert 'value="ZZ-ABC-123"' in page and "“ZZ-ABC” is not a registration agency" in page
    alices_organisation.refresh_from_db()
    assert alices_organisation.iati_identifier == ""

    saved = client.post(url, {**form, "iati_identifier": "SN-NINEA-005112233"})
    assert saved.status_code == 302
    alices_organisation.refresh_from_db()
    assert alices_organisation.iati_identifier == "SN-NINEA-005112233"


def test_the_page_shows_the_identifier(client):
    organisation = make_organisation("Oxfam GB", country_code="GB", iati_identifier="GB-CHC-202918")

    assert "GB-CHC-202918" in client.get(organisation.get_absolute_url()).content.decode()


def test_the_api_refuses_a_bad_identifier_with_422_by_field(client, charlie):
    client.force_login(charlie)
    body = {"name": "Asociación Puente", "type": "ngo", "country": "ES"}

    refused = client.post(
        "/api/organisations",
        {**body, "iati_identifier": "ES-XX-1"},
        content_type="application/json",
    )
    assert refused.status_code == 422
    assert "iati_identifier" in refused.json()["errors"]

    created = client.post(
        "/api/organisations",
        {**body, "iati_identifier": "ES-DIR3-E04921501"},
        content_type="application/json",
    )
    assert created.status_code == 201
    assert created.json()["iati_identifier"] == "ES-DIR3-E04921501"


def test_the_services_refuse_a_bad_identifier_and_write_nothing(charlie):
    with pytest.raises(OrganisationError, match="IATI organisation identifier"):
        create_organisation_for(
            charlie,
            changes={
                "name": "Bad id",
                "type": "ngo",
                "country": country("SN"),
                "iati_identifier": "BAD",
            },
        )
    assert not Organisation.objects.filter(name="Bad id").exists()


def test_the_admin_refuses_a_bad_identifier(client, editor, alices_organisation):
    client.force_login(editor)
    url = reverse("admin:organisations_organisation_change", args=[alices_organisation.pk])

    response = client.post(url, admin_form_data(client.get(url), iati_identifier="ZZ-ABC-123"))

    assert response.status_code == 200
    assert "is not a registration agency" in response.content.decode()
    alices_organisation.refresh_from_db()
    assert alices_organisation.iati_identifier == ""


ACTIVITY = """<?xml version="1.0" encoding="UTF-8"?>
<iati-activities version="2.03" generated-datetime="2024-05-01T10:00:00Z" xml:lang="fr">
  <iati-activity>
    <iati-identifier>XM-EXAMPLE-77</iati-identifier>
    <reporting-org ref="XM-EXAMPLE" type="22"><narrative>Example NGO</narrative></reporting-org>
    <title><narrative>Projet avec un identifiant faux</narrative></title>
    <description><narrative>Un partenaire a un identifiant inventé.</narrative></description>
    <participating-org ref="{ref}" type="22" role="4"><narrative>Association du faux identifiant</narrative></participating-org>
    <activity-status code="2"/>
    <activity-date type="2" iso-date="2021-01-15"/>
    <recipient-country code="SN"/>
  </iati-activity>
</iati-activities>
"""


def test_an_iati_file_with_a_bad_identifier_is_imported_without_it_and_with_a_warning(editor):
    result = import_iati_file(
        io.BytesIO(ACTIVITY.format(ref="NOT-AN-AGENCY-42").encode()), filename="f.xml", by=editor
    )

    organisation = Organisation.objects.get(name="Association du faux identifiant")
    assert organisation.iati_identifier == ""
    assert len(result.warnings) == 1
    assert "NOT-AN-AGENCY-42" in result.warnings[0] and "line 8" in result.warnings[0]
    job = Job.objects.filter(kind="iati_import").latest("pk")
    assert history(job).latest("pk").data["warnings"] == list(result.warnings)


def test_an_iati_file_with_a_valid_identifier_keeps_it(editor):
    result = import_iati_file(
        io.BytesIO(ACTIVITY.format(ref="SN-NINEA-0042").encode()), filename="f.xml", by=editor
    )

    assert result.warnings == ()
    organisation = Organisation.objects.get(name="Association du faux identifiant")
    assert organisation.iati_identifier == "SN-NINEA-0042"


def test_the_iati_export_writes_the_identifier_as_the_partners_ref():
    partner = make_organisation("Oxfam GB", country_code="GB", iati_identifier="GB-CHC-202918")
    project = make_project("Projet d'Oxfam", partners=[partner])
    buffer = io.BytesIO()

    write_iati(Project.objects.filter(pk=project.pk), buffer)

    assert b'ref="GB-CHC-202918"' in buffer.getvalue()


def test_an_existing_record_with_an_old_invalid_identifier_shows_the_error_on_its_field(
    client, alice, alices_organisation
):
    Organisation.objects.filter(pk=alices_organisation.pk).update(iati_identifier="OLD-BAD")
    client.force_login(alice)

    response = client.post(
        reverse("organisations:edit", args=[alices_organisation.pk]),
        {"name": "Nouveau nom", "type": "ngo", "country": "SN", "iati_identifier": "OLD-BAD"},
    )

    assert response.status_code == 200
    assert 'id="id_iati_identifier_error"' in response.content.decode()
    alices_organisation.refresh_from_db()
    assert alices_organisation.name == "Association Alice Solidarité"


def test_a_data_file_with_a_bad_identifier_is_refused_naming_the_record(tmp_path):
    from m4d.core.datafiles import DataFileError
    from m4d.organisations.services import read_organisations

    path = tmp_path / "organisations.yaml"
    path.write_text(
        "- key: paz\n  name: Paz y Desarrollo\n  type: ngo\n  country: ES\n"
        "  iati_identifier: ES-NOPE-1\n  citation: Annex\n",
        encoding="utf-8",
    )

    with pytest.raises(DataFileError, match="paz.*iati_identifier 'ES-NOPE-1'"):
        read_organisations(path)


def test_a_data_file_may_give_profile_fields_and_the_loader_keeps_what_it_does_not_give(
    tmp_path, alice
):
    from m4d.organisations.services import load_organisations, read_organisations

    path = tmp_path / "organisations.yaml"
    path.write_text(
        "- key: paz\n  name: Paz y Desarrollo\n  type: ngo\n  country: ES\n"
        "  iati_identifier: ES-DIR3-E04921501\n  website: https://example.org/paz\n"
        "  citation: Annex\n",
        encoding="utf-8",
    )
    loaded = load_organisations(read_organisations(path))["paz"]
    assert (loaded.iati_identifier, loaded.website) == (
        "ES-DIR3-E04921501",
        "https://example.org/paz",
    )
    services.update_organisation(loaded, by=alice, changes={"city": "Madrid"})

    again = load_organisations(read_organisations(path))["paz"]

    assert again.city == "Madrid"


def test_the_import_jobs_page_lists_the_dropped_identifiers(client, editor):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(editor)
    data = ACTIVITY.format(ref="NOT-AN-AGENCY-42").encode()

    response = client.post(
        reverse("projects:import_iati"),
        {"file": SimpleUploadedFile("bad-ref.xml", data)},
        follow=True,
    )

    assert response.redirect_chain[-1][0].startswith("/jobs/")
    assert "&#x27;NOT-AN-AGENCY-42&#x27; is not a valid IATI organisation identifier" in (
        response.content.decode()
    )


def test_the_import_command_prints_the_warnings_on_standard_error(tmp_path, monkeypatch, capsys):
    from m4d import cli

    monkeypatch.setattr(cli, "_setup", lambda data_dir=None: None)
    monkeypatch.setattr(cli, "_prepare", lambda verbose=True: None)
    path = tmp_path / "bad-ref.xml"
    path.write_text(ACTIVITY.format(ref="NOT-AN-AGENCY-42"), encoding="utf-8")

    cli.main(["import", "iati", str(path)])

    captured = capsys.readouterr()
    assert "imported 1 activity" in captured.out
    assert captured.err.startswith("m4d: warning: line 8")
    assert "NOT-AN-AGENCY-42" in captured.err
