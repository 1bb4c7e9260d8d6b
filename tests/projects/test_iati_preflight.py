"""IATI pre-flight: the Standard's rules its schema cannot check, on the project page for those who
may edit it, and summarised (or enforced with --strict / ?strict=1) by the exports."""

from __future__ import annotations

import datetime

import pytest
from lxml import etree

from m4d.projects import iati_preflight
from m4d.projects.iati_preflight import (
    CODES,
    FUTURE_ACTUAL,
    IDENTIFIER,
    PERCENTAGES,
    REPORTING,
    SECTOR,
    START_DATE,
    check,
    preflight,
)
from m4d.projects.models import Project
from tests.factories import make_project

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("quick_passwords")]

REF = "XM-EXAMPLE-M4D"


@pytest.fixture
def configured(settings):
    settings.M4D_IATI_REPORTING_ORG = {**settings.M4D_IATI_REPORTING_ORG, "ref": REF}


def rules(project: Project) -> list[str]:
    return [failure.rule for failure in preflight(project)]


def complete_project(**fields) -> Project:
    return make_project("Projet complet", start_date=datetime.date(2018, 5, 1), **fields)


def test_a_complete_migration_project_passes_once_the_reporting_org_is_configured(configured):
    assert preflight(complete_project()) == []


def test_the_unconfigured_reporting_organisation_is_one_failure_without_a_field(settings):
    failures = preflight(complete_project())
    assert [f.rule for f in failures] == [REPORTING]
    assert "M4D_IATI_REPORTING_REF" in failures[0].message and failures[0].url == ""


def test_each_failure_links_to_the_field_that_fixes_it(configured):
    project = make_project("Incomplet", migration_sector=False, iati_identifier="XM-OTHER-1")
    failures = {f.rule: f for f in preflight(project)}
    assert set(failures) == {START_DATE, SECTOR, IDENTIFIER}
    edit = f"/projects/{project.slug}/edit/"
    assert failures[START_DATE].url == edit + "#id_start_date"
    assert failures[SECTOR].url == edit + "#id_migration_sector"
    assert failures[IDENTIFIER].url == edit + "#id_iati_identifier"
    assert "XM-OTHER-1" in failures[IDENTIFIER].message and REF in failures[IDENTIFIER].message


def test_an_identifier_of_the_reporting_organisation_passes(configured):
    assert rules(complete_project(iati_identifier=f"{REF}-42")) == []


def activity(body: str) -> etree._Element:
    return etree.fromstring(
        f'<iati-activity xml:lang="en"><iati-identifier>{REF}-1</iati-identifier>{body}</iati-activity>'
    )


def test_percentages_of_sectors_and_recipient_countries_must_sum_to_100(configured):
    project = complete_project()
    failures = check(
        project,
        activity(
            '<recipient-country code="SN" percentage="60"/>'
            '<recipient-country code="ML" percentage="30"/>'
            '<sector vocabulary="1" code="15190" percentage="100"/>'
            '<sector vocabulary="8" code="10.7" percentage="50"/>'
        ),
        REF,
    )
    assert [f.rule for f in failures] == [PERCENTAGES, PERCENTAGES]
    messages = " ".join(f.message for f in failures)
    assert "sum to 50" in messages and "sum to 90" in messages
    assert {f.field for f in failures} == {"migration_sector", "countries"}


def test_a_sector_on_every_transaction_stands_for_the_activitys(configured):
    on_transactions = activity(
        '<transaction><sector code="15190"/></transaction><transaction><sector code="15190"/></transaction>'
    )
    assert SECTOR not in [f.rule for f in check(complete_project(), on_transactions, REF)]
    one_missing = activity('<transaction><sector code="15190"/></transaction><transaction/>')
    assert SECTOR in [f.rule for f in check(complete_project(), one_missing, REF)]


def test_an_actual_date_in_the_future_fails_and_a_planned_one_does_not(configured):
    later = (datetime.date.today() + datetime.timedelta(days=10)).isoformat()
    dates = (
        f'<activity-date type="2" iso-date="{later}"/><activity-date type="3" iso-date="{later}"/>'
    )
    failures = check(complete_project(), activity(dates + '<sector code="15190"/>'), REF)
    assert [(f.rule, f.field) for f in failures] == [(FUTURE_ACTUAL, "start_date")]


def test_a_code_outside_its_codelist_is_a_failure_naming_it(configured):
    failures = check(complete_project(), activity('<sector vocabulary="1" code="12"/>'), REF)
    assert CODES in [f.rule for f in failures]
    assert "'12' is not in the Sector codelist" in " ".join(f.message for f in failures)


