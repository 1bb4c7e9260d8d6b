"""What the export tests share: a small complete plan, and opening the files as a funder's
software would (LibreOffice for the DOCX, poppler for the PDF)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from m4d.plans import document as doc
from m4d.plans.exports.large import large_plan
from m4d.plans.models import Plan
from m4d.plans.services import save_step

# A partner name outside Latin-1, with Markdown's special characters in it.
UNICODE_PARTNER = "Łódź–Dakar *diaspora* | network"


def small_plan() -> doc.PlanDocument:
    """Every step filled: 3 partners, 2 results, 4 activities, 6 indicators, 2 periods."""
    document = large_plan(partners=3, activities=4, indicators=6, periods=2, results=2)
    document.partnership.partners[0].name = UNICODE_PARTNER
    document.context.origin = doc.Place(country="SN", locality="Matam")
    return document


def fill(plan: Plan, document: doc.PlanDocument, *, by) -> Plan:
    """Save every step of `document` on `plan`, as its editors would."""
    for step in doc.STEPS:
        data = getattr(document, step).model_dump(mode="json")
        save_step(plan, step, data, by=by, base_revision=None)
    return plan


def _tool(name: str) -> str:
    found = shutil.which(name)
    assert found, f"{name} is missing: install libreoffice-writer-nogui and poppler-utils (.ci/run)"
    return found


def docx_to_pdf(content: bytes, folder: Path) -> Path:
    """The DOCX converted by LibreOffice, headless, with a profile of its own."""
    source = folder / "proposal.docx"
    source.write_bytes(content)
    subprocess.run(
        [
            _tool("soffice"),
            f"-env:UserInstallation={(folder / 'libreoffice-profile').as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=240,
    )
    return folder / "proposal.pdf"


def pdf_pages(path: Path, folder: Path) -> list[Path]:
    """The PDF's pages rendered as PNG images by pdftoppm (low resolution: it must render)."""
    subprocess.run(
        [_tool("pdftoppm"), "-r", "20", "-png", str(path), str(folder / "page")],
        check=True,
        capture_output=True,
        timeout=240,
    )
    return sorted(folder.glob("page-*.png"))


def pdf_text(path: Path) -> str:
    result = subprocess.run(
        [_tool("pdftotext"), "-layout", str(path), "-"],
        check=True,
        capture_output=True,
        timeout=120,
    )
    return result.stdout.decode("utf-8")
