"""Where a signed-in page's time goes (issue 17): cProfile over Django's test client, in process, on
a database seeded by bench/busy.py, with the shared caches off (U4SSC_SHARED_CACHE=0: the path of the
first visit after any write). Not a test.

    BENCH_DATABASE_URL=postgres://.../u4ssc_bench_busy .venv/bin/python bench/profile_pages.py [page ...]

Prints per page: queries, median ms over 15 requests, the time in SQL, and the functions with the
most cumulative time (the project's own code and the template engine).
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
os.environ.update(
    DATABASE_URL=os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/u4ssc_bench_busy"),
    DJANGO_SETTINGS_MODULE="bench.settings_bench",
    DJANGO_SECRET_KEY=os.environ.get("DJANGO_SECRET_KEY") or secrets.token_urlsafe(50),
    DJANGO_SECURE_SSL_REDIRECT="0",
    DJANGO_SECURE_COOKIES="0",
    DJANGO_LOG_LEVEL="ERROR",
    U4SSC_SHARED_CACHE=os.environ.get("U4SSC_SHARED_CACHE", "0"),
)
os.environ.pop("REDIS_URL", None)


def pages() -> dict[str, tuple[str, str]]:
    """page -> (path, username of someone who may see it), from the seeded database."""
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
    meeting = Meeting.objects.filter(kind="annual", ordinal=5).first()
    decision = Decision.objects.order_by("-pk").first()
    found = {
        "me": ("/me/", focal),
        "meeting": (f"/meetings/{meeting.slug}/", focal),
        "decisions": ("/decisions/", focal),
        "ballot": (f"/decisions/{decision.pk}/", focal),
        "deliverable_draft": (f"/deliverables/{deliverable.slug}/", "secretariat"),
    }
    if draft:
        found["tor_draft"] = (f"/tor/versions/{draft.number}/draft/", focal)
        found["tor_diff"] = (f"/tor/versions/{draft.number}/diff/", focal)
    return found


def main(names: list[str]) -> None:
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from portal.mfa import ENROLLED_SESSION_KEY

    for name, (path, username) in pages().items():
        if names and name not in names:
            continue
        client = Client(HTTP_HOST="127.0.0.1")
        person = get_user_model().objects.get(username=username)
        client.force_login(person)
        session = client.session
        session[ENROLLED_SESSION_KEY] = str(person.pk)
        session.save()
        response = client.get(path)
        assert response.status_code == 200, (name, path, response.status_code)
        timings, sql_ms, counts = [], [], []
        for _ in range(15):
            started = time.perf_counter()
            with CaptureQueriesContext(connection) as queries:
                client.get(path)
            timings.append((time.perf_counter() - started) * 1000)
            sql_ms.append(sum(float(q["time"]) for q in queries.captured_queries) * 1000)
            counts.append(len(queries.captured_queries))
        slowest = sorted(queries.captured_queries, key=lambda q: -float(q["time"]))[:5]
        profile = cProfile.Profile()
        profile.enable()
        for _ in range(5):
            client.get(path)
        profile.disable()
        out = io.StringIO()
        stats = pstats.Stats(profile, stream=out).sort_stats("cumulative")
        stats.print_stats(
            r"/work/|wt/|template/(base|loader_tags|defaulttags)|db/models/(query|sql/compiler)", 28
        )
        print(
            f"== {name} {path} as {username}: {max(counts)} queries, {statistics.median(timings):.1f} ms "
            f"(SQL {statistics.median(sql_ms):.1f} ms), {len(response.content) // 1024} KiB"
        )
        for q in slowest:
            print(f"   {float(q['time']) * 1000:6.1f} ms  {q['sql'][:300]}")
        print("\n".join(line for line in out.getvalue().splitlines() if "{" not in line[:5])[-6000:])


if __name__ == "__main__":
    main(sys.argv[1:])
