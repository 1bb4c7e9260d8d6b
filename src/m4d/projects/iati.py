"""IATI 2.03 exchange: export the registry as an activities file, import activity files.

The export writes one `iati-activity` per project, in the element order the 2.03 schema requires,
and validates against `iati-activities-schema.xsd`. The import accepts a file that validates
against that schema and whose codes are in the IATI codelists shipped with the package (the schema
does not check codes; `CODE_CHECKS` does), and writes everything in one transaction or nothing.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from io import BytesIO
from typing import Any, BinaryIO, Protocol

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from lxml import etree

from m4d.core import audit
from m4d.core.models import Job
from m4d.lib.iati_schema import XML_LANG, Schema, codelist, load_schema, safe_parser
from m4d.lib.text import fold
from m4d.organisations.models import Organisation, is_iati_identifier
from m4d.organisations.services import match_or_create_organisation
from m4d.places.models import Country
from m4d.projects.models import Project, ProjectQuerySet, is_web_address
from m4d.projects.services import save_project
from m4d.projects.undo import Journal

log = logging.getLogger(__name__)

IATI_VERSION = "2.03"

# Our organisation types and the IATI OrganisationType codelist, the one table both directions use.
# Export writes ORGANISATION_TYPE_CODES[type]; import reads IATI_ORGANISATION_TYPES[code], which is
# this table reversed where a code has a single type of ours, plus the codes export never writes.
ORGANISATION_TYPE_CODES: dict[str, str] = {
    Organisation.Type.CENTRAL_GOVERNMENT: "10",  # Government
    Organisation.Type.LOCAL_AUTHORITY: "11",  # Local Government
    # "Any local (sub national) government organisation": IATI has no regional level of its own.
    Organisation.Type.REGIONAL_GOVERNMENT: "11",
    Organisation.Type.NGO: "22",  # National NGO
    # Diaspora associations are registered as national NGOs where they work; IATI has no own code.
    Organisation.Type.MIGRANT_ASSOCIATION: "22",
    Organisation.Type.INTERNATIONAL_ORGANISATION: "40",  # Multilateral
    Organisation.Type.FOUNDATION: "60",  # Foundation
    Organisation.Type.MICROFINANCE: "70",  # Private Sector
    Organisation.Type.COOPERATIVE: "70",
    Organisation.Type.BUSINESS_ASSOCIATION: "70",
    Organisation.Type.UNIVERSITY: "80",  # Academic, Training and Research
    Organisation.Type.TRADE_UNION: "90",  # Other
    Organisation.Type.OTHER: "90",
}
IATI_ORGANISATION_TYPES: dict[str, str] = {
    **{
        code: org_type
        for org_type, code in ORGANISATION_TYPE_CODES.items()
        if list(ORGANISATION_TYPE_CODES.values()).count(code) == 1
    },
    "11": Organisation.Type.LOCAL_AUTHORITY,  # most sub-national governments are municipal
    "15": Organisation.Type.CENTRAL_GOVERNMENT,  # Other Public Sector: agencies of the state
    "21": Organisation.Type.NGO,  # International NGO
    "22": Organisation.Type.NGO,  # a national NGO is not necessarily a diaspora association
    "23": Organisation.Type.NGO,  # Regional NGO
    "24": Organisation.Type.NGO,  # Partner Country based NGO
    # Private sector (70-73) covers companies of every kind: none of our narrower types fits.
    "30": Organisation.Type.OTHER,
    "70": Organisation.Type.OTHER,
    "71": Organisation.Type.OTHER,
    "72": Organisation.Type.OTHER,
    "73": Organisation.Type.OTHER,
    "90": Organisation.Type.OTHER,
}

ROLE_IMPLEMENTING = (
    "4"  # OrganisationRole codelist: 1 Funding, 2 Accountable, 3 Extending, 4 Implementing
)
ROLE_ACCOUNTABLE = "2"
STATUS_IMPLEMENTATION = "2"  # ActivityStatus codelist
STATUS_CLOSED = "4"
DESCRIPTION_GENERAL = "1"  # DescriptionType codelist
DATE_PLANNED_START = "1"  # ActivityDateType codelist
DATE_ACTUAL_START = "2"
DATE_PLANNED_END = "3"
DATE_ACTUAL_END = "4"
ACTUAL_DATES = frozenset({DATE_ACTUAL_START, DATE_ACTUAL_END})
# Migration projects (decision 0013): DAC 5-digit sector 15190, "Facilitation of orderly, safe,
# regular and responsible migration and mobility", whose description covers diaspora engagement
# and the development use of remittances; SDG target 10.7 (migration policies), and 10.c
# (remittance costs) for projects mobilising the migrants' financial capital.
VOCABULARY_DAC = "1"
VOCABULARY_SDG_TARGET = "8"
MIGRATION_SECTOR = "15190"
SDG_MIGRATION = "10.7"
SDG_REMITTANCES = "10.c"
DOCUMENT_WEB_PAGE = "A12"  # DocumentCategory codelist: "Activity web page"
WEB_PAGE_TITLES = {"fr": "Site web du projet", "en": "Project website"}
# The registry records no activity dates, yet the schema requires one. The handbook's projects were
# funded by the JMDI, launched in 2008: its start is written, with a narrative saying what it is.
PROGRAMME_START = "2008-01-01"
PROGRAMME_DATE_NOTES = {
    "fr": "Début du programme de financement (JMDI) ; le registre n'enregistre pas les dates de cette activité.",
    "en": "Start of the funding programme (JMDI); the registry does not record this activity's dates.",
}
REGISTRY_DATE_NOTES = {
    "fr": "Date de la dernière mise à jour dans le registre, qui n'enregistre pas les dates de cette activité.",
    "en": "Date the record was last updated in the registry, which does not record this activity's dates.",
}


# The codes checked on import: (codelist, elements, attribute); None for elements means any element.
# A sector's codelist depends on its vocabulary (1 or none: DAC 5-digit, 2: DAC 3-digit); sectors of
# other vocabularies use lists outside IATI's and are not checked.
CODE_CHECKS: tuple[tuple[str, tuple[str, ...] | None, str], ...] = (
    (
        "OrganisationType",
        ("reporting-org", "participating-org", "provider-org", "receiver-org"),
        "type",
    ),
    ("OrganisationRole", ("participating-org",), "role"),
    ("Country", ("recipient-country",), "code"),
    ("Language", None, XML_LANG),
    ("Currency", None, "currency"),
    ("Currency", ("iati-activity",), "default-currency"),
    ("ActivityStatus", ("activity-status",), "code"),
)
SECTOR_CODELISTS = {"1": "Sector", "2": "SectorCategory", "8": "UNSDG-Targets"}
# IATI's own should-pass test files, which test the schema only, write "x" or "xx" for every code
# (all 215 use "xx" as organisation type, role and activity status; three use it as a country or a
# sector, one as a language; none as a currency). Those placeholders, and only those, are let
# through for the codelists where the test files use them; the import then reads them as unknown
# (organisation type "other", no country). Any other code outside its codelist is refused.
PLACEHOLDER_CODES = frozenset({"x", "xx"})
PLACEHOLDER_TOLERATED = frozenset(
    {"OrganisationType", "OrganisationRole", "Country", "Language", "ActivityStatus", "Sector"}
)
MAX_REPORTED = 10


# Until M4D_IATI_REPORTING_REF is set, exports name this reporting organisation: the schema requires
# one, and this is no real organisation's identifier. "XX" is neither an OrganisationRegistrationAgency
# prefix nor a country (ISO 3166 leaves it user-assigned), so the value cannot be mistaken for one.
UNCONFIGURED_REPORTING_REF = "XX-M4D-UNCONFIGURED"


def reporting_ref() -> str:
    """The reporting organisation's identifier: the configured one, or the placeholder."""
    return str(settings.M4D_IATI_REPORTING_ORG["ref"]).strip() or UNCONFIGURED_REPORTING_REF


