"""The proposal as a PDF (fpdf2, DejaVu fonts): the same outline as the DOCX, A4, page numbers,
table headings repeated on each page, the charts as images."""

from __future__ import annotations

import io

from django.utils.translation import gettext as _
from fpdf import FPDF
from fpdf.enums import Align, XPos, YPos

from m4d.plans.exports.base import ProgressCallback
from m4d.plans.exports.fonts import BOLD, REGULAR, font_path
from m4d.plans.exports.outline import Bullets, Chart, Heading, Paragraph, Proposal, Table

FAMILY = "DejaVu"
HEADING_SIZES = {0: 20, 1: 15, 2: 12}
HEADING_FILL = (233, 236, 239)
TABLE_SIZE, LINE, PAD = 7.5, 3.6, 0.8  # points; millimetres


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
    """A grid drawn row by row, the heading row repeated on each page. fpdf2's own tables break
    every cell's text twice; a big plan's tables (hundreds of rows) are drawn in half the time
    this way, and a cell that fits on one line is not broken at all."""
    total = sum(block.widths)
    widths = [pdf.epw * share / total for share in block.widths]
    pdf.set_font(FAMILY, "B", TABLE_SIZE)
    _row(pdf, _Wrapper(pdf), block.columns, widths, heading=True)
    pdf.set_font(FAMILY, size=TABLE_SIZE)
    wrapper = _Wrapper(pdf)
    for values in block.rows:
        if not _row(pdf, wrapper, values, widths, columns=block.columns):
            _stacked(pdf, block.columns, values)
    pdf.ln(4)


class _Wrapper:
    """Greedy word wrapping with each word measured once per table (fpdf2's line breaker
    measures character by character, which dominates a big plan's export)."""

    def __init__(self, pdf: FPDF) -> None:
        self.pdf = pdf
        self.widths: dict[str, float] = {}
        self.space = pdf.get_string_width(" ")

    def width(self, word: str) -> float:
        if word not in self.widths:
            self.widths[word] = self.pdf.get_string_width(word)
        return self.widths[word]

    def lines(self, text: str, cell: float) -> list[str]:
        room = cell - 2 * self.pdf.c_margin
        lines: list[str] = []
        for paragraph in text.split("\n"):
            line, used = "", 0.0
            for word in paragraph.split(" "):
                size = self.width(word)
                while size > room and len(word) > 1:  # a word wider than the cell is cut
                    cut = len(word) - 1
                    while cut > 1 and self.pdf.get_string_width(word[:cut]) > room:
                        cut -= 1
                    if line:
                        lines.append(line)
                    line, used = "", 0.0
                    lines.append(word[:cut])
                    word = word[cut:]
                    size = self.width(word)
                if line and used + self.space + size > room:
                    lines.append(line)
                    line, used = "", 0.0
                line, used = (f"{line} {word}", used + self.space + size) if line else (word, size)
            lines.append(line)
        return lines


def _row(
    pdf: FPDF,
    wrapper: _Wrapper,
    values: tuple[str, ...],
    widths: list[float],
    *,
    heading: bool = False,
    columns: tuple[str, ...] = (),
) -> bool:
    """Draw one row in the current font (False: it is taller than a page; nothing was drawn)."""
    cells = [wrapper.lines(value, width) for value, width in zip(values, widths, strict=True)]
    height = max(len(lines) for lines in cells) * LINE + 2 * PAD
    if height > pdf.page_break_trigger - pdf.t_margin:
        return False
    if pdf.get_y() + height > pdf.page_break_trigger:
        pdf.add_page()
        if not heading:
            pdf.set_font(FAMILY, "B", TABLE_SIZE)
            _row(pdf, _Wrapper(pdf), columns, widths, heading=True)
            pdf.set_font(FAMILY, size=TABLE_SIZE)
    pdf.set_fill_color(*HEADING_FILL)
    x, top = pdf.l_margin, pdf.get_y()
    for lines, width in zip(cells, widths, strict=True):
        pdf.rect(x, top, width, height, style="DF" if heading else "D")
        for n, line in enumerate(lines):
            pdf.set_xy(x, top + PAD + n * LINE)
            pdf.cell(width, LINE, line)
        x += width
    pdf.set_xy(pdf.l_margin, top + height)
    return True


def _stacked(pdf: FPDF, columns: tuple[str, ...], values: tuple[str, ...]) -> None:
    """A row too long for a page, written as labelled paragraphs so that nothing is cut."""
    for column, value in zip(columns, values, strict=True):
        _paragraph(pdf, Paragraph(value, column))
