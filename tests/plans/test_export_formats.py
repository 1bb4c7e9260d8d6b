"""The four exports of a plan: a DOCX LibreOffice opens, a PDF poppler renders, Markdown with every
step, an IATI 2.03 activity valid against the schema; in French and English, names untouched; the
big plan of the benchmark in every format."""

from __future__ import annotations

import io
import re

import docx
import pytest
from django.utils import translation
from lxml import etree

from m4d.lib.iati_schema import XML_LANG
from m4d.plans.exports import ExportError, export_plan, fonts
from m4d.plans.exports.large import large_plan
from m4d.plans.models import STEP_LABELS, Plan, ProposalTemplate
from m4d.projects.iati import schema
from tests.factories import make_plan
from tests.plans.exports_support import (
    UNICODE_PARTNER,
    docx_to_pdf,
    pdf_pages,
    pdf_text,
    small_plan,
)

pytestmark = pytest.mark.django_db

HEADINGS = {
    "en": ["Context", "Partnership", "Stakeholders", "Logical framework", "Risks", "Monitoring"],
    "fr": ["Contexte", "Partenariat", "Parties prenantes", "Cadre logique", "Risques", "Suivi"],
}


@pytest.fixture
def plan(alice) -> Plan:
    return make_plan(alice, title="Matam–Łódź enterprise", document=small_plan())


def iati_tree(content: bytes) -> etree._ElementTree:
    return etree.parse(io.BytesIO(content))


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_docx_proposal_opens_in_libreoffice_with_every_section_in_its_language(
    plan, language, tmp_path
):
    exported = export_plan(plan, "docx", language=language)
    assert exported.filename.endswith(f"-{language}.docx")
    text = pdf_text(docx_to_pdf(exported.content, tmp_path))
    for heading in HEADINGS[language]:
        assert heading in text
    assert "Matam" in text and "Łódź" in text


def test_the_docx_has_a_table_per_list_and_the_four_charts_as_images(plan):
    proposal = docx.Document(io.BytesIO(export_plan(plan, "docx", language="en").content))
    headers = [tuple(cell.text for cell in table.rows[0].cells) for table in proposal.tables]
    firsts = {header[0] for header in headers}
    assert {"Partner", "Activity", "Force", "Period", "Indicator"} <= firsts
    assert headers[[h[1] for h in headers].index("Stakeholder")][:2] == ("#", "Stakeholder")
    assert any(header[:2] == ("#", "Risk") for header in headers)
    # Stakeholder matrix, force field, work plan, risk heat map.
    assert len(proposal.inline_shapes) == 4
    partners = next(t for t in proposal.tables if t.rows[0].cells[0].text == "Partner")
    assert partners.rows[1].cells[0].text == UNICODE_PARTNER
    assert proposal.core_properties.title == "Matam–Łódź enterprise"


def test_the_pdf_renders_with_pdftoppm_and_keeps_names_outside_latin_1(plan, tmp_path):
    exported = export_plan(plan, "pdf", language="fr")
    assert exported.content.startswith(b"%PDF") and exported.media_type == "application/pdf"
    path = tmp_path / "proposal.pdf"
    path.write_bytes(exported.content)
    assert len(pdf_pages(path, tmp_path)) >= 3
    text = pdf_text(path)
    for heading in HEADINGS["fr"]:
        assert heading in text
    assert "Łódź–Dakar" in text
    assert "Sénégal" in text  # the origin's country, named in French


def test_markdown_has_every_filled_step_and_typed_markup_stays_text(plan):
    text = export_plan(plan, "md", language="en").content.decode("utf-8")
    headings = re.findall(r"^## (.+)$", text, flags=re.M)
    with translation.override("en"):
        expected = [str(label) for step, label in STEP_LABELS.items() if step != "review"]
    assert headings == expected
    # The partner's name is one escaped cell: its "|" does not add a column.
    row = next(line for line in text.splitlines() if "Łódź" in line and line.startswith("|"))
    assert row.startswith(r"| Łódź–Dakar \*diaspora\* \| network |")
    assert row.count(" | ") == 4  # five columns


def test_markdown_in_french_writes_french_labels_with_the_space_before_the_colon(plan):
    text = export_plan(plan, "md", language="fr").content.decode("utf-8")
    assert "## Partenariat" in text
    assert "**Origine\u202f:** Matam, Sénégal" in text


def test_a_plan_not_yet_monitored_has_no_monitoring_section(alice):
    document = small_plan()
    document.monitoring.periods, document.monitoring.actuals = [], []
    text = export_plan(make_plan(alice, document=document), "md", language="en").content
    assert b"## Monitoring" not in text and b"## Risks" in text


def test_an_empty_plan_exports_with_every_section_saying_it_is_not_filled_in(alice):
    plan = make_plan(alice, title="Just a title")
    text = export_plan(plan, "md", language="en").content.decode("utf-8")
    assert text.count("Not filled in yet.") == 6  # all but the context, which has its origin
    assert export_plan(plan, "docx", language="en").content.startswith(b"PK")
    assert export_plan(plan, "pdf", language="en").content.startswith(b"%PDF")


