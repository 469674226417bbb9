"""KPI web-tool scale benchmark (issue 14). Not a test: prints figures for the README.

1. Creates the PostgreSQL database u4ssc_kpis_bench (emptied first), migrates it, loads the
   catalogue and generates BENCH_CITIES cities (default 1,000) × 10 yearly cycles × 91 values
   (about 910,000 values; the latest cycle of each city published with mixed consent), one
   steward per city.
2. Times, in process with Django's test client (one client, no network, the page cache off so
   every request is computed): the cities list, a city profile, the city's CSV and the API values,
   signed out and signed in as a steward; their query counts.
3. Times a spreadsheet upload of one whole cycle (91 rows checked and saved) and the scores of
   every city's latest published cycle.
4. Times the task kpis.tasks.scores_recompute storing the scorecards of every cycle of every
   city (run in process, as a worker runs it), then again (nothing changed: nothing written), and
   the profiles again, now reading the stored scores.

Environment: BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/u4ssc_kpis_bench),
BENCH_CITIES (1000), BENCH_YEARS (10 yearly cycles per city), BENCH_REQUESTS (40 per page),
BENCH_REUSE=1 (measure again without regenerating), BENCH_PAGES=0 (skip the page timings).
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DATABASE_URL = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/u4ssc_kpis_bench")
CITIES = int(os.environ.get("BENCH_CITIES", "1000"))
REQUESTS = int(os.environ.get("BENCH_REQUESTS", "40"))
YEARS = range(2026 - int(os.environ.get("BENCH_YEARS", "10")), 2026)
PAGES = os.environ.get("BENCH_PAGES", "1") != "0"


def setup_django() -> None:
    os.environ["DATABASE_URL"] = DATABASE_URL
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "u4ssc.settings")
    os.environ.setdefault("DJANGO_DEBUG", "1")
    os.environ.setdefault("DJANGO_SECRET_KEY", "bench-" + "x" * 50)
    os.environ.pop("REDIS_URL", None)
    import django

    django.setup()
    from django.conf import settings

    settings.ALLOWED_HOSTS = ["*"]
    settings.U4SSC_SHARED_CACHE = False
    settings.U4SSC_MFA_ENFORCED = False


def recreate_database() -> None:
    from urllib.parse import urlparse

    import psycopg2

    url = urlparse(DATABASE_URL)
    name = url.path.lstrip("/")
    assert name.startswith(("u4ssc_kpis", "u4ssc_kscores")), "the benchmark only drops its own database"
    admin = psycopg2.connect(
        host=url.hostname, port=url.port or 5432, user=url.username or "postgres", dbname="postgres"
    )
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cursor.execute(f'CREATE DATABASE "{name}"')
    admin.close()


def generate() -> dict:
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import transaction
    from guardian.shortcuts import assign_perm

    from kpis import services
    from kpis.models import City, Kpi, KpiValue, ReportingCycle

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    services.catalogue_load()
    for kpi in Kpi.objects.filter(unit="Percentage"):
        kpi.target = Decimal("5") if kpi.is_lower_better else Decimal("90")
        kpi.save(update_fields=["target"])
    kpis = list(Kpi.objects.all())
    person = get_user_model()
    steward = person.objects.create_user("bench-steward", "steward@example.org", "bench-password-1")
    rng = random.Random(14)
    consents = [KpiValue.Consent.VALUE, KpiValue.Consent.SCORE, KpiValue.Consent.PRIVATE]
    with transaction.atomic():
        cities = City.objects.bulk_create(
            [
                City(
                    name=f"Bench city {n:04d}",
                    slug=f"bench-{n:04d}",
                    country=f"Country {n % 60}",
                    region=("Europe", "Asia", "Africa", "Americas", "Oceania")[n % 5],
                    illustrative=True,
                )
                for n in range(CITIES)
            ],
            batch_size=1000,
        )
        cycles = ReportingCycle.objects.bulk_create(
            [
                ReportingCycle(
                    city=city,
                    year=year,
                    status=ReportingCycle.Status.PUBLISHED
                    if year == YEARS[-1]
                    else ReportingCycle.Status.VERIFIED,
                )
                for city in cities
                for year in YEARS
            ],
            batch_size=5000,
        )
    made = 0
    batch = []
    for cycle in cycles:
        for kpi in kpis:
            batch.append(
                KpiValue(
                    cycle=cycle,
                    kpi=kpi,
                    value=Decimal(rng.randint(1, 99)),
                    data_quality="measured",
                    verdict=KpiValue.Verdict.YES,
                    consent=rng.choice(consents),
                )
            )
        if len(batch) >= 20_000:
            KpiValue.objects.bulk_create(batch, batch_size=5000)
            made += len(batch)
            batch.clear()
    KpiValue.objects.bulk_create(batch, batch_size=5000)
    made += len(batch)
    first = cities[0]
    assign_perm("kpis.steward_city", steward, first)
    open_cycle = ReportingCycle.objects.create(city=first, year=2026)
    return {
        "values": made,
        "cycles": len(cycles),
        "seconds": time.perf_counter() - started,
        "steward": steward,
        "open_cycle": open_cycle,
        "city": first,
    }


def reuse() -> dict:
    from django.contrib.auth import get_user_model

    from kpis.models import City, KpiValue, ReportingCycle

    city = City.objects.get(slug="bench-0000")
    cycle = ReportingCycle.objects.get(city=city, year=2026)
    cycle.values.all().delete()
    return {
        "values": KpiValue.objects.count(),
        "cycles": ReportingCycle.objects.count(),
        "seconds": 0,
        "steward": get_user_model().objects.get(username="bench-steward"),
        "open_cycle": cycle,
        "city": city,
    }


def timed(client, url: str) -> tuple[list[float], int]:
    from django.db import connection

    client.get(url)  # warm
    counted = []

    def count(execute, sql, params, many, context):
        counted.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):  # the test client resets connection.queries per request
        assert client.get(url).status_code == 200, url
    times = []
    for _ in range(REQUESTS):
        started = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    return times, len(counted)


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def main() -> None:
    setup_django()
    from django.db import connections

    connections.close_all()
    if os.environ.get("BENCH_REUSE") == "1":  # measure again on the generated data
        made = reuse()
    else:
        recreate_database()
        made = generate()
    print(
        f"{'Reused' if not made['seconds'] else 'Generated'} {made['values']:,} values in "
        f"{made['cycles']:,} cycles of {CITIES:,} cities in {made['seconds']:.0f} s"
    )
    from django.test import Client

    city = made["city"]
    pages = [
        "/cities/",
        "/cities/?region=Asia",
        f"/cities/{city.slug}/",
        f"/cities/{city.slug}/kpis.csv",
        f"/api/v1/cities/{city.slug}/values/",
        "/api/v1/cities/",
    ]
    for who in ("signed out", "steward") if PAGES else ():
        client = Client()
        if who == "steward":
            client.force_login(made["steward"])
        for url in pages + ([f"/cities/{city.slug}/2026/"] if who == "steward" else []):
            times, queries = timed(client, url)
            print(
                f"{who:10} {url:42} p50 {statistics.median(times):6.1f} ms  p95 {percentile(times, 95):6.1f} ms"
                f"  {queries} queries"
            )

    from django.core.files.uploadedfile import SimpleUploadedFile

    from kpis import sheets
    from kpis.models import City

    cycle = made["open_cycle"]
    rows = sheets.csv_bytes(cycle).decode("utf-8-sig").splitlines()
    header = rows[0].split(",")
    filled = [rows[0]]
    for line in rows[1:]:
        import csv
        import io

        row = next(csv.reader(io.StringIO(line)))
        computed = row[3] == "yes"
        if computed:
            row[header.index("numerator")], row[header.index("denominator")] = "40", "100"
        else:
            row[header.index("value")] = "12"
        row[header.index("data_quality")] = "measured"
        out = io.StringIO()
        csv.writer(out).writerow(row)
        filled.append(out.getvalue().strip("\r\n"))
    body = "\n".join(filled).encode()
    started = time.perf_counter()
    saved = sheets.sheet_upload(by=made["steward"], cycle=cycle, file=SimpleUploadedFile("c.csv", body))
    print(
        f"Spreadsheet upload of one cycle: {saved} KPIs checked and saved in {time.perf_counter() - started:.2f} s"
    )

    from kpis import selectors

    kpis = selectors.catalogue()
    started = time.perf_counter()
    scored = 0
    for each in City.objects.all().iterator():
        selectors.city_profile(each, kpis)
        scored += 1
    print(
        f"Scores of the latest published cycle of {scored:,} cities: {time.perf_counter() - started:.1f} s "
        f"(one process, in sequence, computed)"
    )

    from kpis import tasks
    from kpis.models import CycleScore, ReportingCycle

    CycleScore.objects.all().delete()
    for run in ("first", "again"):
        started = time.perf_counter()
        written = tasks.scores_recompute.apply().get()
        print(
            f"Task scores_recompute ({run}): {written:,} of {ReportingCycle.objects.count():,} cycles' "
            f"scorecards stored in {time.perf_counter() - started:.1f} s"
        )
    started = time.perf_counter()
    for each in City.objects.all().iterator():
        selectors.city_profile(each, kpis)
    print(
        f"Scores of the latest published cycle of {scored:,} cities: {time.perf_counter() - started:.1f} s "
        f"(one process, in sequence, stored)"
    )


def steward_session() -> str:
    """A signed-in session of the bench steward, for wrk's Cookie header (`python bench/kpis.py session`)."""
    setup_django()
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.test import Client

    client = Client()
    client.force_login(get_user_model().objects.get(username="bench-steward"))
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"


if __name__ == "__main__":
    if sys.argv[1:] == ["session"]:
        print(steward_session())
    else:
        main()
