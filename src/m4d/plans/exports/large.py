"""A big plan, the size the issue's benchmark names (20 partners, 60 activities, 100 indicators,
12 periods), for the export tests and `bench/plans_exports.py`. Deterministic: the same numbers
give the same document."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from m4d.plans import document as doc

COUNTRIES = ("SN", "FR", "IT", "ML")
TYPES = ("migrant_association", "ngo", "local_authority", "cooperative", "university")
OPTIONS = ("2.1/networking-events", "2.2/knowledge-sharing", "2.3/migrant-led-initiatives")
RISK_TYPES = ("6.4/external-risks", "6.4/capacity-risks", "6.4/project-risks", "")


def _quarter(start: date, n: int) -> tuple[date, date]:
    first = date(
        start.year + (start.month - 1 + 3 * n) // 12, (start.month - 1 + 3 * n) % 12 + 1, 1
    )
    following = date(first.year + (first.month + 2) // 12, (first.month + 2) % 12 + 1, 1)
    return first, date.fromordinal(following.toordinal() - 1)


def large_plan(
    *,
    partners: int = 20,
    activities: int = 60,
    indicators: int = 100,
    periods: int = 12,
    results: int = 10,
) -> doc.PlanDocument:
    """A complete plan of that size: every activity has a partner and months, the indicators are
    spread over the activities (the first ones get two), every quantitative indicator has an actual
    value for every period."""
    levels = doc.LEVELS
    partner_list = [
        doc.Partner(
            id=f"p{n}",
            name=f"Partner organisation {n} – Kayes/Montreuil",
            country=COUNTRIES[n % len(COUNTRIES)],
            type=TYPES[n % len(TYPES)],
            role="Co-applicant" if n < 3 else "Implementing partner",
            responsibilities=f"Leads the work of results {n % results + 1} in its area.",
            resources="Volunteers, premises and a network of diaspora members.",
            gains="Experience, visibility and new members.",
            migrant_organisation=n % 3 == 0,
        )
        for n in range(partners)
    ]
    per_activity = [1 + (n < indicators - activities) for n in range(activities)]
    result_list = []
    counter = 0
    for r in range(results):
        acts = []
        for a in range(r * activities // results, (r + 1) * activities // results):
            start = 1 + (a * 2) % 30
            items = []
            for _k in range(per_activity[a]):
                quantitative = counter % 5 != 4
                items.append(
                    doc.Indicator(
                        id=f"i{counter}",
                        text=f"Indicator {counter + 1}: people reached by activity {a + 1}",
                        kind="quantitative" if quantitative else "qualitative",
                        unit="people" if quantitative else "",
                        baseline=Decimal(counter % 7) if quantitative else None,
                        target=Decimal(50 + counter) if quantitative else None,
                        source="Attendance lists and partner reports",
                    )
                )
                counter += 1
            acts.append(
                doc.Activity(
                    id=f"a{a}",
                    text=f"Activity {a + 1}: workshops and follow-up visits in the corridor",
                    partner=f"p{a % partners}" if partners else "",
                    start_month=start,
                    end_month=start + 5,
                    indicators=items,
                )
            )
        result_list.append(
            doc.Result(id=f"r{r}", text=f"Result {r + 1} is reached", activities=acts)
        )
    first = date(2026, 1, 1)
    period_list = []
    for n in range(periods):
        opens, closes = _quarter(first, n)
        label = f"Q{n % 4 + 1} {opens.year}"
        period_list.append(doc.Period(id=f"t{n}", label=label, start=opens, end=closes))
    logframe = doc.Logframe(
        overall_objective="Migrants' skills and savings strengthen local development in Kayes.",
        specific_objectives=["Young people start enterprises", "Partners work as one network"],
        results=result_list,
        assumptions=["Remittance costs stay stable", "Local authorities keep their support"],
    )
    actuals = [
        doc.Actual(
            indicator=indicator.id,
            period=period.id,
            value=Decimal(n + 1) * 3 if indicator.kind == "quantitative" else None,
            text="" if indicator.kind == "quantitative" else "Partners report steady progress.",
        )
        for indicator in logframe.indicators()
        for n, period in enumerate(period_list)
    ]
    return doc.PlanDocument(
        context=doc.Context(
            title="Kayes–Montreuil youth enterprise network",
            summary="Diaspora associations and local authorities support young entrepreneurs.",
            origin=doc.Place(country="ML", locality="Kayes"),
            destinations=[doc.Place(country="FR", locality="Montreuil")],
            target_groups="Young people aged 18–30 and returning migrants.",
            duration_months=36,
            budget_min=Decimal(150000),
            budget_max=Decimal(250000),
            currency="EUR",
            migration_link="The Kayes region's diaspora lives largely in Montreuil.",
            link_dimensions=["route", "generation"],
        ),
        capitals=doc.Capitals(
            capitals=["social", "financial", "human"],
            options=list(OPTIONS),
            key_issues=[
                doc.KeyIssueAnswer(option=OPTIONS[0], issue=i, answer="Planned.", status="answered")
                for i in range(3)
            ],
        ),
        partnership=doc.Partnership(
            partners=partner_list,
            migrant_participation=doc.Participation(
                identification=True, design=True, implementation=True
            ),
        ),
        stakeholders=doc.Stakeholders(
            stakeholders=[
                doc.Stakeholder(
                    id=f"s{n}",
                    name=f"Stakeholder {n + 1}",
                    type="Local authority" if n % 2 else "Association",
                    influence=levels[n % 3],
                    interest=levels[(n // 3) % 3],
                    compatibility=levels[(n + 1) % 3],
                    strategy="Regular meetings and shared reporting.",
                )
                for n in range(24)
            ]
        ),
        allies=doc.Allies(
            forces=[
                doc.Force(
                    id=f"f{n}",
                    text=f"Force {n + 1}",
                    direction="for" if n % 2 == 0 else "against",
                    strength=n % 5 + 1,
                )
                for n in range(10)
            ],
            allies=[
                doc.Ally(id=f"y{n}", name=f"Ally {n + 1}", forms=["lobbying", "events"])
                for n in range(6)
            ],
        ),
        logframe=logframe,
        risks=doc.Risks(
            risks=[
                doc.Risk(
                    id=f"k{n}",
                    text=f"Risk {n + 1}: a partner withdraws",
                    type=RISK_TYPES[n % len(RISK_TYPES)],
                    likelihood=levels[n % 3],
                    impact=levels[(n // 3) % 3],
                    owner=f"p{n % partners}" if partners else "",
                    mitigation="A second partner is ready to take over.",
                )
                for n in range(30)
            ]
        ),
        monitoring=doc.Monitoring(
            frequency="quarterly", start=first, periods=period_list, actuals=actuals
        ),
    )
