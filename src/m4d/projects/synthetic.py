"""Synthetic projects and organisations for benchmarks, clearly marked and removable.

Every record has source=SYNTHETIC and a code starting with `SYN-`; `clear()` removes them all.
"""

from __future__ import annotations

import datetime
import random

from django.db import connection, transaction

from m4d.core import generation, search
from m4d.core.collation import sort_string
from m4d.lib.iterables import chunks
from m4d.organisations.models import Organisation
from m4d.places.models import Country
from m4d.projects.models import Capital, Partnership, Project, ProjectCapital, ProjectCountry

ORIGINS = [
    "ML",
    "SN",
    "ET",
    "MD",
    "PH",
    "MA",
    "DZ",
    "TN",
    "EG",
    "NG",
    "GH",
    "CV",
    "EC",
    "BO",
    "CO",
    "LK",
    "GE",
    "JM",
    "HT",
    "BD",
    "NP",
    "KE",
    "CM",
    "MX",
    "VN",
]
DESTINATIONS = [
    "FR",
    "IT",
    "ES",
    "BE",
    "NL",
    "DE",
    "GB",
    "PT",
    "GR",
    "SE",
    "IE",
    "CH",
    "US",
    "CA",
    "AT",
]
TOPICS = [
    ("transferts de fonds", "remittances"),
    ("épargne collective", "collective savings"),
    ("compétences de la diaspora", "diaspora skills"),
    ("entrepreneuriat des migrants", "migrant entrepreneurship"),
    ("droits des migrants", "migrants' rights"),
    ("réseaux associatifs", "community networks"),
    ("microcrédit", "microcredit"),
    ("formation professionnelle", "vocational training"),
    ("santé communautaire", "community health"),
    ("agriculture durable", "sustainable agriculture"),
    ("aquaculture", "aquaculture"),
    ("information des migrants", "migrant information"),
    ("retour volontaire", "voluntary return"),
    ("coopération décentralisée", "decentralised cooperation"),
]
ACTIONS = [
    ("Renforcer", "Strengthening"),
    ("Mobiliser", "Mobilising"),
    ("Soutenir", "Supporting"),
    ("Développer", "Developing"),
    ("Valoriser", "Valuing"),
]
ORG_WORDS = [
    "Association",
    "Réseau",
    "Centre",
    "Union",
    "Coopérative",
    "Fondation",
    "Institut",
    "Collectif",
    "Maison",
    "Forum",
]
ORG_TOPICS = [
    "Solidarité",
    "Développement",
    "Diaspora",
    "Avenir",
    "Entraide",
    "Horizons",
    "Migration",
    "Savoirs",
    "Terre",
    "Pont",
]
BATCH = 5000


# Organisation profiles (issue 7), from the index alone so the random sequence above is unchanged:
# half have a city, a third a website, a quarter a description in both languages; none a logo
# (benchmarks measure pages, not image files).
ORG_CITIES = ["Dakar", "Bamako", "Rabat", "Tunis", "Lyon", "Madrid", "Milano", "Bruxelles"]


def synthetic_profile(i: int) -> dict[str, str]:
    profile = {"city": ORG_CITIES[i % len(ORG_CITIES)] if i % 2 == 0 else ""}
    if i % 3 == 0:
        profile["website"] = f"https://example.org/syn-org-{i}"
    if i % 4 == 0:
        profile["description_fr"] = f"Organisation synthétique n° {i}, pour les mesures."
        profile["description_en"] = f"Synthetic organisation no. {i}, for benchmarks."
    return profile