def reporting_unconfigured_message() -> str:
    """What the export says while no reporting organisation is configured; "" once one is."""
    if str(settings.M4D_IATI_REPORTING_ORG["ref"]).strip():
        return ""
    return _(
        "The IATI reporting organisation is not configured (M4D_IATI_REPORTING_REF): the export uses the placeholder identifier %(ref)s, which is no real organisation's. Do not publish it to the IATI Registry before it is configured."
    ) % {"ref": UNCONFIGURED_REPORTING_REF}


class IatiImportError(Exception):
    """The file was rejected; the message names the element and line. Nothing was written."""


class IatiWriteError(IatiImportError):
    """Writing a file that validated failed unexpectedly (the database, a bug) and was rolled back;
    the cause is chained, for whoever logs it."""


@dataclass(frozen=True)
class ImportResult:
    projects: int
    created_organisations: int
    created_projects: int = 0
    warnings: tuple[str, ...] = ()  # what was kept from the file without a value it gave


def schema() -> Schema:
    path = settings.M4D_IATI_SCHEMA_DIR / "iati-activities-schema.xsd"
    try:
        return load_schema(str(path))
    except (OSError, etree.XMLSchemaParseError, etree.XMLSyntaxError) as error:
        # The message says it all; the traceback is for whoever investigates (M4D_LOG_LEVEL=DEBUG).
        log.debug("cannot load the IATI schema %s", path, exc_info=True)
        raise IatiImportError(
            _(
                "The IATI 2.03 schema could not be loaded, so no file can be checked. Set M4D_IATI_SCHEMA_DIR to a folder holding the IATI 2.03 schemas. (%(path)s)"
            )
            % {"path": path}
        ) from error


