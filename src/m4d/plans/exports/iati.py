"""A plan as one IATI 2.03 activity, with its results and indicators, checked against the shipped
schema and the codelists before it is handed out (decision 0019).

- Identifier: the plan's organisation's IATI identifier + "-plan-<id>"; an organisation without one
  gets the platform's reporting identifier instead (`M4D_IATI_REPORTING_REF`, or the registry's
  unconfigured placeholder), so the identifier is unique and says it is a plan of this platform.
- Reporting organisation: the plan's organisation when it has an identifier, else the platform.
- Participating organisations: the partners (implementing); without partners, the plan's
  organisation (accountable), since the schema requires one.
- Dates: the monitoring start (or the first period's), else the funding date, else the day the plan
  was created, with a note saying so; the end is the start plus the planned duration.
- Recipient country: the corridor's origin, as for registry projects (decision 0013); sector DAC
  15190 and SDG target 10.7 (and 10.c when the financial capital is mobilised).
- Results: each logframe result (an output) with the indicators of its activities; a result
  without indicators is left out (the schema requires one). Periods: the monitoring periods with
  their actual values, the target on the last one; without periods, one period over the planned
  duration holding the target.
"""

from __future__ import annotations

import calendar
from datetime import date
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _
from lxml import etree

from m4d.lib.iati_schema import XML_LANG, codelist
from m4d.organisations.models import Organisation
from m4d.plans import document as doc
from m4d.plans.exports.base import ExportError
from m4d.plans.models import Plan
from m4d.projects import iati as registry_iati

STATUS_PIPELINE = "1"  # ActivityStatus: Pipeline/identification
RESULT_OUTPUT = "1"  # ResultType
MEASURE_UNIT, MEASURE_QUALITATIVE = "1", "5"  # IndicatorMeasure
PLAN_SUFFIX = "plan"


def activity_identifier(plan: Plan) -> str:
    prefix = plan.organisation.iati_identifier or registry_iati.reporting_ref()
    return f"{prefix}-{PLAN_SUFFIX}-{plan.pk}"


def _narrative(parent: etree._Element, text: str, language: str) -> None:
    element = etree.SubElement(parent, "narrative")
    element.set(XML_LANG, language)
    element.text = text


def _texted(parent: etree._Element, tag: str, text: str, language: str, **attrs: str) -> None:
    _narrative(etree.SubElement(parent, tag, attrs), text, language)


def _value(number: Decimal) -> str:
    return format(number.normalize(), "f")


def _add_months(start: date, months: int) -> date:
    month = start.month - 1 + months
    year, month = start.year + month // 12, month % 12 + 1
    return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def _start(plan: Plan, document: doc.PlanDocument) -> tuple[date, bool]:
    """The activity's start and whether it is recorded (False: a stand-in)."""
    monitoring = document.monitoring
    dated = [p.start for p in monitoring.periods if p.start]
    if monitoring.start or dated:
        return monitoring.start or min(dated), True
    if plan.funded_at:
        return timezone.localtime(plan.funded_at).date(), True
    return timezone.localtime(plan.created_at).date(), False


def activity_element(plan: Plan, document: doc.PlanDocument, *, language: str) -> etree._Element:
    context = document.context
    organisation = plan.organisation
    activity = etree.Element(
        "iati-activity",
        {
            "last-updated-datetime": plan.updated_at.replace(microsecond=0).isoformat(),
            XML_LANG: language,
            "default-currency": context.currency,
        },
    )
    etree.SubElement(activity, "iati-identifier").text = activity_identifier(plan)
    if organisation.iati_identifier:
        reporting = {
            "ref": organisation.iati_identifier,
            "type": registry_iati.ORGANISATION_TYPE_CODES.get(organisation.type, "90"),
            "name": organisation.name,
        }
    else:
        reporting = registry_iati.reporting_org()
    _texted(
        activity,
        "reporting-org",
        reporting["name"],
        language,
        ref=reporting["ref"],
        type=reporting["type"],
    )
    title = context.title or plan.title
    _texted(activity, "title", title, language)
    _texted(activity, "description", context.summary or title, language, type="1")
    _participating(activity, plan, document, language)
    funded = plan.status == Plan.Status.FUNDED
    status = registry_iati.STATUS_IMPLEMENTATION if funded else STATUS_PIPELINE
    etree.SubElement(activity, "activity-status", code=status)
    start, recorded = _start(plan, document)
    today = timezone.localdate()
    actual = funded and recorded and start <= today
    kind = registry_iati.DATE_ACTUAL_START if actual else registry_iati.DATE_PLANNED_START
    date_element = etree.SubElement(
        activity, "activity-date", {"type": kind, "iso-date": start.isoformat()}
    )
    if not recorded:
        _narrative(
            date_element,
            _("The plan records no start date yet: this is the day it was created."),
            language,
        )
    end = _add_months(start, context.duration_months) if context.duration_months else None
    if end is not None:
        etree.SubElement(
            activity,
            "activity-date",
            {"type": registry_iati.DATE_PLANNED_END, "iso-date": end.isoformat()},
        )
    origin = context.origin.country
    if origin and origin in codelist("Country"):
        etree.SubElement(activity, "recipient-country", code=origin, percentage="100")
    _sectors(activity, document)
    for result in document.logframe.results:
        _result(activity, result, document, start, end, language)
    return activity


