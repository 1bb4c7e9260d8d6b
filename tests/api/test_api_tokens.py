"""Scripts authenticate with `Authorization: Bearer <token>`; a bad token is refused everywhere."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from ninja import NinjaAPI, Router
from ninja.testing import TestClient

from m4d.accounts.api import WriteThrottle, signed_in
from m4d.accounts.services import create_token, revoke_token

pytestmark = pytest.mark.django_db


def bearer(secret: str) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


def test_me_answers_who_the_token_acts_for_with_their_organisations(client, bob):
    _token, secret = create_token(bob, name="Script", by=bob)
    response = client.get("/api/me", **bearer(secret))
    assert response.status_code == 200
    organisation = bob.memberships.get().organisation
    assert response.json() == {
        "email": "bob@example.org",
        "display_name": bob.display_name,
        "role": "member",
        "organisations": [
            {
                "organisation_id": organisation.pk,
                "organisation": organisation.name,
                "role": "member",
            }
        ],
    }


def test_me_answers_a_signed_in_browser_too(client, alice):
    client.force_login(alice)
    assert client.get("/api/me").json()["email"] == "alice@example.org"


def test_me_without_a_token_or_session_is_401_with_a_message(client):
    response = client.get("/api/me")
    assert response.status_code == 401
    assert "Authorization: Bearer" in response.json()["detail"]


def test_a_revoked_token_gets_401_with_a_message(client, alice):
    token, secret = create_token(alice, name="Script", by=alice)
    assert client.get("/api/me", **bearer(secret)).status_code == 200
    revoke_token(token, by=alice)
    response = client.get("/api/me", **bearer(secret))
    assert response.status_code == 401
    assert response.json() == {"detail": "Invalid or revoked API token."}
    assert response["WWW-Authenticate"].startswith("Bearer")


@pytest.mark.parametrize("header", ["Bearer m4d_not-a-token", "Bearer ", "bearer not-even-m4d"])
def test_a_bad_authorization_header_gets_401_even_on_public_endpoints(client, header):
    response = client.get("/api/projects", HTTP_AUTHORIZATION=header)
    assert response.status_code == 401
    assert response.json() == {"detail": "Invalid or revoked API token."}


def test_other_authorization_schemes_are_left_to_whoever_sent_them(client):
    # A reverse proxy's Basic credentials pass through to the API: they are not a token.
    response = client.get("/api/projects", HTTP_AUTHORIZATION="Basic YTpi")
    assert response.status_code == 200
    assert client.get("/api/me", HTTP_AUTHORIZATION="Basic YTpi").status_code == 401


def test_a_valid_token_still_reads_public_endpoints(client, alice):
    _token, secret = create_token(alice, name="Script", by=alice)
    assert client.get("/api/projects", **bearer(secret)).status_code == 200


def test_a_token_does_not_sign_anybody_in_on_the_web_pages(client, alice):
    _token, secret = create_token(alice, name="Script", by=alice)
    response = client.get("/accounts/profile/", **bearer(secret))
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_using_a_token_through_the_api_records_its_last_use(client, alice):
    token, secret = create_token(alice, name="Script", by=alice)
    client.get("/api/me", **bearer(secret))
    token.refresh_from_db()
    assert token.last_used_at is not None


def test_the_openapi_document_describes_the_bearer_scheme(client):
    schema = client.get("/api/openapi.json").json()
    schemes = schema["components"]["securitySchemes"]
    assert {"type": "http", "scheme": "bearer"} in schemes.values()
    name = next(key for key, value in schemes.items() if value.get("scheme") == "bearer")
    assert schema["paths"]["/api/me"]["get"]["security"] == [{name: []}]
    assert "security" not in schema["paths"]["/api/projects"]["get"]


@pytest.fixture
def write_api():
    """A write endpoint limited like the API's (the API has no write endpoint of its own yet)."""
    cache.clear()
    router = Router()

    @router.post("/things", auth=signed_in)
    def add_thing(request):
        return {"ok": True}

    api = NinjaAPI(urls_namespace="write-limit-test", throttle=[WriteThrottle("2/m")])
    api.add_router("/", router)
    yield TestClient(api)
    cache.clear()


def test_writes_are_limited_per_token_with_a_429_json_answer(write_api, alice, bob):
    alices = {"user": alice, "api_token_digest": "a" * 64}
    assert write_api.post("/things", **alices).status_code == 200
    assert write_api.post("/things", **alices).status_code == 200
    refused = write_api.post("/things", **alices)
    assert refused.status_code == 429
    assert refused.json() == {"detail": "Too many requests."}
    # Another token (even of the same person) has its own count.
    assert write_api.post("/things", user=alice, api_token_digest="b" * 64).status_code == 200


def test_reads_are_not_limited(rf):
    throttle = WriteThrottle("1/m")
    assert all(throttle.allow_request(rf.get("/api/projects")) for _ in range(5))


def test_a_session_write_needs_the_csrf_token_and_a_token_write_does_not(rf, alice):
    from ninja.errors import HttpError

    session_write = rf.post("/api/things")
    session_write.user = alice
    with pytest.raises(HttpError) as refused:
        signed_in(session_write)
    assert refused.value.status_code == 403
    token_write = rf.post("/api/things")
    token_write.user = alice
    token_write.api_token_digest = "a" * 64
    assert signed_in(token_write) == alice