# Export ---------------------------------------------------------------------------------------------


def _narrative(parent: etree._Element, text: str, lang: str | None = None) -> None:
    narrative = etree.SubElement(parent, "narrative")
    if lang:
        narrative.set(XML_LANG, lang)
    narrative.text = text


def _bilingual(parent: etree._Element, fr: str, en: str) -> None:
    if fr:
        _narrative(parent, fr, "fr")
    if en or not fr:
        _narrative(parent, en, "en")


def activity_identifier(project: Project, reporting_ref: str) -> str:
    return project.iati_identifier or f"{reporting_ref}-{project.slug}"


def activity_element(project: Project, reporting: dict[str, str]) -> etree._Element:
    activity = etree.Element("iati-activity")
    activity.set("last-updated-datetime", project.updated_at.replace(microsecond=0).isoformat())
    # Our narratives carry their language; the default covers the reporting organisation's name.
    activity.set(XML_LANG, reporting["lang"])
    etree.SubElement(activity, "iati-identifier").text = activity_identifier(
        project, reporting["ref"]
    )
    org = etree.SubElement(activity, "reporting-org", ref=reporting["ref"], type=reporting["type"])
    _narrative(org, reporting["name"])
    _bilingual(etree.SubElement(activity, "title"), project.title_fr or "", project.title_en or "")
    description = etree.SubElement(activity, "description", type=DESCRIPTION_GENERAL)
    if project.summary_fr or project.summary_en:
        _bilingual(description, project.summary_fr or "", project.summary_en or "")
    else:  # the schema requires a description; the import reads a copy of the title as no summary
        _bilingual(description, project.title_fr or "", project.title_en or "")
    partners = project.ordered_partners
    for partner in partners:
        attributes = {
            "role": ROLE_IMPLEMENTING,
            "type": ORGANISATION_TYPE_CODES.get(partner.type, "90"),
        }
        if partner.iati_identifier:
            attributes = {"ref": partner.iati_identifier, **attributes}
        element = etree.SubElement(activity, "participating-org", attributes)
        _narrative(element, partner.name)  # the official name, in the organisation's language
        for lang in ("fr", "en"):
            if gloss := partner.gloss_in(lang):
                _narrative(element, gloss, lang)
    if not partners:  # the schema requires one: the registry answers for the record
        element = etree.SubElement(
            activity,
            "participating-org",
            ref=reporting["ref"],
            type=reporting["type"],
            role=ROLE_ACCOUNTABLE,
        )
        _narrative(element, reporting["name"])
    status = STATUS_CLOSED if project.source == Project.Source.HANDBOOK else STATUS_IMPLEMENTATION
    etree.SubElement(activity, "activity-status", code=status)
    _activity_dates(activity, project)
    # Only the origin receives the activity; destinations are where the diaspora partners work,
    # not aid recipients, and the registry records no shares that would say otherwise.
    origin = project.origin
    if origin is not None:
        etree.SubElement(activity, "recipient-country", code=origin.iso2, percentage="100")
    _sectors(activity, project)
    if project.website:  # after the countries: the schema's sequence puts document-link late
        link = etree.SubElement(activity, "document-link", url=project.website, format="text/html")
        title = etree.SubElement(link, "title")
        for lang, text in WEB_PAGE_TITLES.items():
            _narrative(title, text, lang)
        etree.SubElement(link, "category", code=DOCUMENT_WEB_PAGE)
    return activity