def _participating(
    activity: etree._Element, plan: Plan, document: doc.PlanDocument, language: str
) -> None:
    partners = document.partnership.partners
    linked = [p.organisation for p in partners if p.organisation]
    refs = dict(
        Organisation.objects.filter(pk__in=linked)
        .exclude(iati_identifier="")
        .values_list("pk", "iati_identifier")
    )
    for partner in partners:
        attributes = {
            "role": registry_iati.ROLE_IMPLEMENTING,
            "type": registry_iati.ORGANISATION_TYPE_CODES.get(partner.type, "90"),
        }
        if partner.organisation in refs:
            attributes = {"ref": refs[partner.organisation], **attributes}
        _texted(activity, "participating-org", partner.name, language, **attributes)
    if not partners:
        organisation = plan.organisation
        attributes = {
            "role": registry_iati.ROLE_ACCOUNTABLE,
            "type": registry_iati.ORGANISATION_TYPE_CODES.get(organisation.type, "90"),
        }
        if organisation.iati_identifier:
            attributes = {"ref": organisation.iati_identifier, **attributes}
        _texted(activity, "participating-org", organisation.name, language, **attributes)


def _sectors(activity: etree._Element, document: doc.PlanDocument) -> None:
    etree.SubElement(
        activity,
        "sector",
        vocabulary=registry_iati.VOCABULARY_DAC,
        code=registry_iati.MIGRATION_SECTOR,
        percentage="100",
    )
    targets = [registry_iati.SDG_MIGRATION]
    if "financial" in document.capitals.capitals:
        targets.append(registry_iati.SDG_REMITTANCES)
    share = "100" if len(targets) == 1 else "50"
    for target in targets:
        etree.SubElement(
            activity,
            "sector",
            vocabulary=registry_iati.VOCABULARY_SDG_TARGET,
            code=target,
            percentage=share,
        )


def _result(
    activity: etree._Element,
    result: doc.Result,
    document: doc.PlanDocument,
    start: date,
    end: date | None,
    language: str,
) -> None:
    indicators = [i for a in result.activities for i in a.indicators]
    if not indicators:
        return
    element = etree.SubElement(activity, "result", type=RESULT_OUTPUT)
    _texted(element, "title", result.text, language)
    monitoring = document.monitoring
    periods = monitoring.periods
    for indicator in indicators:
        quantitative = indicator.kind == "quantitative"
        measure = MEASURE_UNIT if quantitative else MEASURE_QUALITATIVE
        item = etree.SubElement(element, "indicator", measure=measure)
        if quantitative and indicator.baseline is not None and indicator.target is not None:
            item.set("ascending", "1" if indicator.target >= indicator.baseline else "0")
        _texted(item, "title", indicator.text, language)
        if indicator.source:
            description = _("Source of verification: %(source)s") % {"source": indicator.source}
            _texted(item, "description", description, language)
        if indicator.baseline is not None:
            etree.SubElement(
                item, "baseline", year=str(start.year), value=_value(indicator.baseline)
            )
        actuals = {a.period: a for a in monitoring.actuals if a.indicator == indicator.id}
        spans: list[tuple[date, date, doc.Actual | None]] = [
            (p.start, p.end, actuals.get(p.id)) for p in periods if p.start and p.end
        ]
        if not spans and end is not None:
            spans = [(start, end, None)]
        for n, (first, last, measured) in enumerate(spans, 1):
            period = etree.SubElement(item, "period")
            etree.SubElement(period, "period-start", {"iso-date": first.isoformat()})
            etree.SubElement(period, "period-end", {"iso-date": last.isoformat()})
            if n == len(spans) and indicator.target is not None:
                etree.SubElement(period, "target", value=_value(indicator.target))
            if measured is not None:
                value = {"value": _value(measured.value)} if measured.value is not None else {}
                actual = etree.SubElement(period, "actual", value)
                if measured.text:
                    _texted(actual, "comment", measured.text, language)


def activity_file(plan: Plan, document: doc.PlanDocument, *, language: str) -> bytes:
    """The activities file holding the plan's one activity, valid against the 2.03 schema."""
    root = etree.Element(
        "iati-activities",
        {
            "version": registry_iati.IATI_VERSION,
            "generated-datetime": timezone.now().replace(microsecond=0).isoformat(),
        },
    )
    activity = activity_element(plan, document, language=language)
    root.append(activity)
    problems = registry_iati.check_codes(root)
    try:
        invalid = registry_iati.schema().errors(etree.ElementTree(root))
    except registry_iati.IatiImportError as error:
        raise ExportError(str(error)) from error
    if problems or invalid:
        raise ExportError(
            _("The plan cannot be written as a valid IATI activity:")
            + " "
            + "; ".join([*problems, *map(str, invalid)])
        )
    return etree.tostring(root, xml_declaration=True, encoding="utf-8", pretty_print=True)
