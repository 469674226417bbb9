"""Public pages: the Index, the methodology generated from its record, the comparison with its SVG
charts (accessible, bounded queries with 2 and 50 cities), open data and the Atom feed."""

from __future__ import annotations

import pytest

from kpis import services as kpi_services
from kpis.models import City, Kpi

PAGES = ["/index/", "/index/2023-v1/", "/index/methodology/", "/index/methodology/1/", "/open-data/"]


@pytest.mark.django_db
@pytest.mark.parametrize("url", PAGES)
def test_public_index_pages(client, demo, url):
    response = client.get(url)
    assert response.status_code == 200
    assert "<script" not in response.content.decode().split("<main", 1)[-1]


@pytest.mark.django_db
def test_methodology_page_is_generated_from_the_record(client, demo):
    page = client.get("/index/methodology/1/").content.decode()
    assert "OECD/JRC Handbook" in page and "Min-max" in page and "seed 2008" in page


@pytest.mark.django_db
def test_feed_lists_published_cycles_and_editions(client, demo):
    body = client.get("/index/feed/").content.decode()
    assert "urn:u4ssc:index-edition:2023-v1" in body and "published its 2023 U4SSC KPI data" in body


@pytest.mark.django_db
def test_comparison_page_has_accessible_charts_and_a_table(client, demo):
    response = client.get(
        "/index/compare/northbay-demo/", {"with": ["eastmere-demo"], "peers": ["region", "population"]}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert page.count('role="img"') >= 3  # wheel, bars, a time series (2022 and 2023 published)
    assert "<title id=" in page and "<desc id=" in page and "#0072B2" in page
    assert "Eastmere (illustrative demo)" in page and "Same region (median of 2)" in page
    assert "Same population band" not in page.split("<table", 1)[1]  # no peer in its band: no column
    assert "<table" in page
    # the time series put the chosen city beside it, year by year (2022 and 2023 published)
    assert page.count('<th scope="col">Eastmere (illustrative demo)</th>') >= 2


def _published_cities(n: int, demo) -> list[str]:
    sec, steward, verifier = demo["secretariat"], demo["steward"], demo["verifier"]
    kpi = Kpi.objects.filter(target__isnull=False).first()
    slugs = []
    for i in range(n):
        city = kpi_services.city_create(
            by=sec,
            name=f"Extra {i}",
            slug=f"extra-{i}",
            country="Norway",
            region="Europe",
            population=100_000,
        )
        kpi_services.steward_add(by=sec, city=city, person=steward)
        cycle = kpi_services.cycle_open(by=sec, city=city, year=2023)
        kpi_services.values_save(
            by=steward,
            cycle=cycle,
            entries={
                kpi.code: {
                    "value": str(10 + i),
                    "data_quality": "measured",
                    "source": "x",
                    "data_year": "2022",
                }
            }
            if not kpi.computed
            else {
                kpi.code: {
                    "numerator": str(10 + i),
                    "denominator": "100",
                    "data_quality": "measured",
                    "source": "x",
                    "data_year": "2022",
                }
            },
        )
        kpi_services.cycle_assign_verifier(by=sec, cycle=cycle, verifier=verifier)
        kpi_services.cycle_submit(by=steward, cycle=cycle)
        kpi_services.cycle_start_verification(by=verifier, cycle=cycle)
        for value in cycle.values.all():
            kpi_services.value_verify(by=verifier, value=value, verified=True)
        kpi_services.consent_set(by=steward, cycle=cycle, consents={kpi.code: "value"})
        kpi_services.cycle_publish(by=steward, cycle=cycle)
        slugs.append(city.slug)
    return slugs


@pytest.mark.django_db
@pytest.mark.parametrize("count", [2, 50])
def test_comparison_queries_are_bounded(client, demo, django_assert_max_num_queries, count):
    slugs = _published_cities(count, demo)
    assert City.objects.filter(slug__in=slugs).count() == count
    with django_assert_max_num_queries(16):
        response = client.get(
            "/index/compare/northbay-demo/",
            {"with": slugs, "peers": ["region", "population", "partner", "hub"]},
        )
    assert response.status_code == 200
    assert response.content.decode().count("Extra ") >= count


@pytest.mark.django_db
def test_api_lists_published_editions_with_their_rows(client, demo):
    listing = client.get("/api/v1/index/").json()
    assert [e["slug"] for e in listing["results"]] == ["2023-v1"]
    detail = client.get("/api/v1/index/2023-v1/").json()
    assert detail["method"]["seed"] == 2008
    ranked = [r for r in detail["rows"] if r["ranked"]]
    assert [r["rank"] for r in ranked] == sorted(r["rank"] for r in ranked)
    assert any(not r["ranked"] and r["reason"] == "coverage" for r in detail["rows"])
    assert client.get("/api/v1/index/2099-v9/").status_code == 404


@pytest.mark.django_db
def test_comparison_ignores_what_cannot_be_a_city(client, demo):
    response = client.get(
        "/index/compare/northbay-demo/",
        {"with": ["a\x00b", "x" * 5000, "eastmere-demo"], "peers": ["nope"], "year": "20x3"},
    )
    assert response.status_code == 200
    assert "Eastmere (illustrative demo)" in response.content.decode()
    assert client.get("/index/compare/no-such-city/").status_code == 404