def _activity_dates(activity: etree._Element, project: Project) -> None:
    """The recorded dates, actual when past and planned when to come; without a start date, the
    stand-in the schema needs, with a note saying what it is (the pre-flight flags it)."""
    today = timezone.localdate()
    if project.start_date:
        start = project.start_date
        kind = DATE_ACTUAL_START if start <= today else DATE_PLANNED_START
        etree.SubElement(activity, "activity-date", {"type": kind, "iso-date": start.isoformat()})
    else:
        if project.source == Project.Source.HANDBOOK:
            stand_in, notes = PROGRAMME_START, PROGRAMME_DATE_NOTES
        else:
            stand_in, notes = project.updated_at.date().isoformat(), REGISTRY_DATE_NOTES
        element = etree.SubElement(
            activity, "activity-date", {"type": DATE_PLANNED_START, "iso-date": stand_in}
        )
        for lang, note in notes.items():
            _narrative(element, note, lang)
    if project.end_date:
        end = project.end_date
        kind = DATE_ACTUAL_END if end <= today else DATE_PLANNED_END
        etree.SubElement(activity, "activity-date", {"type": kind, "iso-date": end.isoformat()})


def migration_targets(project: Project) -> list[str]:
    """The SDG targets a migration project's export names (decision 0013)."""
    if not project.migration_sector:
        return []
    financial = "financial" in project.capital_values
    return [SDG_MIGRATION, SDG_REMITTANCES] if financial else [SDG_MIGRATION]


def _sectors(activity: etree._Element, project: Project) -> None:
    if not project.migration_sector:
        return
    etree.SubElement(
        activity, "sector", vocabulary=VOCABULARY_DAC, code=MIGRATION_SECTOR, percentage="100"
    )
    targets = migration_targets(project)
    shares = _shares(len(targets))
    for target, share in zip(targets, shares, strict=True):
        etree.SubElement(
            activity, "sector", vocabulary=VOCABULARY_SDG_TARGET, code=target, percentage=share
        )


def _shares(n: int) -> list[str]:
    """n percentages summing to exactly 100 (the last takes the rounding)."""
    if n == 0:
        return []
    each = round(100 / n, 2)
    return [f"{each:g}"] * (n - 1) + [f"{round(100 - each * (n - 1), 2):g}"]


class IatiExportError(Exception):
    """An export would contain a code its IATI codelist refuses; nothing is written."""


def check_export_codes(activity: etree._Element, project: Project) -> None:
    """The import's codelist checks on a generated activity (decision 0013)."""
    problems = check_codes(activity, where=lambda e: _where_exported(e, project))
    if problems:
        raise IatiExportError(
            _("The export would use codes that are not in the IATI codelists:")
            + "\n"
            + "\n".join(problems[:MAX_REPORTED])
        )


def _where_exported(element: etree._Element, project: Project) -> str:
    return _("project %(code)s: element '%(tag)s'") % {"code": project.code, "tag": element.tag}


def reporting_org() -> dict[str, str]:
    """The reporting organisation as the export writes it: ref, type, name, default language."""
    reporting = {key: str(settings.M4D_IATI_REPORTING_ORG[key]) for key in ("type", "name")}
    reporting["ref"] = reporting_ref()
    reporting["lang"] = settings.LANGUAGE_CODE.split("-")[0]
    return reporting


class ActivityObserver(Protocol):
    """Sees each activity the export writes (the pre-flight `Report`), then says what it found."""

    def see(self, project: Project, activity: etree._Element, reporting_ref: str) -> None: ...

    def rules_summary(self) -> str: ...


def _comment(text: str) -> etree._Comment:
    # A comment may not hold "--" nor end with "-".
    return etree.Comment(" " + text.replace("--", "- -") + " ")


