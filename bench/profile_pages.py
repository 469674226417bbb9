"""Where a page's time goes (issue 17): cProfile and the queries over Django's test client, in
process, on a database seeded by bench/busy.py (`bench/busy.py --seed-only`). Not a test.

    BENCH_DATABASE_URL=postgres://.../u4ssc_bench_busy .venv/bin/python bench/profile_pages.py [page ...]

Every page the busy hour reads (signed in) and the public pages (anonymous), with the shared
caches off (U4SSC_SHARED_CACHE=0: the path of the first visit after any write; the default) or on
(U4SSC_SHARED_CACHE=1, needs BENCH_REDIS_URL). Per page: queries, median wall and CPU ms over 15
requests (CPU time is the process's own: on a machine shared with other jobs it moves less than
wall time), the time in SQL, every query, with BY_MODULE=1 the share of each module in the
profiled time (templates, ORM compiling, gettext, URL reversing, ...), and with PROFILE=1 the
functions with the most cumulative time. `measure()` is what bench/scale.py uses.
"""

from __future__ import annotations

import cProfile
import io
import os
import pstats
import secrets
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SHARED = os.environ.get("U4SSC_SHARED_CACHE", "0")
os.environ.update(
    DATABASE_URL=os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/u4ssc_bench_busy"),
    DJANGO_SETTINGS_MODULE="bench.settings_bench",
    DJANGO_SECRET_KEY=os.environ.get("DJANGO_SECRET_KEY") or secrets.token_urlsafe(50),
    DJANGO_SECURE_SSL_REDIRECT="0",
    DJANGO_SECURE_COOKIES="0",
    DJANGO_LOG_LEVEL="ERROR",
    U4SSC_SHARED_CACHE=SHARED,
)
if SHARED == "1":
    os.environ["REDIS_URL"] = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/7")
else:
    os.environ.pop("REDIS_URL", None)


def pages() -> dict[str, tuple[str, str | None]]:
    """page -> (path, username of someone who may see it, None: anonymous), from the database."""
    from governance.models import Decision, FocalPoint, ToRVersion
    from meetings.models import Meeting
    from thematic_groups.models import Deliverable

    focal = (
        FocalPoint.objects.filter(partner__is_secretariat=False, ended_on__isnull=True)
        .order_by("pk")
        .select_related("person")
        .first()
        .person.username
    )
    draft = ToRVersion.objects.exclude(status__in=["in_force", "superseded"]).order_by("-number").first()
    deliverable = Deliverable.objects.filter(status__in=["final_draft", "drafting"]).order_by("pk").first()
    published = Deliverable.objects.filter(status="published").order_by("-published_on", "pk").first()
    meeting = Meeting.objects.filter(kind="annual", ordinal=5).first()
    decision = Decision.objects.order_by("-pk").first()
    found: dict[str, tuple[str, str | None]] = {
        "me": ("/me/", focal),
        "meeting": (f"/meetings/{meeting.slug}/", focal),
        "decisions": ("/decisions/", focal),
        "ballot": (f"/decisions/{decision.pk}/", focal),
        "deliverable_draft": (f"/deliverables/{deliverable.slug}/", "secretariat"),
    }
    if draft:
        found["tor_draft"] = (f"/tor/versions/{draft.number}/draft/", focal)
        found["tor_diff"] = (f"/tor/versions/{draft.number}/diff/", focal)
    found |= {
        "home": ("/", None),
        "deliverable": (f"/deliverables/{published.slug}/", None),
        "deliverables list": ("/deliverables/", None),
        "search": ("/deliverables/?q=city+platforms", None),
        "tor": ("/tor/", None),
        "API list": ("/api/v1/deliverables/", None),
    }
    return found


def client_for(username: str | None):
    from django.contrib.auth import get_user_model
    from django.test import Client

    from portal.mfa import ENROLLED_SESSION_KEY

    client = Client(HTTP_HOST="127.0.0.1")
    if username:
        person = get_user_model().objects.get(username=username)
        client.force_login(person)
        session = client.session
        session[ENROLLED_SESSION_KEY] = str(person.pk)  # as after the second factor
        session.save()
    return client


