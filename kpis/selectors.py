"""Reads shared by the pages, the API, the CSV and the PDFs. Visibility lives here:

- public: only verified values of published cycles, not sensitive, within the city's consent
  (score only: the score and never the value; value and score: both); evidence never;
- everything else: the city's stewards, its cycle's verifier and the Secretariat
  (rulebook "kpis.cycle.view"); others get 404, as if it did not exist.
"""

from __future__ import annotations

from collections import OrderedDict, defaultdict
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q
from django.http import Http404

from governance.rulebook import can, visibility
from kpis import scoring
from kpis.models import City, CycleScore, Kpi, KpiValue, Question, ReportingCycle

PUBLIC_CONSENTS = (KpiValue.Consent.SCORE, KpiValue.Consent.VALUE)


def catalogue() -> list[Kpi]:
    return list(Kpi.objects.order_by("position", "code"))


def catalogue_tree(kpis: list[Kpi]) -> OrderedDict:
    """dimension → sub-dimension → category → [KPI], in catalogue order."""
    tree: OrderedDict = OrderedDict()
    for kpi in kpis:
        tree.setdefault(kpi.dimension, OrderedDict()).setdefault(kpi.sub_dimension, OrderedDict()).setdefault(
            kpi.category, []
        ).append(kpi)
    return tree


# Private reads -----------------------------------------------------------------------------------


def cycles_visible(user):
    """Cycles whose unpublished data the person may read (stewards, verifier, Secretariat)."""
    q = visibility(user, "kpis.cycle.view").q(city="city_id", cycle="pk")
    return ReportingCycle.objects.filter(q).select_related("city", "verifier")


def cycle_for(user, *, city_slug: str, year: int) -> ReportingCycle:
    cycle = (
        ReportingCycle.objects.select_related("city", "verifier")
        .filter(city__slug=city_slug, year=year)
        .first()
    )
    if cycle is None or not can(user, "kpis.cycle.view", cycle):
        raise Http404("No such reporting cycle.")
    return cycle


def cycle_values(cycle: ReportingCycle) -> dict[int, KpiValue]:
    """The cycle's values by KPI id, with their evidence and open questions counted in two queries."""
    values = (
        KpiValue.objects.filter(cycle=cycle)
        .select_related("kpi")
        .prefetch_related("evidence")
        .annotate(
            open_questions=Exists(Question.objects.filter(value=OuterRef("pk"), resolved_at__isnull=True))
        )
    )
    return {v.kpi_id: v for v in values}


@dataclass
class DimensionProgress:
    name: str
    slug: str
    total: int
    reported: int
    not_reported: int

    @property
    def answered(self) -> int:
        return self.reported + self.not_reported


def progress_by_dimension(kpis: list[Kpi], values: dict[int, KpiValue]) -> list[DimensionProgress]:
    rows: OrderedDict[str, DimensionProgress] = OrderedDict()
    for kpi in kpis:
        row = rows.setdefault(kpi.dimension, DimensionProgress(kpi.dimension, kpi.dimension_slug, 0, 0, 0))
        row.total += 1
        value = values.get(kpi.pk)
        if value is not None and value.is_reported:
            row.reported += 1
        elif value is not None and value.not_reported:
            row.not_reported += 1
    return list(rows.values())


def stored_score(cycle: ReportingCycle) -> CycleScore | None:
    """The cycle's stored scorecards (kpis.services.scores_recompute), None while there are none."""
    return CycleScore.objects.filter(cycle=cycle).first()


def cycle_scorecard(
    kpis: list[Kpi], values: dict[int, KpiValue], cycle: ReportingCycle | None = None
) -> scoring.Scorecard:
    """The city's own scores (everything reported, verified or not): stored ones when the cycle
    has them, else computed."""
    stored = stored_score(cycle) if cycle is not None else None
    if stored is not None:
        return scoring.card_from_json(stored.own)
    return scoring.scorecard(_inputs(kpis, {k: v.value for k, v in values.items() if v.is_reported}))


def _inputs(kpis: list[Kpi], figures: dict[int, object]):
    for kpi in kpis:
        yield scoring.KpiInput(
            code=kpi.code,
            dimension=kpi.dimension,
            sub_dimension=kpi.sub_dimension,
            category=kpi.category,
            value=figures.get(kpi.pk),
            target=kpi.target,
            lower_is_better=kpi.is_lower_better,
        )


# Public reads ------------------------------------------------------------------------------------


