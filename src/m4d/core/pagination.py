"""Pagination shared by list pages: page numbers from the query string, links that keep the filters.

A page number past the last page (or not a number) answers 404 rather than quietly showing another
page: "page 999" of a seven-page list does not exist. A list with no items still has its page 1.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.core.paginator import InvalidPage, Page, Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _

PAGE_SIZE = 20


def requested_page(request: HttpRequest) -> int:
    """The page number asked for (`?page=`, 1 when absent); 404 when it is not a positive number."""
    value = request.GET.get("page", "") or "1"
    # Nine digits bound the SQL offset computed from it.
    if not value.isdigit() or len(value) > 9 or int(value) < 1:
        raise Http404(_("No such page."))
    return int(value)


def paginate(
    request: HttpRequest,
    items: QuerySet[Any] | Sequence[Any],
    per_page: int = PAGE_SIZE,
) -> Page[Any]:
    """The requested page of `items` (a list or a QuerySet); 404 past the last page."""
    try:
        return Paginator(items, per_page).page(requested_page(request))
    except InvalidPage as error:
        raise Http404(_("No such page.")) from error


def page_of_results(
    number: int, count: int, items: Sequence[Any], per_page: int = PAGE_SIZE
) -> Page[Any]:
    """A page for results already read with an offset (`(number - 1) * per_page`), out of `count`.

    For lists that read one page themselves (search, the project list) and need only the pager;
    404 past the last page.
    """
    paginator = Paginator(range(count), per_page)
    try:
        number = paginator.validate_number(number)
    except InvalidPage as error:
        raise Http404(_("No such page.")) from error
    return Page(items, number, paginator)


def page_offset(number: int, per_page: int = PAGE_SIZE) -> int:
    return (number - 1) * per_page


def query_without(request: HttpRequest, *names: str) -> str:
    """The current query string minus `names` (e.g. 'page'), for building links that keep filters."""
    params = request.GET.copy()
    for name in names:
        params.pop(name, None)
    return params.urlencode()
