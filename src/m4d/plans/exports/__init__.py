"""A plan's exports: a proposal a funder can read (DOCX, PDF, Markdown) and an IATI 2.03 activity.

`export_plan(plan, fmt, language=…)` is the one entry point the pages, the jobs, the API and the
command line call. The three proposal formats render one outline (`outline.proposal`), so they say
the same things; the IATI activity is built from the document alone (`iati.py`).
"""

from __future__ import annotations

from django.utils import translation
from django.utils.text import slugify

from m4d.core.i18n import normalise_language
from m4d.plans import selectors
from m4d.plans.exports import iati, markdown, outline, pdf, word
from m4d.plans.exports.base import (
    EXTENSIONS,
    FORMATS,
    MEDIA_TYPES,
    SLOW_FORMATS,
    Exported,
    ExportError,
    ProgressCallback,
)
from m4d.plans.models import Plan

__all__ = [
    "EXTENSIONS",
    "MEDIA_TYPES",
    "FORMATS",
    "SLOW_FORMATS",
    "ExportError",
    "Exported",
    "ProgressCallback",
    "export_plan",
    "filename_for",
]


def filename_for(plan: Plan, fmt: str, language: str) -> str:
    stem = slugify(plan.title)[:60] or "plan"
    return f"{stem}-{plan.pk}-{language}.{EXTENSIONS[fmt]}"


def export_plan(
    plan: Plan, fmt: str, *, language: str, progress: ProgressCallback | None = None
) -> Exported:
    """The plan as `fmt` (one of FORMATS), its interface text in `language` (names as they are).

    Raises `ExportError` when it cannot be written."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}")
    language = normalise_language(language)
    document = selectors.document_of(plan)
    report = progress or (lambda done, total: None)
    with translation.override(language):
        if fmt == "iati":
            content = iati.activity_file(plan, document, language=language)
        else:
            proposal = outline.proposal(plan, document, language=language)
            render = {"docx": word.render, "pdf": pdf.render, "md": markdown.render}[fmt]
            content = render(proposal, report)
    return Exported(content, MEDIA_TYPES[fmt], filename_for(plan, fmt, language))
