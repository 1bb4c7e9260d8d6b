"""Toolbox pages: the handbook's capitals, sections, options, Part III, case studies, recommendations,
references."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from m4d.core import related
from m4d.core.cache import public_page
from m4d.core.htmx import htmx_partial
from m4d.core.permissions import require
from m4d.toolbox import selectors, services
from m4d.toolbox.models import Capital, CaseStudy, KeyIssueTick, Option, Recommendation, Section


def _render(request: HttpRequest, template: str, context: dict) -> HttpResponse:
    return render(request, f"toolbox/{template}", {"section": "toolbox", **context})


def _chapter_title(chapter: int) -> str:
    titles = {6: _("Partnerships"), 7: _("Stakeholders"), 8: _("Strategic allies")}
    return titles.get(chapter, "")


def _section_crumbs(section: Section) -> list[tuple[str, str]]:
    """Toolbox › capital (Part II) or chapter page (Part III)."""
    if section.capital:
        return [(section.capital.get_absolute_url(), section.capital.name)]
    page = selectors.PART3_CHAPTERS.get(section.chapter)
    return [(reverse(f"toolbox:{page}"), _chapter_title(section.chapter))] if page else []


@public_page
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    part3 = list(Section.objects.filter(part=Section.Part.III))
    chapters = [
        (chapter, page, [s for s in part3 if s.chapter == chapter])
        for chapter, page in selectors.PART3_CHAPTERS.items()
    ]
    context = {
        "capitals": selectors.capitals(),
        "part3_chapters": chapters,
        "recommendation_count": Recommendation.objects.exclude(
            audience=Recommendation.Audience.CHAPTER
        ).count(),
        "references": selectors.references(),
    }
    return _render(request, "index.html", context)


@public_page
@require_GET
def capital_detail(request: HttpRequest, key: str) -> HttpResponse:
    capital = get_object_or_404(Capital.objects.select_related("figure"), key=key)
    context = {
        "capital": capital,
        "sections": selectors.sections().filter(capital=capital),
        "recommendations": selectors.chapter_recommendations(capital.chapter),
        "current": capital.name,
    }
    return _render(request, "capital_detail.html", context)


@public_page
@require_GET
def section_detail(request: HttpRequest, number: str) -> HttpResponse:
    section = get_object_or_404(selectors.sections(), number=number)
    context = {
        "item": section,
        "cases": selectors.cases_in_section(section.number),
        "crumbs": _section_crumbs(section),
        "current": f"{section.number} {section.title}",
    }
    return _render(request, "section_detail.html", context)


@public_page
@require_GET
def option_detail(request: HttpRequest, key: str) -> HttpResponse:
    option = selectors.find_option(key)
    if option is None:
        raise Http404(_("No toolbox option with this key."))
    section = selectors.sections().get(pk=option.section_id)
    option.section = section
    crumbs = [*_section_crumbs(section), (section.get_absolute_url(), section.number)]
    context = {
        "option": option,
        "crumbs": crumbs,
        "current": option.title,
        **_checklist(request, option),
    }
    return _render(request, "option_detail.html", context)


def _checklist(request: HttpRequest, option: Option, error: str = "") -> dict[str, Any]:
    ticked = selectors.ticked_key_issues(request.user, option)
    issues = [(n, issue, n in ticked) for n, issue in enumerate(option.key_issues or [])]
    return {"option": option, "issues": issues, "checklist_error": error}


@login_required
@require_POST
def option_checklist(request: HttpRequest, key: str) -> HttpResponse:
    """Save the signed-in person's ticks on an option's key issues (a plain form POST; with htmx,
    each tick saves at once and the checklist is swapped in)."""
    option = selectors.find_option(key)
    if option is None:
        raise Http404(_("No toolbox option with this key."))
    require(request.user, "add", KeyIssueTick)
    values = request.POST.getlist("issue")
    error = ""
    if not all(value.isdigit() and len(value) < 4 for value in values):
        error = _("This option has no such key issue.")
    else:
        try:
            services.set_key_issue_ticks(option, by=request.user, ticked=map(int, values))
        except services.ToolboxError as refused:
            error = refused.message
    if htmx_partial(request):
        return render(
            request,
            "toolbox/partials/checklist.html",
            _checklist(request, option, error),
            status=400 if error else 200,
        )
    if error:
        messages.error(request, error)
    else:
        messages.success(request, _("Your checklist was saved."))
    return redirect(option.get_absolute_url() + "#key-issues")


@public_page
@require_GET
def part3_chapter(request: HttpRequest, chapter: int) -> HttpResponse:
    sections = selectors.part3_chapter(chapter)
    if not sections:
        raise Http404(_("This chapter has no content yet."))
    intros = {
        6: _(
            "How small-scale actors build partnerships that hold together, combine strengths, pass on skills and handle risks."
        ),
        7: _(
            "Who else has a stake in a project, what they bring, and how to work with them formally or informally."
        ),
        8: _(
            "Which influential actors can back a project, what they add, and how to involve them, including a force-field analysis of supporters and opponents."
        ),
    }
    cases = selectors.cases_by_section()
    context = {
        "chapter": chapter,
        "heading": _chapter_title(chapter),
        "intro": intros.get(chapter, ""),
        "current": _chapter_title(chapter),
        "sections": [(s, cases.get(s.number, [])) for s in sections],
        "page": selectors.PART3_CHAPTERS[chapter],
    }
    return _render(request, "part3_chapter.html", context)


@public_page
@require_GET
def risks(request: HttpRequest) -> HttpResponse:
    risk_blocks = list(selectors.risks())
    context = {
        "risks": risk_blocks,
        "risk_section": risk_blocks[0].section if risk_blocks else None,
        "crumbs": [(reverse("toolbox:partnerships"), _chapter_title(6))],
        "current": _("Risks and solutions"),
    }
    return _render(request, "risks.html", context)


@public_page
@require_GET
def case_list(request: HttpRequest) -> HttpResponse:
    cases = CaseStudy.objects.visible_to(request.user).select_related("project")
    return _render(request, "case_list.html", {"cases": cases})


@public_page
@require_GET
def case_detail(request: HttpRequest, box: int) -> HttpResponse:
    case = get_object_or_404(
        CaseStudy.objects.visible_to(request.user).select_related("project"), box=box
    )
    return _render(request, "case_detail.html", {"case": case, "related": related.links_for(case)})


@public_page
@require_GET
def recommendations(request: HttpRequest) -> HttpResponse:
    return _render(request, "recommendations.html", {"pairs": selectors.recommendation_pairs()})


@public_page
@require_GET
def references(request: HttpRequest) -> HttpResponse:
    return _render(request, "references.html", {"references": selectors.references()})
