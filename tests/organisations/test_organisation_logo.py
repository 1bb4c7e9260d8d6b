"""An organisation's logo: uploaded by its managers on the create and edit pages (or in the admin),
checked by content, size-limited, reduced and re-encoded by the service whoever calls it, served
with a media type from the verified format, shown on its page and in the list, removed on request
(decision 0012). Checklist A of docs/adding-a-feature.md, one test per line."""

from __future__ import annotations

import io
import os

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from m4d.core.models import AuditEntry
from m4d.organisations import services
from m4d.organisations.models import Organisation
from m4d.organisations.services import OrganisationError
from tests.adminforms import admin_form_data
from tests.factories import make_logo_upload as upload

pytestmark = pytest.mark.django_db


def edit(client, organisation: Organisation, **data):
    values = {"name": organisation.name, "type": organisation.type, "country": "SN", **data}
    return client.post(reverse("organisations:edit", args=[organisation.pk]), values)


def stored(organisation: Organisation) -> Image.Image:
    organisation.logo.open("rb")
    try:
        return Image.open(io.BytesIO(organisation.logo.read()))
    finally:
        organisation.logo.close()


def test_the_owner_uploads_a_logo_that_is_reduced_re_encoded_and_audited(
    client, alice, alices_organisation
):
    client.force_login(alice)

    response = edit(client, alices_organisation, logo=upload(size=(900, 300)))

    assert response.status_code == 302
    alices_organisation.refresh_from_db()
    assert alices_organisation.logo.name.startswith(alices_organisation.key)
    assert alices_organisation.logo.name.endswith(".png")
    assert (alices_organisation.logo_width, alices_organisation.logo_height) == (400, 133)
    assert stored(alices_organisation).size == (400, 133)
    entry = AuditEntry.objects.filter(object_id=str(alices_organisation.pk)).latest("pk")
    assert entry.data["logo"] == alices_organisation.logo.name


def test_a_new_organisation_is_created_with_its_logo(client, charlie):
    client.force_login(charlie)

    response = client.post(
        reverse("organisations:create"),
        {"name": "Kafo Jiginew", "type": "microfinance", "country": "ML", "logo": upload()},
    )

    assert response.status_code == 302
    assert Organisation.objects.get(name="Kafo Jiginew").logo


def test_the_organisation_page_shows_the_logo_with_its_name_as_alt_text_and_its_size(
    client, alice, alices_organisation
):
    services.update_organisation(alices_organisation, by=alice, changes={"logo": upload()})

    page = client.get(alices_organisation.get_absolute_url()).content.decode()

    assert f'src="{alices_organisation.logo.url}"' in page
    assert 'alt="Association Alice Solidarité"' in page
    assert 'width="400" height="133"' in page


def test_the_list_shows_a_small_lazy_logo(client, alice, alices_organisation):
    services.update_organisation(alices_organisation, by=alice, changes={"logo": upload()})

    page = client.get(reverse("organisations:list"), {"q": "Alice"}).content.decode()

    assert f'src="{alices_organisation.logo.url}"' in page
    assert 'loading="lazy"' in page


def test_an_organisation_without_logo_shows_no_image(client, alices_organisation):
    page = client.get(alices_organisation.get_absolute_url()).content.decode()

    assert "organisation-logo" not in page


def test_the_logo_is_served_with_the_type_of_its_verified_format_and_nosniff(
    client, alice, alices_organisation
):
    services.update_organisation(
        alices_organisation, by=alice, changes={"logo": upload("photo.png", fmt="JPEG")}
    )
    assert alices_organisation.logo.name.endswith(".jpg")  # the content decides, not the name

    response = client.get(alices_organisation.logo.url)

    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    assert Image.open(io.BytesIO(b"".join(response.streaming_content))).format == "JPEG"


@pytest.mark.parametrize(
    "name", ["missing-0123456789ab.png", "evil.svg", "..%2Fsecret_key", "x.png.html"]
)
def test_only_stored_logos_with_an_image_extension_are_served(client, name):
    assert client.get(f"/organisations/logos/{name}").status_code == 404


def test_a_text_file_renamed_png_is_refused_on_the_edit_page_and_nothing_is_stored(
    client, alice, alices_organisation
):
    client.force_login(alice)
    fake = SimpleUploadedFile("logo.png", b"not an image at all", content_type="image/png")

    response = edit(client, alices_organisation, logo=fake)

    assert response.status_code == 200
    assert 'id="id_logo_error"' in response.content.decode()
    alices_organisation.refresh_from_db()
    assert not alices_organisation.logo