def test_the_iati_activity_validates_with_results_indicators_and_periods(plan):
    tree = iati_tree(export_plan(plan, "iati", language="en").content)
    assert schema().errors(tree) == []
    activity = tree.getroot().find("iati-activity")
    assert activity.get(XML_LANG) == "en" and activity.get("default-currency") == "EUR"
    assert activity.findtext("iati-identifier") == f"XX-M4D-UNCONFIGURED-plan-{plan.pk}"
    partners = [o.findtext("narrative") for o in activity.findall("participating-org")]
    assert partners[0] == UNICODE_PARTNER and len(partners) == 3
    assert {o.get("role") for o in activity.findall("participating-org")} == {"4"}
    assert [c.get("code") for c in activity.findall("recipient-country")] == ["SN"]
    sectors = {(s.get("vocabulary"), s.get("code")) for s in activity.findall("sector")}
    assert ("1", "15190") in sectors and ("8", "10.7") in sectors
    results = activity.findall("result")
    assert len(results) == 2
    indicators = [i for r in results for i in r.findall("indicator")]
    assert len(indicators) == 6
    first = indicators[0]
    assert first.get("measure") == "1"
    assert first.find("baseline").get("value") == "0"
    periods = first.findall("period")
    assert [p.find("period-start").get("iso-date") for p in periods] == [
        "2026-01-01",
        "2026-04-01",
    ]
    assert [p.find("actual").get("value") for p in periods] == ["3", "6"]
    # The target is the end of the plan's: on the last period only.
    assert [p.find("target") is not None for p in periods] == [False, True]
    qualitative = next(i for i in indicators if i.get("measure") == "5")
    assert qualitative.find("baseline") is None
    assert qualitative.find("period/actual/comment/narrative").text.startswith("Partners")


def test_the_iati_identifier_is_the_organisations_own_when_it_has_one(plan):
    plan.organisation.iati_identifier = "SN-RCCM-2019-B-123"
    plan.organisation.save()
    tree = iati_tree(export_plan(plan, "iati", language="fr").content)
    activity = tree.getroot().find("iati-activity")
    assert activity.findtext("iati-identifier") == f"SN-RCCM-2019-B-123-plan-{plan.pk}"
    assert activity.find("reporting-org").get("ref") == "SN-RCCM-2019-B-123"
    assert activity.find("title/narrative").get(XML_LANG) == "fr"
    assert schema().errors(tree) == []


def test_an_iati_activity_without_monitoring_has_one_period_over_the_planned_duration(alice):
    document = small_plan()
    document.monitoring.periods, document.monitoring.actuals = [], []
    document.monitoring.start = None
    document.logframe.results[1].activities = []  # a result without indicators is left out
    plan = make_plan(alice, document=document)
    tree = iati_tree(export_plan(plan, "iati", language="en").content)
    assert schema().errors(tree) == []
    activity = tree.getroot().find("iati-activity")
    assert len(activity.findall("result")) == 1
    start = activity.find("activity-date[@type='1']")
    assert start.find("narrative") is not None  # says the date is a stand-in
    end = activity.find("activity-date[@type='3']").get("iso-date")
    period = activity.find("result/indicator/period")
    assert period.find("period-start").get("iso-date") == start.get("iso-date")
    assert period.find("period-end").get("iso-date") == end
    assert period.find("target").get("value") == "50"


def test_a_plan_with_a_currency_iati_does_not_know_is_refused_with_the_reason(alice):
    document = small_plan()
    document.context.currency = "XYZ"
    plan = make_plan(alice, document=document)
    with pytest.raises(ExportError, match="XYZ"):
        export_plan(plan, "iati", language="en")


def test_the_administrators_template_opens_and_closes_the_proposal(plan):
    template = ProposalTemplate.objects.get(language="en")
    template.introduction = "Dear funder, here is our plan."
    template.partnership_intro = "Who does what."
    template.save()
    text = export_plan(plan, "md", language="en").content.decode("utf-8")
    assert text.index("Dear funder") < text.index("## Context")
    assert "## Partnership\n\nWho does what." in text
    assert template.closing and text.rstrip().endswith(template.closing)


def test_a_deleted_template_leaves_a_proposal_without_its_texts(plan):
    ProposalTemplate.objects.filter(language="fr").delete()
    text = export_plan(plan, "md", language="fr").content.decode("utf-8")
    assert "Ce document présente" not in text and "## Contexte" in text


def test_a_missing_font_stops_the_pdf_with_the_package_to_install(plan, monkeypatch, tmp_path):
    monkeypatch.setattr(fonts, "FONT_DIR", tmp_path)
    with pytest.raises(ExportError, match="fonts-dejavu-core"):
        export_plan(plan, "pdf", language="en")


def test_progress_is_reported_up_to_the_whole_proposal(plan):
    seen: list[tuple[int, int]] = []
    export_plan(
        plan, "docx", language="en", progress=lambda done, total: seen.append((done, total))
    )
    assert seen and seen[-1][0] == seen[-1][1] > 10
    assert [done for done, _total in seen] == list(range(1, seen[-1][1] + 1))


def test_the_big_plan_exports_in_every_format(alice, tmp_path):
    plan = make_plan(alice, document=large_plan())
    document = large_plan()
    assert len(document.partnership.partners) == 20
    assert len(document.logframe.activities()) == 60
    assert len(document.logframe.indicators()) == 100
    assert len(document.monitoring.periods) == 12
    tree = iati_tree(export_plan(plan, "iati", language="en").content)
    assert schema().errors(tree) == []
    assert len(tree.getroot().findall("iati-activity/result/indicator")) == 100
    assert len(tree.getroot().findall("iati-activity/result/indicator/period")) == 1200
    markdown = export_plan(plan, "md", language="fr").content.decode("utf-8")
    assert "Indicator 100:" in markdown and "Activity 60:" in markdown
    word = export_plan(plan, "docx", language="en")
    proposal = docx.Document(io.BytesIO(word.content))
    assert len(proposal.inline_shapes) == 5  # the work plan of 60 activities takes two charts
    assert "Activity 60" in pdf_text(docx_to_pdf(word.content, tmp_path))
    pdf = tmp_path / "big.pdf"
    pdf.write_bytes(export_plan(plan, "pdf", language="fr").content)
    assert len(pdf_pages(pdf, tmp_path)) > 20
