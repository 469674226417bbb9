"""The U4SSC benchmark scoring against worked examples computed by hand."""

from decimal import Decimal as D

import pytest

from kpis.scoring import KpiInput, points_for, progress, scorecard


@pytest.mark.parametrize(
    ("percent", "points"),
    [
        (D("0"), 1),
        (D("32.99"), 1),
        (D("33"), 2),
        (D("65.99"), 2),
        (D("66"), 3),
        (D("94.99"), 3),
        (D("95"), 4),
        (D("150"), 4),
    ],
)
def test_points_by_band(percent, points):
    assert points_for(percent) == points


def test_mashhad_fixed_broadband_bands():
    """Mashhad factsheet p15: target 60 %; bands >57.0, 39.6–57.0, 19.8–39.6, <19.8."""

    def pts(value):
        return points_for(progress(D(value), D("60"), lower_is_better=False))

    assert [pts("57.1"), pts("57.0"), pts("39.6"), pts("39.5"), pts("19.8"), pts("19.7")] == [
        4,
        4,
        3,
        2,
        2,
        1,
    ]


def test_direction_is_respected():
    # Unemployment: target 5 %, the city has 10 %: progress 5/10 = 50 % → 2 points.
    assert progress(D("10"), D("5"), lower_is_better=True) == D("50")
    assert points_for(progress(D("10"), D("5"), lower_is_better=True)) == 2
    # 5.2 % against 5 %: 96.15 % → 4 points; 0 where lower is better has met the target.
    assert points_for(progress(D("5.2"), D("5"), lower_is_better=True)) == 4
    assert progress(D("0"), D("5"), lower_is_better=True) == D("100")


def _kpi(code, category, value, target, sub="ICT", dim="Economy", lower=False):
    return KpiInput(
        code,
        dim,
        sub,
        category,
        None if value is None else D(value),
        None if target is None else D(target),
        lower,
    )


def test_the_documents_example_9_of_16_and_9_of_12():
    """Four KPIs scoring 4+2+2+1 = 9 of 16 points: 56.25 %, reported as 33–66 %; three scoring
    4+3+2 = 9 of 12: 75 %, reported as 66–95 %."""
    card = scorecard(
        [
            _kpi("A", "Cat1", "100", "100"),  # 100 % → 4
            _kpi("B", "Cat1", "50", "100"),  # 50 % → 2
            _kpi("C", "Cat1", "40", "100"),  # 40 % → 2
            _kpi("D", "Cat1", "10", "100"),  # 10 % → 1
            _kpi("E", "Cat2", "95", "100"),  # 95 % → 4
            _kpi("F", "Cat2", "70", "100"),  # 70 % → 3
            _kpi("G", "Cat2", "33", "100"),  # 33 % → 2
            _kpi("H", "Cat2", None, "100"),  # not reported: left out
            _kpi("I", "Cat2", "12", None),  # no target: left out
        ]
    )
    cat1 = card.categories[("Economy", "ICT", "Cat1")]
    cat2 = card.categories[("Economy", "ICT", "Cat2")]
    assert (cat1.points, cat1.possible, cat1.percent, cat1.band_label) == (9, 16, D("56.25"), "33–66 %")
    assert (cat2.points, cat2.possible, cat2.percent, cat2.band_label, cat2.excluded) == (
        9,
        12,
        D("75.00"),
        "66–95 %",
        2,
    )
    economy = card.dimensions["Economy"]
    assert (economy.points, economy.possible, economy.excluded) == (18, 28, 2)
    assert economy.percent == D("64.29")  # 18 / 28
    assert card.total.scored == 7 and card.total.excluded == 2


def test_sub_dimensions_and_dimensions_sum_separately():
    card = scorecard(
        [
            _kpi("A", "C1", "100", "100", sub="S1"),
            _kpi("B", "C2", "20", "100", sub="S2"),
            _kpi("C", "C3", "80", "100", sub="S3", dim="Environment"),
        ]
    )
    assert card.sub_dimensions[("Economy", "S1")].percent == D("100.00")
    assert card.sub_dimensions[("Economy", "S2")].percent == D("25.00")
    assert card.dimensions["Economy"].percent == D("62.50")  # (4 + 1) / 8
    assert card.dimensions["Environment"].percent == D("75.00")  # 3 / 4
    assert scorecard([_kpi("X", "C", None, "1")]).dimensions["Economy"].percent is None
