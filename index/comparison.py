"""A city compared with chosen cities and with peer groups (same region, population band, Partner
or Hub), from public values only (kpis.selectors.public_values_filter), in a bounded number of
queries whatever the number of cities: the cities (2), the peers (one per group), the catalogue
and all the values (one each)."""

from __future__ import annotations

import statistics
from collections import OrderedDict
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kpis import scoring
from kpis.models import City, Kpi, KpiValue, ReportingCycle
from kpis.selectors import catalogue, cities_public, public_values_filter

MAX_CHOSEN = 50
PEER_KINDS = {
    "region": gettext_lazy("Same region"),
    "population": gettext_lazy("Same population band"),
    "partner": gettext_lazy("Same Partner"),
    "hub": gettext_lazy("Same Hub"),
}
BANDS = (0, 100_000, 500_000, 1_000_000, 5_000_000)


def population_band(population: int | None) -> tuple[int, int | None] | None:
    if population is None:
        return None
    for low, high in zip(BANDS, [*BANDS[1:], None], strict=False):
        if high is None or population < high:
            return low, high
    return None


@dataclass
class Column:
    name: str
    cards: list[scoring.Scorecard] = field(default_factory=list)  # one: a city; several: a peer group
    is_group: bool = False

    def _median(self, pick):
        found = [float(v) for v in (pick(card) for card in self.cards) if v is not None]
        return round(statistics.median(found), 2) if found else None

    def dimension(self, name):
        return self._median(lambda c: c.dimensions[name].percent if name in c.dimensions else None)

    def sub_dimension(self, key):
        return self._median(lambda c: c.sub_dimensions[key].percent if key in c.sub_dimensions else None)

    def category(self, key):
        return self._median(lambda c: c.categories[key].percent if key in c.categories else None)

    def kpi(self, code):
        return self._median(lambda c: c.kpis[code].progress if code in c.kpis else None)


@dataclass
class Comparison:
    city: City
    year: int | None
    years: list[int]
    columns: list[Column]
    kpis: list[Kpi]
    tree: OrderedDict
    series: dict[str, list]  # KPI code → [(city name, progress per year or None)], the city first
    peers: dict[str, int]


def _card(kpis: list[Kpi], figures: dict[str, object]) -> scoring.Scorecard:
    return scoring.scorecard(
        scoring.KpiInput(
            code=k.code,
            dimension=k.dimension,
            sub_dimension=k.sub_dimension,
            category=k.category,
            value=figures.get(k.code),
            target=k.target,
            lower_is_better=k.is_lower_better,
        )
        for k in kpis
    )


def compare(city: City, *, chosen: list[str], peer_kinds: list[str], year: int | None) -> Comparison:
    published = ReportingCycle.objects.filter(city=city, status=ReportingCycle.Status.PUBLISHED)
    years = sorted(published.values_list("year", flat=True))
    if year not in years:
        year = years[-1] if years else None
    others = list(cities_public().filter(slug__in=chosen[:MAX_CHOSEN]).exclude(pk=city.pk))
    peer_sets: dict[str, list[int]] = {}
    base = (
        cities_public()
        .exclude(pk=city.pk)
        .filter(cycles__year=year, cycles__status=ReportingCycle.Status.PUBLISHED)
    )
    for kind in peer_kinds:
        if kind == "region" and city.region:
            query = base.filter(region=city.region)
        elif kind == "population" and population_band(city.population):
            low, high = population_band(city.population)
            query = base.filter(population__gte=low, **({"population__lt": high} if high else {}))
        elif kind == "partner" and city.partner_id:
            query = base.filter(partner_id=city.partner_id)
        elif kind == "hub" and city.hub_id:
            query = base.filter(hub_id=city.hub_id)
        else:
            continue
        peer_sets[kind] = list(query.values_list("pk", flat=True))
    kpis = catalogue()
    chosen_ids = {o.pk for o in others}
    peer_ids = {pk for pks in peer_sets.values() for pk in pks} - chosen_ids
    rows = (  # the city and the chosen cities over the years; the peers in the year compared
        KpiValue.objects.filter(public_values_filter())
        .filter(
            Q(cycle__city=city, cycle__year__in=years)
            | Q(cycle__city_id__in=chosen_ids, cycle__year__in=years)
            | Q(cycle__city_id__in=peer_ids, cycle__year=year)
        )
        .values_list("cycle__city_id", "cycle__year", "kpi__code", "value")
    )
    figures: dict[tuple[int, int], dict[str, object]] = {}
    for city_id, cycle_year, code, value in rows:
        figures.setdefault((city_id, cycle_year), {})[code] = value
    own = Column(city.name, [_card(kpis, figures.get((city.pk, year), {}))])
    columns = [own]
    columns += [Column(o.name, [_card(kpis, figures.get((o.pk, year), {}))]) for o in others]
    for kind, pks in peer_sets.items():
        if not pks:
            continue  # an empty group has no median; the page says so (peers)
        columns.append(
            Column(
                _("%(group)s (median of %(count)s)") % {"group": PEER_KINDS[kind], "count": len(pks)},
                [_card(kpis, figures.get((pk, year), {})) for pk in pks],
                is_group=True,
            )
        )
    cards = {(c.pk, y): _card(kpis, figures.get((c.pk, y), {})) for c in [city, *others] for y in years}
    series = {}
    for k in kpis:
        lines = []
        for c in [city, *others]:
            points = [
                cards[(c.pk, y)].kpis[k.code].progress if k.code in cards[(c.pk, y)].kpis else None
                for y in years
            ]
            lines.append((c.name, points))
        if sum(p is not None for p in lines[0][1]) >= 2:
            series[k.code] = lines
    tree: OrderedDict = OrderedDict()
    for k in kpis:
        tree.setdefault(k.dimension, OrderedDict()).setdefault(k.sub_dimension, OrderedDict()).setdefault(
            k.category, []
        ).append(k)
    return Comparison(
        city, year, years, columns, kpis, tree, series, {kind: len(pks) for kind, pks in peer_sets.items()}
    )


def table_rows(comparison: Comparison) -> list[dict]:
    """The data table: one row per dimension, sub-dimension, category and KPI, a cell per column."""
    rows = []
    own = comparison.columns[0].cards[0]
    for dim, subs in comparison.tree.items():
        rows.append({"level": 1, "name": dim, "cells": [c.dimension(dim) for c in comparison.columns]})
        for sub, cats in subs.items():
            rows.append(
                {"level": 2, "name": sub, "cells": [c.sub_dimension((dim, sub)) for c in comparison.columns]}
            )
            for cat, kpis in cats.items():
                rows.append(
                    {
                        "level": 3,
                        "name": cat,
                        "cells": [c.category((dim, sub, cat)) for c in comparison.columns],
                    }
                )
                for k in kpis:
                    cells = [c.kpi(k.code) for c in comparison.columns]
                    if any(v is not None for v in cells) or k.code in own.kpis:
                        rows.append({"level": 4, "name": k.name, "code": k.code, "cells": cells})
    return rows
