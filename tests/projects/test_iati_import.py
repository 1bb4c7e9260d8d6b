"""Importing IATI 2.03 activity files: all or nothing, with messages that name the element and line."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

import m4d
from m4d.core.models import AuditEntry
from m4d.lib.iati_schema import SHIPPED_DIR
from m4d.organisations.models import Organisation
from m4d.projects import iati
from m4d.projects.iati import IatiImportError, import_iati_file, write_iati
from m4d.projects.models import Partnership, Project, ProjectCountry
from tests.shared import require_shared, shared_files

PASSING_DIRS = ["tests/activity-tests/should-pass", "tests/should-pass/iati-activities"]
FAILING_DIRS = ["tests/activity-tests/should-fail", "tests/should-fail/iati-activities"]


def counts() -> dict[str, int]:
    return {
        model.__name__: model.objects.count()
        for model in (Project, Organisation, Partnership, ProjectCountry, AuditEntry)
    }


NAMES_ELEMENT_AND_LINE = re.compile(r"line \d+: element '[\w:{}/.-]+'")

ACTIVITY = """<?xml version="1.0" encoding="UTF-8"?>
<iati-activities version="2.03" generated-datetime="2024-05-01T10:00:00Z" xml:lang="en">
  <iati-activity xml:lang="{lang}">
    <iati-identifier>XM-EXAMPLE-{number}</iati-identifier>
    <reporting-org ref="XM-EXAMPLE" type="22"><narrative>Example NGO</narrative></reporting-org>
    <title>
      <narrative>{title}</narrative>
      <narrative xml:lang="en">Savings of migrants for rural water</narrative>
    </title>
    <description type="1">
      <narrative>Des associations de migrants financent l'eau potable.</narrative>
      <narrative xml:lang="en">Migrant associations fund drinking water.</narrative>
    </description>
    <participating-org ref="XI-IATI-EXAMPLE-ORG-1" type="11" role="4">
      <narrative>Commune de Kayes (exemple)</narrative>
    </participating-org>
    <participating-org type="80" role="4"><narrative>Université exemple de Bamako</narrative></participating-org>
    <participating-org role="1"/>
    <activity-status code="2"/>
    <activity-date type="2" iso-date="2021-01-15"/>
    <recipient-country code="ML" percentage="70"/>
    <recipient-country code="FR" percentage="30"/>
  </iati-activity>
