"""Pages on 5,000 and on 50,000 deliverables (and 5,000 meetings), issue 17. Not a test:
`make bench-scale` (or `python bench/scale.py`).

Seeds like bench/busy.py (demo data, the annual meeting's cast, a ToR draft, an open ballot) with
5,000 deliverables and 5,000 meetings (bulk_create: seconds), measures every page of the busy
hour and the public pages in process (Django's test client) with the shared caches off (the
first visit after any write), then adds deliverables up to 50,000 and measures again. Prints per
page: queries and median ms (wall and CPU) at each size, and checks that the query counts are
equal: a page whose queries grow with the registers has an N+1 or an unbounded list.

Environment: BENCH_DATABASE_URL (default .../u4ssc_bench_scale), BENCH_REDIS_URL (flushed at the
start; the measurements run without it), BENCH_SCALE_SIZES (default "5000,50000"),
BENCH_SCALE_MEETINGS (5000), BENCH_SCALE_REPEAT (requests per page and size, 9).
"""

from __future__ import annotations

import datetime as dt
import os
import platform
import sys
import time
from pathlib import Path

os.environ.setdefault("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/u4ssc_bench_scale")
os.environ.setdefault("BENCH_REDIS_URL", "redis://127.0.0.1:6379/7")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import busy, run  # noqa: E402  (the benchmark's environment)

SIZES = [int(n) for n in os.environ.get("BENCH_SCALE_SIZES", "5000,50000").split(",")]
MEETINGS = int(os.environ.get("BENCH_SCALE_MEETINGS", "5000"))
REPEAT = int(os.environ.get("BENCH_SCALE_REPEAT", "9"))
say = run.say


def measure_all(pages: dict) -> dict:
    from django.test import override_settings

    from bench.profile_pages import measure

    figures = {}
    with override_settings(U4SSC_SHARED_CACHE=False):
        for name, (path, username) in pages.items():
            count, wall, cpu, _, _, body = measure(path, username, repeat=REPEAT)
            figures[name] = (count, wall, cpu, len(body))
    return figures


def main() -> dict:
    (run.ROOT / "var").mkdir(exist_ok=True)
    say(f"Seeding {run.DATABASE_URL.rsplit('/', 1)[-1]} for the scale run ...")
    run.recreate_database()
    meta = run.seed()
    busy.seed_busy(meta)
    from bench.profile_pages import pages as find_pages

    results, sizes = {}, []
    for size in SIZES:
        started = time.perf_counter()
        run.bulk_deliverables(size)
        run.bulk_meetings(MEETINGS)
        run.analyze()
        from meetings.models import Meeting
        from thematic_groups.models import Deliverable

        counts = (Deliverable.objects.count(), Meeting.objects.count())
        say(
            f"  {counts[0]:,} deliverables, {counts[1]:,} meetings (added in {time.perf_counter() - started:.0f} s)"
        )
        if not results:
            pages = find_pages()  # the same pages (and the same deliverable) at every size
        results[size] = measure_all(pages)
        sizes.append(counts)
    report(pages, results, sizes)
    return {"pages": pages, "results": results, "sizes": sizes}


def report(pages: dict, results: dict, sizes: list) -> list[str]:
    say("")
    say(
        f"U4SSC pages at scale — {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC — {platform.node()}, "
        f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}; in process, shared caches off, "
        f"median of {REPEAT} requests"
    )
    header = "".join(f"{f'{d:,} deliverables':>34}" for d, _ in sizes)
    say(f"  {'page':<20}{header}")
    say(f"  {'':<20}" + "".join(f"{'queries':>10}{'ms':>8}{'CPU ms':>8}{'KiB':>8}" for _ in sizes))
    misses = []
    for name in pages:
        cells = ""
        for size in results:
            count, wall, cpu, size_bytes = results[size][name]
            cells += f"{count:>10d}{wall:>8.1f}{cpu:>8.1f}{size_bytes / 1024:>8.0f}"
        say(f"  {name:<20}{cells}")
        counts = {results[size][name][0] for size in results}
        if len(counts) > 1:
            misses.append(f"{name}: queries differ across sizes {sorted(counts)}")
    say("")
    say("Query counts equal at every size." if not misses else "Missed:\n  " + "\n  ".join(misses))
    return misses


if __name__ == "__main__":
    main()
