"""The shipped registry: 51 projects exactly as the annex lists them, deduplicated organisations,
idempotent loading, and a broken file that changes nothing."""

from __future__ import annotations

import re

import pytest

from m4d.core import shipped
from m4d.core.datafiles import DataFileError
from m4d.organisations.models import Organisation
from m4d.projects import services
from m4d.projects.models import Partnership, Project, ProjectCountry
from m4d.projects.selectors import find_project

pytestmark = pytest.mark.django_db


def annex_codes(handbook: str) -> list[str]:
    annex = handbook[handbook.index("Annexe - Liste des projets") :]
    # A code may be split across lines by the PDF conversion: "Équateur \n-8", "Philippines-\n41".
    return re.findall(
        r"^[ \t]*([A-ZÉ][^\s\d•-]*(?:[ -][A-Z][a-z]+)?)[ \t]*\n?[ \t]*-[ \t]*\n?(\d{1,2})\b",
        annex,
        flags=re.MULTILINE,
    )


def test_the_registry_holds_the_51_annex_projects(shared_dir):
    handbook = (shared_dir / "handbook-jmdi-fr.txt").read_text(encoding="utf-8")
    numbers = sorted(int(n) for _prefix, n in annex_codes(handbook))
    assert numbers == list(range(1, 52))
    handbook_projects = Project.objects.filter(source=Project.Source.HANDBOOK)
    assert handbook_projects.count() == 51
    assert sorted(handbook_projects.values_list("number", flat=True)) == numbers


def test_codes_are_normalised_to_french_country_names():
    assert Project.objects.filter(code="Algérie-1").exists()
    assert Project.objects.filter(code="Moldavie-27").exists()
    assert not Project.objects.filter(code__startswith="Moldova").exists()


@pytest.mark.parametrize(
    "value",
    [
        "Moldova-27",
        "moldavie-27",
        "Moldavie-27",
        "Moldavie%2D27",
        "Mold%C3%A1vie-27".replace("%C3%A1", "a"),
    ],
)
def test_printed_and_slug_codes_resolve(value):
    assert find_project(value).code == "Moldavie-27"


def test_a_wrong_country_prefix_does_not_resolve():
    assert find_project("Mali-27") is None


def test_project_countries_and_partners_keep_annex_order():
    project = Project.objects.with_relations().get(code="Algérie-1")
    assert [c.iso2 for c in project.ordered_countries] == ["DZ", "FR"]
    assert project.ordered_partners[0].name.startswith(
        "Association Nationale de Volontariat Touiza"
    )
    assert project.title_fr == "Nouvelles solidarités et co-développement en Algérie"
    assert project.title_en


def test_an_organisation_partnering_in_two_projects_is_one_record():
    forum = Organisation.objects.get(name__startswith="Forum algérien pour la Citoyenneté")
    assert sorted(forum.projects.values_list("code", flat=True)) == ["Algérie-2", "Algérie-3"]


def test_every_organisation_has_a_type_from_the_closed_list_and_a_country():
    for organisation in Organisation.objects.filter(source=Organisation.Source.HANDBOOK):
        assert organisation.type in Organisation.Type.values
        assert organisation.country is not None


def test_loading_twice_changes_nothing():
    before = (
        Project.objects.count(),
        Organisation.objects.count(),
        Partnership.objects.count(),
        ProjectCountry.objects.count(),
    )
    assert shipped.run("registry") is False  # unchanged files are not reloaded
    shipped.run("registry", force=True)
    after = (
        Project.objects.count(),
        Organisation.objects.count(),
        Partnership.objects.count(),
        ProjectCountry.objects.count(),
    )
    assert after == before


def test_a_broken_projects_file_is_refused_and_nothing_changes(tmp_path, monkeypatch):
    broken = tmp_path / "projects.yaml"
    text = services.PROJECTS_FILE.read_text(encoding="utf-8")
    broken.write_text(
        text
        + "\n- code: Nowhere-99\n  title_fr: X\n  title_en: X\n  partners: [no-such-org]\n  countries: [ZZ]\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(services, "PROJECTS_FILE", broken)
    before = Project.objects.count()
    with pytest.raises(DataFileError) as error:
        shipped.run("registry", force=True)
    assert "no-such-org" in str(error.value) and "ZZ" in str(error.value)
    assert Project.objects.count() == before
    assert not Project.objects.filter(code="Nowhere-99").exists()
