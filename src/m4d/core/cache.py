"""Caches that can never be stale: every key carries the registry's generation (`core.generation`),
which every write moves on, so a write changes all keys at once and nothing needs invalidating.

- `for_registry(name, compute)`: a costly summary (facet counts, statistics), computed once per
  generation and language; threads asking for it meanwhile wait for that one computation instead
  of all computing it. Kept in this process's memory, and in Django's shared cache so that other
  web processes reuse it.
- `public_page`: marks a view whose page is the same for every anonymous visitor; the middleware
  below keeps the rendered page per path, language and generation, and answers conditional
  requests (ETag, Last-Modified) with 304. Signed-in people, pages that set cookies, pages with
  messages and requests with an API token always get a freshly rendered page.
"""

from __future__ import annotations

import datetime
import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Any, TypeVar, cast

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_vary_headers
from django.utils.http import http_date
from django.utils.text import compress_string

from m4d.core import generation
from m4d.core.i18n import current_language

T = TypeVar("T")
MISSING = object()


class MemoryCache:
    """A thread-safe least-recently-used map, bounded by its entries' total size."""

    def __init__(self, budget: int) -> None:
        self.budget = budget
        self.used = 0
        self._entries: OrderedDict[str, tuple[Any, int]] = OrderedDict()
        self._lock = threading.Lock()
        self._computing: dict[str, threading.Lock] = {}

    def get(self, key: str) -> Any:
        with self._lock:
            entry = self._entries.get(key)
            if entry is None:
                return MISSING
            self._entries.move_to_end(key)
            return entry[0]

    def set(self, key: str, value: Any, size: int = 1) -> None:
        with self._lock:
            if key in self._entries:
                self.used -= self._entries.pop(key)[1]
            self._entries[key] = (value, size)
            self.used += size
            while self.used > self.budget and len(self._entries) > 1:
                self.used -= self._entries.popitem(last=False)[1][1]

    def lock_for(self, key: str) -> threading.Lock:
        """One lock per key being computed, so that one thread computes and the others wait."""
        with self._lock:
            return self._computing.setdefault(key, threading.Lock())

    def done(self, key: str) -> None:
        with self._lock:
            self._computing.pop(key, None)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self.used = 0


summaries = MemoryCache(budget=2048)  # entries
pages = MemoryCache(budget=32 * 1024 * 1024)  # bytes
# Seconds a request waits for another thread rendering the same page before rendering its own.
PAGE_WAIT = 30


def registry_key(name: str) -> str:
    value, _changed = generation.current()
    digest = hashlib.sha1(name.encode(), usedforsecurity=False).hexdigest()[:16]
    return f"registry:{value}:{current_language()}:{digest}"


def for_registry(name: str, compute: Callable[[], T], *, timeout: int = 3600) -> T:
    """`compute()` for the registry as it is now, in the active language, computed once."""
    key = registry_key(name)
    value = summaries.get(key)
    if value is not MISSING:
        return cast(T, value)
    lock = summaries.lock_for(key)
    with lock:
        value = summaries.get(key)
        if value is MISSING:
            value = cache.get(key, MISSING)
            if value is MISSING:
                value = compute()
                cache.set(key, value, timeout)
            summaries.set(key, value)
    summaries.done(key)
    return cast(T, value)


