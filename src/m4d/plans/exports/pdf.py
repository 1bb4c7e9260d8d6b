"""The proposal as a PDF (fpdf2, DejaVu fonts): the same outline as the DOCX, A4, page numbers,
table headings repeated on each page, the charts as images."""

from __future__ import annotations

import io

from django.utils.translation import gettext as _
from fpdf import FPDF
from fpdf.enums import Align, XPos, YPos
from fpdf.fonts import FontFace

from m4d.plans.exports.base import ProgressCallback
from m4d.plans.exports.fonts import BOLD, REGULAR, font_path
from m4d.plans.exports.outline import Bullets, Chart, Heading, Paragraph, Proposal, Table

FAMILY = "DejaVu"
HEADING_SIZES = {0: 20, 1: 15, 2: 12}
HEADING_FILL = (233, 236, 239)


class _Document(FPDF):
    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(FAMILY, size=8)
        self.cell(0, 6, _("Page %(n)s") % {"n": self.page_no()}, align=Align.C)


def render(proposal: Proposal, progress: ProgressCallback) -> bytes:
    pdf = _Document(format="A4")
    pdf.set_margins(20, 20, 20)
    pdf.set_auto_page_break(True, margin=18)
    pdf.add_font(FAMILY, "", str(font_path(REGULAR)))
    pdf.add_font(FAMILY, "B", str(font_path(BOLD)))
    pdf.set_title(proposal.title)
    pdf.set_lang(proposal.language)
    pdf.set_creator("m4d")
    pdf.add_page()
    _heading(pdf, proposal.title, 0)
    pdf.set_font(FAMILY, size=10)
    pdf.multi_cell(0, 6, proposal.subtitle, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(4)
    total = len(proposal.blocks)
    for done, block in enumerate(proposal.blocks, 1):
        if isinstance(block, Heading):
            _heading(pdf, block.text, block.level)
        elif isinstance(block, Paragraph):
            _paragraph(pdf, block)
        elif isinstance(block, Bullets):
            pdf.set_font(FAMILY, size=10)
            for item in block.items:
                pdf.multi_cell(0, 5.5, f"•  {item}", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            pdf.ln(2)
        elif isinstance(block, Table):
            _table(pdf, block)
        elif isinstance(block, Chart):
            pdf.image(io.BytesIO(block.draw()), w=pdf.epw * block.width, x=Align.C)
            pdf.set_font(FAMILY, size=8)
            pdf.multi_cell(0, 5, block.caption, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            pdf.ln(3)
        progress(done, total)
    return bytes(pdf.output())


def _heading(pdf: FPDF, text: str, level: int) -> None:
    if level == 1 and pdf.get_y() > pdf.h - 60:
        pdf.add_page()  # a section does not start at the foot of a page
    pdf.ln(3)
    pdf.set_font(FAMILY, "B", HEADING_SIZES[level])
    pdf.multi_cell(
        0, HEADING_SIZES[level] * 0.55, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT, align=Align.L
    )
    pdf.ln(2)


def _paragraph(pdf: FPDF, block: Paragraph) -> None:
    # write() flows the bold label and the text on the same lines, wrapping at the margin.
    if block.label:
        pdf.set_font(FAMILY, "B", 10)
        pdf.write(5.5, f"{block.label} ")
    pdf.set_font(FAMILY, size=10)
    pdf.write(5.5, block.text)
    pdf.ln(7)


def _table(pdf: FPDF, block: Table) -> None:
    pdf.set_font(FAMILY, size=7.5)
    with pdf.table(
        col_widths=block.widths,
        text_align=Align.L,
        line_height=4,
        padding=1,
        headings_style=FontFace(emphasis="BOLD", fill_color=HEADING_FILL),
    ) as table:
        table.row(block.columns)
        for values in block.rows:
            table.row(values)
    pdf.ln(4)
