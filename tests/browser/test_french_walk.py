"""A French reader walks the site: no interface string of ours is left in English, and French
punctuation is set everywhere (narrow no-break space before `: ; ? !`, « » quotes).

"English" is measured against the catalogues themselves: a piece of text on a French page that
is, whole, the English original of one of our translated strings (or contains a long one) was not
translated. Names and content (organisation names are never translated) do not trip it."""

from __future__ import annotations

import gettext
import re
from pathlib import Path

import pytest

import m4d

pytestmark = pytest.mark.browser

PAGES = [
    "/",
    "/projects/",
    "/projects/?country=ZZ",
    "/projects/algerie-1/",
    "/organisations/",
    "/countries/",
    "/countries/ML/",
    "/countries/map/",
    "/statistics/",
    "/toolbox/",
    "/toolbox/capitals/social/",
    "/toolbox/sections/3.2/",
    "/toolbox/options/2.1/virtual-networking-spaces/",
    "/toolbox/cases/",
    "/toolbox/cases/1/",
    "/toolbox/partnerships/",
    "/toolbox/stakeholders/",
    "/toolbox/allies/",
    "/toolbox/risks/",
    "/toolbox/recommendations/",
    "/toolbox/references/",
    "/search/?q=migration",
    "/about/",
    "/accounts/login/",
    "/accounts/signup/",
    "/accounts/password/reset/",
    "/no-such-page/",
]

# Visible text nodes, outside code and typed text, with the language of their element.
TEXTS = """() => {
  const out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (!parent || parent.closest('script,style,code,pre,kbd,samp,textarea,option')) continue;
    const text = node.textContent.trim();
    if (!text) continue;
    const lang = (parent.closest('[lang]') || document.documentElement).lang;
    out.push([lang, text]);
  }
  return out;
}"""


def english_originals() -> tuple[set[str], set[str]]:
    """Our catalogues' English strings that French says differently: short ones (matched whole)
    and long ones (matched anywhere)."""
    whole: set[str] = set()
    long: set[str] = set()
    for mo in Path(m4d.__file__).parent.glob("*/locale/fr/LC_MESSAGES/django.mo"):
        with mo.open("rb") as handle:
            catalogue = gettext.GNUTranslations(handle)._catalog  # type: ignore[attr-defined]
        for key, french in catalogue.items():
            english = key[0] if isinstance(key, tuple) else key
            if not english or "%" in english or "{" in english or "<" in english:
                continue
            if english.strip() == french.strip() or len(english) < 4:
                continue
            (long if len(english.split()) >= 5 else whole).add(english.strip())
    return whole, long


MISSING_SPACE = re.compile(r"[^\s\u202f\u00a0(«][:;?!](?=\s|$)")
WRONG_SPACE = re.compile(r"[ \u00a0][;?!](?=\s|$)| :(?=\s|$)")


def test_french_pages_have_no_english_interface_string_and_french_punctuation(browser, live_url):
    whole, long = english_originals()
    context = browser.new_context(base_url=live_url, locale="fr-FR")
    page = context.new_page()
    page.set_default_timeout(10_000)
    problems: list[str] = []
    for path in PAGES:
        page.goto(path)
        assert page.locator("html").get_attribute("lang") == "fr", path
        for lang, text in page.evaluate(TEXTS):
            if lang != "fr":
                continue  # the language switch's "English", quoted English content
            if text in whole or any(phrase in text for phrase in long):
                problems.append(f"{path}: English: {text!r}")
            if MISSING_SPACE.search(text) or WRONG_SPACE.search(text):
                problems.append(f"{path}: punctuation: {text!r}")
            if '"' in text or "“" in text:
                problems.append(f"{path}: English quotes: {text!r}")
    context.close()
    assert not problems, "\n".join(problems[:60])
