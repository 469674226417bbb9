"""The Index's demo (issue 15): five more fictional cities (`City.illustrative`, made-up figures)
with published 2022 and 2023 cycles, the default methodology (version 1, the OECD/JRC Handbook's
defaults) published, and the 2023 edition computed and published. Everything goes through the
kpis and index services; idempotent."""

from __future__ import annotations

import random

from index import services as index_services
from index.models import Edition, Methodology
from kpis import services
from kpis.models import Kpi, KpiValue
from portal import reasons as why
from portal.demo.kpis import illustrative_city

CITIES = [
    # slug, name, country, region, population, share of KPIs reported
    ("northbay-demo", "Northbay (illustrative demo)", "Norway", "Europe", 120_000, 0.9),
    ("eastmere-demo", "Eastmere (illustrative demo)", "Chile", "Americas", 640_000, 0.85),
    ("southgate-demo", "Southgate (illustrative demo)", "Kenya", "Africa", 88_000, 0.8),
    ("westfield-demo", "Westfield (illustrative demo)", "Norway", "Europe", 75_000, 0.95),
    ("midvale-demo", "Midvale (illustrative demo)", "Chile", "Americas", 1_300_000, 0.3),
]
YEARS = (2022, 2023)
EDITION_YEAR = 2023


def _entries(slug: str, year: int, share: float) -> dict[str, dict]:
    rng = random.Random(f"{slug}:{year}")
    entries = {}
    for kpi in Kpi.objects.filter(target__isnull=False).order_by("position"):
        if rng.random() > share:
            continue
        base = {"data_quality": "estimated", "source": "Illustrative demo figure", "data_year": str(year - 1)}
        if kpi.computed:
            entries[kpi.code] = {**base, "numerator": str(rng.randint(5, 98)), "denominator": "100"}
        else:
            entries[kpi.code] = {**base, "value": str(rng.randint(1, 100))}
    return entries


def load(result, people: dict, partners: dict) -> None:
    secretariat, steward, verifier = people["secretariat"], people["steward"], people["verifier"]
    for slug, name, country, region, population, share in CITIES:
        city = illustrative_city(secretariat, steward, partners, slug, name, country, region, population)
        if city is None:
            continue
        for year in YEARS:
            cycle = services.cycle_open(by=secretariat, city=city, year=year)
            services.values_save(
                by=steward, cycle=cycle, entries=_entries(slug, year, share), why=why.DEMO_DATA()
            )
            services.cycle_assign_verifier(by=secretariat, cycle=cycle, verifier=verifier)
            services.cycle_submit(by=steward, cycle=cycle)
            services.cycle_start_verification(by=verifier, cycle=cycle)
            values = list(KpiValue.objects.filter(cycle=cycle).select_related("kpi"))
            for value in values:
                services.value_verify(by=verifier, value=value, verified=True)
            consents = {
                v.kpi.code: ("value", "value", "score", "value", "private")[n % 5]
                for n, v in enumerate(values)
            }
            services.consent_set(by=steward, cycle=cycle, consents=consents)
            services.cycle_publish(by=steward, cycle=cycle)
            result.created += 1 + len(values)
    methodology = Methodology.objects.filter(version=1).first()
    if methodology is None:
        methodology = index_services.methodology_create(
            by=secretariat,
            notes="The defaults of the OECD/JRC Handbook on Constructing Composite Indicators (2008).",
        )
        result.created += 1
    if not methodology.is_published:
        methodology = index_services.methodology_publish(by=secretariat, methodology=methodology)
    edition = Edition.objects.filter(year=EDITION_YEAR, methodology=methodology).first()
    if edition is None:
        edition = index_services.edition_request(by=secretariat, year=EDITION_YEAR, methodology=methodology)
        result.created += 1
    if not edition.is_published:
        index_services.edition_compute(edition_id=edition.pk)  # at once: the demo does not wait for a worker
        index_services.edition_publish(by=secretariat, edition=edition)