def public_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Mark `view` as showing the same page to every anonymous visitor (see the module)."""
    view.public_page = True  # type: ignore[attr-defined]
    return view


def _cacheable_request(request: HttpRequest) -> bool:
    if request.method not in {"GET", "HEAD"} or "HTTP_AUTHORIZATION" in request.META:
        return False
    if getattr(request, "user", None) is not None and request.user.is_authenticated:
        return False
    # Messages waiting to be shown (after signing out, say) belong to this visitor only.
    return CookieStorage.cookie_name not in request.COOKIES and not _session_messages(request)


def _session_messages(request: HttpRequest) -> bool:
    session = getattr(request, "session", None)
    return bool(
        session is not None
        and settings.SESSION_COOKIE_NAME in request.COOKIES
        and session.get("_messages")
    )


def _page_key(request: HttpRequest, value: int) -> str:
    variant = "htmx" if request.headers.get("HX-Request") else "page"
    path = request.get_full_path()
    digest = hashlib.sha1(path.encode(), usedforsecurity=False).hexdigest()
    return f"page:{value}:{current_language()}:{variant}:{digest}"


class PublicPageCacheMiddleware:
    """Serve `public_page` views to anonymous visitors from `pages` (placed after the
    authentication and message middleware, so that it knows who asks)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            response = self.get_response(request)
            # Set by process_view on a miss: the key and the generation's time, read once, so
            # that the page is stored under the generation it was rendered in.
            pending = getattr(request, "_public_page", None)
            if pending is not None and _storable(request, response):
                key, changed = pending
                return _answer(request, _store(key, changed, response))
            return response
        finally:
            # Those waiting for this render find the page stored (or render their own).
            rendering = getattr(request, "_public_page_lock", None)
            if rendering is not None:
                pages.done(rendering[0])
                rendering[1].release()

    def process_view(
        self, request: HttpRequest, view: Callable[..., Any], args: Any, kwargs: Any
    ) -> HttpResponse | None:
        if not getattr(view, "public_page", False) or not _cacheable_request(request):
            return None
        value, changed = generation.current()
        key = _page_key(request, value)
        stored = pages.get(key)
        if stored is MISSING:
            stored = _rendered_meanwhile(request, key)
        if stored is not MISSING:
            return _answer(request, stored)
        request._public_page = (key, changed)  # type: ignore[attr-defined]
        return None


def _rendered_meanwhile(request: HttpRequest, key: str) -> Any:
    """Single flight: the first request to miss a page renders it (holding the page's lock until
    `__call__` has stored it) while the others wait for it, instead of all rendering it at once.
    A waiter whose page was not kept after all (it set a cookie, say) renders its own."""
    lock = pages.lock_for(key)
    if lock.acquire(blocking=False):
        # The lock's stored page may have been kept just before we took it.
        stored = pages.get(key)
        if stored is not MISSING:
            pages.done(key)
            lock.release()
            return stored
        request._public_page_lock = (key, lock)  # type: ignore[attr-defined]
        return MISSING
    if lock.acquire(timeout=PAGE_WAIT):
        lock.release()
    return pages.get(key)


def _storable(request: HttpRequest, response: HttpResponse) -> bool:
    """A page is kept only if nothing in it belongs to this visitor: no cookie set, no CSRF token
    handed out (the outer CSRF middleware would set its cookie later), no session written."""
    session = getattr(request, "session", None)
    return (
        response.status_code == 200
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not (session is not None and session.modified)
        and not response.cookies
        and not response.streaming
        and "Set-Cookie" not in response.headers
    )


def _store(key: str, changed: datetime.datetime | None, response: HttpResponse) -> dict[str, Any]:
    """Keep the page and, when it is worth it, its gzip form: compressing the map page on every
    request took most of the time a cached page cost."""
    headers = {name: value for name, value in response.headers.items() if name != "Vary"}
    etag = hashlib.sha1(response.content, usedforsecurity=False).hexdigest()
    headers["ETag"] = f'"{etag}"'
    if changed is not None:
        headers["Last-Modified"] = http_date(changed.timestamp())
    compressed = None
    if len(response.content) >= 200 and "Content-Encoding" not in response.headers:
        compressed = compress_string(response.content)
    stored = {"content": response.content, "gzip": compressed, "headers": headers, "etag": etag}
    size = len(response.content) + len(compressed or b"") + 512
    pages.set(key, stored, size=size)
    return stored


def _answer(request: HttpRequest, stored: dict[str, Any]) -> HttpResponse:
    gzipped = stored["gzip"] is not None and "gzip" in request.headers.get("Accept-Encoding", "")
    # The compressed body is another representation: it gets its own validator.
    etag = f'"{stored["etag"]}-gzip"' if gzipped else f'"{stored["etag"]}"'
    if etag in {tag.strip() for tag in request.headers.get("If-None-Match", "").split(",")}:
        response = HttpResponse(status=304)
    else:
        response = HttpResponse(stored["gzip"] if gzipped else stored["content"])
        for name, value in stored["headers"].items():
            response.headers[name] = value
        if gzipped:
            response.headers["Content-Encoding"] = "gzip"
        response.headers["Content-Length"] = str(len(response.content))
    response.headers["ETag"] = etag
    response.from_page_cache = True  # type: ignore[attr-defined]
    # Browsers may keep the page but must ask again (a cheap 304) before showing it; the page
    # differs by language, by whether the visitor is signed in (the session cookie) and by
    # compression.
    response.headers["Cache-Control"] = "no-cache"
    patch_vary_headers(response, ("Accept-Language", "Cookie", "Accept-Encoding"))
    return response
