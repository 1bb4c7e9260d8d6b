"""The review of a plan: its document checked against the handbook's nine recommendations for
small-scale actors and the basic soundness of a project design (decision 0018).

Every check is a plain function of the `PlanDocument` (no query per partner or activity); the
toolbox content it needs (options' key issues, the recommendations) is read once per registry
generation and language through `core.cache.for_registry`. Each finding says what to fix and
why, cites the handbook, names the plan data it looked at and the step that fixes it.

Where the document cannot tell (migrants' availability, sharing lessons…), the review asks a
guided question; the answers live in the review step (`document.review.answers`, by question
key) and an unanswered question is an "info" finding.

Readiness is a number from 0 to 100 (`readiness_of`): with no blocker, 100 less 8 per warning
and 2 per info, never below 50; with blockers, 50 less 10 per blocker, never below 0. So a plan
is ready to send (`PlanReview.ready`) exactly when its readiness is at least 50.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, Literal

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from m4d.core.cache import for_registry
from m4d.core.i18n import normalise_language
from m4d.lib.text import fold
from m4d.plans.document import PHASES, PlanDocument
from m4d.toolbox.models import Option, Recommendation

Severity = Literal["blocker", "warning", "info"]
SEVERITIES: tuple[Severity, ...] = ("blocker", "warning", "info")

# Our reading of recommendation 8 (the handbook gives no number): past this many partners a
# cross-border partnership is hard to coordinate, and others can join as stakeholders instead.
MANAGEABLE_PARTNERS = 5
# Recommendation 6: more results than one per this many months, or more activities than this
# many per month, is more than a small project usually carries.
MONTHS_PER_RESULT = 4
ACTIVITIES_PER_MONTH = 2
# One partner carrying more than two thirds of the activities (from this many on) is an
# unbalanced partnership.
CONCENTRATION_FROM = 4
# Partner, stakeholder and ally types that stand for local or national public agendas (rec. 7).
PUBLIC_AUTHORITY_TYPES = ("local_authority", "regional_government", "central_government")
LOCAL_AUTHORITY_STAKEHOLDER = "7.1/local-authorities"
# Stakeholder types are free text on the page: these word stems (accent-folded, French and
# English) mark a public authority.
AUTHORITY_WORDS = (
    "authorit",
    "autorite",
    "municipal",
    "commune",
    "mairie",
    "collectivit",
    "council",
    "conseil regional",
    "minist",
    "government",
    "gouvernement",
    "prefect",
)


def _rec(number: int) -> str:
    return f"Conclusion, recommendation {number}"


@dataclass(frozen=True)
class Finding:
    check: str  # a stable key of the check that found it (tests and links use it)
    severity: Severity
    message: str
    handbook: str
    data: list[str]
    step: str
    recommendation: int | None = None

    def as_json(self) -> dict[str, Any]:
        return {
            "recommendation": self.recommendation,
            "severity": self.severity,
            "message": self.message,
            "handbook": self.handbook,
            "data": self.data,
            "step": self.step,
            "check": self.check,
        }


@dataclass(frozen=True)
class Question:
    """A guided question: what the review asks where the plan's data cannot tell."""

    key: str
    recommendation: int
    text: Any  # a lazy translation

    @property
    def handbook(self) -> str:
        return _rec(self.recommendation)


QUESTIONS = (
    Question(
        "availability",
        4,
        gettext_lazy(
            "When are the migrants taking part actually available (evenings, weekends, "
            "holidays), and does the work plan follow it? How are their unpaid and paid "
            "contributions budgeted?"
        ),
    ),
    Question(
        "lessons",
        5,
        gettext_lazy(
            "With which peer networks will you exchange lessons, both learning from them and "
            "sharing your own, and when?"
        ),
    ),
    Question(
        "expectations",
        6,
        gettext_lazy(
            "What can the project really achieve within its duration and budget, and how will "
            "you tell beneficiaries and stakeholders so they are not disappointed?"
        ),
    ),
    Question(
        "agendas",
        7,
        gettext_lazy(
            "Which local or national development plans does the project contribute to, and how?"
        ),
    ),
)
QUESTION_KEYS = tuple(question.key for question in QUESTIONS)


