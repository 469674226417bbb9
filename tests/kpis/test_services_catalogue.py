from decimal import Decimal

import pytest

from governance.rulebook import RuleDenied
from kernel.lifecycle import DomainError
from kpis import services
from kpis.models import Kpi


def test_the_demo_catalogue_loads_the_91_kpis_once(catalogue):
    assert catalogue == 91
    assert Kpi.objects.filter(dimension="Economy").count() == 45
    assert Kpi.objects.filter(level=Kpi.Level.CORE).count() == 55
    assert services.catalogue_load() == (0, 0)  # idempotent
    kpi = Kpi.objects.get(code="EC: ICT: ICT: 1C")
    assert (kpi.slug, kpi.computed, kpi.multiplier) == ("ec-ict-ict-1c", True, Decimal("100"))
    assert kpi.history.count() == 1


def test_percent_and_rate_units_are_computed_and_harm_is_lower_is_better(catalogue):
    rate = Kpi.objects.get(code="EC: ICT: ICT: 3C")
    assert rate.computed and rate.multiplier == 100_000
    assert Kpi.objects.get(name="Unemployment Rate").is_lower_better
    assert not Kpi.objects.get(code="EC: ICT: ICT: 1C").is_lower_better


def test_a_row_without_a_known_level_changes_nothing(db):
    rows = [
        {
            "code": "X: 1C",
            "dimension": "D",
            "sub_dimension": "S",
            "category": "C",
            "name": "N",
            "core_or_advanced": "Maybe",
        }
    ]
    with pytest.raises(DomainError, match="Core"):
        services.catalogue_load(rows=rows)
    assert not Kpi.objects.exists()


def test_only_the_secretariat_sets_a_benchmark(cast, catalogue):
    kpi = Kpi.objects.first()
    services.kpi_set_benchmark(by=cast.secretariat, kpi=kpi, target=Decimal("60"))
    kpi.refresh_from_db()
    assert kpi.target == 60 and kpi.history.count() == 2
    with pytest.raises(RuleDenied):
        services.kpi_set_benchmark(by=cast.focal_a, kpi=kpi, target=Decimal("1"))


def test_the_catalogue_command_loads_the_csv(db, capsys):
    from django.core.management import call_command

    call_command("kpi_catalogue_load")
    assert Kpi.objects.count() == 91
