"""How far each step of a plan is filled in, and the partnership's warning signs.

A step's progress is a list of plain checks on its content (done, total), the same for the step
navigation, the plan overview and anyone else who asks; it says nothing about quality (that is
the review's job), only whether the step's parts have been written.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from m4d.plans import document as doc


def _checks(document: doc.PlanDocument) -> dict[str, list[bool]]:
    context = document.context
    capitals = document.capitals
    partners = document.partnership.partners
    stakeholders = document.stakeholders.stakeholders
    allies = document.allies
    logframe = document.logframe
    activities = logframe.activities()
    risks = document.risks.risks
    monitoring = document.monitoring
    return {
        "context": [
            bool(context.title),
            bool(context.summary),
            bool(context.origin.country and context.origin.locality),
            bool(context.destinations),
            bool(context.target_groups),
            context.duration_months is not None,
            context.budget_min is not None or context.budget_max is not None,
            bool(context.migration_link),
            bool(context.link_dimensions),
        ],
        "capitals": [
            bool(capitals.capitals),
            bool(capitals.options),
            bool(capitals.key_issues)
            and all(answer.status != "open" for answer in capitals.key_issues),
        ],
        "partnership": [
            len(partners) >= 2,
            bool(partners) and all(partner.role for partner in partners),
            bool(partners) and all(partner.responsibilities for partner in partners),
            any(partner.migrant_organisation for partner in partners),
            any(document.partnership.migrant_participation.model_dump().values()),
        ],
        "stakeholders": [
            bool(stakeholders),
            bool(stakeholders) and all(s.strategy for s in stakeholders),
            bool(stakeholders)
            and all(
                None not in (s.compatibility, s.competences, s.motivation) for s in stakeholders
            ),
        ],
        "allies": [
            any(force.direction == "for" for force in allies.forces),
            any(force.direction == "against" for force in allies.forces),
            bool(allies.allies),
            bool(allies.allies) and all(ally.forms for ally in allies.allies),
        ],
        "logframe": [
            bool(logframe.overall_objective),
            bool(logframe.specific_objectives),
            bool(logframe.results),
            bool(activities),
            bool(activities) and all(a.partner for a in activities),
            bool(activities)
            and all(a.start_month is not None and a.end_month is not None for a in activities),
            bool(activities) and all(a.indicators for a in activities),
            bool(logframe.assumptions),
        ],
        "risks": [
            bool(risks),
            bool(risks) and all(risk.owner for risk in risks),
            bool(risks) and all(risk.mitigation for risk in risks),
        ],
        "review": [any(answer for answer in document.review.answers.values())],
        "monitoring": [bool(monitoring.periods), bool(monitoring.actuals)],
    }


def step_progress(document: doc.PlanDocument) -> dict[str, tuple[int, int]]:
    """(checks done, checks in all) for every step, in the order of `document.STEPS`."""
    checks = _checks(document)
    return {step: (sum(checks[step]), len(checks[step])) for step in doc.STEPS}


# Recommendation 8 of the handbook for small-scale actors: keep the partnership manageable.
LARGE_PARTNERSHIP = 5


@dataclass(frozen=True)
class Flag:
    message: str
    handbook: str


def partnership_flags(document: doc.PlanDocument) -> list[Flag]:
    """What the partnership step points out as it is filled in (the review weighs them)."""
    partners = document.partnership.partners
    if not partners:
        return []
    flags = []
    if len(partners) > LARGE_PARTNERSHIP:
        flags.append(
            Flag(
                _(
                    "%(count)s partners: a partnership this large is hard for small actors to "
                    "manage (recommendation 8)."
                )
                % {"count": len(partners)},
                "§6.1",
            )
        )
    origin = document.context.origin.country
    destinations = {place.country for place in document.context.destinations if place.country}
    countries = {partner.country for partner in partners if partner.country}
    if origin and destinations:
        at_origin = origin in countries
        at_destination = bool(countries & destinations)
        if not at_origin:
            flags.append(
                Flag(
                    _("No partner in the country of origin (%(country)s).") % {"country": origin},
                    "§6.2",
                )
            )
        if not at_destination:
            flags.append(
                Flag(
                    _("No partner in a country of destination (%(countries)s).")
                    % {"countries": ", ".join(sorted(destinations))},
                    "§6.2",
                )
            )
    if len(countries) == 1 and len(partners) > 1:
        flags.append(
            Flag(
                _("Every partner is in %(country)s: the partnership rests on one side only.")
                % {"country": next(iter(countries))},
                "§6.2",
            )
        )
    if not any(partner.migrant_organisation for partner in partners):
        flags.append(Flag(_("No migrant organisation among the partners."), "§6.3"))
    if not any(document.partnership.migrant_participation.model_dump().values()):
        flags.append(
            Flag(
                _("Migrants take part in no phase of the project yet (recommendation 3)."),
                "§6.3",
            )
        )
    return flags
