"""Web performance benchmark (issue 8). Not a test: `make bench` prints the figures for the README.

1. Creates the PostgreSQL database u4ssc_bench_web (emptied first), migrates it, loads the demo
   data and seeds 5,000 published deliverables, 300 meetings and the 17 Partners.
2. Serves the portal with gunicorn on 127.0.0.1 (production settings, plain HTTP), plus a floor:
   a bare Django view behind the same middleware and server (bench/urls_floor.py).
3. Loads each page with wrk at 8 and 32 connections and prints requests/s as a ratio to the
   floor, p50/p95/p99 latency and errors, each page MET or MISSED against its targets: pages
   >= 0.5 of the floor (issue 17: signed-in pages too), p95 < 50 ms at 8 connections, no errors.
`make bench` runs bench/busy.py after it (the busy hour, issue 17: signed-in readers, votes, the
caches off).
4. Times the meeting report PDF: cold render (WeasyPrint) and the cached download.

Environment: BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/u4ssc_bench_web),
BENCH_REDIS_URL (default redis://127.0.0.1:6379/6, the cache; flushed), BENCH_SECONDS (5),
BENCH_PORT (8150), BENCH_WORKERS (gunicorn workers, default: the number of CPUs), BENCH_WORKER_CLASS
and BENCH_THREADS (gunicorn's worker class and threads, default sync and 1).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import platform
import secrets
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
BIN = Path(sys.executable).parent

DATABASE_URL = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/u4ssc_bench_web")
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/6")
SECONDS = int(os.environ.get("BENCH_SECONDS", "5"))
PORT = int(os.environ.get("BENCH_PORT", "8150"))
WORKERS = int(os.environ.get("BENCH_WORKERS", str(os.cpu_count() or 2)))
WORKER_CLASS = os.environ.get("BENCH_WORKER_CLASS", "sync")
THREADS = int(os.environ.get("BENCH_THREADS", "1"))
CONNECTIONS = (8, 32)
DELIVERABLES, MEETINGS, PARTNERS = 5000, 300, 17
WRK = os.environ.get("WRK", "/usr/bin/wrk")

os.environ.update(
    DATABASE_URL=DATABASE_URL,
    REDIS_URL=REDIS_URL,
    DJANGO_SETTINGS_MODULE="bench.settings_bench",
    DJANGO_SECRET_KEY=os.environ.get("DJANGO_SECRET_KEY") or secrets.token_urlsafe(50),
    DJANGO_SECURE_SSL_REDIRECT="0",
    DJANGO_SECURE_COOKIES="0",
    DJANGO_LOG_LEVEL="ERROR",
    U4SSC_BENCH_FLOOR="1",
    U4SSC_DEMO_PASSWORD=secrets.token_urlsafe(16),
)
os.environ.pop("DJANGO_DEBUG", None)


def say(text: str) -> None:
    print(text, flush=True)


def recreate_database() -> None:
    import psycopg2

    url = urlparse(DATABASE_URL)
    name = url.path.lstrip("/")
    admin = psycopg2.connect(
        host=url.hostname,
        port=url.port or 5432,
        user=url.username or "postgres",
        password=url.password,
        dbname="postgres",
    )
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s", [name])
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cursor.execute(f'CREATE DATABASE "{name}"')
    admin.close()
    subprocess.run([sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"], cwd=ROOT, check=True)
    import redis

    redis.Redis.from_url(REDIS_URL).flushdb()


def seed() -> dict:
    """Demo data (17 Partners, people, ToR, groups, the Fifth meeting) plus the bulk of deliverables
    and meetings. The bulk rows are inserted with bulk_create (no history rows: pages never read
    history, and the benchmark is about reading)."""
    import django

    django.setup()
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
    from django.contrib.sessions.backends.db import SessionStore
    from django.utils import timezone

    from governance import services as gov
    from governance.models import Decision, FocalPoint, Partner
    from meetings.models import Meeting
    from portal.demo.loader import load_demo
    from thematic_groups.models import Deliverable

    load_demo(password=os.environ["U4SSC_DEMO_PASSWORD"])
    assert Partner.objects.count() == PARTNERS, Partner.objects.count()
    bulk_deliverables(DELIVERABLES)
    bulk_meetings(MEETINGS)
    now = timezone.now()
    secretariat_person = get_user_model().objects.get(username="secretariat")  # the demo Secretariat
    decision = gov.decision_open(
        by=secretariat_person,
        kind=Decision.Kind.OTHER,
        question="Shall the next annual meeting be held online?",
        deadline=now + dt.timedelta(days=14),
    )
    focal = (
        FocalPoint.objects.filter(partner__is_secretariat=False, ended_on__isnull=True)
        .select_related("person")
        .first()
        .person
    )
    session = SessionStore()
    session[SESSION_KEY] = str(focal.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = focal.get_session_auth_hash()
    session.create()
    fifth = Meeting.objects.filter(kind=Meeting.Kind.ANNUAL, ordinal=5).first()
    return {
        "deliverable": Deliverable.objects.filter(slug="bench-deliverable-2500").first().slug,
        "decision": decision.pk,
        "session": session.session_key,
        "focal": focal.username,
        "report_meeting": fifth.pk if fifth else None,
        "report_slug": fifth.slug if fifth else None,
        "counts": (Deliverable.objects.count(), Meeting.objects.count(), Partner.objects.count()),
    }


TOPICS = [
    "city platforms",
    "circular cities",
    "blockchain",
    "artificial intelligence",
    "financing",
    "KPIs for smart sustainable cities",
    "digital twins",
    "mobility",
    "water",
    "energy",
]


def bulk_deliverables(total: int) -> None:
    """Published deliverables up to `total` rows in all, with bulk_create (no history rows: pages
    never read history, and the benchmark is about reading); 5,000 in a few seconds."""
    from django.utils import timezone

    from thematic_groups.models import Deliverable, ThematicGroup

    groups = list(ThematicGroup.objects.order_by("pk"))
    kinds = [t.value for t in Deliverable.Type]
    today = timezone.localdate()
    start = Deliverable.objects.count()
    for first in range(start, total, 5000):
        Deliverable.objects.bulk_create(
            [
                Deliverable(
                    thematic_group=groups[i % len(groups)],
                    title=f"{TOPICS[i % len(TOPICS)].capitalize()} in practice: case study {i}",
                    slug=f"bench-deliverable-{i}",
                    type=kinds[i % len(kinds)],
                    summary=f"How cities use {TOPICS[i % len(TOPICS)]}: lessons from case study {i}.",
                    body=f"Case study {i} on {TOPICS[(i * 7) % len(TOPICS)]}. " * 20,
                    status=Deliverable.Status.PUBLISHED,
                    proposed_on=today - dt.timedelta(days=400 + i % 1500),
                    published_on=today - dt.timedelta(days=i % 1500),
                )
                for i in range(first, min(first + 5000, total))
            ],
            batch_size=1000,
        )


def bulk_meetings(total: int) -> None:
    """Meetings up to `total` rows in all, half in the past, half to come."""
    from django.utils import timezone

    from meetings.models import Audience, Meeting
    from thematic_groups.models import ThematicGroup

    groups = list(ThematicGroup.objects.order_by("pk"))
    now = timezone.now()
    start = Meeting.objects.count()
    Meeting.objects.bulk_create(
        [
            Meeting(
                kind=Meeting.Kind.ANNUAL if i % 3 else Meeting.Kind.E_MEETING,
                title=f"U4SSC meeting {i}",
                slug=f"bench-meeting-{i}",
                starts_at=now + dt.timedelta(days=i - total // 2, minutes=i),
                audience=Audience.OPEN if i % 3 else Audience.GROUP,
                agenda_status=Meeting.AgendaStatus.PUBLISHED,
                thematic_group=None if i % 3 else groups[i % len(groups)],
                agenda="Opening; reports of the Thematic Groups; workplan; closing.",
            )
            for i in range(start, total)
        ],
        batch_size=1000,
    )


def analyze() -> None:
    """Planner statistics for the bulk rows (autovacuum would get there later): without them
    PostgreSQL guesses a handful of published deliverables and picks the wrong plans."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")


