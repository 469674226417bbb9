"""Reads of the Index: what enters an edition (only verified values of published cycles that the
city consented to publish at least as a score, never sensitive ones: kpis.selectors decides), the
public editions and methodologies, and the comparison of cities."""

from __future__ import annotations

import hashlib
import json
from decimal import Decimal

from django.http import Http404

from governance.rulebook import can
from index import compute
from index.models import Edition, EditionCity, Methodology
from kpis import scoring
from kpis.models import City, Kpi, KpiValue, ReportingCycle
from kpis.selectors import public_values_filter

CENT = Decimal("0.01")


def indexed_kpis() -> list[Kpi]:
    """The KPIs the Index uses: those with a U4SSC target (progress towards it is the public score)."""
    return list(Kpi.objects.filter(target__isnull=False).order_by("position", "code"))


def as_indexed(kpis: list[Kpi]) -> list[compute.IndexedKpi]:
    return [compute.IndexedKpi(k.code, k.dimension, k.sub_dimension, k.category) for k in kpis]


def progress_of(value, kpi_target, lower_is_better: bool) -> float:
    """The published score of a value: progress towards the target in %, to 0.01."""
    return float(scoring.progress(value, kpi_target, lower_is_better=lower_is_better).quantize(CENT))


def edition_inputs(year: int) -> tuple[list[ReportingCycle], dict[int, dict[str, float]]]:
    """The published cycles of a year and, per cycle, the progress of each public value."""
    cycles = list(
        ReportingCycle.objects.filter(year=year, status=ReportingCycle.Status.PUBLISHED).select_related(
            "city"
        )
    )
    rows = KpiValue.objects.filter(
        public_values_filter(), cycle__year=year, kpi__target__isnull=False
    ).values_list("cycle_id", "kpi__code", "value", "kpi__target", "kpi__direction")
    progress: dict[int, dict[str, float]] = {c.pk: {} for c in cycles}
    lower = Kpi.Direction.LOWER
    for cycle_id, code, value, target, direction in rows.iterator(chunk_size=5000):
        if cycle_id in progress:
            progress[cycle_id][code] = progress_of(value, target, direction == lower)
    return cycles, progress


def fingerprint(kpis: list[Kpi], progress: dict) -> str:
    data = {
        "kpis": [[k.code, str(k.target), k.direction] for k in kpis],
        "progress": {str(k): v for k, v in sorted(progress.items())},
    }
    return hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()


# Public ------------------------------------------------------------------------------------------


def editions_public():
    return Edition.objects.filter(status=Edition.Status.PUBLISHED).select_related("methodology")


def edition_for(user, slug: str) -> Edition:
    """A published edition; a computed one only for the Secretariat (a preview before publishing)."""
    edition = Edition.objects.select_related("methodology").filter(slug=slug).first()
    if edition is None or not (edition.is_published or (edition.is_computed and can(user, "index.keep"))):
        raise Http404("No such edition.")
    return edition


def edition_rows(edition: Edition) -> tuple[list[EditionCity], list[EditionCity]]:
    rows = list(edition.rows.order_by("rank", "city_name"))
    return [r for r in rows if r.is_ranked], [r for r in rows if not r.is_ranked]


def methodologies_public():
    return Methodology.objects.filter(status=Methodology.Status.PUBLISHED)


def methodology_for(user, version: int) -> Methodology:
    methodology = Methodology.objects.filter(version=version).first()
    if methodology is None or not (methodology.is_published or can(user, "index.keep")):
        raise Http404("No such methodology.")
    return methodology


def current_methodology() -> Methodology | None:
    return methodologies_public().order_by("-version").first()


def open_data_values():
    """Every public value of every published cycle (the bulk download), within consent."""
    return (
        KpiValue.objects.filter(public_values_filter())
        .select_related("kpi", "cycle__city")
        .order_by("cycle__city__name", "cycle__year", "kpi__position")
    )


def feed_items(limit: int = 50) -> list:
    cycles = list(
        ReportingCycle.objects.filter(status=ReportingCycle.Status.PUBLISHED, published_at__isnull=False)
        .select_related("city")
        .order_by("-published_at")[:limit]
    )
    editions = list(editions_public().order_by("-published_at")[:limit])
    items = sorted([*cycles, *editions], key=lambda item: item.published_at, reverse=True)
    return items[:limit]


def city_public(slug: str) -> City:
    from kpis.selectors import city_public as kpis_city_public

    return kpis_city_public(slug)


def cities_for_choice(*, exclude: int, limit: int = 500):
    from kpis.selectors import cities_public

    return list(cities_public().exclude(pk=exclude).values_list("slug", "name")[:limit])
