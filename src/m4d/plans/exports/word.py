"""The proposal as a Word document (python-docx): A4, headings per step, tables with a header row
repeated on each page, the charts as PNG images."""

from __future__ import annotations

import io

from docx import Document
from docx.document import Document as DocumentObject
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.table import CT_Row
from docx.shared import Cm, Pt
from docx.table import Table as DocxTable

from m4d.plans.exports.base import ProgressCallback
from m4d.plans.exports.outline import Bullets, Chart, Heading, Paragraph, Proposal, Table

PAGE_WIDTH_CM, MARGIN_CM = 21.0, 2.0
TEXT_WIDTH_CM = PAGE_WIDTH_CM - 2 * MARGIN_CM
TABLE_TEXT = Pt(8.5)
LANGUAGE_TAGS = {"fr": "fr-FR", "en": "en-GB"}


def render(proposal: Proposal, progress: ProgressCallback) -> bytes:
    document = Document()
    _setup(document, proposal)
    document.add_heading(proposal.title, level=0)
    document.add_paragraph().add_run(proposal.subtitle).italic = True
    total = len(proposal.blocks)
    for done, block in enumerate(proposal.blocks, 1):
        if isinstance(block, Heading):
            document.add_heading(block.text, level=block.level)
        elif isinstance(block, Paragraph):
            paragraph = document.add_paragraph()
            if block.label:
                paragraph.add_run(f"{block.label} ").bold = True
            paragraph.add_run(block.text)
        elif isinstance(block, Bullets):
            for item in block.items:
                document.add_paragraph(item, style="List Bullet")
        elif isinstance(block, Table):
            _table(document, block)
        elif isinstance(block, Chart):
            document.add_picture(io.BytesIO(block.draw()), width=Cm(TEXT_WIDTH_CM * block.width))
            document.add_paragraph(block.caption, style="Caption")
        progress(done, total)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _setup(document: DocumentObject, proposal: Proposal) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = Cm(PAGE_WIDTH_CM), Cm(29.7)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(MARGIN_CM))
    document.core_properties.title = proposal.title
    document.core_properties.language = LANGUAGE_TAGS[proposal.language]
    normal = document.styles["Normal"]
    normal.font.size = Pt(10)
    # The language spell-checkers and hyphenation use, on every run that does not say otherwise.
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), LANGUAGE_TAGS[proposal.language])
    normal.element.get_or_add_rPr().append(lang)


def _table(document: DocumentObject, block: Table) -> None:
    table: DocxTable = document.add_table(rows=1, cols=len(block.columns))
    table.style = "Table Grid"
    total = sum(block.widths)
    for column, share in zip(table.columns, block.widths, strict=True):
        column.width = Cm(TEXT_WIDTH_CM * share / total)
    header = table.rows[0]
    _repeat_as_header(header._tr)
    for cell, title in zip(header.cells, block.columns, strict=True):
        run = cell.paragraphs[0].add_run(title)
        run.bold, run.font.size = True, TABLE_TEXT
    for values in block.rows:
        row = table.add_row()  # type: ignore[no-untyped-call]  # python-docx leaves it unannotated
        for cell, value in zip(row.cells, values, strict=True):
            cell.paragraphs[0].add_run(value).font.size = TABLE_TEXT
    document.add_paragraph()


def _repeat_as_header(tr: CT_Row) -> None:
    properties = tr.get_or_add_trPr()
    flag = OxmlElement("w:tblHeader")
    flag.set(qn("w:val"), "true")
    properties.append(flag)  # type: ignore[arg-type]  # the stubs type children as the parent
