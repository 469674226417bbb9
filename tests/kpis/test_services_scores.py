"""Stored scores (issue 14, "Scale"): kpis.services.scores_recompute and its task store what
kpis.scoring computes; every change that scores read drops them at once and queues the task."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from kpis import scoring, selectors, services, tasks
from kpis.models import CycleScore, Kpi, KpiValue, ReportingCycle
from tests.kpis.conftest import PCT, PCT2, RATE, entry, published_cycle
from tests.kpis.test_services_scoring import _kpi


def test_a_scorecard_survives_json_in_order():
    card = scoring.scorecard(
        [
            _kpi("A", "Cat1", "100", "100"),
            _kpi("B", "Cat1", "50", "100"),
            _kpi("H", "Cat2", None, "100"),
            _kpi("I", "Cat2", "12", None),
            _kpi("J", "Cat3", "1", "3", sub="S2"),
        ]
    )
    back = scoring.card_from_json(scoring.card_to_json(card))
    assert back == card
    assert list(back.categories) == list(card.categories) and list(back.kpis) == list(card.kpis)
    assert back.categories[("Economy", "ICT", "Cat1")].percent == D("75.00")


def _computed(cycle: ReportingCycle, *, public: bool) -> scoring.Scorecard:
    kpis = selectors.catalogue()
    if public:
        figures = {v.kpi_id: v.value for v in selectors.public_values(cycle)}
        return scoring.scorecard(selectors._inputs(kpis, figures))
    return selectors.cycle_scorecard(kpis, selectors.cycle_values(cycle))


def test_the_stored_scorecards_equal_the_computed_ones(world):
    cycle = published_cycle(world, {PCT: "value", PCT2: "score", RATE: "private"})
    assert not CycleScore.objects.exists()  # the services dropped them; the task runs on commit
    assert services.scores_recompute() == 2  # both cities' cycles
    stored = CycleScore.objects.get(cycle=cycle)
    own, public = scoring.card_from_json(stored.own), scoring.card_from_json(stored.public)
    assert own == _computed(cycle, public=False) and public == _computed(cycle, public=True)
    # by hand: 81 % of a 90 % target → 90 % → 3 points; 30 of 60 → 50 % → 2; 30,000 of 50,000 → 60 % → 2
    assert {c: k.points for c, k in own.kpis.items()} == {PCT: 3, PCT2: 2, RATE: 2}
    assert (own.total.points, own.total.scored, own.total.excluded) == (7, 3, Kpi.objects.count() - 3)
    assert {c: k.points for c, k in public.kpis.items()} == {PCT: 3, PCT2: 2}  # private left out
    assert public.total.percent == D("62.50")  # 5 of 8
    assert CycleScore.objects.get(cycle=world.cycle_b).public is None  # not published: nothing public


def test_pages_read_the_stored_scores(client, world):
    cycle = published_cycle(world, {PCT: "value", PCT2: "score"})
    services.scores_recompute()
    profile = selectors.city_profile(world.city_a)
    assert profile.card == _computed(cycle, public=True)
    doctored = scoring.card_to_json(profile.card)
    doctored["dimensions"][0][1] = 99  # only a stored card can show this
    CycleScore.objects.filter(cycle=cycle).update(public=doctored)
    assert selectors.city_profile(world.city_a).dimensions[0][1].points == 99
    client.force_login(world.steward_a)
    CycleScore.objects.filter(cycle=cycle).update(own=doctored)
    assert client.get(f"/cities/alphaville/{cycle.year}/").context["card"].dimensions["Economy"].points == 99


def test_a_value_change_recomputes_through_the_task(world, django_capture_on_commit_callbacks):
    cycle = world.cycle_a
    with django_capture_on_commit_callbacks(execute=True):
        services.values_save(
            by=world.steward_a, cycle=cycle, entries={PCT: entry(numerator="81", denominator="100")}
        )
    card = scoring.card_from_json(CycleScore.objects.get(cycle=cycle).own)
    assert card.kpis[PCT].points == 3
    with django_capture_on_commit_callbacks(execute=False) as queued:
        services.value_save(
            by=world.steward_a, cycle=cycle, kpi=world.kpi(PCT), data=entry(numerator="10", denominator="100")
        )
    assert not CycleScore.objects.filter(cycle=cycle).exists()  # dropped at once, in the same transaction
    for callback in queued:
        callback()
    card = scoring.card_from_json(CycleScore.objects.get(cycle=cycle).own)
    assert card.kpis[PCT].points == 1 and card == _computed(cycle, public=False)  # 10 of 90 → 11 %


def test_withdrawn_consent_leaves_public_pages_at_once_and_the_task_stores_it(
    client, world, django_capture_on_commit_callbacks
):
    cycle = published_cycle(world, {PCT: "value", PCT2: "score"})
    services.scores_recompute()
    assert "EC: ICT: ICT: 2C" in client.get("/cities/alphaville/").content.decode()
    with django_capture_on_commit_callbacks(execute=False) as queued:
        services.consent_set(by=world.steward_a, cycle=cycle, consents={PCT2: "private"})
    page = client.get("/cities/alphaville/").content.decode()  # before the task ran
    assert "EC: ICT: ICT: 2C" not in page
    assert "EC: ICT: ICT: 2C" not in client.get("/cities/alphaville/kpis.csv").content.decode()
    assert selectors.city_profile(world.city_a).card.total.points == 3
    for callback in queued:
        callback()
    public = scoring.card_from_json(CycleScore.objects.get(cycle=cycle).public)
    assert set(public.kpis) == {PCT} and public == _computed(cycle, public=True)
    assert "EC: ICT: ICT: 2C" not in client.get("/cities/alphaville/").content.decode()


def test_unpublishing_and_a_new_target_drop_the_stored_scores(world):
    cycle = published_cycle(world, {PCT: "value"})
    services.scores_recompute()
    services.cycle_unpublish(by=world.steward_a, cycle=cycle)
    assert not CycleScore.objects.filter(cycle=cycle).exists()
    services.scores_recompute()
    assert CycleScore.objects.get(cycle=cycle).public is None
    services.kpi_set_benchmark(by=world.secretariat, kpi=world.kpi(PCT), target=D("81"))
    assert not CycleScore.objects.exists()  # a target changes every city's scores
    services.scores_recompute()
    assert scoring.card_from_json(CycleScore.objects.get(cycle=cycle).own).kpis[PCT].points == 4


def test_the_task_is_idempotent(world):
    cycle = published_cycle(world, {PCT: "value"})
    assert tasks.scores_recompute.delay().get() == 2
    first = CycleScore.objects.get(cycle=cycle)
    assert tasks.scores_recompute.delay([cycle.pk]).get() == 0  # unchanged data: nothing written
    assert tasks.scores_recompute.delay().get() == 0
    again = CycleScore.objects.get(cycle=cycle)
    assert (again.own, again.public, again.version, again.computed_at) == (
        first.own,
        first.public,
        first.version,
        first.computed_at,
    )
    assert CycleScore.objects.count() == 2
    assert tasks.scores_recompute.delay([]).get() == 0


def test_only_the_catalogue_keepers_may_recompute_by_hand(world):
    from governance.rulebook import RuleDenied

    with pytest.raises(RuleDenied):
        services.scores_recompute(by=world.steward_a)
    assert not CycleScore.objects.exists()
    assert services.scores_recompute(by=world.secretariat) == 2


@pytest.mark.parametrize("rows", [2, 50])
def test_the_profile_with_stored_scores_stays_within_bounded_queries(
    client, world, rows, django_assert_max_num_queries
):
    published_cycle(world, {PCT: "value", PCT2: "score"})
    source = KpiValue.objects.filter(cycle=world.cycle_a)
    from kpis.models import City

    for n in range(rows):
        city = City.objects.create(name=f"City {n}", slug=f"city-{n}", country="Norway")
        cycle = ReportingCycle.objects.create(city=city, year=2024, status=ReportingCycle.Status.PUBLISHED)
        KpiValue.objects.bulk_create(
            [
                KpiValue(cycle=cycle, kpi_id=v.kpi_id, value=v.value, verdict=v.verdict, consent=v.consent)
                for v in source
            ]
        )
    assert services.scores_recompute() == rows + 2
    with django_assert_max_num_queries(12):
        assert client.get("/cities/city-1/").status_code == 200
    with django_assert_max_num_queries(12):
        assert client.get("/cities/city-1/kpis.csv").status_code == 200
    with django_assert_max_num_queries(12):
        assert client.get("/cities/").status_code == 200
    card = selectors.city_profile(City.objects.get(slug="city-1")).card
    assert card == _computed(ReportingCycle.objects.get(city__slug="city-1"), public=True)
    assert card.total.points == 5
