"""The handbook's case studies: toolbox content loaded from toolbox/data/cases.yaml, shown at
/toolbox/cases/, with the old /projects/cases/ addresses redirecting there."""

from __future__ import annotations

import pytest
from django.utils.html import escape

from m4d.core import search, shipped
from m4d.core.datafiles import DataFileError
from m4d.core.typography import typeset
from m4d.toolbox import cases
from m4d.toolbox.models import CaseStudy

pytestmark = pytest.mark.django_db


def test_the_23_boxes_are_case_studies_linked_to_projects():
    assert sorted(CaseStudy.objects.values_list("box", flat=True)) == list(range(1, 24))
    case = CaseStudy.objects.get(box=10)
    assert case.project.code == "Égypte-11"
    assert case.summary_en and case.summary_fr and case.summary_en != case.summary_fr


def test_case_study_pages_live_in_the_toolbox(client):
    assert "Box 10" in client.get("/toolbox/cases/").content.decode()
    html = client.get("/toolbox/cases/10/?lang=fr").content.decode()
    assert "Encadré 10" in html and "Égypte-11" in html
    assert client.get("/toolbox/cases/99/").status_code == 404


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_every_case_study_page_shows_its_projects_own_title(client, lang):
    for case in CaseStudy.objects.exclude(project=None).select_related("project"):
        title = case.project.title_en if lang == "en" else case.project.title_fr
        html = client.get(case.get_absolute_url(), {"lang": lang}).content.decode()
        assert escape(typeset(title, lang)) in html, case.box


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_box_printed_under_its_projects_title_carries_that_title_in_both_languages(lang):
    for case in CaseStudy.objects.exclude(project=None).select_related("project"):
        if case.title_fr == case.project.title_fr:
            title, project_title = (
                (case.title_en, case.project.title_en)
                if lang == "en"
                else (case.title_fr, case.project.title_fr)
            )
            assert title == project_title, case.box


def test_the_old_case_study_addresses_redirect_permanently(client):
    response = client.get("/projects/cases/")
    assert response.status_code == 301 and response["Location"] == "/toolbox/cases/"
    response = client.get("/projects/cases/10/")
    assert response.status_code == 301 and response["Location"] == "/toolbox/cases/10/"


def test_a_project_page_shows_its_case_study_from_the_toolbox(client):
    html = client.get("/projects/egypte-11/", {"lang": "en"}).content.decode()
    assert 'href="/toolbox/cases/10/"' in html


def test_case_studies_are_found_by_search_under_their_new_address():
    hits = search.search("Encadré 10", language="fr", kinds=["case"]).hits
    assert hits and all(hit.url.startswith("/toolbox/cases/") for hit in hits)


def test_a_broken_case_file_is_refused_and_names_the_file(tmp_path, monkeypatch):
    broken = tmp_path / "cases.yaml"
    broken.write_text("- box: [unclosed\n", encoding="utf-8")
    monkeypatch.setattr(cases, "CASES_FILE", broken)
    before = CaseStudy.objects.count()
    with pytest.raises(DataFileError, match="cases.yaml"):
        shipped.run("toolbox", force=True)
    assert CaseStudy.objects.count() == before


def test_a_case_study_naming_an_unknown_project_is_refused(tmp_path, monkeypatch):
    text = cases.CASES_FILE.read_text(encoding="utf-8")
    broken = tmp_path / "cases.yaml"
    broken.write_text(text.replace("project_code: Égypte-11", "project_code: Nowhere-99", 1))
    monkeypatch.setattr(cases, "CASES_FILE", broken)
    with pytest.raises(DataFileError, match="Nowhere-99"):
        shipped.run("toolbox", force=True)
