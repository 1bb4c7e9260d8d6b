"""Site-wide API endpoints: search across every kind, and a bare endpoint for benchmarks."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Schema
from pydantic import Field

from m4d.core import search
from m4d.core.i18n import request_language

router = Router(tags=["search"])


class SearchParams(Schema):
    q: str = Field(
        "",
        max_length=200,
        description="Words to find, as plain text (no operators); accents, case, plurals and stop "
        "words are ignored; records matching more words rank first.",
    )
    kind: str | None = Field(
        None, max_length=40, description="Only this kind (project, organisation, country, …)."
    )
    limit: int = Field(20, ge=1, le=100)
    offset: int = Field(0, ge=0, le=100_000)


class SearchItem(Schema):
    kind: str
    title: str
    url: str
    snippet: str = Field(
        description="Plain text around the first word found, cut at word boundaries"
    )
    snippet_html: str = Field(
        description="The same snippet as escaped HTML, the words found in <mark> elements"
    )


class SearchOut(Schema):
    count: int
    items: list[SearchItem]
    suggestion: str = Field(
        "", description="The query with misspelled words corrected (the results include it), or ''"
    )


class Ping(Schema):
    ok: bool


@router.get(
    "/search", response=SearchOut, summary="Search projects, organisations, countries and content"
)
def search_endpoint(request: HttpRequest, params: Query[SearchParams]) -> dict[str, Any]:
    kinds = [params.kind] if params.kind else None
    results = search.search(
        params.q,
        language=request_language(request),
        kinds=kinds,
        limit=params.limit,
        offset=params.offset,
    )
    return {
        "count": results.count,
        "items": [h.__dict__ for h in results.hits],
        "suggestion": results.suggestion,
    }


@router.get("/ping", response=Ping, summary="A bare answer (health and benchmark baseline)")
def ping(request: HttpRequest) -> dict[str, bool]:
    return {"ok": True}
