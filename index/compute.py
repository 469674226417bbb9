"""The Index engine: plain Python, no database (the OECD/JRC Handbook's steps 5–7 and the
robustness analysis of its step 8), so that a test and anyone with the CSV can check it.

Input per city: the progress of each indexed KPI towards its U4SSC target (direction respected,
in %, to 0.01: the score the city consented to publish). Steps:

1. cap progress at the methodology's cap (outliers);
2. coverage = KPIs reported ÷ KPIs indexed; a city below the threshold is not ranked;
3. normalise each KPI over the ranked cities: min-max to 0–100 (all equal: 50), z-score
   (population standard deviation; all equal: 0), or the capped progress itself (distance to target);
4. missing values: left out (weights re-scaled), or the KPI's mean, or its lowest value;
5. aggregate KPI → category → sub-dimension → dimension → Index with the weights of each level,
   by a weighted arithmetic mean, or a weighted geometric mean of (x + 1), minus 1;
6. rank by score, highest first, scores compared to 9 decimals; equal scores share a rank (1, 2, 2, 4).

Robustness: `runs` Monte Carlo draws with `random.Random(seed)`; each draw picks a normalisation
and an aggregation among the methodology's (a z-score is never aggregated geometrically: it has
negative values) and multiplies every weight by a uniform factor in [1 − p, 1 + p]; a city's rank
range is the 5th–95th percentile (nearest rank) of its ranks.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field

MIN_MAX, Z_SCORE, TARGET = "min_max", "z_score", "target"
ARITHMETIC, GEOMETRIC = "arithmetic", "geometric"
AVAILABLE, MEAN, MINIMUM = "available", "mean", "minimum"


@dataclass(frozen=True)
class IndexedKpi:
    code: str
    dimension: str
    sub_dimension: str
    category: str

    @property
    def category_key(self) -> str:
        return f"{self.dimension} / {self.sub_dimension} / {self.category}"

    @property
    def sub_dimension_key(self) -> str:
        return f"{self.dimension} / {self.sub_dimension}"


@dataclass(frozen=True)
class Method:
    normalisation: str = MIN_MAX
    aggregation: str = ARITHMETIC
    missing: str = AVAILABLE
    progress_cap: float = 100.0
    coverage_threshold: float = 50.0
    weights: dict = field(default_factory=dict)
    alternative_normalisations: tuple = ()
    alternative_aggregations: tuple = ()
    weight_perturbation: float = 25.0
    runs: int = 200
    seed: int = 2008

    def as_dict(self) -> dict:
        return {
            "normalisation": self.normalisation,
            "aggregation": self.aggregation,
            "missing": self.missing,
            "progress_cap": self.progress_cap,
            "coverage_threshold": self.coverage_threshold,
            "weights": self.weights,
            "alternative_normalisations": list(self.alternative_normalisations),
            "alternative_aggregations": list(self.alternative_aggregations),
            "weight_perturbation": self.weight_perturbation,
            "runs": self.runs,
            "seed": self.seed,
        }

    @classmethod
    def from_dict(cls, data: dict) -> Method:
        data = dict(data)
        data["alternative_normalisations"] = tuple(data.get("alternative_normalisations", ()))
        data["alternative_aggregations"] = tuple(data.get("alternative_aggregations", ()))
        return cls(**data)


@dataclass
class CityResult:
    key: str
    reported: int
    coverage: float
    reason: str = ""
    score: float | None = None
    rank: int | None = None
    dimensions: dict = field(default_factory=dict)
    normalised: dict = field(default_factory=dict)
    rank_low: int | None = None
    rank_high: int | None = None
    rank_median: float | None = None


class _Tree:
    """KPI indices grouped category → sub-dimension → dimension, with per-level weights."""

    def __init__(self, kpis: list[IndexedKpi], weights: dict):
        self.dims: list[str] = []
        self.subs: list[str] = []
        self.cats: list[str] = []
        dim_of_sub: list[int] = []
        sub_of_cat: list[int] = []
        cat_of_kpi: list[int] = []
        for kpi in kpis:
            if kpi.dimension not in self.dims:
                self.dims.append(kpi.dimension)
            if kpi.sub_dimension_key not in self.subs:
                self.subs.append(kpi.sub_dimension_key)
                dim_of_sub.append(self.dims.index(kpi.dimension))
            if kpi.category_key not in self.cats:
                self.cats.append(kpi.category_key)
                sub_of_cat.append(self.subs.index(kpi.sub_dimension_key))
            cat_of_kpi.append(self.cats.index(kpi.category_key))
        self.cat_kpis = [[j for j, c in enumerate(cat_of_kpi) if c == i] for i in range(len(self.cats))]
        self.sub_cats = [[c for c, s in enumerate(sub_of_cat) if s == i] for i in range(len(self.subs))]
        self.dim_subs = [[s for s, d in enumerate(dim_of_sub) if d == i] for i in range(len(self.dims))]
        get = lambda level, key: float((weights.get(level) or {}).get(key, 1))  # noqa: E731
        self.wk = [get("kpi", k.code) for k in kpis]
        self.wc = [get("category", c) for c in self.cats]
        self.ws = [get("sub_dimension", s) for s in self.subs]
        self.wd = [get("dimension", d) for d in self.dims]


def _mean(pairs):
    total = weight = 0.0
    for x, w in pairs:
        if x is not None:
            total += x * w
            weight += w
    return total / weight if weight else None


def _aggregate(row: list, tree: _Tree, wk, wc, ws, wd, *, parts: bool = False):
    """Weighted means up the tree; `row` holds a value per KPI (None: missing)."""
    cats = [_mean((row[j], wk[j]) for j in kpis) for kpis in tree.cat_kpis]
    subs = [_mean((cats[c], wc[c]) for c in members) for members in tree.sub_cats]
    dims = [_mean((subs[s], ws[s]) for s in members) for members in tree.dim_subs]
    total = _mean(zip(dims, wd, strict=False))
    if parts:
        return total, dims, subs, cats
    return total


def _normalise(columns: list[list], how: str, missing: str) -> list[list]:
    """columns[j][i]: capped progress of KPI j for ranked city i (None: missing)."""
    out = []
    for column in columns:
        present = [x for x in column if x is not None]
        if not present:
            out.append([None] * len(column))
            continue
        if how == MIN_MAX:
            low, high = min(present), max(present)
            span = high - low
            norm = [None if x is None else (100.0 * (x - low) / span if span else 50.0) for x in column]
        elif how == Z_SCORE:
            mean = sum(present) / len(present)
            sd = math.sqrt(sum((x - mean) ** 2 for x in present) / len(present))
            norm = [None if x is None else ((x - mean) / sd if sd else 0.0) for x in column]
        else:
            norm = list(column)
        if missing != AVAILABLE:
            known = [x for x in norm if x is not None]
            fill = sum(known) / len(known) if missing == MEAN else min(known)
            norm = [fill if x is None else x for x in norm]
        out.append(norm)
    return out


def _ranks(scores: list[float]) -> list[int]:
    keyed = [round(s, 9) for s in scores]
    order = sorted(range(len(scores)), key=lambda i: -keyed[i])
    ranks = [0] * len(scores)
    for position, i in enumerate(order):
        if position and keyed[i] == keyed[order[position - 1]]:
            ranks[i] = ranks[order[position - 1]]
        else:
            ranks[i] = position + 1
    return ranks


def _percentile(sorted_values: list[int], p: float) -> int:
    """Nearest-rank percentile."""
    k = max(1, math.ceil(p / 100 * len(sorted_values)))
    return sorted_values[k - 1]


def compute(
    kpis: list[IndexedKpi], progress: dict[str, dict[str, float]], method: Method
) -> list[CityResult]:
    """progress: city key → {KPI code: progress %}. Returns one result per city."""
    if method.normalisation == Z_SCORE and method.aggregation == GEOMETRIC:
        raise ValueError("A z-score cannot be aggregated geometrically (negative values).")
    codes = [k.code for k in kpis]
    results = {}
    ranked: list[str] = []
    for key, values in progress.items():
        reported = sum(1 for code in codes if values.get(code) is not None)
        coverage = round(100.0 * reported / len(codes), 2) if codes else 0.0
        result = CityResult(key=key, reported=reported, coverage=coverage)
        if not reported:
            result.reason = "no_values"
        elif coverage < method.coverage_threshold:
            result.reason = "coverage"
        else:
            ranked.append(key)
        results[key] = result
    ranked.sort()
    if not ranked:
        return list(results.values())
    cap = method.progress_cap
    columns = [
        [None if progress[key].get(code) is None else min(float(progress[key][code]), cap) for key in ranked]
        for code in codes
    ]
    tree = _Tree(kpis, method.weights)
    norm = _normalise(columns, method.normalisation, method.missing)
    geometric = method.aggregation == GEOMETRIC
    for i, key in enumerate(ranked):
        row = [column[i] for column in norm]
        used = [None if x is None else math.log1p(max(x, 0.0)) for x in row] if geometric else row
        total, dims, _subs, _cats = _aggregate(used, tree, tree.wk, tree.wc, tree.ws, tree.wd, parts=True)
        back = (lambda v: None if v is None else math.expm1(v)) if geometric else (lambda v: v)
        result = results[key]
        result.score = back(total) if total is not None else 0.0
        result.dimensions = {d: back(v) for d, v in zip(tree.dims, dims, strict=False)}
        result.normalised = {code: x for code, x in zip(codes, row, strict=False) if x is not None}
    for key, rank in zip(ranked, _ranks([results[k].score for k in ranked]), strict=False):
        results[key].rank = rank
    _robustness(columns, tree, method, ranked, results)
    return list(results.values())


def _robustness(columns, tree, method: Method, ranked: list[str], results: dict) -> None:
    if method.runs < 1:
        return
    rng = random.Random(method.seed)
    normalisations = sorted({method.normalisation, *method.alternative_normalisations})
    aggregations = sorted({method.aggregation, *method.alternative_aggregations})
    p = method.weight_perturbation / 100.0
    cache: dict[tuple, list[list]] = {}
    collected: list[list[int]] = [[] for _ in ranked]
    for _run in range(method.runs):
        how = rng.choice(normalisations)
        aggregation = rng.choice(aggregations)
        if how == Z_SCORE:
            aggregation = ARITHMETIC
        wk = [w * rng.uniform(1 - p, 1 + p) for w in tree.wk]
        wc = [w * rng.uniform(1 - p, 1 + p) for w in tree.wc]
        ws = [w * rng.uniform(1 - p, 1 + p) for w in tree.ws]
        wd = [w * rng.uniform(1 - p, 1 + p) for w in tree.wd]
        rows = cache.get((how, aggregation))
        if rows is None:
            norm = _normalise(columns, how, method.missing)
            rows = [list(r) for r in zip(*norm, strict=False)]
            if aggregation == GEOMETRIC:
                rows = [[None if x is None else math.log1p(max(x, 0.0)) for x in row] for row in rows]
            cache[(how, aggregation)] = rows
        scores = [_aggregate(row, tree, wk, wc, ws, wd) or 0.0 for row in rows]
        for i, rank in enumerate(_ranks(scores)):
            collected[i].append(rank)
    for key, ranks in zip(ranked, collected, strict=False):
        ranks.sort()
        result = results[key]
        result.rank_low = _percentile(ranks, 5)
        result.rank_high = _percentile(ranks, 95)
        n = len(ranks)
        result.rank_median = float(ranks[n // 2]) if n % 2 else (ranks[n // 2 - 1] + ranks[n // 2]) / 2
