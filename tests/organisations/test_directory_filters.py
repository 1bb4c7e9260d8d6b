"""The organisation directory's filters: one form for the page and the API, and a rejected filter
answers with its message and no data on both."""

from __future__ import annotations

import pytest

from m4d.organisations.forms import OrganisationFilterForm
from m4d.organisations.models import Organisation
from tests.factories import make_organisation

pytestmark = pytest.mark.django_db

REJECTED = [
    ({"country": "Atlantis"}, "Unknown country: Atlantis"),
    ({"type": "club"}, "club"),
    ({"sort": "random"}, "random"),
]


@pytest.mark.parametrize(("params", "message"), REJECTED)
def test_a_rejected_filter_shows_its_message_and_no_organisation(client, params, message):
    page = client.get("/organisations/", params)

    assert message in page.content.decode()
    assert page.context["page"].paginator.count == 0


@pytest.mark.parametrize(("params", "message"), REJECTED)
def test_the_api_rejects_the_same_filters_with_the_same_message(client, params, message):
    response = client.get("/api/organisations", params)
    page_errors = client.get("/organisations/", params).context["form"].messages()

    assert response.status_code == 422
    assert message in response.json()["detail"]
    assert response.json()["detail"] == " ".join(page_errors)


def test_the_api_sorts_like_the_page(client):
    make_organisation("Zèbre solidaire", country_code="AQ")
    make_organisation("Abeilles unies", country_code="AQ", type=Organisation.Type.FOUNDATION)
    params = {"country": "AQ", "sort": "name"}

    page = [o.name for o in client.get("/organisations/", params).context["page"].object_list]
    api = [o["name"] for o in client.get("/api/organisations", params).json()["items"]]

    assert page == api == ["Abeilles unies", "Zèbre solidaire"]


def test_the_api_documents_the_parameters_of_the_filter_form(client):
    schema = client.get("/api/openapi.json").json()
    documented = {p["name"] for p in schema["paths"]["/api/organisations"]["get"]["parameters"]}

    assert documented - set(OrganisationFilterForm.base_fields) == {"limit", "offset"}
    assert set(OrganisationFilterForm.base_fields) <= documented