</iati-activities>
"""


def activity_file(
    *, number: int = 1, title: str = "Épargne des migrants pour l'eau rurale", lang: str = "fr"
) -> io.BytesIO:
    return io.BytesIO(ACTIVITY.format(number=number, title=title, lang=lang).encode("utf-8"))


@pytest.mark.django_db
@pytest.mark.parametrize("path", shared_files(PASSING_DIRS))
def test_every_should_pass_activity_file_imports(path, shared_dir):
    with path.open("rb") as handle:
        result = import_iati_file(handle, filename=path.name)

    assert result.projects >= 1
    assert Project.objects.filter(source=Project.Source.IATI).count() >= 1


@pytest.mark.django_db
@pytest.mark.parametrize("path", shared_files(FAILING_DIRS))
def test_every_should_fail_activity_file_is_rejected_naming_element_and_line(path, shared_dir):
    before = counts()
    with path.open("rb") as handle, pytest.raises(IatiImportError) as caught:
        import_iati_file(handle, filename=path.name)

    assert NAMES_ELEMENT_AND_LINE.search(str(caught.value)), str(caught.value)
    assert counts() == before


@pytest.mark.django_db
@pytest.mark.parametrize("path", shared_files(["test-data/activities"]))
def test_old_iati_1_publisher_files_are_refused_clearly(path, shared_dir):
    before = counts()
    with path.open("rb") as handle, pytest.raises(IatiImportError) as caught:
        import_iati_file(handle, filename=path.name)

    assert "IATI 1.x files are not supported; this importer reads IATI 2.03 activity files" in str(
        caught.value
    )
    assert counts() == before


def with_codes(*replacements: tuple[str, str]) -> str:
    content = ACTIVITY.format(number=1, title="Épargne des migrants", lang="fr")
    for old, new in replacements:
        assert old in content
        content = content.replace(old, new, 1)
    return content


SECTOR_AFTER = (
    '<recipient-country code="FR" percentage="30"/>',
    '<recipient-country code="FR" percentage="30"/>\n    <sector vocabulary="{vocabulary}" code="{code}"/>',
)


def sector(code: str, vocabulary: str = "1") -> tuple[str, str]:
    return SECTOR_AFTER[0], SECTOR_AFTER[1].format(code=code, vocabulary=vocabulary)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("replacement", "element", "attribute", "code", "codelist"),
    [
        pytest.param(
            ('type="11" role="4"', 'type="12" role="4"'),
            "participating-org",
            "type",
            "12",
            "OrganisationType",
            id="organisation-type",
        ),
        pytest.param(
            ('ref="XM-EXAMPLE" type="22"', 'ref="XM-EXAMPLE" type="99"'),
            "reporting-org",
            "type",
            "99",
            "OrganisationType",
            id="reporting-organisation-type",
        ),
        pytest.param(
            ('role="1"/>', 'role="7"/>'),
            "participating-org",
            "role",
            "7",
            "OrganisationRole",
            id="role",
        ),
        pytest.param(
            ('code="FR"', 'code="QQ"'), "recipient-country", "code", "QQ", "Country", id="country"
        ),
        pytest.param(
            ('<iati-activity xml:lang="fr">', '<iati-activity xml:lang="qq">'),
            "iati-activity",
            "xml:lang",
            "qq",
            "Language",
            id="language",
        ),
        pytest.param(
            (
                '<iati-activity xml:lang="fr">',
                '<iati-activity xml:lang="fr" default-currency="EUX">',
            ),
            "iati-activity",
            "default-currency",
            "EUX",
            "Currency",
            id="currency",
        ),
        pytest.param(
            ('activity-status code="2"', 'activity-status code="9"'),
            "activity-status",
            "code",
            "9",
            "ActivityStatus",
            id="activity-status",
        ),
        pytest.param(sector("99999"), "sector", "code", "99999", "Sector", id="sector"),
        pytest.param(
            sector("999", vocabulary="2"),
            "sector",
            "code",
            "999",
            "SectorCategory",
            id="sector-category",
        ),
    ],
)
def test_a_code_outside_its_codelist_is_refused_naming_element_code_and_line(
    replacement, element, attribute, code, codelist
):
    content = with_codes(replacement)
    needle = replacement[1].splitlines()[-1].strip()  # the line the new code is on
    line = next(n for n, text in enumerate(content.splitlines(), 1) if needle in text)
    before = counts()

    with pytest.raises(IatiImportError) as caught:
        import_iati_file(content.encode())

    assert (
        f"line {line}: element '{element}', attribute '{attribute}': '{code}' is not in the {codelist} codelist"
        in str(caught.value)
    ), str(caught.value)
    assert counts() == before


@pytest.mark.django_db
def test_codes_in_their_codelists_import_and_other_sector_vocabularies_are_not_checked():
    content = with_codes(
        sector("15190"),
        ('<iati-activity xml:lang="fr">', '<iati-activity xml:lang="fr" default-currency="EUR">'),
        ('code="ML"', 'code="ml"'),
    ).replace(
        '<sector vocabulary="1" code="15190"/>',
        '<sector vocabulary="1" code="15190"/><sector vocabulary="99" code="local-7"/>',
    )

    result = import_iati_file(content.encode())

    assert result.created_projects == 1


@pytest.mark.django_db
def test_every_unknown_code_is_listed_not_only_the_first():
    content = with_codes(
        ('code="FR"', 'code="QQ"'), ('activity-status code="2"', 'activity-status code="9"')
    )

    with pytest.raises(IatiImportError) as caught:
        import_iati_file(content.encode())

    assert "'QQ' is not in the Country codelist" in str(caught.value)
    assert "'9' is not in the ActivityStatus codelist" in str(caught.value)


def test_the_unknown_code_message_is_translated():
    from django.utils import translation

    content = with_codes(('code="FR"', 'code="QQ"'))
    with translation.override("fr"), pytest.raises(IatiImportError) as caught:
        iati.parse_activities(content.encode())

    assert "n'est pas dans la liste de codes Country" in str(caught.value), str(caught.value)


@pytest.mark.django_db
def test_an_activity_becomes_a_project_with_partners_and_countries(editor):
    result = import_iati_file(activity_file(), filename="example.xml", by=editor)

    assert result.projects == 1
    assert result.created_projects == 1
    assert result.created_organisations == 2
    project = Project.objects.get(code="XM-EXAMPLE-1")
    assert project.iati_identifier == "XM-EXAMPLE-1"
    assert project.source == Project.Source.IATI
    assert project.title_fr == "Épargne des migrants pour l'eau rurale"
    assert project.title_en == "Savings of migrants for rural water"
    assert project.summary_fr == "Des associations de migrants financent l'eau potable."
    assert project.summary_en == "Migrant associations fund drinking water."
    assert [c.iso2 for c in project.ordered_countries] == ["ML", "FR"]
    partners = project.ordered_partners
    assert [(p.name, p.type, p.iati_identifier) for p in partners] == [
        ("Commune de Kayes (exemple)", Organisation.Type.LOCAL_AUTHORITY, "XI-IATI-EXAMPLE-ORG-1"),
        ("Université exemple de Bamako", Organisation.Type.UNIVERSITY, ""),
    ]
    assert all(p.source == Organisation.Source.IATI for p in partners)


@pytest.mark.django_db
def test_narratives_without_a_language_take_the_activity_default():
    import_iati_file(activity_file(lang="en", title="Migrants' savings"))

    project = Project.objects.get(code="XM-EXAMPLE-1")
    assert project.title_en == "Migrants' savings"
    assert (
        project.title_fr == "Migrants' savings"
    )  # no French title: save_project falls back to English


@pytest.mark.django_db
def test_reimporting_a_file_updates_rather_than_duplicates():
    import_iati_file(activity_file())
    before = counts()
    result = import_iati_file(activity_file(title="Titre corrigé"))

    after = counts()
    assert result.created_projects == 0
    assert result.created_organisations == 0
    assert Project.objects.get(code="XM-EXAMPLE-1").title_fr == "Titre corrigé"
    assert {k: v for k, v in after.items() if k != "AuditEntry"} == {
        k: v for k, v in before.items() if k != "AuditEntry"
    }


@pytest.mark.django_db
def test_reimporting_a_file_without_identifiers_updates_the_same_projects():
    path = require_shared("iati/tests/activity-tests/should-pass/22-participating-org.xml")
    import_iati_file(path.read_bytes())
    before = Project.objects.count()
    import_iati_file(path.read_bytes())

    assert Project.objects.count() == before


@pytest.mark.django_db
def test_each_import_is_recorded_in_the_audit_log(editor):
    import_iati_file(activity_file(), filename="example.xml", by=editor)

    entry = AuditEntry.objects.get(action="projects.iati_imported")
    assert entry.actor == editor
    assert entry.data["filename"] == "example.xml"
    assert entry.data["activities"] == 1


@pytest.mark.django_db
def test_a_failure_while_writing_leaves_the_database_unchanged(monkeypatch):
    calls = []
    real = iati.match_or_create_organisation

    def fail_on_second(**kwargs):
        calls.append(kwargs)
        if len(calls) == 2:
            raise RuntimeError("disk full")
        return real(**kwargs)

    monkeypatch.setattr(iati, "match_or_create_organisation", fail_on_second)
    before = counts()
    with pytest.raises(IatiImportError, match="nothing was saved: disk full"):
        import_iati_file(activity_file())

    assert counts() == before


@pytest.mark.django_db
def test_an_organisations_file_is_refused():
    path = next(require_shared("iati/tests/organisation-tests/should-pass").glob("*.xml"))
    with pytest.raises(IatiImportError, match="IATI organisations file"):
        import_iati_file(path.read_bytes())


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("content", "message"),
    [
        pytest.param(b"", "The file is empty", id="empty"),
        pytest.param(b"   \n", "The file is empty", id="blank"),
        pytest.param(b"code,title\nX,Y\n", r"not well-formed XML\. \(line 1", id="csv"),
        pytest.param(
            b"<iati-activities version='2.03'><iati-activity>",
            r"not well-formed XML\. \(line 1",
            id="truncated",
        ),
        pytest.param(
            b"<projects/>",
            r"root element should be iati-activities\. \(line 1: element 'projects'",
            id="wrong-root",
        ),
        pytest.param(
            b"<iati-activities version='2.03'></iati-activities>",
            r"line 1: element 'iati-activities': Missing child element",
            id="no-activity",
        ),
    ],
)
def test_unusable_files_are_refused_with_a_clear_message(content, message):
    before = counts()
    with pytest.raises(IatiImportError, match=message):
        import_iati_file(io.BytesIO(content))

    assert counts() == before


@pytest.mark.django_db
@pytest.mark.parametrize(
    "content",
    [
        pytest.param(
            b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
            b'<iati-activities version="2.03">&x;</iati-activities>',
            id="xxe",
        ),
        pytest.param(
            b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">'
            b'<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>'
            b'<iati-activities version="2.03">&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;</iati-activities>',
            id="billion-laughs",
        ),
    ],
)
def test_entity_tricks_are_refused(content):
    with pytest.raises(IatiImportError, match="DOCTYPE"):
        import_iati_file(io.BytesIO(content))


@pytest.mark.django_db
def test_export_then_import_creates_no_duplicates():
    buffer = io.BytesIO()
    write_iati(Project.objects.all(), buffer)
    before = counts()
    numbers = dict(Project.objects.values_list("code", "number"))
    capitals = {p.code: p.capital_values for p in Project.objects.prefetch_related("capital_links")}
    sources = dict(Project.objects.values_list("code", "source"))
    corridors = {
        p.code: [c.iso2 for c in p.ordered_countries] for p in Project.objects.with_relations()
    }

    result = import_iati_file(io.BytesIO(buffer.getvalue()), filename="registry.xml")

    after = counts()
    assert result.projects == 51
    assert result.created_projects == 0
    assert result.created_organisations == 0
    for model in ("Project", "Organisation", "Partnership", "ProjectCountry"):
        assert after[model] == before[model], model
    assert dict(Project.objects.values_list("code", "number")) == numbers
    assert {
        p.code: p.capital_values for p in Project.objects.prefetch_related("capital_links")
    } == capitals
    assert dict(Project.objects.values_list("code", "source")) == sources
    # Only origins are exported as recipient countries; destinations stay as they were, in order.
    assert {
        p.code: [c.iso2 for c in p.ordered_countries] for p in Project.objects.with_relations()
    } == corridors
    assert not Project.objects.exclude(iati_identifier="").exists()


@pytest.mark.django_db
def test_the_schemas_ship_with_the_package_and_are_used_unless_overridden(settings):
    # M4D_IATI_SCHEMA_DIR is not set in the tests: the default is the package's own copy.
    assert settings.M4D_IATI_SCHEMA_DIR == SHIPPED_DIR
    assert SHIPPED_DIR.is_relative_to(Path(m4d.__file__).parent)
    assert {"iati-activities-schema.xsd", "iati-common.xsd", "xml.xsd", "README.md"} <= {
        path.name for path in SHIPPED_DIR.iterdir()
    }
    assert "IATI Standard (http://iatistandard.org/)" in (SHIPPED_DIR / "README.md").read_text()

    result = import_iati_file(activity_file(), filename="example.xml")

    assert result.created_projects == 1


@pytest.mark.django_db
def test_a_missing_schema_is_reported_not_crashed(settings, tmp_path):
    settings.M4D_IATI_SCHEMA_DIR = tmp_path
    with pytest.raises(IatiImportError, match="M4D_IATI_SCHEMA_DIR"):
        import_iati_file(activity_file())


# The upload page ------------------------------------------------------------------------------------

URL = reverse("projects:import_iati")


@pytest.mark.django_db
def test_anonymous_visitors_are_sent_to_log_in(client):
    response = client.get(URL)

    assert response.status_code == 302
    assert "login" in response["Location"]


@pytest.mark.django_db
def test_a_plain_member_cannot_import(client, charlie):
    client.force_login(charlie)

    assert client.get(URL).status_code == 403
    assert (
        client.post(
            URL, {"file": SimpleUploadedFile("a.xml", activity_file().getvalue())}
        ).status_code
        == 403
    )
    assert not Project.objects.filter(code="XM-EXAMPLE-1").exists()


@pytest.mark.django_db
def test_an_editor_sees_the_upload_form(client, editor):
    client.force_login(editor)
    response = client.get(URL)

    assert response.status_code == 200
    assert b'enctype="multipart/form-data"' in response.content


@pytest.mark.django_db
def test_an_editor_imports_a_should_pass_file(client, editor):
    path = require_shared("iati/tests/activity-tests/should-pass/22-participating-org.xml")
    client.force_login(editor)
    response = client.post(
        URL, {"file": SimpleUploadedFile(path.name, path.read_bytes())}, follow=True
    )

    # The file is checked at once, then written by a background job whose page shows the outcome
    # (tests run jobs immediately).
    assert response.status_code == 200
    assert response.redirect_chain[-1][0].startswith("/jobs/")
    assert "Imported 1 activity" in response.content.decode()  # one, not "1 activities"
    assert Project.objects.filter(source=Project.Source.IATI).count() == 1


@pytest.mark.django_db
def test_a_rejected_upload_shows_the_error_and_changes_nothing(client, editor):
    path = next(require_shared("iati/tests/activity-tests/should-fail").rglob("*.xml"))
    client.force_login(editor)
    before = counts()
    response = client.post(URL, {"file": SimpleUploadedFile(path.name, path.read_bytes())})

    assert response.status_code == 200
    page = response.content.decode()
    assert "does not validate against the IATI 2.03 activities schema" in page
    assert re.search(r"line \d+: element", page)
    assert counts() == before


@pytest.mark.django_db
def test_an_unexpected_failure_of_an_import_job_is_logged_with_its_traceback(
    client, editor, monkeypatch, caplog
):
    def disk_full(**kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(iati, "match_or_create_organisation", disk_full)
    client.force_login(editor)
    response = client.post(
        URL, {"file": SimpleUploadedFile("a.xml", activity_file().getvalue())}, follow=True
    )

    assert "nothing was saved: disk full" in response.content.decode()
    (record,) = [r for r in caplog.records if r.exc_info]
    assert record.name == "m4d.projects.jobs" and record.levelname == "ERROR"