def start_server() -> subprocess.Popen:
    log = open(ROOT / "var" / "bench-gunicorn.log", "wb")  # noqa: SIM115 (lives as long as the server)
    server = subprocess.Popen(
        [
            str(BIN / "gunicorn"),
            "u4ssc.wsgi:application",
            "--bind",
            f"127.0.0.1:{PORT}",
            "--workers",
            str(WORKERS),
            "--worker-class",
            WORKER_CLASS,
            "--threads",
            str(THREADS),
            "--access-logfile",
            "/dev/null",
        ],
        cwd=ROOT,
        env=os.environ.copy(),
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    for _ in range(120):
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{PORT}/healthz", timeout=2):
                return server
        except OSError:
            time.sleep(0.25)
    server.terminate()
    raise SystemExit("gunicorn did not start: see var/bench-gunicorn.log")


def get(path: str, cookie: str | None = None) -> tuple[int, bytes]:
    request = urllib.request.Request(
        f"http://127.0.0.1:{PORT}{path}", headers={"Cookie": cookie} if cookie else {}
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def drain(limit_s: float = 60) -> None:
    """Wait until the server has worked off the previous run's queue (a slow page leaves a backlog)."""
    deadline = time.monotonic() + limit_s
    while time.monotonic() < deadline:
        started = time.perf_counter()
        get("/bench-floor/")
        if time.perf_counter() - started < 0.05:
            return
        time.sleep(0.5)


def wrk(path: str, connections: int, cookie: str | None = None) -> dict:
    drain()
    command = [
        WRK,
        f"-t{min(2, connections)}",
        f"-c{connections}",
        f"-d{SECONDS}s",
        "--timeout",
        "5s",
        "-s",
        str(ROOT / "bench" / "wrk_report.lua"),
    ]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    out = subprocess.run(
        [*command, f"http://127.0.0.1:{PORT}{path}"], capture_output=True, text=True, check=True
    )
    line = next(line for line in out.stdout.splitlines() if line.startswith("BENCH "))
    data = json.loads(line[len("BENCH ") :])
    data["rps"] = data["requests"] / (data["duration_us"] / 1e6)
    data["errors"] = sum(data[k] for k in ("connect", "read", "write", "status", "timeout"))
    if data["requests"] == 0:
        data["errors"] += connections  # nothing answered within the run: every connection failed
    return data


def pdf_timing(meta: dict) -> tuple[float | None, float | None]:
    if not meta["report_meeting"]:
        return None, None
    from kernel.pdf import weasyprint_missing

    if weasyprint_missing():
        return None, None
    from django.contrib.auth import get_user_model

    from meetings import services as meeting_services
    from meetings.models import Meeting

    meeting = Meeting.objects.get(pk=meta["report_meeting"])
    secretariat = get_user_model().objects.get(username="secretariat")
    started = time.perf_counter()  # the one render: the Secretariat publishes the report
    meeting_services.meeting_report_publish(by=secretariat, meeting=meeting)
    cold = time.perf_counter() - started
    timings = []
    for _ in range(10):
        started = time.perf_counter()
        status, body = get(f"/meetings/{meta['report_slug']}/report.pdf")
        timings.append(time.perf_counter() - started)
        assert status == 200 and body[:5] == b"%PDF-", status
    return cold, statistics.median(timings)


def main() -> None:
    (ROOT / "var").mkdir(exist_ok=True)
    say(f"Seeding {DATABASE_URL.rsplit('/', 1)[-1]} ...")
    recreate_database()
    meta = seed()
    analyze()
    say(f"  deliverables, meetings, Partners: {meta['counts']}")
    cookie = f"sessionid={meta['session']}"
    pages = [
        ("floor (bare view)", "/bench-floor/", None, "floor"),
        ("home", "/", None, "public"),
        ("deliverables list", "/deliverables/", None, "public"),
        ("search", "/deliverables/?q=city+platforms", None, "public"),
        ("deliverable page", f"/deliverables/{meta['deliverable']}/", None, "public"),
        ("/tor/", "/tor/", None, "public"),
        ("API list", "/api/v1/deliverables/", None, "public"),
        (f"ballot page ({meta['focal']})", f"/decisions/{meta['decision']}/", cookie, "signed-in"),
    ]
    server = start_server()
    try:
        for _, path, page_cookie, _ in pages:
            for _ in range(3):
                status, body = get(path, page_cookie)
            if status != 200:
                raise SystemExit(f"{path} answered {status}: {body[:300]!r}")
        status, body = get(pages[-1][1], cookie)
        assert b"Cast vote" in body, "the focal point's session did not reach the ballot form"
        results = {}
        for connections in CONNECTIONS:
            for label, path, page_cookie, _ in pages:
                results[(label, connections)] = wrk(path, connections, page_cookie)
        cold, cached = pdf_timing(meta)
    finally:
        server.terminate()
        server.wait(timeout=30)

    say("")
    say(
        f"U4SSC web benchmark — {dt.date.today().isoformat()} — {platform.node()}, {platform.machine()}, "
        f"{os.cpu_count()} CPUs, Python {platform.python_version()}, gunicorn {WORKERS} {WORKER_CLASS} workers, "
        f"wrk {SECONDS}s per page"
    )
    misses = []
    for connections in CONNECTIONS:
        floor = results[("floor (bare view)", connections)]["rps"]
        say("")
        say(f"{connections} connections       req/s   ratio    p50 ms   p95 ms   p99 ms  errors  target")
        for label, _, _, kind in pages:
            r = results[(label, connections)]
            ratio = r["rps"] / floor
            failed = []
            target = {"public": 0.5, "signed-in": 0.5}.get(kind)
            if target and ratio < target:
                failed.append(f"{ratio:.2f} of the floor (target {target})")
            if connections == 8 and kind != "floor" and r["p95"] > 50_000:
                failed.append(f"p95 {r['p95'] / 1000:.1f} ms at 8 connections (target < 50 ms)")
            if r["errors"]:
                failed.append(f"{r['errors']} errors")
            verdict = "" if kind == "floor" else ("MISSED" if failed else "MET")
            say(
                f"  {label:<28}{r['rps']:>8.0f} {ratio:>6.2f} {r['p50'] / 1000:>9.1f}{r['p95'] / 1000:>9.1f}"
                f"{r['p99'] / 1000:>9.1f} {r['errors']:>7d}  {verdict}"
            )
            misses += [f"{label} at {connections} connections: {f}" for f in failed]
    say("")
    if cold is None:
        say("Meeting report PDF: not measured (WeasyPrint/Pango unavailable or no annual meeting)")
    else:
        say(
            f"Meeting report PDF (Fifth meeting): cold render {cold * 1000:.0f} ms, cached download {cached * 1000:.1f} ms"
        )
    say("")
    say("Targets met." if not misses else "Targets missed:\n  " + "\n  ".join(misses))


if __name__ == "__main__":
    main()
