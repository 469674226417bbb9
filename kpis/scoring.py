"""The U4SSC benchmark scoring (issue 14; the "Benchmarks and Scoring Methodology" of the U4SSC
factsheets and verification reports, kpis/data/u4ssc-kpis.SOURCES.md):

- per KPI, progress against its target, direction respected: value ÷ target when higher is better,
  target ÷ value when lower is better (a value of 0 where lower is better has met the target);
- 1 point below 33 %, 2 from 33 % to 66 %, 3 from 66 % to 95 %, 4 from 95 %;
- points summed into a percentage (points ÷ 4 × scored KPIs) per category, sub-dimension and
  dimension, reported in the same bands; KPIs not reported or without a target are left out and
  counted, so a page can say how many.

Pure functions of plain values: no database, so the worked examples are tested by hand.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

BANDS = (  # (lower bound of progress in %, points)
    (Decimal("95"), 4),
    (Decimal("66"), 3),
    (Decimal("33"), 2),
    (Decimal("0"), 1),
)
BAND_LABELS = {1: _("0–33 %"), 2: _("33–66 %"), 3: _("66–95 %"), 4: _("95 % and more")}
HUNDRED = Decimal("100")


def progress(value: Decimal, target: Decimal, *, lower_is_better: bool) -> Decimal:
    """Progress towards the target in percent (may exceed 100)."""
    value, target = Decimal(value), Decimal(target)
    if lower_is_better:
        if value <= 0:
            return HUNDRED if target >= 0 else Decimal(0)
        return target / value * HUNDRED
    if target == 0:
        return HUNDRED
    return value / target * HUNDRED


def points_for(percent: Decimal) -> int:
    for bound, points in BANDS:
        if percent >= bound:
            return points
    return 1


def band_of_percentage(percent: Decimal) -> int:
    """A category's (or dimension's) score percentage is reported in the same bands."""
    return points_for(percent)


@dataclass(frozen=True)
class KpiInput:
    code: str
    dimension: str
    sub_dimension: str
    category: str
    value: Decimal | None  # None: not reported (or not public)
    target: Decimal | None
    lower_is_better: bool = False


@dataclass(frozen=True)
class KpiScore:
    code: str
    progress: Decimal
    points: int


@dataclass
class Score:
    """Points of the scored KPIs of a group (a category, a sub-dimension, a dimension, all)."""

    name: str
    points: int = 0
    scored: int = 0
    excluded: int = 0

    @property
    def possible(self) -> int:
        return 4 * self.scored

    @property
    def percent(self) -> Decimal | None:
        if not self.scored:
            return None
        return (Decimal(self.points) / Decimal(self.possible) * HUNDRED).quantize(Decimal("0.01"))

    @property
    def band(self) -> int | None:
        percent = self.percent
        return None if percent is None else band_of_percentage(percent)

    @property
    def band_label(self) -> str:
        return str(BAND_LABELS[self.band]) if self.band else ""


@dataclass
class Scorecard:
    kpis: dict[str, KpiScore] = field(default_factory=dict)
    categories: dict[tuple[str, str, str], Score] = field(default_factory=dict)
    sub_dimensions: dict[tuple[str, str], Score] = field(default_factory=dict)
    dimensions: dict[str, Score] = field(default_factory=dict)
    total: Score = field(default_factory=lambda: Score("all"))


def score_kpi(item: KpiInput) -> KpiScore | None:
    if item.value is None or item.target is None:
        return None
    percent = progress(item.value, item.target, lower_is_better=item.lower_is_better)
    return KpiScore(item.code, percent.quantize(Decimal("0.01")), points_for(percent))


def scorecard(items: Iterable[KpiInput]) -> Scorecard:
    card = Scorecard()
    for item in items:
        groups = (
            card.categories.setdefault(
                (item.dimension, item.sub_dimension, item.category), Score(item.category)
            ),
            card.sub_dimensions.setdefault((item.dimension, item.sub_dimension), Score(item.sub_dimension)),
            card.dimensions.setdefault(item.dimension, Score(item.dimension)),
            card.total,
        )
        scored = score_kpi(item)
        for group in groups:
            if scored is None:
                group.excluded += 1
            else:
                group.points += scored.points
                group.scored += 1
        if scored is not None:
            card.kpis[item.code] = scored
    return card


# Stored scorecards (kpis.models.CycleScore): plain JSON, in catalogue order ------------------------


def _score_row(score: Score) -> list:
    return [score.name, score.points, score.scored, score.excluded]


def card_to_json(card: Scorecard) -> dict:
    return {
        "kpis": [[k.code, str(k.progress), k.points] for k in card.kpis.values()],
        "categories": [[*key, *_score_row(s)[1:]] for key, s in card.categories.items()],
        "sub_dimensions": [[*key, *_score_row(s)[1:]] for key, s in card.sub_dimensions.items()],
        "dimensions": [[key, *_score_row(s)[1:]] for key, s in card.dimensions.items()],
        "total": _score_row(card.total)[1:],
    }


def card_from_json(data: dict) -> Scorecard:
    card = Scorecard()
    card.kpis = {code: KpiScore(code, Decimal(percent), points) for code, percent, points in data["kpis"]}
    card.categories = {(d, s, c): Score(c, p, n, x) for d, s, c, p, n, x in data["categories"]}
    card.sub_dimensions = {(d, s): Score(s, p, n, x) for d, s, p, n, x in data["sub_dimensions"]}
    card.dimensions = {d: Score(d, p, n, x) for d, p, n, x in data["dimensions"]}
    card.total = Score("all", *data["total"])
    return card