@dataclass
class PlanReview:
    findings: list[Finding]
    questions: list[tuple[Question, str]]  # each guided question with its answer ("" if none)
    language: str
    readiness: int = field(init=False)

    def __post_init__(self) -> None:
        self.readiness = readiness_of(self.findings)

    @property
    def ready(self) -> bool:
        return not self.of_severity("blocker")

    def of_severity(self, severity: Severity) -> list[Finding]:
        return [finding for finding in self.findings if finding.severity == severity]

    def by_severity(self) -> list[tuple[Severity, list[Finding]]]:
        return [(s, found) for s in SEVERITIES if (found := self.of_severity(s))]

    def as_json(self) -> dict[str, Any]:
        """The shape of `m4d plan review --format json` and `GET /api/plans/{id}/review`."""
        return {
            "readiness": self.readiness,
            "ready": self.ready,
            "findings": [finding.as_json() for finding in self.findings],
        }


def readiness_of(findings: list[Finding]) -> int:
    counts = Counter(finding.severity for finding in findings)
    if counts["blocker"]:
        return max(0, 50 - 10 * counts["blocker"])
    return max(50, 100 - 8 * counts["warning"] - 2 * counts["info"])


# --- the toolbox content the checks read (cached per registry generation and language) --------


@dataclass(frozen=True)
class OptionFacts:
    title: str
    section: str
    capital: str | None
    key_issues: int


def option_facts() -> dict[str, OptionFacts]:
    def compute() -> dict[str, OptionFacts]:
        rows = Option.objects.select_related("section__capital").order_by("key")
        return {
            option.key: OptionFacts(
                title=option.title,
                section=option.section.number,
                capital=option.section.capital.key if option.section.capital else None,
                key_issues=len(option.key_issues or []),
            )
            for option in rows
        }

    return for_registry("plans.review.options", compute)


def recommendations() -> dict[int, tuple[str, str]]:
    """The nine recommendations for small-scale actors: number -> (title, address)."""

    def compute() -> dict[int, tuple[str, str]]:
        rows = Recommendation.objects.filter(
            audience=Recommendation.Audience.SMALL_SCALE_ACTORS
        ).order_by("number")
        return {row.number: (row.title, row.get_absolute_url()) for row in rows}

    return for_registry("plans.review.recommendations", compute)


# --- the checks ---------------------------------------------------------------------------------

Found = Iterator[Finding]


def _listed(values: list[str]) -> str:
    return ", ".join(values) if values else "-"


def mobilised_capitals(document: PlanDocument, options: dict[str, OptionFacts]) -> set[str]:
    """The capitals chosen, and those the chosen options' sections draw on."""
    chosen = document.capitals
    return set(chosen.capitals) | {
        facts.capital for key in chosen.options if (facts := options.get(key)) and facts.capital
    }


def check_capitals(document: PlanDocument, options: dict[str, OptionFacts]) -> Found:
    """Recommendation 1: more than one capital mobilised (chosen, or brought by the options)."""
    chosen = document.capitals
    mobilised = mobilised_capitals(document, options)
    data = [
        f"capitals.capitals: {_listed(list(chosen.capitals))}",
        f"capitals.options: {_listed(list(chosen.options))}",
    ]
    if not mobilised:
        yield Finding(
            "capitals.none",
            "blocker",
            _(
                "Choose the migrants' capitals the project draws on (social, financial, human, "
                "cultural) and the activities that use them: the rest of the plan builds on them."
            ),
            _rec(1),
            data,
            "capitals",
            1,
        )
    elif len(mobilised) == 1:
        yield Finding(
            "capitals.single",
            "warning",
            _(
                "The project mobilises one capital only. Migrants bring several kinds of "
                "resources in the same action: look for activities that also draw on another."
            ),
            _rec(1),
            data,
            "capitals",
            1,
        )


