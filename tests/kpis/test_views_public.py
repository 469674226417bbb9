"""Public pages: the catalogue, cities, a city's profile and CSV show exactly what was consented."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kpis import services
from tests.kpis.conftest import PCT, PCT2, RATE, published_cycle


def test_catalogue_pages(client, catalogue):
    response = client.get("/kpis/")
    assert response.status_code == 200 and "Household Internet Access" in response.content.decode()
    assert client.get("/kpis/ec-ict-ict-1c/").status_code == 200
    assert client.get("/kpis/no-such-kpi/").status_code == 404


def test_a_city_shows_up_only_once_published(client, world):
    assert client.get("/cities/alphaville/").status_code == 404
    published_cycle(world, {PCT: "value", PCT2: "score", RATE: "private"})
    page = client.get("/cities/").content.decode()
    assert "Alphaville" in page and "Betatown" not in page
    assert client.get("/cities/?country=Chile").content.decode().count("Alphaville") == 0


def test_the_profile_shows_values_scores_and_hides_the_rest(client, world):
    published_cycle(world, {PCT: "value", PCT2: "score", RATE: "private"})
    page = client.get("/cities/alphaville/").content.decode()
    assert "81" in page  # value and score
    assert "EC: ICT: ICT: 2C" in page and ">30<" not in page  # score only: no value
    assert "EC: ICT: ICT: 3C" not in page  # private
    assert "<svg" in page and "<table" in page and "<script" not in page  # chart with a table alternative
    rows = client.get("/cities/alphaville/kpis.csv").content.decode().splitlines()
    assert len(rows) == 3  # header, 1C with value, 2C score only
    assert rows[1].split(",")[4] == "81" and rows[2].split(",")[4] == ""


def test_withdrawing_consent_removes_it_at_once_from_cached_pages(client, world, settings):
    published_cycle(world, {PCT: "value"})
    assert "Household Internet Access" in client.get("/cities/alphaville/").content.decode()
    assert "Household Internet Access" in client.get("/cities/alphaville/").content.decode()  # cached now
    services.consent_set(by=world.steward_a, cycle=world.cycle_a, consents={PCT: "private"})
    assert "Household Internet Access" not in client.get("/cities/alphaville/").content.decode()
    assert "EC: ICT: ICT: 1C" not in client.get("/cities/alphaville/kpis.csv").content.decode()
    assert client.get("/api/v1/cities/alphaville/values/").json()["results"] == []


def test_sensitive_values_are_never_public(client, world):
    services.values_save(
        by=world.steward_a,
        cycle=world.cycle_a,
        entries={
            PCT: {"numerator": "1", "denominator": "2", "data_quality": "measured", "sensitive": "yes"},
            PCT2: {"value": "20", "data_quality": "measured"},
        },
    )
    services.cycle_submit(by=world.steward_a, cycle=world.cycle_a)
    services.cycle_start_verification(by=world.verifier, cycle=world.cycle_a)
    for value in world.cycle_a.values.all():
        services.value_verify(by=world.verifier, value=value, verified=True)
    services.consent_set(by=world.steward_a, cycle=world.cycle_a, consents={PCT: "value", PCT2: "value"})
    services.cycle_publish(by=world.steward_a, cycle=world.cycle_a)
    page = client.get("/cities/alphaville/").content.decode()
    assert "EC: ICT: ICT: 2C" in page and "EC: ICT: ICT: 1C" not in page


@pytest.mark.parametrize("rows", [2, 50])
def test_city_list_and_profile_queries_are_bounded(client, world, rows, django_assert_max_num_queries):
    from kpis.models import City, KpiValue, ReportingCycle

    published_cycle(world, {PCT: "value", PCT2: "score"})
    source = KpiValue.objects.filter(cycle=world.cycle_a)
    for n in range(rows):
        city = City.objects.create(name=f"City {n}", slug=f"city-{n}", country="Norway")
        cycle = ReportingCycle.objects.create(city=city, year=2024, status=ReportingCycle.Status.PUBLISHED)
        KpiValue.objects.bulk_create(
            [
                KpiValue(cycle=cycle, kpi_id=v.kpi_id, value=v.value, verdict=v.verdict, consent=v.consent)
                for v in source
            ]
        )
    with django_assert_max_num_queries(12):
        assert client.get("/cities/").status_code == 200
    with django_assert_max_num_queries(12):
        assert client.get("/cities/city-1/").status_code == 200
    with django_assert_max_num_queries(12):
        assert client.get("/kpis/ec-ict-ict-1c/").status_code == 200
    with django_assert_max_num_queries(12):
        assert client.get("/kpis/").status_code == 200


def test_reverse_names(catalogue):
    assert reverse("kpis:city_csv", args=["x"]) == "/cities/x/kpis.csv"


def test_signed_in_visitors_get_the_cached_profile_and_lose_a_withdrawn_value_at_once(client, world):
    published_cycle(world, {PCT: "value"})
    client.force_login(world.cast.focal_a)
    assert "Household Internet Access" in client.get("/cities/alphaville/").content.decode()
    assert "Household Internet Access" in client.get("/cities/alphaville/").content.decode()
    assert len(client.get("/api/v1/cities/alphaville/values/").json()["results"]) == 1
    assert len(client.get("/api/v1/cities/alphaville/values/").json()["results"]) == 1  # cached part
    services.consent_set(by=world.steward_a, cycle=world.cycle_a, consents={PCT: "private"})
    assert "Household Internet Access" not in client.get("/cities/alphaville/").content.decode()
    assert client.get("/api/v1/cities/alphaville/values/").json()["results"] == []
    assert "EC: ICT: ICT: 1C" not in client.get("/cities/alphaville/kpis.csv").content.decode()
    services.cycle_unpublish(by=world.steward_a, cycle=world.cycle_a)
    assert client.get("/cities/alphaville/").status_code == 404
    assert "Alphaville" not in client.get("/cities/").content.decode()
