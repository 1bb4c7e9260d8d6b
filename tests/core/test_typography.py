"""French typography through one helper (core.typography): narrow no-break spaces before
`: ; ? !`, « » quotes; English left as written; what people type shown back as typed."""

from __future__ import annotations

import pytest

from m4d.core.typography import NARROW_NBSP, NBSP, typeset, typeset_html


@pytest.mark.parametrize(
    ("typed", "typeset_fr"),
    [
        ("Trier par:", f"Trier par{NARROW_NBSP}:"),
        ("Encadré 6 :", f"Encadré 6{NARROW_NBSP}:"),
        ("Figure 3:", f"Figure 3{NARROW_NBSP}:"),
        ("Vraiment ?!", f"Vraiment{NARROW_NBSP}?!"),
        ("un; deux", f"un{NARROW_NBSP}; deux"),
        ('le mot "capital" ici', f"le mot «{NBSP}capital{NBSP}» ici"),
        ("le mot “capital” ici", f"le mot «{NBSP}capital{NBSP}» ici"),
        ("« déjà »", f"«{NBSP}déjà{NBSP}»"),
    ],
)
def test_french_text_gets_its_spaces_and_quotes(typed, typeset_fr):
    assert typeset(typed, "fr") == typeset_fr


@pytest.mark.parametrize("text", ["https://example.org/a?b=1", "10:30", "ratio 3:2", "a!b"])
def test_addresses_times_and_ratios_are_left_alone(text):
    assert typeset(text, "fr") == text


def test_typesetting_twice_changes_nothing_more():
    once = typeset('Il a dit "oui" : Encadré 8:', "fr")
    assert typeset(once, "fr") == once


def test_english_is_left_as_written():
    assert typeset('Sort by: "name"', "en") == 'Sort by: "name"'


def test_pages_are_typeset_in_their_text_only():
    page = (
        '<p title="a: b">Trier par:</p><textarea name="t">typed :</textarea>'
        '<a href="https://example.org/?q=1">Lien</a><p>&quot;Oui&quot; &amp; co !</p>'
    )
    assert typeset_html(page, "fr") == (
        f'<p title="a: b">Trier par{NARROW_NBSP}:</p><textarea name="t">typed :</textarea>'
        f'<a href="https://example.org/?q=1">Lien</a><p>«{NBSP}Oui{NBSP}» &amp; co{NARROW_NBSP}!</p>'
    )


@pytest.mark.django_db
def test_french_pages_use_french_spacing_and_english_pages_do_not(client):
    french = client.get("/countries/", {"lang": "fr"}).content.decode()
    english = client.get("/countries/", {"lang": "en"}).content.decode()
    assert f"Trier par{NARROW_NBSP}:" in french
    assert "Sort by:" in english and NARROW_NBSP not in english


@pytest.mark.django_db
def test_what_someone_typed_in_a_form_is_shown_back_as_typed(client, editor):
    from tests.factories import make_project

    project = make_project(summary_fr="Texte : tel quel")
    client.force_login(editor)
    html = client.get(f"/projects/{project.code}/edit/", {"lang": "fr"}).content.decode()
    assert "Texte : tel quel</textarea>" in html