def check_migration_link(document: PlanDocument, options: dict[str, OptionFacts]) -> Found:
    """Recommendation 2: a corridor with both sides, tied by a stated migration link."""
    context = document.context
    destinations = [place.country for place in context.destinations if place.country]
    corridor = [
        f"context.origin.country: {context.origin.country or '-'}",
        f"context.destinations: {_listed(destinations)}",
    ]
    if not context.origin.country or not destinations:
        yield Finding(
            "corridor.incomplete",
            "blocker",
            _(
                "Give the corridor both its sides: the origin country and at least one "
                "destination country. A transnational project is defined by the places it links."
            ),
            _rec(2),
            corridor,
            "context",
            2,
        )
    if not context.migration_link:
        yield Finding(
            "link.missing",
            "warning",
            _(
                "Say what ties the places together (a migration route, or a shared gender, "
                "profession or generation): a project rooted in real networks holds better."
            ),
            _rec(2),
            ["context.migration_link: -"],
            "context",
            2,
        )
    elif not context.link_dimensions:
        yield Finding(
            "link.dimensions",
            "warning",
            _(
                "Name the dimensions of the migration link (route, gender, profession, "
                "generation) so partners and reviewers see why these places belong together."
            ),
            _rec(2),
            ["context.link_dimensions: -"],
            "context",
            2,
        )


def check_migrant_participation(document: PlanDocument, options: dict[str, OptionFacts]) -> Found:
    """Recommendation 3: migrants active in every phase, as partners or otherwise."""
    partnership = document.partnership
    phases = [phase for phase in PHASES if getattr(partnership.migrant_participation, phase)]
    missing = [phase for phase in PHASES if phase not in phases]
    migrant_partners = [p.name for p in partnership.partners if p.migrant_organisation]
    data = [
        f"partnership.migrant_participation: {_listed(phases)}",
        f"partnership.partners (migrant organisations): {_listed(migrant_partners)}",
    ]
    if not phases and not migrant_partners:
        yield Finding(
            "migrants.absent",
            "blocker",
            _(
                "Migrants take part in no phase of the project and no migrant organisation is a "
                "partner. Involve them actively, from identification to evaluation."
            ),
            _rec(3),
            data,
            "partnership",
            3,
        )
    elif not phases:
        yield Finding(
            "migrants.phases",
            "warning",
            _(
                "Say in which phases migrants take part (identification, design, "
                "implementation, monitoring, evaluation): a migrant partner alone does not "
                "show it."
            ),
            _rec(3),
            data,
            "partnership",
            3,
        )
    elif missing:
        yield Finding(
            "migrants.some_phases",
            "warning" if len(phases) < 3 else "info",
            _(
                "Migrants do not take part in these phases: %(phases)s. Their contribution "
                "counts most when they are involved in every phase."
            )
            % {"phases": ", ".join(missing)},
            _rec(3),
            data,
            "partnership",
            3,
        )


def check_expectations(document: PlanDocument, options: dict[str, OptionFacts]) -> Found:
    """Recommendation 6: as much as the duration and budget allow, and no more."""
    context, logframe = document.context, document.logframe
    activities = logframe.activities()
    duration = context.duration_months
    if duration is None:
        yield Finding(
            "duration.missing",
            "warning",
            _(
                "Set the project's duration: without it nobody can judge whether the work plan "
                "and the results are realistic."
            ),
            _rec(6),
            ["context.duration_months: -"],
            "context",
            6,
        )
    else:
        late = [a.text for a in activities if (a.end_month or a.start_month or 0) > duration]
        if late:
            yield Finding(
                "workplan.past_duration",
                "blocker",
                ngettext(
                    "An activity runs past the project's %(months)s months: %(names)s. "
                    "Shorten it or lengthen the project.",
                    "%(count)s activities run past the project's %(months)s months: %(names)s. "
                    "Shorten them or lengthen the project.",
                    len(late),
                )
                % {"count": len(late), "months": duration, "names": "; ".join(late[:5])},
                _rec(6),
                [
                    f"context.duration_months: {duration}",
                    f"logframe activities past it: {len(late)}",
                ],
                "logframe",
                6,
            )
        results = len(logframe.results)
        if results > max(3, duration // MONTHS_PER_RESULT) or len(activities) > (
            ACTIVITIES_PER_MONTH * duration
        ):
            yield Finding(
                "logframe.too_much",
                "warning",
                _(
                    "%(results)s results and %(activities)s activities in %(months)s months is a "
                    "lot for a small project: aims set too high disappoint beneficiaries and "
                    "stakeholders. Keep what the time and budget allow."
                )
                % {"results": results, "activities": len(activities), "months": duration},
                _rec(6),
                [
                    f"context.duration_months: {duration}",
                    f"logframe.results: {results}",
                    f"logframe activities: {len(activities)}",
                ],
                "logframe",
                6,
            )
    if context.budget_min is None and context.budget_max is None:
        yield Finding(
            "budget.missing",
            "warning",
            _(
                "Give a budget range: what the project promises must fit what it can spend, "
                "and partners need to know it."
            ),
            _rec(6),
            ["context.budget_min: -", "context.budget_max: -"],
            "context",
            6,
        )