def write_iati(
    projects: ProjectQuerySet, handle: BinaryIO, *, observer: ActivityObserver | None = None
) -> int:
    """Write `projects` as an IATI 2.03 activities file to the binary `handle`; returns the count.

    Written element by element, so a large registry never sits in memory as one tree. Each
    activity passes the import's codelist checks first (`IatiExportError` otherwise); `observer`
    sees each one, and what it reports ends the file as a comment.
    """
    reporting = reporting_org()
    generated = timezone.now().replace(microsecond=0).isoformat()
    count = 0
    with etree.xmlfile(handle, encoding="utf-8") as xf:
        xf.write_declaration()
        with xf.element(
            "iati-activities", {"version": IATI_VERSION, "generated-datetime": generated}
        ):
            xf.write("\n")
            if reporting_unconfigured_message():
                # The file is shared: one language for the note, whatever the request's.
                with translation.override("en"):
                    note = reporting_unconfigured_message()
                xf.write(_comment(note), pretty_print=True)
            for project in projects.with_relations().iterator(chunk_size=1000):
                activity = activity_element(project, reporting)
                check_export_codes(activity, project)
                if observer is not None:
                    observer.see(project, activity, reporting["ref"])
                xf.write(activity, pretty_print=True)
                count += 1
            if observer is not None:
                with translation.override("en"):
                    note = observer.rules_summary()
                if note:
                    xf.write(_comment(note), pretty_print=True)
    return count


# Import ---------------------------------------------------------------------------------------------


def _read(handle: Any) -> bytes:
    data = handle.read() if hasattr(handle, "read") else handle
    return data.encode("utf-8") if isinstance(data, str) else bytes(data or b"")


def _where(element: etree._Element) -> str:
    return _("line %(line)s: element '%(tag)s'") % {"line": element.sourceline, "tag": element.tag}


def _text_elements(activity: etree._Element) -> list[etree._Element]:
    names = ("title", "description", "reporting-org", "participating-org")
    return [child for child in activity if child.tag in names]


def _looks_like_iati_1(root: etree._Element, activities: list[etree._Element]) -> bool:
    """Version 1.x, or a file without version in the 1.x shape: text directly in elements, no narratives.

    IATI 2.01 moved every human-readable text into `narrative` children.
    """
    version = (root.get("version") or "").strip()
    if version.startswith("1."):
        return True
    if version.startswith("2.") or next(root.iter("narrative"), None) is not None:
        return False
    return any(
        (element.text or "").strip()
        for activity in activities
        for element in _text_elements(activity)
    )


def parse_activities(data: bytes) -> etree._ElementTree:
    """Parse and check an activities file; raises IatiImportError naming the line of the first problem."""
    if not data.strip():
        raise IatiImportError(_("The file is empty."))
    try:
        document = etree.parse(BytesIO(data), safe_parser())
    except etree.XMLSyntaxError as error:
        line = error.position[0] if error.position else error.lineno
        raise IatiImportError(
            _("The file is not well-formed XML. (line %(line)s: %(error)s)")
            % {"line": line, "error": error.msg}
        ) from error
    if document.docinfo.doctype:
        # IATI files never need a DTD; refusing them closes the door to entity tricks.
        raise IatiImportError(_("XML files with a DOCTYPE declaration are not accepted. (line 1)"))
    root = document.getroot()
    if root.tag == "iati-organisations":
        raise IatiImportError(
            _(
                "This is an IATI organisations file; this importer reads IATI 2.03 activity files. (%(where)s)"
            )
            % {"where": _where(root)}
        )
    if root.tag in ("iati-activities", "iati-activity"):
        activities = [root] if root.tag == "iati-activity" else root.findall("iati-activity")
        if _looks_like_iati_1(root, activities):
            version = (root.get("version") or "").strip()
            why = (
                _("version %(version)s") % {"version": version}
                if version
                else _("no version; text outside narrative elements")
            )
            raise IatiImportError(
                _(
                    "IATI 1.x files are not supported; this importer reads IATI 2.03 activity files (%(where)s: %(why)s)."
                )
                % {"where": _where(root), "why": why}
            )
    if root.tag != "iati-activities":
        raise IatiImportError(
            _(
                "This is not an IATI activities file: the root element should be iati-activities. (%(where)s)"
            )
            % {"where": _where(root)}
        )
    errors = schema().errors(document)
    if errors:
        raise IatiImportError(
            _("The file does not validate against the IATI 2.03 activities schema:")
            + "\n"
            + "\n".join(str(error) for error in errors)
        )
    unknown = check_codes(root)
    if unknown:
        raise IatiImportError(
            _("The file uses codes that are not in the IATI codelists:")
            + "\n"
            + "\n".join(unknown[:MAX_REPORTED])
        )
    return document