@transaction.atomic
def generate(*, projects: int, organisations: int, seed: int = 1) -> dict[str, int]:
    """Create `organisations` then `projects` synthetic records (appended after existing ones)."""
    if projects < 0 or organisations < 0:
        raise ValueError("counts must be positive")
    rng = random.Random(seed)
    countries = {c.iso2: c for c in Country.objects.filter(iso2__in=ORIGINS + DESTINATIONS)}
    origins = [countries[c] for c in ORIGINS if c in countries]
    destinations = [countries[c] for c in DESTINATIONS if c in countries]
    start = Organisation.objects.filter(source=Organisation.Source.SYNTHETIC).count()
    types = Organisation.Type.values
    new_orgs = []
    for i in range(start, start + organisations):
        name = f"{rng.choice(ORG_WORDS)} {rng.choice(ORG_TOPICS)} {rng.choice(ORG_TOPICS)} {i}"
        new_orgs.append(
            Organisation(
                key=f"syn-org-{i}",
                name=name,
                name_sort_key=sort_string(name),  # bulk_create does not call save()
                type=rng.choice(types),
                country=rng.choice(origins + destinations),
                source=Organisation.Source.SYNTHETIC,
                **synthetic_profile(i),
            )
        )
    for batch in chunks(new_orgs, BATCH):
        Organisation.objects.bulk_create(batch)
    org_ids = list(
        Organisation.objects.filter(source=Organisation.Source.SYNTHETIC).values_list(
            "pk", flat=True
        )
    )
    if projects and not org_ids:
        raise ValueError("synthetic projects need synthetic organisations: pass --organisations")
    first_number = (
        Project.objects.order_by("-number").values_list("number", flat=True).first() or 0
    ) + 1
    made = 0
    for batch_numbers in chunks(range(first_number, first_number + projects), BATCH):
        rows, row_origins = [], []
        for number in batch_numbers:
            (topic_fr, topic_en), (act_fr, act_en) = rng.choice(TOPICS), rng.choice(ACTIONS)
            origin = rng.choice(origins)
            rows.append(
                Project(
                    code=f"SYN-{number}",
                    slug=f"syn-{number}",
                    number=number,
                    title=f"{act_fr} {topic_fr} ({origin.name_fr})",
                    title_fr=f"{act_fr} {topic_fr} ({origin.name_fr})",
                    title_en=f"{act_en} {topic_en} ({origin.name_en})",
                    summary_fr=f"Projet synthétique sur {topic_fr}.",
                    summary_en=f"Synthetic project about {topic_en}.",
                    # One in three has a web page, so pages and exports show both cases.
                    website=f"https://example.org/syn-{number}" if number % 3 == 0 else "",
                    # Three in four have a start date, one in four an end date too; one in ten is
                    # not a migration project: the IATI pre-flight sees every case.
                    start_date=(
                        datetime.date(2010 + number % 15, 1 + number % 12, 1)
                        if number % 4
                        else None
                    ),
                    end_date=(
                        datetime.date(2013 + number % 15, 1 + number % 12, 28)
                        if number % 4 == 1
                        else None
                    ),
                    migration_sector=number % 10 != 0,
                    source=Project.Source.SYNTHETIC,
                )
            )
            row_origins.append(origin)
        created = Project.objects.bulk_create(rows)
        links, partners, capitals = [], [], []
        for project, origin in zip(created, row_origins, strict=True):
            chosen = [origin, *rng.sample(destinations, rng.randint(1, 2))]
            links += [
                ProjectCountry(project=project, country=c, position=i) for i, c in enumerate(chosen)
            ]
            partners += [
                Partnership(project=project, organisation_id=o, position=i)
                for i, o in enumerate(dict.fromkeys(rng.choices(org_ids, k=rng.randint(2, 4))))
            ]
            capitals += [
                ProjectCapital(project=project, capital=c)
                for c in rng.sample(Capital.values, rng.randint(1, 2))
            ]
        ProjectCountry.objects.bulk_create(links)
        Partnership.objects.bulk_create(partners)
        ProjectCapital.objects.bulk_create(capitals)
        search.reindex("project", [p.pk for p in created])
        made += len(created)
    search.reindex("organisation", [o.pk for o in new_orgs])
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # fresh planner statistics after a bulk load
    generation.bump()  # bulk writes are not audited: say the data changed
    return {"projects": made, "organisations": len(new_orgs)}


@transaction.atomic
def clear() -> dict[str, int]:
    """Remove every synthetic project and organisation (and their search entries)."""
    project_ids = list(
        Project.objects.filter(source=Project.Source.SYNTHETIC).values_list("pk", flat=True)
    )
    org_ids = list(
        Organisation.objects.filter(source=Organisation.Source.SYNTHETIC).values_list(
            "pk", flat=True
        )
    )
    for batch in chunks(project_ids, BATCH):
        search.remove("project", batch)
        Project.objects.filter(pk__in=batch).delete()
    for batch in chunks(org_ids, BATCH):
        search.remove("organisation", batch)
        Partnership.objects.filter(organisation_id__in=batch).delete()
        Organisation.objects.filter(pk__in=batch).delete()
    generation.bump()
    return {"projects": len(project_ids), "organisations": len(org_ids)}