def _sounds_public(text: str) -> bool:
    words = fold(text)
    return any(word in words for word in AUTHORITY_WORDS)


def _public_authorities(document: PlanDocument) -> list[str]:
    """Partners of a public authority type; stakeholders typed as local authorities (the
    toolbox's key, an organisation type, or words such as "municipality" or "ministère")."""
    found = [p.name for p in document.partnership.partners if p.type in PUBLIC_AUTHORITY_TYPES]
    found += [
        s.name
        for s in document.stakeholders.stakeholders
        if s.type in (LOCAL_AUTHORITY_STAKEHOLDER, *PUBLIC_AUTHORITY_TYPES)
        or _sounds_public(f"{s.type} {s.name}")
    ]
    return found


def check_agendas(document: PlanDocument, options: dict[str, OptionFacts]) -> Found:
    """Recommendation 7: the project lined up with local and national agendas."""
    if _public_authorities(document) or document.review.answers.get("agendas"):
        return
    yield Finding(
        "agendas.no_authority",
        "warning",
        _(
            "No local or national authority is a partner or a stakeholder, and the plan does not "
            "say which development agenda it serves. Involve the authorities, or answer the "
            "guided question on agendas."
        ),
        _rec(7),
        [
            "partnership.partners (public authorities): -",
            "stakeholders.stakeholders (local authorities): -",
            "review.answers.agendas: -",
        ],
        "stakeholders",
        7,
    )


def check_partnership(document: PlanDocument, options: dict[str, OptionFacts]) -> Found:
    """Recommendation 8 (a manageable size), §6.1 (the work shared) and §6.4 (clear roles)."""
    partners = document.partnership.partners
    count = f"partnership.partners: {len(partners)}"
    if not partners:
        yield Finding(
            "partners.none",
            "blocker",
            _(
                "Add the partners: who carries the project on each side of the corridor, with "
                "their roles and responsibilities."
            ),
            "§6.1",
            [count],
            "partnership",
            None,
        )
        return
    if len(partners) > MANAGEABLE_PARTNERS:
        yield Finding(
            "partners.oversized",
            "warning",
            _(
                "%(count)s partners is a large partnership to run across borders. Keep a small "
                "core (%(limit)s or fewer) and involve the others as stakeholders under "
                "collaboration agreements."
            )
            % {"count": len(partners), "limit": MANAGEABLE_PARTNERS},
            _rec(8),
            [count],
            "partnership",
            8,
        )
    carried = Counter(a.partner for a in document.logframe.activities() if a.partner)
    total = sum(carried.values())
    if len(partners) >= 2 and total >= CONCENTRATION_FROM:
        leader, share = carried.most_common(1)[0]
        if share * 3 > total * 2 and (lead := document.partner(leader)) is not None:
            yield Finding(
                "partners.concentrated",
                "warning",
                _(
                    "%(name)s carries %(share)s of the %(total)s activities. Share the work "
                    "among the partners: each brings its own skills, and a partnership where "
                    "one does everything is fragile."
                )
                % {"name": lead.name, "share": share, "total": total},
                "§6.1",
                [f"logframe activities by partner: {lead.name} {share} of {total}"],
                "logframe",
                None,
            )
    vague = [p.name for p in partners if not (p.role or p.responsibilities)]
    if vague:
        yield Finding(
            "partners.roles",
            "warning",
            _(
                "Give each partner a role and responsibilities (%(names)s have none): partners "
                "whose role stays unclear are one of the handbook's project risks."
            )
            % {"names": ", ".join(vague[:5])},
            "§6.4",
            [f"partners without role or responsibilities: {len(vague)}"],
            "partnership",
            None,
        )


