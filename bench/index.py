"""U4SSC Index benchmark (issue 15). Not a test: prints figures for the README.

1. Creates the PostgreSQL database u4ssc_index_bench (emptied first), migrates it, loads the
   catalogue, gives every one of the 91 KPIs a target (so every KPI is indexed: the worst case),
   and generates BENCH_CITIES cities (default 1,000) with one published cycle each (91 verified
   values; consent drawn among value, score and private, so about 2/3 of them enter).
2. Times `index.services.edition_compute` (what the Celery task runs): reading the public values,
   normalising, aggregating, ranking, the Monte Carlo robustness runs of the default methodology
   (200), and writing the edition's rows. Then the engine alone with 1,000 runs.

Environment: BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/u4ssc_index_bench),
BENCH_CITIES (1000).
"""

from __future__ import annotations

import os
import platform
import random
import sys
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DATABASE_URL = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/u4ssc_index_bench")
CITIES = int(os.environ.get("BENCH_CITIES", "1000"))
YEAR = 2025


def setup_django() -> None:
    os.environ["DATABASE_URL"] = DATABASE_URL
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "u4ssc.settings")
    os.environ.setdefault("DJANGO_DEBUG", "1")
    os.environ.setdefault("DJANGO_SECRET_KEY", "bench-" + "x" * 50)
    os.environ.pop("REDIS_URL", None)
    import django

    django.setup()


def recreate_database() -> None:
    from urllib.parse import urlparse

    import psycopg2

    url = urlparse(DATABASE_URL)
    name = url.path.lstrip("/")
    assert name.startswith("u4ssc_index"), "the benchmark only drops its own database"
    admin = psycopg2.connect(
        host=url.hostname, port=url.port or 5432, user=url.username or "postgres", dbname="postgres"
    )
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cursor.execute(f'CREATE DATABASE "{name}"')
    admin.close()


def generate():
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    from kpis import services
    from kpis.models import City, Kpi, KpiValue, ReportingCycle

    call_command("migrate", verbosity=0)
    services.catalogue_load()
    for kpi in Kpi.objects.all():
        kpi.target = Decimal("5") if kpi.is_lower_better else Decimal("90")
        kpi.save(update_fields=["target"])
    kpis = list(Kpi.objects.all())
    rng = random.Random(15)
    cities = City.objects.bulk_create(
        [
            City(
                name=f"Bench city {n:04d}",
                slug=f"bench-{n:04d}",
                country="X",
                region="Europe",
                illustrative=True,
            )
            for n in range(CITIES)
        ],
        batch_size=1000,
    )
    cycles = ReportingCycle.objects.bulk_create(
        [ReportingCycle(city=c, year=YEAR, status=ReportingCycle.Status.PUBLISHED) for c in cities],
        batch_size=1000,
    )
    consents = [KpiValue.Consent.VALUE, KpiValue.Consent.SCORE, KpiValue.Consent.PRIVATE]
    KpiValue.objects.bulk_create(
        [
            KpiValue(
                cycle=cycle,
                kpi=kpi,
                value=Decimal(rng.randint(1, 120)),
                verdict=KpiValue.Verdict.YES,
                consent=rng.choice(consents),
            )
            for cycle in cycles
            for kpi in kpis
        ],
        batch_size=5000,
    )
    return get_user_model().objects.create_superuser("bench-secretariat", "s@example.org", "bench-password-1")


def main() -> None:
    recreate_database()
    setup_django()
    from django.db import connection

    from index import compute, services
    from index.models import Edition, Methodology
    from index.selectors import as_indexed, edition_inputs, indexed_kpis

    person = generate()
    methodology = Methodology.objects.create(
        version=1,
        status=Methodology.Status.PUBLISHED,
        alternative_normalisations=["z_score", "target"],
        alternative_aggregations=["geometric"],
    )
    edition = Edition.objects.create(
        year=YEAR, methodology=methodology, slug=f"{YEAR}-v1", requested_by=person
    )
    started = time.perf_counter()
    services.edition_compute(edition_id=edition.pk)
    task_seconds = time.perf_counter() - started
    edition.refresh_from_db()
    ranked = edition.rows.filter(rank__isnull=False).count()
    kpis = indexed_kpis()
    cycles, progress = edition_inputs(YEAR)
    data = {c.city.slug: progress[c.pk] for c in cycles}
    entered = sum(len(p) for p in progress.values())
    timings = {}
    for runs in (0, 200, 1000):
        method = services.method_of(methodology)
        method = compute.Method.from_dict({**method.as_dict(), "runs": runs})
        t = time.perf_counter()
        compute.compute(as_indexed(kpis), data, method)
        timings[runs] = time.perf_counter() - t
    print(
        f"U4SSC Index benchmark, {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, "
        f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"{connection.vendor}"
    )
    print(
        f"  {len(cycles)} cities, {len(kpis)} indexed KPIs, {entered} public values enter ({ranked} cities ranked)"
    )
    print(
        f"  edition_compute (the task: read, compute, 200 Monte Carlo runs, write rows): {task_seconds:.1f} s"
    )
    for runs, seconds in timings.items():
        print(f"  engine alone, {runs} Monte Carlo runs: {seconds:.1f} s")


if __name__ == "__main__":
    main()
