"""The KPI web-tool's demo (issue 14): the 91-KPI catalogue and three fictional cities whose values
are made up (`City.illustrative`: every page says so, never presented as a real city's data).

- Lakeside: the 2023 cycle verified and published, with mixed consent (value and score, score only,
  private, one sensitive KPI);
- Hillport: the 2024 cycle under verification, with an open question of the verifier;
- Riverbend: the 2025 cycle open, some data entered, its deadline ahead.

Everything goes through kpis.services as the Secretariat, the `steward` and the `verifier` would do
it; a city already there is left as it is (idempotent).
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from django.utils import timezone

from kpis import services
from kpis.models import City, Kpi, KpiValue
from portal import reasons as why

CITIES = [
    # slug, name, country, region, population, year, stage
    ("lakeside-demo", "Lakeside (illustrative demo)", "Norway", "Europe", 48_000, 2023, "published"),
    ("hillport-demo", "Hillport (illustrative demo)", "Chile", "Americas", 210_000, 2024, "verification"),
    ("riverbend-demo", "Riverbend (illustrative demo)", "Kenya", "Africa", 95_000, 2025, "open"),
]
OPEN_QUESTION = "Which survey does this figure come from, and what was its sample size?"
REPORTED_SHARE = {"published": 0.6, "verification": 0.45, "open": 0.2}


def _targets(secretariat) -> None:
    """Illustrative benchmark targets for percentage KPIs (the Secretariat keeps the real ones); the
    Mashhad factsheet's 60 % for Fixed Broadband Subscriptions. A target already set is kept."""
    for kpi in Kpi.objects.filter(target__isnull=True, unit="Percentage"):
        target = (
            Decimal("60")
            if kpi.code == "EC: ICT: ICT: 2C"
            else (Decimal("5") if kpi.is_lower_better else Decimal("90"))
        )
        services.kpi_set_benchmark(by=secretariat, kpi=kpi, target=target)


def _entries(slug: str, share: float) -> dict[str, dict]:
    rng = random.Random(slug)  # the same made-up figures on every run
    entries = {}
    for kpi in Kpi.objects.order_by("position"):
        if rng.random() > share:
            continue
        base = {
            "data_quality": rng.choice(["measured", "survey", "higher_level", "estimated"]),
            "source": "Illustrative demo figure",
            "data_year": "2022",
        }
        if kpi.computed and kpi.unit == "Percentage":
            entries[kpi.code] = {**base, "numerator": str(rng.randint(5, 98)), "denominator": "100"}
        elif kpi.computed:
            entries[kpi.code] = {**base, "numerator": str(rng.randint(10, 900)), "denominator": "1000"}
        else:
            entries[kpi.code] = {**base, "value": str(rng.randint(1, 100))}
    return entries


def illustrative_city(secretariat, steward, partners: dict, slug, name, country, region, population):
    """A demo city (marked illustrative, with UN-Habitat and the demo steward), or None when the
    demo already has it (the loader runs again on every `make run`)."""
    if City.objects.filter(slug=slug).exists():
        return None
    city = services.city_create(
        by=secretariat,
        name=name,
        slug=slug,
        country=country,
        region=region,
        population=population,
        partner=partners.get("UN-Habitat"),
        illustrative=True,
    )
    services.steward_add(by=secretariat, city=city, person=steward)
    return city


def load(result, people: dict, partners: dict, today: dt.date) -> None:
    created, _updated = services.catalogue_load()
    result.created += created
    secretariat, steward, verifier = people["secretariat"], people["steward"], people["verifier"]
    _targets(secretariat)
    for slug, name, country, region, population, year, stage in CITIES:
        city = illustrative_city(secretariat, steward, partners, slug, name, country, region, population)
        if city is None:
            continue
        now = timezone.now()
        cycle = services.cycle_open(
            by=secretariat,
            city=city,
            year=year,
            submission_deadline=now + dt.timedelta(days=10) if stage == "open" else None,
            verification_deadline=now + dt.timedelta(days=20) if stage == "verification" else None,
        )
        result.created += 2
        entries = _entries(slug, REPORTED_SHARE[stage])
        if stage == "published":  # a KPI the city marks sensitive: never public, whatever its consent
            entries[next(iter(entries))]["sensitive"] = "yes"
        services.values_save(by=steward, cycle=cycle, entries=entries, why=why.DEMO_DATA())
        if stage == "open":
            continue
        services.cycle_assign_verifier(by=secretariat, cycle=cycle, verifier=verifier)
        services.cycle_submit(by=steward, cycle=cycle)
        services.cycle_start_verification(by=verifier, cycle=cycle)
        values = list(KpiValue.objects.filter(cycle=cycle, not_reported=False).select_related("kpi"))
        if stage == "verification":
            services.question_ask(
                by=verifier,
                value=values[0],
                text=OPEN_QUESTION,
            )
            for value in values[1:4]:
                services.value_verify(by=verifier, value=value, verified=True)
            continue
        for value in values:
            services.value_verify(by=verifier, value=value, verified=True)
        consents = {}
        for n, value in enumerate(values):
            consents[value.kpi.code] = ("value", "value", "score", "private")[n % 4]
        services.consent_set(by=steward, cycle=cycle, consents=consents)
        services.cycle_publish(by=steward, cycle=cycle)