def check_corridor_sides(document: PlanDocument, options: dict[str, OptionFacts]) -> Found:
    """Recommendation 8 (a partnership on both sides) and §6.2 (every country of the corridor
    has a partner, whose skills complement the others')."""
    partners = document.partnership.partners
    if not partners:
        return  # `check_partnership` asks for them
    context = document.context
    sides = [context.origin.country, *(p.country for p in context.destinations)]
    sides = [country for country in dict.fromkeys(sides) if country]
    by_country = Counter(p.country for p in partners if p.country)
    spread = [
        f"partnership.partners by country: {_listed([f'{c} {n}' for c, n in sorted(by_country.items())])}"
    ]
    placeless = [p.name for p in partners if not p.country]
    if placeless:
        yield Finding(
            "partners.country",
            "warning",
            _(
                "Say in which country each partner is based (%(names)s have none): the review "
                "checks that every side of the corridor has a partner."
            )
            % {"names": ", ".join(placeless[:5])},
            "§6.2",
            [f"partners without country: {len(placeless)} of {len(partners)}"],
            "partnership",
            None,
        )
    if placeless or len(sides) < 2:
        return  # the sides are compared once the corridor and every partner's country are known
    if len(by_country) == 1:
        yield Finding(
            "partners.one_side",
            "warning",
            _(
                "All partners are on one side of the corridor. A transnational partnership "
                "needs partners in the origin and the destination countries, whose skills "
                "complement each other."
            ),
            _rec(8),
            [*spread, f"context corridor: {_listed(sides)}"],
            "partnership",
            8,
        )
    else:
        for side in sides:
            if not by_country[side]:
                yield Finding(
                    "partners.side_without_partner",
                    "warning",
                    _(
                        "No partner is based in %(country)s, a country of the corridor: who "
                        "carries the project there?"
                    )
                    % {"country": side},
                    "§6.2",
                    [*spread, f"context corridor: {_listed(sides)}"],
                    "partnership",
                    None,
                )


def check_shared_responsibilities(document: PlanDocument, options: dict[str, OptionFacts]) -> Found:
    """Recommendation 9: stakeholders and allies identified, each with their share."""
    stakeholders = document.stakeholders.stakeholders
    allies = document.allies.allies
    if not stakeholders:
        yield Finding(
            "stakeholders.none",
            "warning",
            _(
                "Identify the stakeholders (migrants and their families, local authorities, "
                "service providers…) and how each is engaged."
            ),
            "§7.1",
            ["stakeholders.stakeholders: 0"],
            "stakeholders",
            9,
        )
    else:
        without = [s.name for s in stakeholders if not s.strategy]
        if without:
            yield Finding(
                "stakeholders.strategy",
                "warning",
                _(
                    "Give each stakeholder an engagement strategy (%(names)s have none): "
                    "sharing responsibilities around common objectives keeps everyone working "
                    "towards the same end."
                )
                % {"names": ", ".join(without[:5])},
                _rec(9),
                [f"stakeholders without strategy: {len(without)} of {len(stakeholders)}"],
                "stakeholders",
                9,
            )
    if not allies:
        yield Finding(
            "allies.none",
            "info",
            _(
                "No strategic ally is named. Allies (authorities, agencies, donors, "
                "policymakers) lend legitimacy and reach: consider who could support the change."
            ),
            "§8.1",
            ["allies.allies: 0"],
            "allies",
            9,
        )
    else:
        formless = [a.name for a in allies if not a.forms]
        if formless:
            yield Finding(
                "allies.forms",
                "warning",
                _(
                    "Say how each ally takes part (lobbying, events, management); "
                    "%(names)s have no form of collaboration."
                )
                % {"names": ", ".join(formless[:5])},
                "§8.3",
                [f"allies without a form of collaboration: {len(formless)} of {len(allies)}"],
                "allies",
                9,
            )


