"""GET /api/toolbox and GET /api/toolbox/options/{key}."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def test_the_toolbox_endpoint_returns_everything_in_the_requested_language(client):
    english = client.get("/api/toolbox", {"lang": "en"}).json()
    assert set(english) >= {"capitals", "sections", "recommendations", "risks", "stakeholder_types"}
    assert [c["key"] for c in english["capitals"]] == ["social", "financial", "human", "cultural"]
    first = english["sections"][0]
    assert (
        first["number"] == "2.1"
        and first["title"] == "Creating networks"
        and first["capital"] == "social"
    )
    option = first["options"][1]
    assert option["key"] == "2.1/virtual-networking-spaces"
    assert option["benefits"] and option["key_issues"]
    assert {"box": 1, "project_code": "Cap-Vert-7"}.items() <= first["cases"][0].items()
    assert len(english["recommendations"]["small_scale_actors"]) == 9
    assert len(english["recommendations"]["policymakers"]) == 9
    assert len(english["risks"]) == 4 and english["stakeholder_types"]

    french = client.get("/api/toolbox", {"lang": "fr"}).json()
    assert french["sections"][0]["title"] == "Création de réseaux"
    assert french["sections"][0]["options"][1]["title"] == "Espaces virtuels de mise en réseau"
    assert client.get("/api/toolbox", HTTP_ACCEPT_LANGUAGE="fr").json()["language"] == "fr"


def test_printed_titles_sit_beside_the_titles_in_the_requested_language(client):
    first = client.get("/api/toolbox", {"lang": "en"}).json()["sections"][0]

    assert (first["title"], first["title_fr"]) == ("Creating networks", "Création de réseaux")
    case = first["cases"][0]
    assert (case["title"], case["title_fr"]) == (
        "Cabo Verde multimedia centre",
        "Centre multimédia du Cap-Vert",
    )


def test_one_option_by_key(client):
    data = client.get("/api/toolbox/options/2.1/virtual-networking-spaces", {"lang": "fr"}).json()
    assert data["title"] == "Espaces virtuels de mise en réseau"
    assert [c["box"] for c in data["cases"]] == [1, 2]
    assert {p["code"] for p in data["projects"]} == {"Cap-Vert-7", "Jamaïque-22"}
    assert data["section"] == "2.1"


def test_an_unknown_option_key_is_404(client):
    response = client.get("/api/toolbox/options/2.1/no-such-option")
    assert response.status_code == 404
    assert "no-such-option" in response.json()["detail"]


def test_the_schemas_are_documented(client):
    spec = client.get("/api/openapi.json").json()
    assert "/api/toolbox" in spec["paths"] and "/api/toolbox/options/{key}" in spec["paths"]
    schemas = spec["components"]["schemas"]
    assert {"ToolboxOut", "SectionOut", "OptionItem", "OptionDetail"} <= set(schemas)