def test_the_project_page_shows_the_preflight_to_editors_only(client, editor, alice):
    project = make_project("Sans date")
    for user in (None, alice):
        if user:
            client.force_login(user)
        html = client.get(project.get_absolute_url(), {"lang": "en"}).content.decode()
        assert "IATI pre-flight" not in html
    client.force_login(editor)
    html = client.get(project.get_absolute_url(), {"lang": "en"}).content.decode()
    assert "IATI pre-flight" in html
    assert f'href="/projects/{project.slug}/edit/#id_start_date"' in html
    french = client.get(project.get_absolute_url(), {"lang": "fr"}).content.decode()
    assert "Contrôle IATI avant export" in french


def test_a_project_that_passes_says_so(client, editor, configured):
    project = complete_project()
    client.force_login(editor)
    html = client.get(project.get_absolute_url(), {"lang": "en"}).content.decode()
    assert "follows the rules of the IATI Standard" in html


def test_the_edit_page_saves_the_fields_the_preflight_links_to(client, editor, configured):
    project = make_project("À compléter", countries=("SN",), migration_sector=False)
    client.force_login(editor)
    response = client.post(
        f"/projects/{project.slug}/edit/",
        {
            "title_fr": "À compléter",
            "countries": "SN",
            "start_date": "2017-02-01",
            "end_date": "2016-01-01",
            "migration_sector": "on",
            "iati_identifier": f"{REF}-7",
        },
    )
    assert "The end date comes before the start date." in response.content.decode()
    project.refresh_from_db()
    assert project.start_date is None  # nothing saved from an invalid form
    client.post(
        f"/projects/{project.slug}/edit/",
        {
            "title_fr": "À compléter",
            "countries": "SN",
            "start_date": "2017-02-01",
            "migration_sector": "on",
            "iati_identifier": f"{REF}-7",
        },
    )
    project.refresh_from_db()
    assert (project.start_date, project.migration_sector) == (datetime.date(2017, 2, 1), True)
    assert preflight(project) == []


def test_the_export_view_summarises_the_preflight_and_refuses_with_strict(client, configured):
    make_project("Sans date pour l'export")
    export = client.get("/projects/export.iati").content.decode()
    assert "IATI pre-flight, projects breaking a rule" in export and "start date" in export
    strict = client.get("/projects/export.iati", {"strict": "1"})
    assert strict.status_code == 400
    assert "IATI pre-flight, projects breaking a rule" in strict.content.decode()
    assert "<iati-activities" not in strict.content.decode()


def test_the_export_command_warns_and_with_strict_writes_nothing(tmp_path, monkeypatch, capsys):
    from m4d import cli

    monkeypatch.setattr(cli, "_prepare", lambda verbose=True: None)  # the test database is ready
    out = tmp_path / "registry.xml"
    cli.main(["export", "projects", "--format", "iati", "--out", str(out)])
    err = capsys.readouterr().err
    assert "warning: IATI pre-flight, projects breaking a rule: 51 of 51 (start date (51)" in err
    out.unlink()

    with pytest.raises(SystemExit) as exited:
        cli.main(["export", "projects", "--format", "iati", "--strict", "--out", str(out)])
    assert exited.value.code != 0
    assert "refused (--strict), nothing written" in capsys.readouterr().err
    assert not out.exists()


def test_the_export_summary_counts_each_rule_once_per_project(configured):
    report = iati_preflight.Report()
    project = make_project("Deux fautes", migration_sector=False)
    report.see(project, activity(""), REF)
    assert (report.projects, report.failing) == (1, 1)
    assert report.by_rule == {START_DATE: 1, SECTOR: 1}
    assert report.rules_summary().startswith("IATI pre-flight, projects breaking a rule: 1 of 1")


def test_synthetic_projects_show_the_preflight_every_case(configured):
    from m4d.projects import synthetic

    synthetic.generate(projects=40, organisations=5, seed=3)
    made = Project.objects.filter(source=Project.Source.SYNTHETIC)
    assert made.filter(start_date__isnull=True).count() == 10
    assert made.filter(end_date__isnull=False).count() == 10
    assert made.filter(migration_sector=False).count() == 4
    report = iati_preflight.report_for(made)
    assert report.by_rule[START_DATE] == 10 and report.by_rule[SECTOR] == 4
    assert all(
        start <= end
        for start, end in made.filter(end_date__isnull=False).values_list("start_date", "end_date")
    )
