"""The KPI web-tool's world, built through services: the 91-KPI catalogue, two cities with a
steward each, a cycle of city A with an independent verifier."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import pytest

from kpis import services
from kpis.models import City, Kpi, ReportingCycle
from tests.cast import make_person


@dataclass
class World:
    cast: object
    secretariat: object
    steward_a: object
    steward_b: object
    verifier: object
    other_verifier: object
    city_a: City
    city_b: City
    cycle_a: ReportingCycle
    cycle_b: ReportingCycle

    def kpi(self, code: str) -> Kpi:
        return Kpi.objects.get(code=code)


PCT = "EC: ICT: ICT: 1C"  # Household Internet Access, Percentage (computed ×100)
PCT2 = "EC: ICT: ICT: 2C"  # Fixed Broadband Subscriptions, Percentage
RATE = "EC: ICT: ICT: 3C"  # Wireless Broadband Subscriptions, per 100 000 (computed)


@pytest.fixture
def catalogue(db):
    services.catalogue_load()
    return Kpi.objects.count()


@pytest.fixture
def world(cast, catalogue) -> World:
    sec = cast.secretariat
    city_a = services.city_create(
        by=sec, name="Alphaville", slug="alphaville", country="Norway", region="Europe"
    )
    city_b = services.city_create(
        by=sec, name="Betatown", slug="betatown", country="Chile", region="Americas"
    )
    steward_a, steward_b = make_person("steward_a"), make_person("steward_b")
    verifier, other = make_person("verifier"), make_person("other_verifier")
    services.steward_add(by=sec, city=city_a, person=steward_a)
    services.steward_add(by=sec, city=city_b, person=steward_b)
    cycle_a = services.cycle_open(by=sec, city=city_a, year=2024)
    cycle_b = services.cycle_open(by=sec, city=city_b, year=2024)
    services.cycle_assign_verifier(by=sec, cycle=cycle_a, verifier=verifier)
    services.cycle_assign_verifier(by=sec, cycle=cycle_b, verifier=other)
    for code, target in ((PCT, "90"), (PCT2, "60"), (RATE, "50000")):
        services.kpi_set_benchmark(by=sec, kpi=Kpi.objects.get(code=code), target=Decimal(target))
    return World(cast, sec, steward_a, steward_b, verifier, other, city_a, city_b, cycle_a, cycle_b)


def entry(**typed):
    base = {"data_quality": "measured", "source": "City statistics office", "data_year": "2023"}
    base.update(typed)
    return base


def published_cycle(world: World, consents: dict[str, str]) -> ReportingCycle:
    """City A reports three KPIs, the verifier verifies them, the steward consents and publishes."""
    cycle = world.cycle_a
    services.values_save(
        by=world.steward_a,
        cycle=cycle,
        entries={
            PCT: entry(numerator="81", denominator="100"),
            PCT2: entry(numerator="30", denominator="100"),
            RATE: entry(numerator="300", denominator="1000"),
        },
    )
    services.cycle_submit(by=world.steward_a, cycle=cycle)
    services.cycle_start_verification(by=world.verifier, cycle=cycle)
    from kpis.models import KpiValue

    for value in KpiValue.objects.filter(cycle=cycle):
        services.value_verify(by=world.verifier, value=value, verified=True)
    services.consent_set(by=world.steward_a, cycle=cycle, consents=consents)
    services.cycle_publish(by=world.steward_a, cycle=cycle)
    cycle.refresh_from_db()
    return cycle


def published_city(cast) -> ReportingCycle:
    """For other suites (the API's schema run): a city with a published cycle whose values show
    every public shape (value and score, score only, no target)."""
    services.catalogue_load()
    sec = cast.secretariat
    services.kpi_set_benchmark(by=sec, kpi=Kpi.objects.get(code=PCT), target=Decimal("90"))
    city = services.city_create(
        by=sec, name="Gammaville", slug="gammaville", country="Norway", region="Europe"
    )
    steward, verifier = make_person("gamma_steward"), make_person("gamma_verifier")
    services.steward_add(by=sec, city=city, person=steward)
    cycle = services.cycle_open(by=sec, city=city, year=2024)
    services.cycle_assign_verifier(by=sec, cycle=cycle, verifier=verifier)
    services.values_save(
        by=steward,
        cycle=cycle,
        entries={
            PCT: entry(numerator="81", denominator="100"),
            PCT2: entry(value="30"),
            RATE: entry(value="5"),
        },
    )
    services.cycle_submit(by=steward, cycle=cycle)
    services.cycle_start_verification(by=verifier, cycle=cycle)
    for value in cycle.values.all():
        services.value_verify(by=verifier, value=value, verified=True)
    services.consent_set(by=steward, cycle=cycle, consents={PCT: "value", PCT2: "score", RATE: "value"})
    return services.cycle_publish(by=steward, cycle=cycle)
