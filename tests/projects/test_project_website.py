"""A project's website: shipped where the handbook prints it, shown, exported (CSV, JSON, IATI),
imported back from IATI, corrected by editors on the edit page and in the admin.

This field was added by following docs/adding-a-feature.md ("Add a field to a model"); each test
below is one line of that checklist.
"""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.urls import reverse
from lxml import etree

from m4d.core import shipped
from m4d.core.datafiles import DataFileError
from m4d.core.models import AuditEntry
from m4d.lib.iati_schema import load_schema
from m4d.projects import services, synthetic
from m4d.projects.iati import import_iati_file, write_iati
from m4d.projects.models import Project
from tests.adminforms import admin_form_data
from tests.factories import make_project

pytestmark = pytest.mark.django_db

JAMAICA_DIASPORA_CONNECT = "http://jamaicadiasporaconnect.com"


@pytest.fixture
def with_website():
    return make_project("Projet à site web", website="https://example.org/kayes-water")


def test_the_shipped_registry_carries_the_web_address_printed_in_box_2():
    assert Project.objects.get(code="Jamaïque-22").website == JAMAICA_DIASPORA_CONNECT
    assert Project.objects.exclude(website="").filter(source="handbook").count() == 1


@pytest.mark.parametrize("address", ["ftp://example.org/file", "not an address", "javascript:x"])
def test_a_data_file_with_a_website_that_is_not_a_web_address_is_refused(
    tmp_path, monkeypatch, address
):
    broken = tmp_path / "projects.yaml"
    text = services.PROJECTS_FILE.read_text(encoding="utf-8")
    broken.write_text(
        text.replace(f"website: {JAMAICA_DIASPORA_CONNECT}", f"website: {address}"),
        encoding="utf-8",
    )
    monkeypatch.setattr(services, "PROJECTS_FILE", broken)

    with pytest.raises(DataFileError) as error:
        shipped.run("registry", force=True)

    assert "Jamaïque-22" in str(error.value) and "website" in str(error.value)
    assert Project.objects.get(code="Jamaïque-22").website == JAMAICA_DIASPORA_CONNECT


def test_the_project_page_links_to_the_website_without_vouching_for_it(client, with_website):
    page = client.get(with_website.get_absolute_url()).content.decode()

    assert 'href="https://example.org/kayes-water"' in page
    assert 'rel="nofollow noopener noreferrer external"' in page


def test_a_project_without_website_shows_no_website_line(client):
    project = make_project("Projet sans site")

    assert "Website" not in client.get(project.get_absolute_url()).content.decode()


def test_the_csv_export_has_a_website_column(client, with_website):
    response = client.get("/projects/export.csv", {"q": "", "sort": "code"})
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))

    by_code = {row["code"]: row for row in rows}
    assert by_code[with_website.code]["website"] == "https://example.org/kayes-water"
    assert by_code["Jamaïque-22"]["website"] == JAMAICA_DIASPORA_CONNECT


def test_the_json_export_and_the_api_give_the_website(client, with_website):
    exported = json.loads(client.get("/projects/export.json").content)
    by_code = {item["code"]: item for item in exported["items"]}
    assert by_code[with_website.code]["website"] == with_website.website

    detail = client.get(f"/api/projects/{with_website.code}").json()
    assert detail["website"] == "https://example.org/kayes-water"


def test_the_iati_export_links_the_website_as_an_activity_web_page(settings):
    buffer = io.BytesIO()
    write_iati(Project.objects.filter(code="Jamaïque-22"), buffer)
    document = etree.parse(io.BytesIO(buffer.getvalue()))

    schema = load_schema(str(settings.M4D_IATI_SCHEMA_DIR / "iati-activities-schema.xsd"))
    assert schema.errors(document) == []
    link = document.find(".//document-link")
    assert link.get("url") == JAMAICA_DIASPORA_CONNECT
    assert link.find("category").get("code") == "A12"


def test_an_imported_activity_web_page_becomes_the_website_and_other_links_do_not():
    project = make_project("Projet exporté", code="XM-TEST-web", website="https://example.org/a")
    buffer = io.BytesIO()
    write_iati(Project.objects.filter(pk=project.pk), buffer)
    exported = buffer.getvalue().decode()
    project.delete()

    import_iati_file(io.BytesIO(exported.encode()), filename="one.xml")
    assert Project.objects.get(title_fr="Projet exporté").website == "https://example.org/a"

    hostile = exported.replace('url="https://example.org/a"', 'url="javascript:alert(1)"')
    import_iati_file(io.BytesIO(hostile.encode()), filename="one.xml")
    assert Project.objects.get(title_fr="Projet exporté").website == ""


def test_an_editor_sets_the_website_on_the_edit_page_and_it_is_audited(client, editor):
    project = make_project("Projet à corriger")
    client.force_login(editor)

    response = client.post(
        reverse("projects:edit", args=[project.slug]),
        {"title_fr": "Projet à corriger", "countries": "SN, FR", "website": "example.org/p"},
    )

    assert response.status_code == 302
    project.refresh_from_db()
    assert project.website == "https://example.org/p"
    entry = AuditEntry.objects.filter(object_id=str(project.pk)).latest("pk")
    assert "website" in entry.data


def test_the_edit_page_refuses_an_address_that_is_not_http(client, editor):
    project = make_project("Projet à corriger")
    client.force_login(editor)

    response = client.post(
        reverse("projects:edit", args=[project.slug]),
        {"title_fr": "Projet à corriger", "countries": "SN", "website": "ftp://example.org/p"},
    )

    assert response.status_code == 200
    assert "ftp://example.org/p" in response.content.decode()  # what was typed is kept
    project.refresh_from_db()
    assert project.website == ""


def test_an_editor_corrects_the_website_in_the_admin(client, editor):
    project = make_project("Projet de l'admin")
    client.force_login(editor)
    url = reverse("admin:projects_project_change", args=[project.pk])

    response = client.post(
        url, admin_form_data(client.get(url), website="https://example.org/admin")
    )

    assert response.status_code == 302
    project.refresh_from_db()
    assert project.website == "https://example.org/admin"
    assert AuditEntry.objects.filter(object_id=str(project.pk), action__endswith="updated").exists()


def test_synthetic_projects_have_websites_one_in_three(db):
    synthetic.generate(projects=30, organisations=5, seed=3)
    made = Project.objects.filter(source=Project.Source.SYNTHETIC)

    with_sites = made.exclude(website="")
    assert with_sites.count() == 10
    assert all(p.website.startswith("https://example.org/syn-") for p in with_sites)