def measure(path: str, username: str | None, repeat: int = 15):
    """(queries, median wall ms, median CPU ms, median SQL ms, the last request's queries, body)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for(username)
    response = client.get(path)
    assert response.status_code == 200, (path, username, response.status_code)
    timings, cpu, sql_ms, counts = [], [], [], []
    for _ in range(repeat):
        started, started_cpu = time.perf_counter(), time.process_time()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        timings.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
        sql_ms.append(sum(float(q["time"]) for q in queries.captured_queries) * 1000)
        counts.append(len(queries.captured_queries))
    return (
        max(counts),
        statistics.median(timings),
        statistics.median(cpu),
        statistics.median(sql_ms),
        queries.captured_queries,
        response.content,
    )


# Where a function's own time is counted, by the first of these its file's path contains.
MODULES = (
    ("django/template", "templates"),
    ("django/db/models/sql", "ORM compiling"),
    ("django/db/models/expressions", "ORM compiling"),
    ("django/db/models/lookups", "ORM compiling"),
    ("django/db/models", "ORM (querysets, models)"),
    ("django/db/backends", "database backend"),
    ("django/urls", "URL reversing"),
    ("translation", "gettext"),
    ("gettext", "gettext"),
    ("asgiref", "asgiref locals (gettext's active language)"),
    ("modeltranslation", "modeltranslation"),
    ("django/utils/functional", "lazy objects"),
    ("redis", "Redis client"),
    ("site-packages", "other libraries"),
    (str(ROOT) + "/", "the portal's own code"),
)


def by_module(path: str, username: str | None, repeat: int = 30) -> str:
    """cProfile of `repeat` requests, each function's own time summed by module (MODULES);
    psycopg2's execute is wall time (it includes the database's)."""
    client = client_for(username)
    client.get(path)
    profile = cProfile.Profile()
    profile.enable()
    for _ in range(repeat):
        client.get(path)
    profile.disable()
    totals: dict[str, float] = {}
    for (filename, _line, function), (_cc, _nc, own, _cum, _callers) in pstats.Stats(profile).stats.items():
        if filename == "~":
            name = "psycopg2 execute (wall)" if "execute" in function else "Python built-ins"
        else:
            name = next((label for key, label in MODULES if key in filename), "the standard library")
        totals[name] = totals.get(name, 0.0) + own
    whole = sum(totals.values()) or 1.0
    shares = sorted(totals.items(), key=lambda item: -item[1])[:10]
    return f"{whole / repeat * 1000:.1f} ms profiled: " + ", ".join(f"{n} {t / whole:.0%}" for n, t in shares)


def main(names: list[str]) -> None:
    import django

    django.setup()
    print(f"shared caches {'on' if SHARED == '1' else 'off'}; load average {os.getloadavg()[0]:.1f}")
    for name, (path, username) in pages().items():
        if names and name not in names:
            continue
        count, wall, cpu, sql, queries, body = measure(path, username)
        print(
            f"== {name} {path} as {username or 'anonymous'}: {count} queries, {wall:.1f} ms "
            f"(CPU {cpu:.1f} ms, SQL {sql:.1f} ms), {len(body) // 1024} KiB"
        )
        for q in queries:
            print(f"   {float(q['time']) * 1000:6.1f} ms  {q['sql'][:240]}")
        if os.environ.get("BY_MODULE") == "1":
            print("   " + by_module(path, username))
        if os.environ.get("PROFILE") != "1":
            continue
        client = client_for(username)
        profile = cProfile.Profile()
        profile.enable()
        for _ in range(5):
            client.get(path)
        profile.disable()
        out = io.StringIO()
        stats = pstats.Stats(profile, stream=out).sort_stats("cumulative")
        stats.print_stats(rf"{ROOT}/|template/(loader_tags|defaulttags|defaultfilters)|templatetags", 40)
        print("\n".join(line for line in out.getvalue().splitlines() if "{" not in line[:5])[-8000:])


if __name__ == "__main__":
    main(sys.argv[1:])
