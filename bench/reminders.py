"""Benchmark of the reminders (issue 7). Not a test: it prints figures for the README.

1. The sweep over 1,000 and then 10,000 mandates ending soon plus as many open ballots:
   time and number of queries (they grow with the insert batches of 1,000 rows, not with
   the rows), and a second sweep over the same data (nothing new to create).
2. 1,000 reminder emails through a Celery worker (prefork, 2 processes) consuming from
   Redis, to a local SMTP server (aiosmtpd).

Needs PostgreSQL and Redis:
    .venv/bin/python bench/reminders.py
    (BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/u4ssc_bench, is created if
    missing and emptied; BENCH_REDIS_URL, default redis://127.0.0.1:6379/5, is flushed.)
"""

from __future__ import annotations

import datetime as dt
import os
import platform
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DATABASE_URL = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/u4ssc_bench")
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/5")
os.environ.update(
    DATABASE_URL=DATABASE_URL,
    REDIS_URL=REDIS_URL,
    DJANGO_SETTINGS_MODULE="u4ssc.settings",
    DJANGO_SECRET_KEY=os.environ.get(
        "DJANGO_SECRET_KEY", "bench-only-secret-key-0123456789-abcdefghijklmnop"
    ),
    DJANGO_LOG_LEVEL="ERROR",
)


def ensure_database() -> None:
    import psycopg2

    url = urlparse(DATABASE_URL)
    name = url.path.lstrip("/")
    conn = psycopg2.connect(
        host=url.hostname, port=url.port or 5432, user=url.username, password=url.password, dbname="postgres"
    )
    conn.autocommit = True
    with conn.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if not cursor.fetchone():
            cursor.execute(f'CREATE DATABASE "{name}"')
    conn.close()


ensure_database()

import django  # noqa: E402

django.setup()

import redis  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from governance.models import Decision, FocalPoint, Mandate, Partner, PartnerUserObjectPermission  # noqa: E402
from reminders.models import Digest, Reminder  # noqa: E402
from reminders.sweep import reminders_sweep  # noqa: E402

BATCH = 1000


def reset() -> None:
    call_command("migrate", verbosity=0, interactive=False)
    call_command("flush", verbosity=0, interactive=False)


def seed_board():
    """Four Partners (one the Secretariat), one focal point each."""
    from django.contrib.auth.models import Permission

    Person = get_user_model()
    on = timezone.localdate() - dt.timedelta(days=800)
    permission = Permission.objects.get(codename="act_for_partner")
    for i, acronym in enumerate(["ITU", "WMO", "UNDP", "UNEP"]):
        partner = Partner.objects.create(
            name=f"{acronym} organisation", acronym=acronym, slug=acronym.lower(), is_secretariat=i == 0
        )
        person = Person.objects.create(
            username=f"focal-{acronym.lower()}", email=f"focal-{acronym.lower()}@example.org", is_staff=i == 0
        )
        FocalPoint.objects.create(partner=partner, person=person, started_on=on)
        PartnerUserObjectPermission.objects.create(user=person, permission=permission, content_object=partner)


def seed(rows: int, offset: int) -> None:
    """`rows` Vice-Chair mandates ending in 30 days and `rows` ballots closing in 3 days."""
    Person = get_user_model()
    today = timezone.localdate()
    now = timezone.now()
    people = Person.objects.bulk_create(
        [
            Person(username=f"holder-{offset + i}", email=f"holder-{offset + i}@example.org")
            for i in range(rows)
        ],
        batch_size=BATCH,
    )
    Mandate.objects.bulk_create(
        [
            Mandate(
                role=Mandate.Role.VICE_CHAIR,
                person=person,
                starts_on=today - dt.timedelta(days=700),
                ends_on=today + dt.timedelta(days=30),
                status=Mandate.Status.ACTIVE,
            )
            for person in people
        ],
        batch_size=BATCH,
    )
    Decision.objects.bulk_create(
        [
            Decision(
                question=f"Question {offset + i}",
                status=Decision.Status.OPEN,
                opens_at=now - dt.timedelta(days=1),
                deadline=now + dt.timedelta(days=3),
            )
            for i in range(rows)
        ],
        batch_size=BATCH,
    )


