"""CSV exports: a separator choice (`;` for Excel set to French), labels instead of codes on
request, absolute links; the same options on the command line."""

from __future__ import annotations

import csv
import io

import pytest

from m4d import cli
from tests.factories import make_organisation, make_project

pytestmark = pytest.mark.django_db


def rows(response) -> list[list[str]]:
    text = response.content.decode("utf-8-sig")
    dialect = csv.Sniffer().sniff(text.splitlines()[0], delimiters=",;")
    return list(csv.reader(io.StringIO(text), delimiter=dialect.delimiter))


@pytest.fixture
def project():
    partner = make_organisation("Réseau Test", type="ngo", country_code="IS")
    return make_project("Projet CSV", countries=("IS",), partners=[partner], capitals=("social",))


def test_the_default_csv_uses_commas_codes_and_absolute_links(client, project, settings):
    settings.M4D_BASE_URL = "https://m4d.example.org"
    response = client.get("/projects/export.csv", {"country": "IS"})
    header, row = rows(response)
    assert response.content.decode("utf-8-sig").startswith("code,")
    assert row[header.index("partner_types")] == "ngo"
    assert row[header.index("capitals")] == "social"
    assert row[header.index("url")] == f"https://m4d.example.org{project.get_absolute_url()}"


def test_sep_semicolon_and_labels_give_a_file_for_excel_in_french(client, project):
    response = client.get(
        "/projects/export.csv", {"country": "IS", "sep": "semicolon", "labels": "1", "lang": "fr"}
    )
    text = response.content.decode("utf-8-sig")
    assert text.startswith("code;title_fr;")
    header, row = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert row[header.index("partner_types")] == "ONG / société civile"
    assert row[header.index("capitals")] == "Capital social"


def test_an_unknown_separator_is_refused_with_a_clear_message(client, project):
    response = client.get("/projects/export.csv", {"sep": "pipe"})
    assert response.status_code == 400
    assert "sep=semicolon" in response.content.decode()


def test_the_list_offers_the_french_excel_download(client, project):
    html = client.get("/projects/", {"country": "IS"}).content.decode()
    assert "sep=semicolon&amp;labels=1" in html


def test_the_command_line_takes_the_same_options(tmp_path, project):
    out = tmp_path / "projects.csv"
    cli.main(["export", "projects", "--format", "csv", "--out", str(out), "--sep", ";", "--labels"])
    text = out.read_text(encoding="utf-8-sig")
    assert text.startswith("code;")


def test_the_command_line_refuses_an_unknown_separator(tmp_path, capsys):
    with pytest.raises(SystemExit):
        cli.main(
            ["export", "projects", "--format", "csv", "--out", str(tmp_path / "x"), "--sep", "|"]
        )
    assert "unknown CSV separator" in capsys.readouterr().err