def _known(name: str, code: str) -> bool:
    if name == "Country":
        code = code.upper()
    elif name == "Language":
        code = code.lower().split("-")[0]
    if code in codelist(name):
        return True
    return name in PLACEHOLDER_TOLERATED and code.casefold() in PLACEHOLDER_CODES


def _unknown_code(
    element: etree._Element,
    attribute: str,
    code: str,
    name: str,
    where: Callable[[etree._Element], str] | None = None,
) -> str:
    shown = "xml:lang" if attribute == XML_LANG else attribute
    return _(
        "%(where)s, attribute '%(attribute)s': '%(code)s' is not in the %(codelist)s codelist"
    ) % {
        "where": (where or _where)(element),
        "attribute": shown,
        "code": code,
        "codelist": name,
    }


def check_codes(
    root: etree._Element, where: Callable[[etree._Element], str] | None = None
) -> list[str]:
    """Codes that are not in their IATI codelist, one message each (element, line, attribute, code).

    `where` names an element in the messages (default: its line in the file)."""
    problems: list[str] = []
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue  # comments and processing instructions
        checks = [(n, a) for n, tags, a in CODE_CHECKS if tags is None or element.tag in tags]
        if element.tag == "sector":
            vocabulary = (element.get("vocabulary") or "1").strip()
            if vocabulary in SECTOR_CODELISTS:
                checks.append((SECTOR_CODELISTS[vocabulary], "code"))
        for name, attribute in checks:
            code = element.get(attribute)
            if code is not None and not _known(name, code.strip()):
                problems.append(_unknown_code(element, attribute, code, name, where))
    return problems


def _lang(narrative: etree._Element, *defaults: str | None) -> str:
    for value in (narrative.get(XML_LANG), *defaults):
        if value:
            return value.strip().lower().split("-")[0]
    return ""


def _texts(element: etree._Element | None, *defaults: str | None) -> tuple[str, str]:
    """(French, English) text of an element's narratives; text in another language counts as English."""
    if element is None:
        return "", ""
    found: dict[str, str] = {}
    other = ""
    for narrative in element.findall("narrative"):
        text = (narrative.text or "").strip()
        if not text:
            continue
        lang = _lang(narrative, *defaults)
        if lang in ("fr", "en"):
            found.setdefault(lang, text)
        elif not other:
            other = text
    return found.get("fr", ""), found.get("en", "") or ("" if found.get("fr") else other)


def _description(activity: etree._Element) -> etree._Element | None:
    descriptions = activity.findall("description")
    general = [d for d in descriptions if d.get("type") in (None, "", DESCRIPTION_GENERAL)]
    found = general or descriptions
    return found[0] if found else None


def _website(activity: etree._Element) -> str:
    """The first "Activity web page" link that is an http(s) address; others are not kept."""
    for link in activity.findall("document-link"):
        url = (link.get("url") or "").strip()
        categories = {c.get("code") for c in link.findall("category")}
        if DOCUMENT_WEB_PAGE in categories and len(url) <= 500 and is_web_address(url):
            return url
    return ""


def _project_code(activity: etree._Element, identifier: str) -> str:
    if identifier and len(identifier) <= 150:
        return identifier
    # No identifier (IATI's test files leave it empty) or one longer than our codes: a stable code
    # from the content, so importing the same file again updates the same project.
    canonical = etree.tostring(activity, method="c14n", with_comments=False)
    digest = hashlib.sha1(canonical).hexdigest()[:16]
    return f"{identifier[:130]}-{digest}" if identifier else f"iati-{digest}"


def _existing_project(identifier: str, code: str, reporting_ref: str) -> Project | None:
    if identifier:
        found = Project.objects.filter(iati_identifier=identifier).first()
        if found:
            return found
    found = Project.objects.filter(code=code).first()
    if found or not identifier.startswith(f"{reporting_ref}-"):
        return found
    # Our own export: identifiers are "<reporting ref>-<slug>" for projects without one of their own.
    return Project.objects.filter(
        slug=identifier[len(reporting_ref) + 1 :], iati_identifier=""
    ).first()