def check_key_issues(document: PlanDocument, options: dict[str, OptionFacts]) -> Found:
    """Every chosen option's key issues answered (or marked not applicable)."""
    chosen = document.capitals
    if not chosen.options:
        yield Finding(
            "options.none",
            "warning",
            _(
                "Choose the toolbox options (ways of carrying out the activities) the project "
                "uses: their key issues are the checklist of a sound design."
            ),
            "Part II",
            ["capitals.options: 0"],
            "capitals",
            None,
        )
        return
    settled = {
        (answer.option, answer.issue)
        for answer in chosen.key_issues
        if answer.status == "not_applicable" or (answer.status == "answered" and answer.answer)
    }
    for key in chosen.options:
        facts = options.get(key)
        if facts is None:
            yield Finding(
                "options.unknown",
                "warning",
                _("The option %(key)s is not in the toolbox: choose it again.") % {"key": key},
                "Part II",
                [f"capitals.options: {key}"],
                "capitals",
                None,
            )
            continue
        open_issues = [i for i in range(facts.key_issues) if (key, i) not in settled]
        if open_issues:
            yield Finding(
                "options.key_issues",
                "warning",
                ngettext(
                    "%(count)s key issue of “%(option)s” is not answered yet: answer it or mark "
                    "it not applicable.",
                    "%(count)s key issues of “%(option)s” are not answered yet: answer them or "
                    "mark them not applicable.",
                    len(open_issues),
                )
                % {"count": len(open_issues), "option": facts.title},
                f"§{facts.section}",
                [
                    f"capitals.key_issues for {key}: {facts.key_issues - len(open_issues)} of {facts.key_issues} answered"
                ],
                "capitals",
                None,
            )


def check_logframe(document: PlanDocument, options: dict[str, OptionFacts]) -> Found:
    """The logical framework: objectives, results, activities with a responsible partner and an
    indicator, numbers for quantitative indicators, assumptions (the handbook's project risks:
    a logframe built without the partners rests on wrong assumptions, §6.4)."""
    logframe = document.logframe
    activities = logframe.activities()
    if not logframe.overall_objective:
        yield Finding(
            "logframe.objective",
            "warning",
            _("State the overall objective the project contributes to."),
            "§6.4",
            ["logframe.overall_objective: -"],
            "logframe",
            None,
        )
    if not activities:
        yield Finding(
            "logframe.empty",
            "blocker",
            _("Write the results the project will reach and the activities that lead to them."),
            "§6.4",
            [f"logframe.results: {len(logframe.results)}", "logframe activities: 0"],
            "logframe",
            None,
        )
        return
    partners = {p.id for p in document.partnership.partners}
    orphans = [a.text for a in activities if a.partner not in partners]
    if orphans:
        yield Finding(
            "activities.no_partner",
            "blocker",
            ngettext(
                "An activity has no responsible partner: %(names)s. Name who carries it out.",
                "%(count)s activities have no responsible partner: %(names)s. Name who "
                "carries each out.",
                len(orphans),
            )
            % {"count": len(orphans), "names": "; ".join(orphans[:5])},
            "§6.4",
            [f"logframe activities without partner: {len(orphans)} of {len(activities)}"],
            "logframe",
            None,
        )
    unmeasured = [a.text for a in activities if not a.indicators]
    if unmeasured:
        yield Finding(
            "activities.no_indicator",
            "warning",
            ngettext(
                "An activity has no indicator: %(names)s. Say how its progress will be seen.",
                "%(count)s activities have no indicator: %(names)s. Say how their progress "
                "will be seen.",
                len(unmeasured),
            )
            % {"count": len(unmeasured), "names": "; ".join(unmeasured[:5])},
            "§6.4",
            [f"logframe activities without indicator: {len(unmeasured)} of {len(activities)}"],
            "logframe",
            None,
        )
    unscheduled = [a.text for a in activities if a.start_month is None]
    if unscheduled:
        yield Finding(
            "activities.unscheduled",
            "warning",
            _("Put every activity on the work plan (start and end months); %(count)s have none.")
            % {"count": len(unscheduled)},
            "§6.4",
            [f"logframe activities without months: {len(unscheduled)} of {len(activities)}"],
            "logframe",
            None,
        )
    indicators = logframe.indicators()
    quantitative = [i for i in indicators if i.kind == "quantitative"]
    incomplete = [i.text for i in quantitative if i.baseline is None or i.target is None]
    if incomplete:
        yield Finding(
            "indicators.numbers",
            "warning",
            ngettext(
                "A quantitative indicator lacks its baseline or target: %(names)s.",
                "%(count)s quantitative indicators lack their baseline or target: %(names)s.",
                len(incomplete),
            )
            % {"count": len(incomplete), "names": "; ".join(incomplete[:5])},
            "§6.4",
            [
                f"quantitative indicators without baseline or target: {len(incomplete)} of {len(quantitative)}"
            ],
            "logframe",
            None,
        )
    if not logframe.assumptions:
        yield Finding(
            "logframe.assumptions",
            "warning",
            _(
                "Write down the assumptions the logframe rests on, with the partners: wrong "
                "assumptions are a risk the handbook's projects met."
            ),
            "§6.4",
            ["logframe.assumptions: 0"],
            "logframe",
            None,
        )