def test_a_logo_over_the_size_limit_is_refused_with_the_limit(
    client, settings, alice, alices_organisation
):
    settings.M4D_LOGO_MAX_BYTES = 1024 * 1024
    noise = Image.frombytes("RGB", (700, 700), os.urandom(700 * 700 * 3))
    buffer = io.BytesIO()
    noise.save(buffer, "PNG")
    assert buffer.tell() > 1024 * 1024
    big = SimpleUploadedFile("big.png", buffer.getvalue())
    client.force_login(alice)

    response = edit(client, alices_organisation, logo=big)

    assert "larger than 1 MB" in response.content.decode()
    alices_organisation.refresh_from_db()
    assert not alices_organisation.logo


def test_the_service_refuses_a_non_image_whoever_calls_it(alice, alices_organisation):
    fake = SimpleUploadedFile("logo.png", b"GIF89a but not really")

    with pytest.raises(OrganisationError, match="not an image"):
        services.update_organisation(alices_organisation, by=alice, changes={"logo": fake})

    alices_organisation.refresh_from_db()
    assert not alices_organisation.logo


def test_removing_the_logo_on_the_edit_page_deletes_its_file(
    client, alice, alices_organisation, django_capture_on_commit_callbacks
):
    services.update_organisation(alices_organisation, by=alice, changes={"logo": upload()})
    storage = alices_organisation.logo.storage
    name = alices_organisation.logo.name
    client.force_login(alice)
    page = client.get(reverse("organisations:edit", args=[alices_organisation.pk])).content
    assert "Remove the logo" in page.decode()

    with django_capture_on_commit_callbacks(execute=True):
        response = edit(client, alices_organisation, **{"logo-clear": "on"})

    assert response.status_code == 302
    alices_organisation.refresh_from_db()
    assert not alices_organisation.logo
    assert not storage.exists(name)


def test_replacing_the_logo_deletes_the_old_file_once_committed(
    alice, alices_organisation, django_capture_on_commit_callbacks
):
    services.update_organisation(alices_organisation, by=alice, changes={"logo": upload()})
    old = alices_organisation.logo.name

    with django_capture_on_commit_callbacks(execute=True):
        services.update_organisation(
            alices_organisation, by=alice, changes={"logo": upload(size=(50, 50))}
        )

    assert alices_organisation.logo.name != old
    assert not alices_organisation.logo.storage.exists(old)
    assert alices_organisation.logo.storage.exists(alices_organisation.logo.name)


def test_the_api_gives_the_logo_as_an_absolute_address(
    client, settings, alice, alices_organisation
):
    settings.M4D_BASE_URL = "https://m4d.example.org"
    services.update_organisation(alices_organisation, by=alice, changes={"logo": upload()})

    detail = client.get(f"/api/organisations/{alices_organisation.pk}").json()
    listed = client.get("/api/organisations", {"q": "Alice"}).json()["items"][0]

    expected = f"https://m4d.example.org{alices_organisation.logo.url}"
    assert detail["logo"] == expected
    assert listed["logo"] == expected


def test_an_api_patch_leaves_the_logo_alone(client, alice, alices_organisation):
    services.update_organisation(alices_organisation, by=alice, changes={"logo": upload()})
    name = alices_organisation.logo.name
    client.force_login(alice)

    response = client.patch(
        f"/api/organisations/{alices_organisation.pk}",
        {"city": "Thiès"},
        content_type="application/json",
    )

    assert response.status_code == 200
    alices_organisation.refresh_from_db()
    assert alices_organisation.logo.name == name


def test_an_editor_uploads_a_logo_in_the_admin_and_the_service_re_encodes_it(
    client, editor, alices_organisation
):
    client.force_login(editor)
    url = reverse("admin:organisations_organisation_change", args=[alices_organisation.pk])

    response = client.post(
        url, admin_form_data(client.get(url), logo=upload("scan.png", size=(1200, 1200)))
    )

    assert response.status_code == 302
    alices_organisation.refresh_from_db()
    assert (alices_organisation.logo_width, alices_organisation.logo_height) == (400, 400)


def test_the_admin_refuses_a_file_that_is_not_an_image(client, editor, alices_organisation):
    client.force_login(editor)
    url = reverse("admin:organisations_organisation_change", args=[alices_organisation.pk])
    fake = SimpleUploadedFile("logo.png", b"<svg onload='alert(1)'/>")

    response = client.post(url, admin_form_data(client.get(url), logo=fake))

    assert response.status_code == 200
    alices_organisation.refresh_from_db()
    assert not alices_organisation.logo