def _kept_identifier(existing: Project | None, identifier: str, reporting_ref: str) -> str:
    """The identifier to store: none for a file without one, and none for our own derived identifiers."""
    if existing and (not identifier or identifier == f"{reporting_ref}-{existing.slug}"):
        return existing.iati_identifier
    return identifier


def _date(element: etree._Element | None) -> date | None:
    if element is None:
        return None
    try:
        return date.fromisoformat((element.get("iso-date") or "").strip()[:10])
    except ValueError:
        return None


def reported_dates_and_sector(activity: etree._Element) -> dict[str, Any]:
    """What an activity says of the fields its export writes: its dates (actual first, then
    planned; not the stand-in our export writes when none is recorded) and whether it is reported
    under the migration sector."""
    stand_in_notes = {*PROGRAMME_DATE_NOTES.values(), *REGISTRY_DATE_NOTES.values()}
    dates: dict[str, etree._Element] = {}
    for element in activity.findall("activity-date"):
        notes = {(n.text or "").strip() for n in element.findall("narrative")}
        if not notes & stand_in_notes:
            dates.setdefault((element.get("type") or "").strip(), element)
    start = _date(dates.get(DATE_ACTUAL_START)) or _date(dates.get(DATE_PLANNED_START))
    end = _date(dates.get(DATE_ACTUAL_END)) or _date(dates.get(DATE_PLANNED_END))
    migration = any(
        (sector.get("vocabulary") or VOCABULARY_DAC).strip() == VOCABULARY_DAC
        and (sector.get("code") or "").strip() == MIGRATION_SECTOR
        for sector in activity.findall("sector")
    )
    return {
        "start_date": start,
        "end_date": end if not (start and end and end < start) else None,
        "migration_sector": migration,
    }


# Participating organisations (issue 7): their identifier is kept only when valid, their names in
# several languages become the official name and its glosses.


def _organisation_ref(element: etree._Element, warnings: list[str]) -> str:
    """The `ref` attribute if it is a valid IATI organisation identifier; an invalid one is
    dropped with a warning (the organisation itself is kept: a wrong code is no reason to refuse
    a file the schema accepts)."""
    ref = (element.get("ref") or "").strip()
    if ref and (len(ref) > 150 or not is_iati_identifier(ref)):
        warnings.append(
            _(
                "%(where)s: '%(ref)s' is not a valid IATI organisation identifier (the code of an agency of the OrganisationRegistrationAgency codelist, a hyphen and a number); the organisation was kept without it."
            )
            % {"where": _where(element), "ref": ref[:160]}
        )
        return ""
    return ref


def _organisation_names(element: etree._Element, lang: str | None) -> tuple[str, str, str]:
    """(official name, English gloss, French gloss): the name is the narrative in the file's
    default language (without `xml:lang`; our export writes the name so), else the first one; a
    later English or French narrative that says something else is that language's gloss."""
    narratives = [
        (n, text) for n in element.findall("narrative") if (text := (n.text or "").strip())
    ]
    if not narratives:
        return "", "", ""
    default = [text for n, text in narratives if not n.get(XML_LANG)]
    name = default[0] if default else narratives[0][1]
    glosses = {"en": "", "fr": ""}
    for narrative, text in narratives:
        language = _lang(narrative, lang)
        if language in glosses and not glosses[language] and fold(text) != fold(name):
            glosses[language] = text
    return name, glosses["en"], glosses["fr"]


