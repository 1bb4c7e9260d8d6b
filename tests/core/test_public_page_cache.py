"""Anonymous visitors get public pages from a cache keyed on the registry's generation: fast, and
never stale, because every write moves the generation on; signed-in people always get a page
rendered for them."""

from __future__ import annotations

import gzip
import threading

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.test.utils import CaptureQueriesContext

from m4d.core import cache, generation
from m4d.projects.models import Project
from m4d.projects.services import update_project

pytestmark = pytest.mark.django_db


def test_the_second_anonymous_visit_is_served_from_the_cache_with_one_cheap_query(client):
    first = client.get("/projects/")
    with CaptureQueriesContext(connection) as queries:
        second = client.get("/projects/")
    assert second.content == first.content
    assert len(queries) == 1 and "COUNT" not in queries[0]["sql"].upper()
    assert second["ETag"] and second["Cache-Control"] == "no-cache"
    assert "Accept-Language" in second["Vary"] and "Cookie" in second["Vary"]


def test_a_browser_that_has_the_page_gets_a_304(client):
    etag = client.get("/countries/")["ETag"]
    again = client.get("/countries/", headers={"if-none-match": etag})
    assert again.status_code == 304 and again.content == b""


def test_a_write_through_a_service_is_seen_at_once(client, editor):
    project = Project.objects.get(code="Algérie-1")
    before = client.get(project.get_absolute_url()).content.decode()
    client.get("/projects/")
    update_project(project, by=editor, changes={"title_en": "A corrected title"})
    assert "A corrected title" not in before
    assert "A corrected title" in client.get(project.get_absolute_url()).content.decode()
    assert "A corrected title" in client.get("/projects/").content.decode()


def test_each_language_has_its_own_page(client):
    english = client.get("/countries/", headers={"accept-language": "en"}).content.decode()
    french = client.get("/countries/", headers={"accept-language": "fr"}).content.decode()
    assert '<html lang="en">' in english and '<html lang="fr">' in french


def test_signed_in_people_never_get_the_anonymous_page_nor_leave_theirs(client, alice):
    client.get("/organisations/")
    client.force_login(alice)
    signed_in = client.get("/organisations/")
    assert "ETag" not in signed_in
    assert "/accounts/profile/" in signed_in.content.decode()
    client.logout()
    anonymous = client.get("/organisations/").content.decode()
    assert "/accounts/profile/" not in anonymous


def test_a_page_with_a_message_for_this_visitor_is_not_cached(client, alice):
    client.force_login(alice)
    client.post("/accounts/logout/")  # leaves "You have signed out." for the next page
    page = client.get("/projects/")
    assert "ETag" not in page


def test_pages_that_hand_out_a_csrf_token_are_not_cached(client):
    page = client.get("/accounts/login/")
    assert "ETag" not in page
    assert "csrfmiddlewaretoken" in page.content.decode()


def test_an_api_token_request_is_never_answered_from_the_cache(client):
    client.get("/projects/")
    response = client.get("/projects/", headers={"authorization": "Bearer not-a-token"})
    assert "ETag" not in response


def test_every_audited_write_moves_the_generation_on(editor):
    before, _ = generation.current()
    update_project(Project.objects.get(code="Algérie-1"), by=editor, changes={"website": ""})
    update_project(
        Project.objects.get(code="Algérie-1"), by=editor, changes={"title_en": "Another title"}
    )
    assert generation.current()[0] == before + 1  # the first changed nothing, audited nothing


class SharedCacheMissingEverything:
    def get(self, key: str, default: object = None) -> object:
        return default

    def set(self, *args: object, **kwargs: object) -> None:
        return None