def measure_sweep(label: str) -> dict:
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        result = reminders_sweep(batch_size=BATCH)
        seconds = time.perf_counter() - started
    inserts = sum(
        1
        for q in queries.captured_queries
        if q["sql"].startswith(('INSERT INTO "reminders_reminder"', 'INSERT INTO "reminders_digest"'))
    )
    return {
        "label": label,
        "seconds": seconds,
        "queries": len(queries),
        "insert_batches": inserts,
        "other_queries": len(queries) - inserts,
        "created": result.created,
        "emails": len(result.digest_ids),
    }


def sweep_figures() -> list[dict]:
    figures = []
    reset()
    seed_board()
    for total in (1000, 10000):
        seed(total - Mandate.objects.count(), Mandate.objects.count())
        Reminder.objects.all().delete()
        Digest.objects.all().delete()
        figures.append(measure_sweep(f"{total:,} mandates + {total:,} open ballots, first sweep"))
        figures.append(measure_sweep(f"{total:,} mandates + {total:,} open ballots, second sweep"))
    return figures


def email_figures(count: int = 1000) -> dict:
    """`count` people with one due reminder each → `count` emails through a worker."""
    from reminders import tasks
    from tests.reminders.harness import smtp_sink, wait_for

    reset()
    seed_board()
    Person = get_user_model()
    today = timezone.localdate()
    Mandate.objects.bulk_create(
        [
            Mandate(
                role=Mandate.Role.IP_LEADER,
                person=person,
                starts_on=today - dt.timedelta(days=700),
                ends_on=today + dt.timedelta(days=7),
                status=Mandate.Status.ACTIVE,
            )
            for person in Person.objects.bulk_create(
                [Person(username=f"mail-{i}", email=f"mail-{i}@example.org") for i in range(count)]
            )
        ],
        batch_size=BATCH,
    )
    # Only the holders' emails: the one Secretariat member's own digest is left out of the count.
    digest_ids = [d for d in reminders_sweep().digest_ids]
    secretariat_digest = (
        Digest.objects.filter(recipient__username="focal-itu").values_list("pk", flat=True).first()
    )
    digest_ids = [d for d in digest_ids if d != secretariat_digest]
    assert len(digest_ids) == count, len(digest_ids)
    redis.Redis.from_url(REDIS_URL).flushdb()
    with smtp_sink() as (controller, handler):
        env = {
            **os.environ,
            "EMAIL_URL": f"smtp://127.0.0.1:{controller.port}",
            "DJANGO_CONN_MAX_AGE": "60",
        }
        worker = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "u4ssc", "worker", "--concurrency=2", "--loglevel=WARNING",
             "--without-gossip", "--without-mingle", "-n", "bench-reminders@%h"],
            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
        )  # fmt: skip
        try:
            started = time.perf_counter()
            for digest_id in digest_ids:
                tasks.send_digest.delay(digest_id)
            queued = time.perf_counter() - started
            wait_for(
                lambda: len(handler.messages) >= count, timeout=900, what=f"{count} emails", interval=0.05
            )
            seconds = time.perf_counter() - started
        finally:
            os.killpg(worker.pid, 15)
            worker.wait(timeout=60)
    sent = Digest.objects.filter(pk__in=digest_ids, status=Digest.Status.SENT).count()
    return {
        "emails": len(handler.messages),
        "marked_sent": sent,
        "seconds": seconds,
        "enqueue_seconds": queued,
    }


def main() -> None:
    print(f"Reminders benchmark, {dt.date.today():%Y-%m-%d}, {platform.machine()} {os.cpu_count()} cores, "
          f"PostgreSQL {connection.cursor().connection.server_version}, Python {platform.python_version()}")  # fmt: skip
    print("\nSweep (batches of 1,000 rows for reminders and for emails):")
    print(
        f"{'data':52} {'time':>8} {'queries':>8} {'= fixed':>8} {'+ insert batches':>17} {'rows created':>13}"
    )
    for f in sweep_figures():
        print(
            f"{f['label']:52} {f['seconds']:7.2f}s {f['queries']:8} {f['other_queries']:8} "
            f"{f['insert_batches']:17} {f['created']:13,}"
        )
    e = email_figures()
    print(
        f"\n{e['emails']:,} reminder emails through a Celery worker (prefork, 2 processes) from Redis to a "
        f"local SMTP server: {e['seconds']:.1f}s ({e['emails'] / e['seconds']:.0f} emails/s; enqueueing took "
        f"{e['enqueue_seconds']:.1f}s); {e['marked_sent']:,} marked sent."
    )


if __name__ == "__main__":
    main()
