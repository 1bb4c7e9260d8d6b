"""The statistics page: headline numbers and three bar charts, each with the same numbers as a table."""

from __future__ import annotations

import re

import pytest

from m4d.core.svg import bar_chart, wrap_label
from m4d.organisations.models import Organisation
from m4d.projects.models import Capital, Project, ProjectCapital
from m4d.projects.stats import Row


@pytest.mark.django_db
@pytest.mark.parametrize("lang", ["en", "fr"])
def test_statistics_page_shows_three_charts(client, lang):
    response = client.get(f"/statistics/?lang={lang}")
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{lang}">' in html
    for chart in ("chart-country", "chart-capital", "chart-org-type"):
        assert f'<h2 id="{chart}">' in html
        assert f'role="group" aria-labelledby="{chart}"' in html
    assert html.count('<svg xmlns="http://www.w3.org/2000/svg" class="bar-chart"') == 3
    assert "style=" not in html


@pytest.mark.django_db
def test_headline_numbers_are_the_registry_counts(client):
    stats = client.get("/statistics/").context["stats"]
    assert stats.projects == Project.objects.count() == 51
    assert stats.organisations == Organisation.objects.count()


@pytest.mark.django_db
def test_projects_per_capital_count_the_capital_rows(client):
    response = client.get("/statistics/")
    rows = {row.key: row for row in response.context["stats"].by_capital}
    html = response.content.decode()
    for value, _label in Capital.choices:
        expected = ProjectCapital.objects.filter(capital=value).count()
        assert rows[value].count == expected
        assert f"<title>{rows[value].label}: {expected}</title>" in html
        assert f'<a href="/projects/?capital={value}" tabindex="-1">' in html


@pytest.mark.django_db
def test_country_bars_match_the_table(client):
    response = client.get("/statistics/")
    by_country = response.context["stats"].by_country
    html = response.content.decode()
    assert by_country and sum(row.count for row in by_country) >= 51
    mali = next(row for row in by_country if row.key == "ML")
    assert f'<a href="/countries/ml/" tabindex="-1"><title>Mali: {mali.count}</title>' in html
    assert (
        f'<th scope="row"><a href="/countries/ml/">Mali</a></th><td class="num">{mali.count}</td>'
        in html
    )


def test_bar_chart_escapes_labels_and_urls():
    svg = bar_chart(
        [Row("x", "<script>alert(1)</script> & co", 3, '/a?b=1&c="2"')], label="Tom & <Jerry>"
    )
    assert "<script>" not in svg
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; co" in svg
    assert 'href="/a?b=1&amp;c=&quot;2&quot;"' in svg
    assert "<title>Tom &amp; &lt;Jerry&gt;</title>" in svg


def test_bar_chart_scales_bars_to_the_longest():
    svg = bar_chart([Row("a", "A", 10), Row("b", "B", 5), Row("c", "C", 0)])
    widths = [
        float(w) for w in re.findall(r'<rect class="bar" x="[\d.]+" y="\d+" width="([\d.]+)"', svg)
    ]
    assert widths[0] == pytest.approx(2 * widths[1]) and widths[2] == 0
    assert "<a " not in svg  # rows without a url are not links


def test_bar_chart_wraps_long_labels_on_two_lines_and_keeps_them_whole_in_the_title():
    label = "Microfinance / savings and credit cooperative / bank and a lot more words " * 2
    svg = bar_chart([Row("m", label.strip(), 1), Row("s", "Short", 1)])
    assert f"<title>{label.strip()}: 1</title>" in svg
    first_bar = svg.split("</a>")[0] if "</a>" in svg else svg.split("</g>")[0]
    assert first_bar.count("<tspan") == 2
    assert "…</tspan>" in first_bar
    assert '<tspan x="0" dy="0">Short</tspan>' in svg


def test_a_label_is_cut_at_spaces_and_only_what_does_not_fit_is_elided():
    assert wrap_label("Local authority", 40) == ["Local authority"]
    assert wrap_label("one two three four", 9) == ["one two", "three fo…"]
    assert wrap_label("Supercalifragilistic", 8) == ["Superca…"]