def check_risks(document: PlanDocument, options: dict[str, OptionFacts]) -> Found:
    """The risk register (§6.4): risks named, each with an owner and a mitigation."""
    risks = document.risks.risks
    if not risks:
        yield Finding(
            "risks.none",
            "warning",
            _(
                "List the risks (external, capacity, project and relational risks) and what "
                "you will do about each."
            ),
            "§6.4",
            ["risks.risks: 0"],
            "risks",
            None,
        )
        return
    partners = {p.id for p in document.partnership.partners}
    unowned = [r.text for r in risks if r.owner not in partners]
    if unowned:
        yield Finding(
            "risks.owner",
            "warning",
            _("Give every risk an owner among the partners (%(names)s have none).")
            % {"names": "; ".join(unowned[:5])},
            "§6.4",
            [f"risks without owner: {len(unowned)} of {len(risks)}"],
            "risks",
            None,
        )
    unmitigated = [r.text for r in risks if not r.mitigation]
    if unmitigated:
        yield Finding(
            "risks.mitigation",
            "warning",
            _("Say how each risk will be reduced (%(names)s have no mitigation).")
            % {"names": "; ".join(unmitigated[:5])},
            "§6.4",
            [f"risks without mitigation: {len(unmitigated)} of {len(risks)}"],
            "risks",
            None,
        )


def check_questions(document: PlanDocument, options: dict[str, OptionFacts]) -> Found:
    """The guided questions not answered yet (the agendas question is asked only when no public
    authority takes part: `check_agendas` already covers it then)."""
    answers = document.review.answers
    for question in QUESTIONS:
        if answers.get(question.key) or question.key == "agendas":
            continue
        yield Finding(
            f"question.{question.key}",
            "info",
            str(question.text),
            question.handbook,
            [f"review.answers.{question.key}: -"],
            "review",
            question.recommendation,
        )


CHECKS: tuple[Callable[[PlanDocument, dict[str, OptionFacts]], Found], ...] = (
    check_capitals,
    check_migration_link,
    check_migrant_participation,
    check_expectations,
    check_agendas,
    check_partnership,
    check_corridor_sides,
    check_shared_responsibilities,
    check_key_issues,
    check_logframe,
    check_risks,
    check_questions,
)


def review_plan(document: PlanDocument, *, language: str = "en") -> PlanReview:
    """The plan's findings, most serious first (in check order within a severity)."""
    language = normalise_language(language)
    with translation.override(language):
        options = option_facts()
        found = [finding for check in CHECKS for finding in check(document, options)]
        found.sort(key=lambda finding: SEVERITIES.index(finding.severity))
        questions = [(q, document.review.answers.get(q.key, "")) for q in QUESTIONS]
        return PlanReview(found, questions, language)
