"""`{% page_links page as links %}`: the numbered links of a pager (core/pager.html)."""

from __future__ import annotations

from typing import Any

from django import template
from django.core.paginator import Page

register = template.Library()


@register.simple_tag
def page_links(page: Page[Any]) -> list[int | None]:
    """Page numbers to link, the first and the last always, two either side of the current page;
    None where numbers are left out ("1 … 4 5 6 7 8 … 20")."""
    numbers = page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)
    return [n if isinstance(n, int) else None for n in numbers]
