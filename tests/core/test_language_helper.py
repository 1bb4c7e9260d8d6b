"""One language helper: every language code becomes 'fr' or 'en', for pages, the API and templates."""

from __future__ import annotations

import pytest
from django.test import RequestFactory
from django.utils import translation

from m4d.core.i18n import current_language, normalise_language, request_language


@pytest.mark.parametrize(
    ("code", "language"),
    [
        ("fr", "fr"),
        ("fr-CA", "fr"),
        ("FR-fr", "fr"),
        ("en", "en"),
        ("en-gb", "en"),
        ("de", "en"),
        ("", "en"),
        (None, "en"),
    ],
)
def test_any_code_is_normalised_to_french_or_english(code, language):
    assert normalise_language(code) == language


def test_the_current_language_follows_the_active_translation():
    with translation.override("fr"):
        assert current_language() == "fr"
    with translation.override("en"):
        assert current_language() == "en"


def test_the_lang_parameter_comes_before_the_negotiated_language():
    request = RequestFactory().get("/api/projects", {"lang": "fr"})
    request.LANGUAGE_CODE = "en"

    assert request_language(request) == "fr"


def test_without_a_parameter_the_negotiated_language_is_used():
    request = RequestFactory().get("/api/projects", {"lang": "xx"})
    request.LANGUAGE_CODE = "fr-be"

    assert request_language(request) == "fr"


@pytest.mark.django_db
def test_toolbox_citations_follow_the_page_language(client):
    from m4d.toolbox.templatetags.toolbox import citation

    with translation.override("fr"):
        assert citation("§4.1, Box 10") == "§4.1, Encadré 10"
    with translation.override("en"):
        assert citation("§4.1, Box 10") == "§4.1, Box 10"


def test_no_module_normalises_the_language_itself():
    from pathlib import Path

    import m4d

    package = Path(m4d.__file__).parent
    copies = [
        str(path.relative_to(package))
        for path in package.rglob("*.py")
        if 'startswith("fr")' in path.read_text(encoding="utf-8") and path.name != "i18n.py"
    ]

    assert copies == []