def public_values_filter(prefix: str = "") -> Q:
    return Q(
        **{
            f"{prefix}cycle__status": ReportingCycle.Status.PUBLISHED,
            f"{prefix}verdict": KpiValue.Verdict.YES,
            f"{prefix}sensitive": False,
            f"{prefix}consent__in": PUBLIC_CONSENTS,
            f"{prefix}not_reported": False,
            f"{prefix}value__isnull": False,
        }
    )


def cities_public(*, query: str = "", country: str = "", region: str = ""):
    """Cities with a published cycle, searchable by name, filterable by country and region."""
    published = ReportingCycle.objects.filter(city=OuterRef("pk"), status=ReportingCycle.Status.PUBLISHED)
    cities = City.objects.filter(Exists(published))
    if query:
        cities = cities.filter(Q(name__icontains=query) | Q(country__icontains=query))
    if country:
        cities = cities.filter(country__iexact=country)
    if region:
        cities = cities.filter(region__iexact=region)
    return cities.order_by("name")


def city_public(slug: str) -> City:
    city = cities_public().filter(slug=slug).first()
    if city is None:
        raise Http404("No such city.")
    return city


def latest_published_cycle(city: City) -> ReportingCycle | None:
    return city.cycles.filter(status=ReportingCycle.Status.PUBLISHED).order_by("-year").first()


@dataclass(frozen=True)
class PublicValue:
    kpi: Kpi
    value: object | None  # None when the city consented to the score only
    points: int | None
    progress: object | None
    data_year: int | None
    unit: str


def public_values(cycle: ReportingCycle) -> list[KpiValue]:
    return list(
        KpiValue.objects.filter(public_values_filter(), cycle=cycle)
        .select_related("kpi")
        .order_by("kpi__position")
    )


@dataclass
class CityProfile:
    city: City
    cycle: ReportingCycle | None
    rows: list[PublicValue]
    card: scoring.Scorecard
    dimensions: list[tuple[str, scoring.Score]]


def city_profile(city: City, kpis: list[Kpi] | None = None) -> CityProfile:
    cycle = latest_published_cycle(city)
    values = public_values(cycle) if cycle else []
    stored = stored_score(cycle) if cycle else None
    if stored is not None and stored.public is not None:  # stored within the consent (services)
        card = scoring.card_from_json(stored.public)
    else:
        kpis = catalogue() if kpis is None else kpis
        card = scoring.scorecard(_inputs(kpis, {v.kpi_id: v.value for v in values}))
    rows = []
    for v in values:
        kpi_score = card.kpis.get(v.kpi.code)
        rows.append(
            PublicValue(
                kpi=v.kpi,
                value=v.value if v.consent == KpiValue.Consent.VALUE else None,
                points=kpi_score.points if kpi_score else None,
                progress=kpi_score.progress if kpi_score else None,
                data_year=v.data_year,
                unit=v.kpi.unit,
            )
        )
    return CityProfile(city, cycle, rows, card, list(card.dimensions.items()))


def public_values_all_cities(*, city: City | None = None):
    """For the API: public values of the latest published cycle of each city (or of one city)."""
    values = KpiValue.objects.filter(public_values_filter()).select_related("kpi", "cycle__city")
    if city is not None:
        cycle = latest_published_cycle(city)
        values = values.filter(cycle=cycle) if cycle else values.none()
    return values.order_by("cycle__city__name", "-cycle__year", "kpi__position")


def kpi_by_slug(slug: str) -> Kpi:
    kpi = Kpi.objects.filter(slug=slug).first()
    if kpi is None:
        raise Http404("No such KPI.")
    return kpi


def kpi_public_values(kpi: Kpi) -> list[KpiValue]:
    """Cities' public values of one KPI (their latest published cycles)."""
    values = (
        KpiValue.objects.filter(public_values_filter(), kpi=kpi)
        .select_related("cycle__city")
        .order_by("cycle__city__name", "-cycle__year")
    )
    latest: dict[int, KpiValue] = {}
    for v in values:
        latest.setdefault(v.cycle.city_id, v)
    return list(latest.values())


def my_work(user) -> dict[str, list]:
    """The cities a person stewards and the cycles they verify (for their page)."""
    from governance.rulebook import principal_for

    principal = principal_for(user)
    grouped: dict[str, list] = defaultdict(list)
    cycles = ReportingCycle.objects.select_related("city").order_by("city__name", "-year")
    if principal.steward_city_ids:
        grouped["stewarded"] = list(cycles.filter(city_id__in=principal.steward_city_ids))
    if principal.verifier_cycle_ids:
        grouped["verified"] = list(cycles.filter(pk__in=principal.verifier_cycle_ids))
    return grouped
