"""The proposal as Markdown (CommonMark with GitHub tables): the outline's text and tables; the
charts are left out, since their tables carry the same data."""

from __future__ import annotations

import re

from m4d.plans.exports.base import ProgressCallback
from m4d.plans.exports.outline import Bullets, Chart, Heading, Paragraph, Proposal, Table

# Characters that would turn typed text into markup (emphasis, links, tables, headings, HTML).
_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|~])")


_LIST_START = re.compile(r"(?m)^(\s*)(?:([-=])|(\d+)\.)")


def _unlisted(match: re.Match[str]) -> str:
    indent, dash, digits = match.groups()
    return f"{indent}\\{dash}" if dash else f"{indent}{digits}\\."


def escape(text: str) -> str:
    escaped = _SPECIAL.sub(r"\\\1", text)
    # A line starting with "-" or "1." would become a list ("=" a heading's underline).
    return _LIST_START.sub(_unlisted, escaped)


def _cell(text: str) -> str:
    return escape(text).replace("\r", "").replace("\n", "<br>") or " "


def render(proposal: Proposal, progress: ProgressCallback) -> bytes:
    lines = [f"# {escape(proposal.title)}", "", f"*{escape(proposal.subtitle)}*", ""]
    total = len(proposal.blocks)
    for done, block in enumerate(proposal.blocks, 1):
        if isinstance(block, Heading):
            lines += [f"{'#' * (block.level + 1)} {escape(block.text)}", ""]
        elif isinstance(block, Paragraph):
            label = f"**{escape(block.label)}** " if block.label else ""
            lines += [label + escape(block.text).replace("\n", "  \n"), ""]
        elif isinstance(block, Bullets):
            lines += [f"- {escape(item)}" for item in block.items] + [""]
        elif isinstance(block, Table):
            lines.append("| " + " | ".join(_cell(c) for c in block.columns) + " |")
            lines.append("|" + "---|" * len(block.columns))
            lines += ["| " + " | ".join(_cell(v) for v in row) + " |" for row in block.rows]
            lines.append("")
        elif isinstance(block, Chart):
            pass  # no image in a text file; the table before it holds the same data
        progress(done, total)
    return "\n".join(lines).encode("utf-8")
