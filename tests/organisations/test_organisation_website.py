"""An organisation's website: http or https only, set on the edit page (a bare domain becomes
https) and the API, shown as a link that does not vouch for it, in a share of synthetic records."""

from __future__ import annotations

import pytest
from django.urls import reverse

from m4d.organisations.models import Organisation
from m4d.organisations.services import OrganisationError, update_organisation
from m4d.projects import synthetic
from tests.factories import make_organisation

pytestmark = pytest.mark.django_db


def post_edit(client, organisation, **data):
    values = {"name": organisation.name, "type": "ngo", "country": "SN", **data}
    return client.post(reverse("organisations:edit", args=[organisation.pk]), values)


def test_the_owner_sets_a_bare_domain_and_it_is_saved_as_https(client, alice, alices_organisation):
    client.force_login(alice)

    assert post_edit(client, alices_organisation, website="alice-solidarite.sn").status_code == 302

    alices_organisation.refresh_from_db()
    assert alices_organisation.website == "https://alice-solidarite.sn"


@pytest.mark.parametrize("address", ["javascript:alert(1)", "ftp://example.org/x"])
def test_an_address_that_is_not_http_is_refused_and_shown_again(
    client, alice, alices_organisation, address
):
    client.force_login(alice)

    response = post_edit(client, alices_organisation, website=address)

    assert response.status_code == 200
    assert 'id="id_website_error"' in response.content.decode()
    alices_organisation.refresh_from_db()
    assert alices_organisation.website == ""


def test_the_service_refuses_a_javascript_address(alice, alices_organisation):
    with pytest.raises(OrganisationError):
        update_organisation(alices_organisation, by=alice, changes={"website": "javascript:x"})


def test_the_page_links_to_the_website_without_vouching_for_it(client):
    organisation = make_organisation("Association en ligne", website="https://example.org/asso")

    page = client.get(organisation.get_absolute_url()).content.decode()

    assert 'href="https://example.org/asso" rel="nofollow noopener noreferrer external"' in page


def test_an_organisation_without_website_shows_no_website_line(client, alices_organisation):
    assert "Website" not in client.get(alices_organisation.get_absolute_url()).content.decode()


def test_the_api_patch_sets_the_website_and_the_list_gives_it(client, alice, alices_organisation):
    client.force_login(alice)

    response = client.patch(
        f"/api/organisations/{alices_organisation.pk}",
        {"website": "https://example.org/alice"},
        content_type="application/json",
    )

    assert response.status_code == 200
    listed = client.get("/api/organisations", {"q": "Alice"}).json()["items"][0]
    assert listed["website"] == "https://example.org/alice"


def test_a_third_of_the_synthetic_organisations_have_a_website():
    synthetic.generate(projects=0, organisations=9, seed=2)

    made = Organisation.objects.filter(source=Organisation.Source.SYNTHETIC)
    assert made.exclude(website="").count() == 3


def test_a_data_file_with_a_website_that_is_not_http_is_refused(tmp_path):
    from m4d.core.datafiles import DataFileError
    from m4d.organisations.services import read_organisations

    path = tmp_path / "organisations.yaml"
    path.write_text(
        "- key: paz\n  name: Paz y Desarrollo\n  type: ngo\n  country: ES\n"
        "  website: javascript:alert(1)\n  citation: Annex\n",
        encoding="utf-8",
    )

    with pytest.raises(DataFileError, match="paz.*website must be an http"):
        read_organisations(path)