def _import_activity(
    activity: etree._Element,
    file_lang: str | None,
    countries: dict[str, Country],
    job: Job,
    by: Any,
    journal: Journal,
    warnings: list[str],
) -> tuple[Project, bool, int]:
    lang = activity.get(XML_LANG) or file_lang
    identifier = (activity.findtext("iati-identifier") or "").strip()
    if len(identifier) > 200:
        element = activity.find("iati-identifier")
        assert element is not None  # the identifier was just read from it
        raise IatiImportError(
            _("The activity identifier is longer than 200 characters. (%(where)s)")
            % {"where": _where(element)}
        )
    code = _project_code(activity, identifier)
    title_fr, title_en = _texts(activity.find("title"), lang)
    if not (title_fr or title_en):
        title_en = code
    summary_fr, summary_en = _texts(_description(activity), lang)
    if (summary_fr, summary_en) == (title_fr, title_en):
        summary_fr = summary_en = ""  # our export repeats the title when a project has no summary
    partners, created_orgs = [], 0
    for element in activity.findall("participating-org"):
        ref = _organisation_ref(element, warnings)
        name, gloss_en, gloss_fr = _organisation_names(element, lang)
        name = (name or ref)[:300]
        if not name:
            continue
        org, created = match_or_create_organisation(
            name=name,
            iati_identifier=ref,
            type=IATI_ORGANISATION_TYPES.get(
                (element.get("type") or "").strip(), Organisation.Type.OTHER
            ),
            gloss_en=gloss_en[:300],
            gloss_fr=gloss_fr[:300],
            by=by,
        )
        partners.append(org)
        created_orgs += created
        if created:
            journal.created_organisations.append(org.pk)
    places = [
        countries[c]
        for e in activity.findall("recipient-country")
        if (c := (e.get("code") or "").strip().upper()) in countries
    ]

    ref = reporting_ref()
    existing = _existing_project(identifier, code, ref)
    if existing:  # a recipient country is the origin; the file says nothing of destinations
        journal.before_update(existing)
        origin = places or existing.ordered_countries[:1]
        places = origin + [c for c in existing.destinations if c not in origin]
    project = save_project(
        code=existing.code if existing else code,
        title_fr=title_fr[:500],
        title_en=title_en[:500],
        summary_fr=summary_fr,
        summary_en=summary_en,
        website=_website(activity),
        countries=places,
        partners=partners,
        capitals=None,
        iati_identifier=_kept_identifier(existing, identifier, ref),
        source=existing.source if existing else Project.Source.IATI,
        import_job=job,
        dates=reported_dates_and_sector(activity),
        by=by,
    )
    if existing is None:
        journal.created_projects.append(project.pk)
    return project, existing is None, created_orgs


def import_iati_file(
    handle: Any,
    *,
    filename: str = "",
    by: Any = None,
    job: Job | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> ImportResult:
    """Import every activity of an IATI 2.03 file as a project, with its partners and countries.

    All or nothing: a file that does not validate, or any error while writing, leaves the database
    exactly as it was and raises IatiImportError. Run as a background job, `job` is that job (the
    audit entry attaches to it) and `progress(done, total)` is called as activities are written.
    """
    data = _read(handle)
    document = parse_activities(data)
    root = document.getroot()
    file_lang = root.get(XML_LANG)
    countries = {c.iso2.upper(): c for c in Country.objects.all()}
    activities = root.findall("iati-activity")
    try:
        with transaction.atomic():
            if job is None:  # a direct import (command line) is recorded as a finished job too
                job = Job.objects.create(
                    kind="iati_import",
                    status=Job.Status.DONE,
                    owner=by if getattr(by, "is_authenticated", False) else None,
                    params={"filename": filename},
                    progress=len(activities),
                    total=len(activities),
                )
                finished = job
            else:
                finished = None
            codes: dict[int, str] = {}
            created_projects = created_orgs = 0
            journal = Journal()
            warnings: list[str] = []
            for done, activity in enumerate(activities, start=1):
                project, created, orgs = _import_activity(
                    activity, file_lang, countries, job, by, journal, warnings
                )
                if progress:
                    progress(done, len(activities))
                codes[project.pk] = project.code
                created_projects += created
                created_orgs += orgs
            summary = {
                "filename": filename,
                "sha256": hashlib.sha256(data).hexdigest(),
                "activities": len(activities),
                "projects": len(codes),
                "created_projects": created_projects,
                "created_organisations": created_orgs,
                "warnings": warnings[:MAX_REPORTED],
            }
            if finished is not None:
                finished.result = summary
                finished.save(update_fields=["result"])
            # What undoing it needs (m4d.projects.undo), on the import's own audit entry.
            audit.record(
                job, "projects.iati_imported", by=by, data={**summary, "undo": journal.as_data()}
            )
    except IatiImportError:
        raise
    except Exception as error:
        message = getattr(error, "message", None) or str(error) or error.__class__.__name__
        raise IatiWriteError(
            _("The import failed and nothing was saved: %(error)s") % {"error": message}
        ) from error
    return ImportResult(
        projects=len(activities),
        created_organisations=created_orgs,
        created_projects=created_projects,
        warnings=tuple(warnings[:MAX_REPORTED]),
    )
