"""Toolbox pages, in English and French."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from m4d.toolbox.models import Capital, Option, Recommendation, Section

pytestmark = pytest.mark.django_db
OPTION = "2.1/virtual-networking-spaces"


def page_urls() -> list[str]:
    urls = [
        reverse("toolbox:index"),
        reverse("toolbox:recommendations"),
        reverse("toolbox:references"),
        reverse("toolbox:risks"),
        reverse("toolbox:partnerships"),
        reverse("toolbox:stakeholders"),
        reverse("toolbox:allies"),
    ]
    urls += [c.get_absolute_url() for c in Capital.objects.all()]
    urls += [s.get_absolute_url() for s in Section.objects.all()]
    urls += [o.get_absolute_url() for o in Option.objects.all()]
    return urls


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_every_toolbox_page_answers_in_both_languages(client, lang):
    for url in page_urls():
        response = client.get(url, {"lang": lang})
        assert response.status_code == 200, url
        html = response.content.decode()
        assert f'<html lang="{lang}">' in html, url
        assert '<nav class="breadcrumbs"' in html, url
        assert " style=" not in html and "<script>" not in html, url


def test_lang_switches_the_content_language(client):
    url = reverse("toolbox:section", args=["2.1"])
    assert "Creating networks" in client.get(url, {"lang": "en"}).content.decode()
    assert "Création de réseaux" in client.get(url, {"lang": "fr"}).content.decode()


def test_the_option_page_lists_benefits_key_issues_case_studies_and_projects(client):
    option = Option.objects.get(key=OPTION)
    url = option.get_absolute_url()
    assert url == "/toolbox/options/2.1/virtual-networking-spaces/"
    html = client.get(url, {"lang": "en"}).content.decode()
    assert "<h1>Virtual networking spaces</h1>" in html
    for benefit in option.benefits_en:
        assert benefit in html
    checklist = re.search(r'<ul class="key-issues">(.*?)</ul>', html, re.S).group(1)
    assert checklist.count("<li>") == len(option.key_issues_en)
    assert 'href="/toolbox/cases/1/"' in html and 'href="/toolbox/cases/2/"' in html
    for project in option.projects.all():
        assert f'href="{project.get_absolute_url()}"' in html
    french = client.get(url, {"lang": "fr"}).content.decode()
    assert option.key_issues_fr[0] in french and option.title_fr in french


def test_an_unknown_option_is_404(client):
    assert client.get("/toolbox/options/2.1/nothing-here/").status_code == 404
    assert client.get("/toolbox/sections/9.9/").status_code == 404


def test_the_capital_page_shows_what_it_contributes_and_its_sections(client):
    capital = Capital.objects.get(key="financial")
    html = client.get(capital.get_absolute_url(), {"lang": "en"}).content.decode()
    assert capital.contributes_en[0] in html
    for section in capital.sections.all():
        assert section.get_absolute_url() in html


def test_a_section_page_shows_its_options_figure_and_case_studies(client):
    html = client.get(reverse("toolbox:section", args=["3.2"]), {"lang": "fr"}).content.decode()
    assert "Faciliter l’investissement collectif" in html
    assert "Figure 8" in html
    assert "/toolbox/options/3.2/home-community-cooperatives/" in html
    assert 'href="/toolbox/cases/7/"' in html


def test_the_recommendations_page_pairs_the_nine_and_nine(client):
    html = client.get(reverse("toolbox:recommendations"), {"lang": "en"}).content.decode()
    rows = re.findall(r"<tr>\s*<td id=\"([\w-]+)\">.*?</td>\s*<td id=\"([\w-]+)\">", html, re.S)
    assert len(rows) == 9
    for actors_key, policy_key in rows:
        actors = Recommendation.objects.get(key=actors_key)
        assert actors.pair.key == policy_key
    for rec in Recommendation.objects.exclude(audience="chapter"):
        assert rec.title_en in html.replace("&#x27;", "'")


def test_part3_pages_show_blocks_risks_and_force_field_analysis(client):
    allies = client.get(reverse("toolbox:allies"), {"lang": "en"}).content.decode()
    assert "Force-field analysis" in allies
    risks = client.get(reverse("toolbox:risks"), {"lang": "en"}).content.decode()
    assert risks.count('<tr id="6-4-') == 4
    stakeholders = client.get(reverse("toolbox:stakeholders"), {"lang": "fr"}).content.decode()
    assert "7.1" in stakeholders and "7.3" in stakeholders


def test_french_pages_cite_the_handbook_in_french(client):
    html = client.get(reverse("toolbox:capital", args=["human"]), {"lang": "fr"}).content.decode()
    assert "Chapitre 4, Figure 10" in html
    html = client.get(
        reverse("toolbox:option", args=["4.2/migrant-experts"]), {"lang": "fr"}
    ).content.decode()
    assert "Encadré 9" in html