def test_a_summary_is_computed_once_while_many_threads_ask_for_it(monkeypatch):
    monkeypatch.setattr(generation, "current", lambda: (7, None))
    # No database in the threads (each would open its own connection): a shared cache that
    # never has the value, so that only the memory layer and its lock are tested.
    monkeypatch.setattr(cache, "cache", SharedCacheMissingEverything())
    calls = []
    started = threading.Barrier(8)

    def compute() -> int:
        calls.append(1)
        threading.Event().wait(0.05)  # long enough for every thread to arrive meanwhile
        return 42

    results = []

    def ask() -> None:
        started.wait()
        results.append(cache.for_registry("statistics", compute))

    threads = [threading.Thread(target=ask) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == [42] * 8
    assert len(calls) == 1


def test_the_memory_cache_forgets_the_least_recently_used_pages_past_its_budget():
    memory = cache.MemoryCache(budget=10)
    memory.set("a", "A", size=4)
    memory.set("b", "B", size=4)
    assert memory.get("a") == "A"  # "b" is now the least recently used
    memory.set("c", "C", size=4)
    assert memory.get("b") is cache.MISSING
    assert memory.get("a") == "A" and memory.get("c") == "C"


def test_the_language_links_remember_the_choice_and_return_to_the_page(client):
    response = client.get("/language/fr/?next=/projects/%3Fcapital%3Dsocial%26lang%3Den")
    assert response.status_code == 302
    assert response["Location"] == "/projects/?capital=social"
    assert response.cookies["django_language"].value == "fr"
    elsewhere = client.get("/language/en/?next=https://evil.example/")
    assert elsewhere["Location"] == "/"
    assert client.get("/language/xx/").status_code == 404


def test_a_browser_accepting_gzip_gets_the_page_compressed_once_with_its_own_validator(client):
    plain = client.get("/countries/map/")
    packed = client.get("/countries/map/", headers={"accept-encoding": "gzip"})
    assert packed["Content-Encoding"] == "gzip"
    assert gzip.decompress(packed.content) == plain.content
    assert packed["ETag"] != plain["ETag"] and "Accept-Encoding" in packed["Vary"]
    again = client.get(
        "/countries/map/", headers={"accept-encoding": "gzip", "if-none-match": packed["ETag"]}
    )
    assert again.status_code == 304


def test_the_generation_says_when_the_data_last_changed(editor):
    update_project(Project.objects.get(code="Algérie-1"), by=editor, changes={"website": ""})
    update_project(Project.objects.get(code="Algérie-1"), by=editor, changes={"title_en": "New"})
    _value, changed = generation.current()
    assert changed is not None and changed.tzinfo is not None


def test_french_pages_are_stored_typeset_and_served_so_compressed_or_not(client):
    plain = client.get("/countries/", headers={"accept-language": "fr"})
    cached = client.get("/countries/", headers={"accept-language": "fr"})
    packed = client.get("/countries/", headers={"accept-language": "fr", "accept-encoding": "gzip"})
    assert cached.content == plain.content
    assert gzip.decompress(packed.content) == plain.content
    assert "\u202f:" in plain.content.decode()  # narrow no-break space before the colon


def visitors_at_once(monkeypatch, rf, view, visitors: int = 8) -> list[HttpResponse]:
    """`visitors` anonymous requests for one public page, all arriving while it is first rendered
    (no database: the generation is fixed and `view` stands for the page)."""
    monkeypatch.setattr(generation, "current", lambda: (7, None))
    page_view = cache.public_page(view)

    def handler(request: HttpRequest) -> HttpResponse:
        return middleware.process_view(request, page_view, (), {}) or page_view(request)

    middleware = cache.PublicPageCacheMiddleware(handler)
    arrived = threading.Barrier(visitors)
    responses: list[HttpResponse] = []

    def visit() -> None:
        request = rf.get("/a-page-nobody-asked-for-yet/")
        request.user = AnonymousUser()
        arrived.wait()
        responses.append(middleware(request))

    threads = [threading.Thread(target=visit) for _ in range(visitors)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return responses


def test_a_page_is_rendered_once_while_many_visitors_ask_for_it(monkeypatch, rf):
    renders = []

    def view(request: HttpRequest) -> HttpResponse:
        renders.append(1)
        threading.Event().wait(0.05)  # long enough for every visitor to arrive meanwhile
        return HttpResponse("<p>The page</p>")

    responses = visitors_at_once(monkeypatch, rf, view)

    assert len(renders) == 1
    assert [r.content for r in responses] == [b"<p>The page</p>"] * 8


def test_visitors_waiting_for_a_page_that_is_not_kept_render_their_own(monkeypatch, rf):
    renders = []

    def view(request: HttpRequest) -> HttpResponse:
        renders.append(1)
        threading.Event().wait(0.05)
        response = HttpResponse("<p>Yours</p>")
        response.set_cookie("visitor", "own")  # belongs to this visitor: never kept
        return response

    responses = visitors_at_once(monkeypatch, rf, view)

    assert len(renders) == 8
    assert all(r.cookies["visitor"].value == "own" for r in responses)
