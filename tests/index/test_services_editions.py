"""Editions: frozen once published, consent withdrawal (published editions stay, new ones leave the
value out), robustness reproducible from the seed, the rulebook on the Secretariat's actions."""

from __future__ import annotations

import pytest

from governance.rulebook import RuleDenied
from index import compute, services
from index.models import Edition, Methodology
from kernel.lifecycle import DomainError
from kpis import services as kpi_services
from kpis.models import KpiValue


def _snapshot(edition):
    return [
        (r.city_slug, r.rank, r.score, r.rank_low, r.rank_high, r.indicators)
        for r in edition.rows.order_by("city_slug")
    ]


def _withdraw_one(demo):
    """Northbay's steward makes one scored KPI of 2023 private again."""
    value = (
        KpiValue.objects.filter(cycle__city__slug="northbay-demo", cycle__year=2023, consent="value")
        .select_related("kpi", "cycle")
        .first()
    )
    kpi_services.consent_set(by=demo["steward"], cycle=value.cycle, consents={value.kpi.code: "private"})
    return value


@pytest.mark.django_db
def test_a_published_edition_never_changes_after_the_data_changes(client, demo):
    edition = Edition.objects.get(slug="2023-v1")
    before, csv_before = _snapshot(edition), client.get("/index/2023-v1/ranking.csv").content
    withdrawn = _withdraw_one(demo)
    services.edition_compute(edition_id=edition.pk)  # the task, run again: a published edition is frozen
    with pytest.raises(DomainError):
        services.edition_recompute(by=demo["secretariat"], edition=edition)
    assert _snapshot(edition) == before
    assert client.get("/index/2023-v1/ranking.csv").content == csv_before
    # Choice (README): the published edition keeps the score it was published with; a new edition
    # (new methodology) leaves the withdrawn value out.
    assert withdrawn.kpi.code in edition.rows.get(city_slug="northbay-demo").indicators
    v2 = services.methodology_new_version(by=demo["secretariat"], methodology=edition.methodology)
    v2 = services.methodology_publish(by=demo["secretariat"], methodology=v2)
    new = services.edition_request(by=demo["secretariat"], year=2023, methodology=v2)
    services.edition_compute(edition_id=new.pk)
    assert withdrawn.kpi.code not in new.rows.get(city_slug="northbay-demo").indicators


@pytest.mark.django_db
def test_a_computed_edition_is_not_published_after_a_consent_is_withdrawn(demo):
    sec = demo["secretariat"]
    v2 = services.methodology_new_version(by=sec, methodology=Methodology.objects.get(version=1))
    v2 = services.methodology_publish(by=sec, methodology=v2)
    edition = services.edition_request(by=sec, year=2023, methodology=v2)
    services.edition_compute(edition_id=edition.pk)
    _withdraw_one(demo)
    with pytest.raises(DomainError, match="recompute"):
        services.edition_publish(by=sec, edition=edition)
    services.edition_compute(edition_id=edition.pk)
    assert services.edition_publish(by=sec, edition=edition).is_published


@pytest.mark.django_db
def test_only_the_secretariat_keeps_the_methodology_and_publishes_editions(demo):
    m = Methodology.objects.get(version=1)
    for person in (demo["steward"], demo["verifier"]):
        with pytest.raises(RuleDenied):
            services.methodology_new_version(by=person, methodology=m)
        with pytest.raises(RuleDenied):
            services.edition_request(by=person, year=2022, methodology=m)
    with pytest.raises(DomainError, match="never changes"):
        services.methodology_save(by=demo["secretariat"], methodology=m)
    with pytest.raises(DomainError, match="exists"):
        services.edition_request(by=demo["secretariat"], year=2023, methodology=m)


@pytest.mark.django_db
def test_a_method_that_cannot_be_computed_is_refused(demo):
    with pytest.raises(DomainError, match="geometric"):
        services.methodology_create(by=demo["secretariat"], normalisation="z_score", aggregation="geometric")
    with pytest.raises(DomainError, match="weight"):
        services.methodology_create(by=demo["secretariat"], weights={"kpi": {"X": -1}})
    assert not Methodology.objects.filter(version__gt=1).exists()


KPIS = [compute.IndexedKpi(f"K{i}", "D1" if i < 4 else "D2", f"S{i % 3}", f"C{i % 2}") for i in range(8)]
PROGRESS = {
    f"city{c}": {f"K{i}": float((c * 7 + i * 13) % 97) for i in range(8) if (c + i) % 5} for c in range(30)
}


def test_robustness_is_reproduced_from_the_seed():
    method = compute.Method(
        alternative_normalisations=("z_score", "target"), alternative_aggregations=("geometric",), runs=100
    )
    first = {
        r.key: (r.rank, r.rank_low, r.rank_high, r.rank_median)
        for r in compute.compute(KPIS, PROGRESS, method)
    }
    again = {
        r.key: (r.rank, r.rank_low, r.rank_high, r.rank_median)
        for r in compute.compute(KPIS, PROGRESS, method)
    }
    assert first == again
    assert all(low <= high for _rank, low, high, _m in first.values())
    assert any(low < high for _rank, low, high, _m in first.values()), "the alternatives move some ranks"


def test_not_ranked_reasons():
    progress = {"full": {k.code: 50.0 for k in KPIS}, "thin": {"K0": 10.0}, "none": {}}
    results = {r.key: r for r in compute.compute(KPIS, progress, compute.Method(runs=5))}
    assert results["full"].rank == 1 and results["full"].reason == ""
    assert results["thin"].rank is None and results["thin"].reason == "coverage"
    assert results["thin"].coverage == 12.5
    assert results["none"].reason == "no_values"


@pytest.mark.django_db
def test_an_edition_whose_task_was_lost_is_computed_by_the_sweep(demo):
    from django.utils import timezone

    sec = demo["secretariat"]
    v2 = services.methodology_publish(
        by=sec,
        methodology=services.methodology_new_version(by=sec, methodology=Methodology.objects.get(version=1)),
    )
    edition = services.edition_request(by=sec, year=2022, methodology=v2)  # on_commit never runs here
    assert services.editions_sweep() == []  # not yet: its task may still be on its way
    later = timezone.now() + services.STUCK_AFTER
    assert services.editions_sweep(now=later) == [edition.pk]
    edition.refresh_from_db()
    assert edition.is_computed and edition.rows.filter(rank__isnull=False).exists()


@pytest.mark.django_db
def test_a_computed_edition_is_a_preview_for_the_secretariat_only(client, demo):
    sec = demo["secretariat"]
    v2 = services.methodology_publish(
        by=sec,
        methodology=services.methodology_new_version(by=sec, methodology=Methodology.objects.get(version=1)),
    )
    edition = services.edition_compute(
        edition_id=services.edition_request(by=sec, year=2022, methodology=v2).pk
    )
    for url in (
        f"/index/{edition.slug}/",
        f"/index/{edition.slug}/ranking.csv",
        f"/api/v1/index/{edition.slug}/",
    ):
        assert client.get(url).status_code == 404
    client.force_login(demo["steward"])
    assert client.get(f"/index/{edition.slug}/").status_code == 404
    client.force_login(sec)
    page = client.get(f"/index/{edition.slug}/").content.decode()
    assert "Preview: this edition is computed but not published." in page
    assert client.get("/api/v1/index/").json()["count"] == 1  # the API lists published editions only
