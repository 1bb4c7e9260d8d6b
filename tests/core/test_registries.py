"""What apps register in their AppConfig.ready() is what core draws and runs: navigation, shipped
data loaders in dependency order, job kinds, panels on other apps' pages, and figures."""

from __future__ import annotations

import pytest

from m4d.core import figures, navigation, panels, shipped
from m4d.core.models import Job
from m4d.places.map import world_map
from m4d.places.models import Country
from m4d.projects.models import ProjectCountry
from tests.factories import make_organisation, make_project

pytestmark = pytest.mark.django_db


def test_the_header_draws_the_registered_navigation_in_order_and_marks_the_section(client):
    html = client.get("/countries/", {"lang": "en"}).content.decode()
    labels = ["Projects", "Organisations", "Countries", "Map", "Statistics", "Toolbox"]
    positions = [html.index(f">{label}</a></li>") for label in labels]
    assert positions == sorted(positions)
    assert '<a href="/countries/" aria-current="page">Countries</a>' in html


def test_a_newly_registered_entry_appears_in_the_header(client, monkeypatch):
    monkeypatch.setattr(navigation, "_entries", dict(navigation._entries))
    navigation.register(navigation.Entry("About m4d", "core:about", "about", order=70))
    assert ">About m4d</a></li>" in client.get("/").content.decode()


def test_shipped_loaders_run_after_the_loaders_they_name():
    names = [loader.name for loader in shipped.ordered()]
    assert names.index("countries") < names.index("registry") < names.index("toolbox")


def test_a_loader_cycle_or_an_unknown_dependency_is_refused(monkeypatch):
    monkeypatch.setattr(shipped, "_loaders", {})
    shipped.register(shipped.Loader("a", None, lambda force: False, after=("b",)))
    shipped.register(shipped.Loader("b", None, lambda force: False, after=("a",)))
    with pytest.raises(ValueError, match="cycle"):
        shipped.ordered()
    shipped.register(shipped.Loader("b", None, lambda force: False, after=("nowhere",)))
    with pytest.raises(ValueError, match="unknown 'nowhere'"):
        shipped.ordered()


def test_load_all_reports_what_ran_and_a_failing_loader_undoes_the_others(monkeypatch):
    monkeypatch.setattr(shipped, "_loaders", {})

    def write(force: bool) -> bool:
        make_organisation("Written then undone")
        return True

    def fail(force: bool) -> bool:
        raise RuntimeError("broken")

    shipped.register(shipped.Loader("first", None, write))
    assert shipped.load_all() == ["first"]
    shipped.register(shipped.Loader("second", None, fail, after=("first",)))
    with pytest.raises(RuntimeError):
        shipped.load_all()
    from m4d.organisations.models import Organisation

    assert Organisation.objects.filter(name="Written then undone").count() == 1


def test_a_finished_job_shows_its_kind_label_and_result_template(client, alice):
    job = Job.objects.create(
        kind="iati_import",
        owner=alice,
        status=Job.Status.DONE,
        result={"projects": 3, "created_organisations": 1},
    )
    client.force_login(alice)
    html = client.get(f"/jobs/{job.pk}/", {"lang": "en"}).content.decode()
    assert "IATI import" in html and "Imported 3 activities (1 new organisation)." in html
    assert f"/projects/import/iati/{job.pk}/" in html  # its review page


def test_a_job_of_an_unknown_kind_shows_the_raw_kind_and_done(client, alice):
    job = Job.objects.create(kind="mystery_kind", owner=alice, status=Job.Status.DONE)
    client.force_login(alice)
    html = client.get(f"/jobs/{job.pk}/", {"lang": "en"}).content.decode()
    assert "mystery_kind" in html and "Done." in html


def test_panels_come_in_order_and_a_panel_without_data_is_hidden(monkeypatch):
    monkeypatch.setattr(panels, "_panels", {})
    country = Country.objects.get(iso2="ML")
    panels.register("places.country", "b.html", lambda obj: {"n": 2}, order=20)
    panels.register("places.country", "a.html", lambda obj: {"n": 1}, order=10)
    panels.register("places.country", "hidden.html", lambda obj: None)
    assert [(p.template, p.data) for p in panels.panels_for(country)] == [
        ("a.html", {"n": 1}),
        ("b.html", {"n": 2}),
    ]


def test_the_country_page_shows_the_panels_projects_contributes(client):
    project = make_project("Un projet au Mali", countries=("ML", "FR"))
    html = client.get("/countries/ml/", {"lang": "en"}).content.decode()
    assert "Migration corridors" in html and project.get_absolute_url() in html
    assert "Mali → France" in html


def test_the_organisation_page_shows_projects_and_co_partners_from_projects(client):
    ours, theirs = make_organisation("Nous"), make_organisation("Eux")
    project = make_project("Projet partagé", partners=[ours, theirs])
    html = client.get(ours.get_absolute_url(), {"lang": "en"}).content.decode()
    assert project.get_absolute_url() in html and theirs.get_absolute_url() in html
    assert "1 shared project" in html


def test_project_counts_per_country_come_from_the_registered_figure():
    counts = figures.counts_for("places.country")["project_count"]
    mali = Country.objects.get(iso2="ML")
    assert counts[mali.pk] == ProjectCountry.objects.filter(country=mali).count() > 0


def test_without_a_registered_figure_the_map_shades_nothing(monkeypatch):
    assert any(shape.shade for shape in world_map().shapes)
    monkeypatch.setattr(figures, "_figures", {})
    assert not any(shape.shade for shape in world_map().shapes)
