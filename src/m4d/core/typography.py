"""The one typography helper: French punctuation spacing and quotes, for text and for pages.

French puts a narrow no-break space (U+202F) before `: ; ? !` and writes quotations « like this »,
with no-break spaces inside the guillemets; English does neither. Translators, templates and
content authors do not have to type these spaces (nor remember which space): everything shown in
French goes through `typeset`, which also repairs what was typed by hand ("Trier par:",
"Encadré 6 :", "English quotes"), so one page never mixes two styles. Decision 0015.

- `typeset(text, language)`: plain text (e-mails, generated messages, the `typeset` filter);
- `typeset_html(html, language)`: the text of an HTML document, never its tags, attributes,
  comments, or the content of `pre`, `code`, `kbd`, `samp`, `textarea`, `script` and `style`
  (what people type is shown back as typed);
- `TypographyMiddleware`: every HTML response in the active language, so templates, partials,
  error pages and the admin need no markup of their own.

Both are idempotent: typesetting French twice gives the same text. English is left as written.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.html import escape
from django.utils.translation import get_language

from m4d.core.i18n import normalise_language

NARROW_NBSP = "\u202f"
NBSP = "\u00a0"

_SPACES = f"[ {NBSP}{NARROW_NBSP}\t]"
# A high mark after a word (or a closing bracket, quote, digit…), before a space or the end of the
# text: never the colon of "https://" or "10:30", nor the "?" of a query string.
_HIGH_MARK = re.compile(
    rf"(?<=[^\s:;?!(\[«{NBSP}{NARROW_NBSP}]){_SPACES}*([:;?!]+)(?=[\s)\]»,.…]|$)"
)
_STRAIGHT_QUOTES = re.compile(r'"([^"\n]{1,400}?)"')
_CURLY_QUOTES = re.compile(r"“([^”\n]{1,400}?)”")
_OPENING = re.compile(rf"«{_SPACES}*")
_CLOSING = re.compile(rf"{_SPACES}*»")
_NEEDS_WORK = re.compile(r'[:;?!"“«»]')


def _guillemets(match: re.Match[str]) -> str:
    return f"«{NBSP}{match.group(1).strip()}{NBSP}»"


def typeset(text: str, language: str | None = None) -> str:
    """`text` with the punctuation conventions of `language` (default: the active language)."""
    if normalise_language(language or get_language()) != "fr" or not _NEEDS_WORK.search(text):
        return text
    text = _STRAIGHT_QUOTES.sub(_guillemets, text)
    text = _CURLY_QUOTES.sub(_guillemets, text)
    text = _OPENING.sub(f"«{NBSP}", text)
    text = _CLOSING.sub(f"{NBSP}»", text)
    return _HIGH_MARK.sub(lambda m: NARROW_NBSP + m.group(1), text)


# What typesetting leaves alone: tags (with their attributes), comments, and elements whose text is
# code or what someone typed.
_UNTOUCHED = re.compile(
    r"<(pre|code|kbd|samp|textarea|script|style)\b.*?</\1\s*>|<!--.*?-->|<[^>]*>",
    re.DOTALL | re.IGNORECASE,
)


def _typeset_text_node(text: str) -> str:
    if not _NEEDS_WORK.search(text) and "&" not in text:
        return text
    plain = html.unescape(text) if "&" in text else text
    done = typeset(plain, "fr")
    if done == plain:
        return text
    return escape(done)  # as Django escapes text: the page reads the same, typeset


def typeset_html(document: str, language: str | None = None) -> str:
    """The text of `document` typeset for `language` (default: the active language)."""
    if normalise_language(language or get_language()) != "fr":
        return document
    parts: list[str] = []
    position = 0
    for match in _UNTOUCHED.finditer(document):
        parts.append(_typeset_text_node(document[position : match.start()]))
        parts.append(match.group(0))
        position = match.end()
    parts.append(_typeset_text_node(document[position:]))
    return "".join(parts)


class TypographyMiddleware:
    """Typeset every complete HTML response in the language it was rendered in."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if (
            response.streaming
            or getattr(response, "from_page_cache", False)  # stored typeset
            or response.has_header("Content-Encoding")
            or not response.get("Content-Type", "").startswith("text/html")
            or normalise_language(get_language()) != "fr"
        ):
            return response
        charset = response.charset or "utf-8"
        before = response.content
        after = typeset_html(before.decode(charset, errors="replace"), "fr").encode(charset)
        if after != before:
            response.content = after
            if response.has_header("Content-Length"):
                response["Content-Length"] = str(len(after))
        return response
