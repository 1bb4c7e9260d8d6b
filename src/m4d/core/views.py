"""Site-wide pages: about, search, job progress, health check."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from m4d.core import jobs, search
from m4d.core.cache import public_page
from m4d.core.htmx import htmx_partial
from m4d.core.i18n import LANGUAGE_CODES, current_language, set_language_cookie
from m4d.core.models import Job
from m4d.core.pagination import (
    PAGE_SIZE,
    page_of_results,
    page_offset,
    query_without,
    requested_page,
)
from m4d.core.permissions import get_for


@require_GET
def choose_language(request: HttpRequest, code: str) -> HttpResponse:
    """The header's language links: remember the language, then back to the page (without its
    `?lang=`, which would override the choice). A link, not a form, so that pages carry no CSRF
    token and can be cached for every anonymous visitor."""
    if code not in LANGUAGE_CODES:
        raise Http404
    next_url = _without_lang(request.GET.get("next", ""))
    safe = url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    response = redirect(next_url if safe and next_url else "/")
    set_language_cookie(response, code)
    return response


def _without_lang(url: str) -> str:
    parts = urlsplit(url)
    query = [(name, value) for name, value in parse_qsl(parts.query) if name != "lang"]
    return urlunsplit(parts._replace(query=urlencode(query)))


@public_page
@require_GET
def about(request: HttpRequest) -> HttpResponse:
    return render(request, "core/about.html", {})


@public_page
@require_GET
def search_page(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:200]
    kind = request.GET.get("kind", "")
    kinds = [kind] if kind in search.adapters() else None
    number = requested_page(request)
    results = search.search(
        query,
        language=current_language(),
        kinds=kinds,
        limit=PAGE_SIZE,
        offset=page_offset(number),
    )
    pages = page_of_results(number, results.count, results.hits)
    context = {
        "query": query,
        "site_query": query,
        "kind": kind,
        "kinds": [(k, a.label) for k, a in search.adapters().items()],
        "results": results,
        "suggestion_url": "?"
        + urlencode({"q": results.suggestion, **({"kind": kind} if kinds else {})}),
        "page": pages,
        "query_string": query_without(request, "page"),
    }
    template = "core/partials/search_results.html" if htmx_partial(request) else "core/search.html"
    return render(request, template, context)


@never_cache
@require_GET
def healthz(request: HttpRequest) -> HttpResponse:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


@login_required
@require_GET
def job_detail(request: HttpRequest, pk: int) -> HttpResponse:
    job = get_for(request.user, "view", Job, pk=pk)
    template = "core/partials/job_status.html" if htmx_partial(request) else "core/job_detail.html"
    return render(request, template, {"job": job})


@login_required
@require_POST
def job_retry(request: HttpRequest, pk: int) -> HttpResponse:
    job = get_for(request.user, "retry", Job, pk=pk)
    try:
        jobs.retry_job(job, by=request.user)
    except jobs.JobError as error:
        messages.error(request, str(error))
    return redirect("core:job", job.pk)
