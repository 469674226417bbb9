"""The busy hour (issue 17): signed-in readers and voting focal points at once. Not a test:
`make bench-busy` prints the figures for the README.

1. Seeds like bench/run.py (demo data, 5,000 deliverables, 300 meetings, 17 Partners, an open
   ballot) and adds the cast of an annual meeting: three focal points for each of the 17 Partners
   (51), the Management Team (Chair, Vice-Chairs, IP Leader, the Secretariat), 12 Thematic Group
   Leaders and 300 participants, each with their own session; a ToR draft (a few clauses edited)
   open for comments, so it has a diff; and an 18th current Partner without focal points, so the
   ballot does not close itself once the 17 have voted (the Secretariat closes it at the end).
2. Serves the portal with gunicorn (production settings, the shared caches in Redis) and measures
   in the same run, with wrk and bench/busy.lua (one connection per person, each request timed):
   a. the floor (a bare Django view) at READERS connections, and the chrome: base.html with
      nothing in it, signed in (bench/urls_floor.py), the most any signed-in page can reach;
   b. the busy hour: READERS connections reading My roles, the meeting page, the ToR draft and its
      diff, a deliverable's draft page, the decisions list and the ballot page (each page by the
      people who may see it, each with their own session), while the focal points vote and
      change votes on the ballot (BENCH_VOTE_RATE votes a second, or BENCH_VOTERS back to back);
   c. the vote storm: the 51 focal points voting (and changing votes) at once;
   d. the Secretariat closes the ballot (one POST, timed) and the count is checked.
3. In-process (Django's test client on the same database): queries and server time per request of
   every page, with the shared caches on (a repeat visit) and off (U4SSC_SHARED_CACHE=0: the path
   of the first visit after a write).

Environment: as bench/run.py (BENCH_DATABASE_URL, default .../u4ssc_bench_busy; BENCH_REDIS_URL,
default redis://127.0.0.1:6379/7; BENCH_SECONDS; BENCH_PORT; BENCH_WORKERS) plus BENCH_READERS
(connections reading, default 32), BENCH_VOTE_RATE (votes a second during the reading, 5; see
VOTE_RATE), with BENCH_VOTE_RATE=0 BENCH_VOTERS (focal points voting back to back, 8) and
BENCH_VOTE_THINK_MS (how long each of them waits between votes, 0: see VOTE_THINK_MS);
BENCH_WORKER_CLASS and BENCH_THREADS (gunicorn's, default sync and 1).
The vote rate limit is raised for the run (U4SSC_RATE_VOTES): a focal point here votes far more
often than 20 times a minute.
"""

from __future__ import annotations

import concurrent.futures
import datetime as dt
import http.client
import json
import os
import platform
import random
import secrets
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

os.environ.setdefault("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/u4ssc_bench_busy")
os.environ.setdefault("BENCH_REDIS_URL", "redis://127.0.0.1:6379/7")
os.environ.setdefault("U4SSC_RATE_VOTES", "1000000")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import run  # noqa: E402  (sets the environment of the benchmark)

ROOT = run.ROOT
READERS = int(os.environ.get("BENCH_READERS", "32"))
VOTERS = int(os.environ.get("BENCH_VOTERS", "8"))
# During the readings each voting focal point may wait between votes (the storm does not). Off by
# default: wrk opens the next connection at once and sends on it only after the wait, and a
# gunicorn sync worker that accepted it sits idle until then (no proxy buffers requests here), so
# eight waiting voters kept both workers idle and every page waited ~1 s (run of 2026-12-01 10:18).
VOTE_THINK_MS = int(os.environ.get("BENCH_VOTE_THINK_MS", "0"))
# How the focal points vote during the readings: BENCH_VOTE_RATE votes a second in all, sent at a
# steady pace whatever the answers' time (an open loop, each on its own connection, from this
# process), cycling through every focal point's votes. 5 a second is each of the 51 changing
# their vote every ten seconds, tens of times what an annual meeting sees. 0: BENCH_VOTERS
# connections voting back to back with wrk instead (the closed loop of the runs before
# 2026-12-02 03:00, which kept about one core of two busy with votes).
VOTE_RATE = float(os.environ.get("BENCH_VOTE_RATE", "5"))
SECONDS = run.SECONDS
FOCAL_POINTS_PER_PARTNER, LEADERS, PARTICIPANTS = 3, 12, 300
CSRF = secrets.token_hex(16)  # a 32-character secret: the cookie and the form field agree
# "chrome" (bench/urls_floor.py): base.html with nothing in it, signed in; no page can cost less, so
# its ratio is the ceiling of every signed-in page's, printed beside them without a target.
CHROME = "chrome"
CHROME_LABEL = "chrome: base.html alone, the ceiling"
PAGES = (CHROME, "me", "meeting", "tor_draft", "tor_diff", "deliverable_draft", "decisions", "ballot")
# The public pages (anonymous, no cookie): read in the same phases, with the same voters.
PUBLIC = ("home", "deliverables_list", "search", "deliverable", "tor", "api_list")
# Issue 17: every page at least half the floor from the caches, a quarter with them off; p95 of a
# page under 50 ms at 8 readers; the vote POST's p95 under 300 ms in the storm; no errors.
TARGET_RATIO, TARGET_UNCACHED_RATIO, TARGET_P95_MS, TARGET_VOTE_P95_MS = 0.5, 0.25, 50, 300
UNCACHED = os.environ.get("BENCH_UNCACHED", "1") == "1"
VOTING = (
    f"the 51 focal points vote {VOTE_RATE:g} times a second"
    if VOTE_RATE > 0
    else f"{VOTERS} focal points vote back to back"
)
say = run.say


def _session(person) -> str:
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    from portal.mfa import ENROLLED_SESSION_KEY

    session = SessionStore()
    session[SESSION_KEY] = str(person.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = person.get_session_auth_hash()
    # as after signing in with the second factor (the Secretariat must have one: portal.mfa)
    session[ENROLLED_SESSION_KEY] = str(person.pk)
    session.create()
    return session.session_key


def seed_busy(meta: dict) -> dict:
    """The annual meeting's cast, a ToR draft with a diff and the sessions (after run.seed)."""
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from governance import services as gov
    from governance.models import Decision, FocalPoint, Mandate, Partner, ToRVersion
    from meetings.models import Meeting
    from thematic_groups.models import Deliverable, ThematicGroup

    Person = get_user_model()
    today = timezone.localdate()
    secretariat = Person.objects.get(username="secretariat")

    def person(username: str):
        return Person.objects.create_user(
            username=username,
            email=f"{username}@bench.example",
            first_name=username.title(),
            last_name="Bench",
        )

    focal_points = []
    for partner in Partner.objects.order_by("acronym"):
        current = [
            fp.person
            for fp in FocalPoint.objects.filter(partner=partner, ended_on__isnull=True).select_related(
                "person"
            )
        ]
        for i in range(len(current), FOCAL_POINTS_PER_PARTNER):
            new = person(f"fp-{partner.slug}-{i}")
            gov.focal_point_add(partner=partner, person=new, by=secretariat)
            current.append(new)
        focal_points += [(partner.pk, p) for p in current[:FOCAL_POINTS_PER_PARTNER]]
    Partner.objects.create(
        name="Bench observer organisation",
        acronym="OBS",
        slug="bench-observer",
        joined_on=today - dt.timedelta(days=30),
    )  # current, without focal points: the ballot stays open until the Secretariat closes it
    management = {
        m.person
        for m in Mandate.objects.filter(
            status=Mandate.Status.ACTIVE,
            role__in=[Mandate.Role.CHAIR, Mandate.Role.VICE_CHAIR, Mandate.Role.IP_LEADER],
        ).select_related("person")
    } | {
        fp.person
        for fp in FocalPoint.objects.filter(
            partner__is_secretariat=True, ended_on__isnull=True
        ).select_related("person")
    }
    leaders = [
        m.person
        for m in Mandate.objects.filter(
            status=Mandate.Status.ACTIVE, role=Mandate.Role.LEADER
        ).select_related("person")
    ]
    groups = list(ThematicGroup.objects.filter(status=ThematicGroup.Status.ACTIVE).order_by("pk"))
    chair = Mandate.objects.active(on=today).filter(role=Mandate.Role.CHAIR).get().person
    for i in range(len(leaders), LEADERS):
        new = person(f"leader-{i}")
        # ToR 19: the Chair proposes, the Secretariat concurs (the only way to a Leader)
        proposal = gov.mandate_propose_leader(by=chair, person=new, thematic_group=groups[i % len(groups)])
        gov.mandate_concur(by=secretariat, mandate=proposal)
        leaders.append(new)
    Person.objects.bulk_create(
        [
            Person(username=f"participant-{i}", email=f"participant-{i}@bench.example", first_name=f"P{i}")
            for i in range(PARTICIPANTS)
        ]
    )
    participants = list(Person.objects.filter(username__startswith="participant-"))

    draft = gov.tor_revision_create(by=secretariat, summary="Bench revision")
    for clause in list(draft.clauses.order_by("position"))[:40:8]:
        gov.clause_edit(by=secretariat, clause=clause, text=clause.text + " (revised for the annual meeting)")
    gov.tor_comment_period_open(
        by=secretariat, tor_version=draft, deadline=timezone.now() + dt.timedelta(days=14)
    )
    assert ToRVersion.objects.get(pk=draft.pk).status == ToRVersion.Status.COMMENT_PERIOD
    deliverable = (
        Deliverable.objects.filter(status=Deliverable.Status.FINAL_DRAFT).first()
        or Deliverable.objects.filter(status=Deliverable.Status.DRAFTING).first()
    )
    fifth = (
        Meeting.objects.filter(kind=Meeting.Kind.ANNUAL, ordinal=5).first()
        or Meeting.objects.filter(kind=Meeting.Kind.ANNUAL).order_by("-starts_at").first()
    )
    decision = Decision.objects.get(pk=meta["decision"])
    people = {}
    for pid, p in focal_points:
        people.setdefault(p.pk, {"person": p, "roles": set(), "partners": []})
        people[p.pk]["roles"].add("focal point")
        people[p.pk]["partners"].append(pid)
    for group, members in (("management", management), ("leader", leaders), ("participant", participants)):
        for p in members:
            people.setdefault(p.pk, {"person": p, "roles": set(), "partners": []})["roles"].add(group)
    for entry in people.values():
        entry["session"] = _session(entry["person"])
    paths = {
        CHROME: "/bench-chrome/",
        "me": "/me/",
        "meeting": f"/meetings/{fifth.slug}/",
        "tor_draft": f"/tor/versions/{draft.number}/draft/",
        "tor_diff": f"/tor/versions/{draft.number}/diff/",
        "deliverable_draft": f"/deliverables/{deliverable.slug}/",
        "decisions": "/decisions/",
        "ballot": f"/decisions/{decision.pk}/",
        "home": "/",
        "deliverables_list": "/deliverables/",
        "search": "/deliverables/?q=city+platforms",
        "deliverable": f"/deliverables/{meta['deliverable']}/",
        "tor": "/tor/",
        "api_list": "/api/v1/deliverables/",
    }
    return {
        "people": people,
        "paths": paths,
        "decision": decision.pk,
        "deliverable_status": deliverable.status,
        "tor_number": draft.number,
        "counts": {
            "focal points": len(focal_points),
            "management": len(management),
            "leaders": len(leaders),
            "participants": len(participants),
            "sessions": len(people),
        },
    }


def cookie(entry) -> str:
    return f"sessionid={entry['session']}; csrftoken={CSRF}"


def audiences(busy: dict) -> dict[str, list]:
    """Who may see each page: one GET per person and page (403/404 mean the page is not theirs)."""
    seen: dict[str, list] = {page: [] for page in PAGES}
    for entry in busy["people"].values():
        for page in PAGES:
            status, _, _ = fetch("GET", busy["paths"][page], cookie(entry))
            if status == 200:
                seen[page].append(entry)
            elif status not in (403, 404):
                raise SystemExit(f"{busy['paths'][page]} answered {status} for {entry['person'].username}")
    return seen


def vote_lines(busy: dict, who: list) -> list[str]:
    """Each focal point casts and changes their Partner's vote (yes, no, abstain in turn)."""
    decision = busy["decision"]
    lines = []
    for entry in who:
        for choice in ("yes", "no", "abstain"):
            pid = entry["partners"][0]
            body = f"csrfmiddlewaretoken={CSRF}&p{pid}-partner={pid}&p{pid}-choice={choice}"
            lines.append(f"vote\tPOST\t/decisions/{decision}/vote/\t{cookie(entry)}\t{body}")
    return lines


def busy_wrk(lines: list[str], connections: int, name: str, seconds: int = SECONDS, think_ms: int = 0):
    random.Random(name).shuffle(lines)
    path = ROOT / "var" / f"bench-busy-{name}.tsv"
    for old in path.parent.glob(f"{path.name}.*.out"):
        old.unlink()
    path.write_text("\n".join(lines) + "\n")
    command = [
        run.WRK,
        f"-t{connections}",
        f"-c{connections}",
        f"-d{seconds}s",
        "--timeout",
        "10s",
        "-s",
        str(ROOT / "bench" / "busy.lua"),
        f"http://127.0.0.1:{run.PORT}",
        "--",
        str(path),
        str(think_ms),
    ]
    return path, subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


class PacedVotes:
    """Votes at a steady rate while a page is read (see VOTE_RATE): started with the readers' wrk,
    stopped when it ends; `result()` has the shape of `collect()`'s."""

    def __init__(self, lines: list[str], rate: float):
        self.lines = [line.split("\t") for line in lines]
        random.Random("paced").shuffle(self.lines)
        self.interval = 1 / rate
        self.samples: list[tuple[int, int]] = []
        self.socket_errors = 0
        self.lock = threading.Lock()
        self.stopping = threading.Event()
        self.pool = concurrent.futures.ThreadPoolExecutor(max_workers=32)
        self.thread = threading.Thread(target=self._pace, daemon=True)

    def start(self) -> PacedVotes:
        self.started = time.perf_counter()
        self.thread.start()
        return self

    def _pace(self) -> None:
        due, index = time.perf_counter(), 0
        while not self.stopping.is_set():
            self.pool.submit(self._vote, self.lines[index % len(self.lines)])
            index += 1
            due += self.interval
            self.stopping.wait(max(0.0, due - time.perf_counter()))

    def _vote(self, line: list[str]) -> None:
        _tag, method, path, cookie_header, body = line
        started = time.perf_counter()
        try:
            status, _body, location = fetch(method, path, cookie_header, body, timeout=10)
        except OSError:
            with self.lock:
                self.socket_errors += 1
            return
        if status == 302 and "/accounts/" in location:
            status = 401  # sent to sign in or to the second factor, as busy.lua counts it
        with self.lock:
            self.samples.append((int((time.perf_counter() - started) * 1e6), status))

    def result(self) -> dict:
        self.stopping.set()
        self.thread.join()
        self.pool.shutdown(wait=True)
        duration = time.perf_counter() - self.started
        values = sorted(micros for micros, _ in self.samples)
        errors = [status for _, status in self.samples if status >= 400]
        result: dict = {
            "_all": {"socket_errors": self.socket_errors},
            "_status": {f"vote:{status}": errors.count(status) for status in set(errors)},
        }
        if values:
            result["vote"] = {
                "requests": len(values),
                "rps": len(values) / duration,
                "errors": len(errors),
                "hits": 0,
                **{f"p{p}": _percentile(values, p) for p in (50, 95, 99)},
            }
        return result


def _percentile(values: list[float], p: float) -> float:
    return values[max(0, min(len(values) - 1, -(-len(values) * p // 100) - 1))] if values else 0


def collect(started) -> dict:
    """Per tag: requests, requests/s, errors (status >= 400, or sent to sign in), p50/p95/p99 (µs)."""
    path, process = started
    out, err = process.communicate(timeout=SECONDS * 10 + 120)
    if process.returncode:
        raise SystemExit(f"wrk failed: {err}")
    line = next(line for line in out.splitlines() if line.startswith("BUSY "))
    summary = json.loads(line[len("BUSY ") :])
    duration = summary["duration_us"] / 1e6
    samples: dict[str, list[int]] = {}
    statuses: dict[str, int] = {}
    errors: dict[str, int] = {}
    hits: dict[str, int] = {}
    for part in path.parent.glob(f"{path.name}.*.out"):
        for row in part.read_text().splitlines():
            tag, micros, status, hit = row.split()
            samples.setdefault(tag, []).append(int(micros))
            hits[tag] = hits.get(tag, 0) + int(hit)
            if int(status) >= 400:
                errors[tag] = errors.get(tag, 0) + 1
                statuses[f"{tag}:{status}"] = statuses.get(f"{tag}:{status}", 0) + 1
    result: dict = {
        "_all": {"socket_errors": sum(summary[k] for k in ("connect", "read", "write", "timeout"))},
        "_status": statuses,
    }
    for tag, values in samples.items():
        values.sort()
        result[tag] = {
            "requests": len(values),
            "rps": len(values) / duration,
            "errors": errors.get(tag, 0),
            "hits": hits.get(tag, 0) / len(values),
            **{f"p{p}": _percentile(values, p) for p in (50, 95, 99)},
        }
    return result


def _merge(phases: list[dict]) -> dict:
    """The vote POSTs of every reading phase: summed rates and counts, the worst percentiles."""
    return {
        "requests": sum(p["requests"] for p in phases),
        "rps": statistics.mean(p["rps"] for p in phases) if phases else 0,
        "errors": sum(p["errors"] for p in phases),
        "hits": 0,
        **{k: max((p[k] for p in phases), default=0) for k in ("p50", "p95", "p99")},
    }


def in_process(busy: dict, seen: dict, voter: dict) -> dict:
    """Queries and server time per request through Django's test client, caches on and off."""
    from django.db import connection
    from django.test import Client, override_settings
    from django.test.utils import CaptureQueriesContext

    figures = {}
    for page in PAGES:
        if not seen[page]:
            continue
        entry = seen[page][0]
        for label, shared in (("cached", True), ("uncached", False)):
            with override_settings(U4SSC_SHARED_CACHE=shared):
                client = Client(HTTP_HOST="127.0.0.1")
                client.cookies["sessionid"] = entry["session"]
                client.cookies["csrftoken"] = CSRF  # as in the browser (and wrk): forms use it
                client.get(busy["paths"][page])  # warm: imports, templates, the cache
                timings = []
                for _ in range(15):
                    started = time.perf_counter()
                    with CaptureQueriesContext(connection) as queries:
                        response = client.get(busy["paths"][page])
                    timings.append(time.perf_counter() - started)
                assert response.status_code == 200, (page, response.status_code)
                figures[(page, label)] = (len(queries), statistics.median(timings) * 1000)
    client = Client(HTTP_HOST="127.0.0.1")  # the vote POST (the test client skips the CSRF check)
    client.cookies["sessionid"] = voter["session"]
    pid = voter["partners"][0]
    timings = []
    for i in range(15):
        started = time.perf_counter()
        with CaptureQueriesContext(connection) as queries:
            response = client.post(
                f"/decisions/{busy['decision']}/vote/",
                {f"p{pid}-partner": pid, f"p{pid}-choice": ("yes", "no", "abstain")[i % 3]},
            )
        timings.append(time.perf_counter() - started)
        assert response.status_code == 302, response.status_code
    figures[("vote POST", "uncached")] = (len(queries), statistics.median(timings) * 1000)
    return figures


def page_lines(busy: dict, seen: dict, page: str) -> list[str]:
    """wrk lines for a page: each person who may see it with their session; public pages anonymous."""
    path = busy["paths"][page]
    if page in PUBLIC:
        return [f"{page}\tGET\t{path}\t\t"]
    return [f"{page}\tGET\t{path}\t{cookie(entry)}\t" for entry in seen[page]]


def main() -> None:
    (ROOT / "var").mkdir(exist_ok=True)
    say(f"Seeding {run.DATABASE_URL.rsplit('/', 1)[-1]} for the busy hour ...")
    run.recreate_database()
    meta = run.seed()
    busy = seed_busy(meta)
    run.analyze()
    say(f"  {busy['counts']}")
    if "--seed-only" in sys.argv:  # for bench/profile_pages.py
        return
    server = run.start_server()
    try:
        seen = audiences(busy)
        for page in PAGES:
            say(f"  {page:<18} {busy['paths'][page]:<42} seen by {len(seen[page])} people")
        voters = [e for e in busy["people"].values() if "focal point" in e["roles"]]
        ballot_page = run.get(busy["paths"]["ballot"], cookie(voters[0]))[1]
        assert b"Cast vote" in ballot_page, "a focal point's session did not reach the ballot form"
        for page in PUBLIC:
            status, body = run.get(busy["paths"][page])
            assert status == 200, (page, status, body[:300])
        run.drain()
        floor = collect(busy_wrk(["floor\tGET\t/bench-floor/\t\t"], READERS, "floor"))
        votes_during = vote_lines(busy, voters if VOTE_RATE > 0 else voters[:VOTERS])
        reading: dict = {"_all": {"socket_errors": 0}, "_status": {}}
        voting: dict = {"_all": {"socket_errors": 0}, "_status": {}, "vote": []}
        for page in PAGES + PUBLIC:  # each page by everyone who may see it, while focal points vote
            if page in PAGES and not seen[page]:
                continue
            run.drain()
            if VOTE_RATE > 0:
                paced = PacedVotes(votes_during, VOTE_RATE).start()
                readers = collect(busy_wrk(page_lines(busy, seen, page), READERS, page))
                votes = paced.result()
            else:
                readers, votes = (
                    busy_wrk(page_lines(busy, seen, page), READERS, page),
                    busy_wrk(votes_during, VOTERS, f"votes-{page}", think_ms=VOTE_THINK_MS),
                )
                readers, votes = collect(readers), collect(votes)
            reading[page] = readers[page]
            for phase, into in ((readers, reading), (votes, voting)):
                into["_all"]["socket_errors"] += phase["_all"]["socket_errors"]
                into["_status"].update(phase["_status"])
            if "vote" in votes:
                voting["vote"].append(votes["vote"])
        voting["vote"] = _merge(voting["vote"])
        run.drain()
        figures = in_process(busy, seen, voters[0])
        run.drain()
        storm = collect(busy_wrk(vote_lines(busy, voters), len(voters), "storm"))
        closed_in = close_ballot(busy)
    finally:
        server.terminate()
        server.wait(timeout=30)
    uncached = uncached_path(busy, seen) if UNCACHED else None
    report(busy, floor, reading, voting, storm, closed_in, figures, len(voters), uncached)


def uncached_path(busy: dict, seen: dict) -> dict:
    """Every page again with the shared caches off (U4SSC_SHARED_CACHE=0: no page cache, no
    Principal cache, no fragments: the first visit after any write), against a floor measured on
    the same server just before; readers only."""
    os.environ["U4SSC_SHARED_CACHE"] = "0"
    server = run.start_server()
    try:
        run.drain()
        result = {"floor": collect(busy_wrk(["floor\tGET\t/bench-floor/\t\t"], READERS, "u-floor"))["floor"]}
        for page in PAGES + PUBLIC:
            if page in PAGES and not seen[page]:
                continue
            run.drain()
            phase = collect(busy_wrk(page_lines(busy, seen, page), READERS, f"u-{page}"))
            result[page] = phase.get(page) or {
                "requests": 0,
                "rps": 0,
                "errors": READERS,
                "p50": 0,
                "p95": 0,
                "p99": 0,
                "hits": 0,
            }
    finally:
        server.terminate()
        server.wait(timeout=30)
        os.environ.pop("U4SSC_SHARED_CACHE", None)
    return result


def close_ballot(busy: dict) -> tuple[float, int, int]:
    """The Secretariat closes the ballot (its deadline moved to now: the 18th Partner never votes)."""
    from django.utils import timezone

    from governance.models import Ballot, Decision

    Decision.objects.filter(pk=busy["decision"]).update(deadline=timezone.now())
    secretariat = next(e for e in busy["people"].values() if e["person"].username == "secretariat")
    started = time.perf_counter()
    status, body, _ = fetch("POST", f"/decisions/{busy['decision']}/close/", cookie(secretariat))
    elapsed = time.perf_counter() - started
    decision = Decision.objects.get(pk=busy["decision"])
    assert status == 302 and decision.status == Decision.Status.CLOSED, (status, decision.status, body[:300])
    ballots = Ballot.objects.filter(decision=decision).count()
    assert 0 < ballots <= 17 and len(decision.tally.get("votes", [])) == ballots, (ballots, decision.tally)
    recorded = Ballot.history.filter(decision_id=decision.pk).count()
    return elapsed, ballots, recorded


def fetch(method: str, path: str, cookie_header: str, body: str | None = None, timeout: float = 30):
    """One request on its own connection, redirects not followed (a 302 to the second-factor page
    is not a page seen): (status, body, Location). A POST without `body` sends the CSRF token."""
    if method == "POST" and body is None:
        body = f"csrfmiddlewaretoken={CSRF}"
    connection = http.client.HTTPConnection("127.0.0.1", run.PORT, timeout=timeout)
    try:
        connection.request(
            method,
            path,
            body=body,
            headers={"Cookie": cookie_header, "Content-Type": "application/x-www-form-urlencoded"},
        )
        response = connection.getresponse()
        return response.status, response.read(), response.getheader("Location") or ""
    finally:
        connection.close()


def report(busy, floor, reading, voting, storm, closed_in, figures, n_voters, uncached=None) -> list[str]:
    """The figures, each with its target MET or MISSED; returns the misses."""
    load = os.getloadavg()
    say("")
    say(
        f"U4SSC busy hour — {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC — {platform.node()}, "
        f"{platform.machine()}, {os.cpu_count()} CPUs, load average {load[0]:.1f} {load[1]:.1f} {load[2]:.1f} "
        f"(at the end), gunicorn {run.WORKERS} {run.WORKER_CLASS} workers, wrk {SECONDS}s per phase"
    )
    say(f"Cast: {busy['counts']}")
    misses = []

    def row(label, data, floor_rps=None, target=None, p95_ms=None):
        """One line; `target`: the least ratio to the floor; `p95_ms`: the most p95."""
        failed = []
        ratio = data["rps"] / floor_rps if floor_rps else None
        if target is not None and ratio is not None and ratio < target:
            failed.append(f"{ratio:.2f} of the floor (target >= {target})")
        if p95_ms is not None and data["p95"] > p95_ms * 1000:
            failed.append(f"p95 {data['p95'] / 1000:.0f} ms (target < {p95_ms} ms)")
        if data["errors"]:
            failed.append(f"{data['errors']} errors")
        verdict = "" if target is None and p95_ms is None else ("MISSED" if failed else "MET")
        say(
            f"  {label:<46}{data['rps']:>8.0f} {(f'{ratio:6.2f}' if ratio is not None else '     -'):>6}"
            f" {data['p50'] / 1000:>8.1f}{data['p95'] / 1000:>8.1f}{data['p99'] / 1000:>8.1f} {data['errors']:>6d}"
            f" {data.get('hits', 0):>5.0%}  {verdict}"
        )
        if failed:
            misses.append(f"{label.strip()}: " + ", ".join(failed))

    # hits: the share of responses the page cache answered (X-U4SSC-Cache: hit)
    head = f"  {'':<46}   req/s  ratio   p50 ms  p95 ms  p99 ms errors  hits  target"
    floor_rps = floor["floor"]["rps"]
    say("")
    say(f"Caches on: each page read by {READERS} connections while {VOTING}")
    say(head)
    row(f"floor (bare view, {READERS} connections alone)", floor["floor"])
    p95_target = TARGET_P95_MS if READERS <= 8 else None
    for page in PAGES + PUBLIC:
        if page not in reading:
            misses.append(f"{page}: nobody could read it")
            continue
        if page == CHROME:  # the ceiling: no target
            row(CHROME_LABEL, reading[page], floor_rps)
            continue
        row(f"{page} {busy['paths'][page]}"[:46], reading[page], floor_rps, TARGET_RATIO, p95_target)
    if voting["vote"]["requests"]:
        row(f"vote POST (meanwhile: {VOTING})"[:46], voting["vote"])
    say(
        f"  socket errors: readers {reading['_all']['socket_errors']}, voters {voting['_all']['socket_errors']}"
    )
    if uncached:
        say("")
        say(
            f"Caches off (U4SSC_SHARED_CACHE=0, the first visit after a write): {READERS} connections reading"
        )
        say(head)
        row("floor (bare view, same server)", uncached["floor"])
        for page in PAGES + PUBLIC:
            if page in uncached:
                row(
                    CHROME_LABEL if page == CHROME else f"{page} {busy['paths'][page]}"[:46],
                    uncached[page],
                    uncached["floor"]["rps"],
                    None if page == CHROME else TARGET_UNCACHED_RATIO,
                )
    say("")
    say(f"Vote storm: the {n_voters} focal points voting and changing votes at once")
    say(head)
    vote = storm.get("vote")
    if vote:
        row("vote POST", vote, p95_ms=TARGET_VOTE_P95_MS)
        if storm["_all"]["socket_errors"]:
            misses.append(f"vote POST: {storm['_all']['socket_errors']} socket errors")
    elapsed, ballots, recorded = closed_in
    answered = (
        sum(v["requests"] - v["errors"] for v in (voting.get("vote"), storm.get("vote")) if v) + 15
    )  # and the in-process ones
    say(
        f"  the Secretariat closes the ballot: {elapsed * 1000:.0f} ms; {ballots} Partners' ballots counted; "
        f"{recorded} votes recorded in the ballots' history for {answered} vote POSTs answered "
        "(more recorded than answered: wrk stops with votes in flight)"
    )
    if recorded < answered:
        misses.append(f"votes: {answered} accepted but only {recorded} recorded")
    if any(v for v in (reading["_status"], voting["_status"], storm["_status"])):
        say(f"  error statuses: {reading['_status'] | voting['_status'] | storm['_status']}")
    say("")
    say("In-process (test client, same data), per request:   queries  ms (cached)   queries  ms (uncached)")
    for page in PAGES:
        if (page, "cached") in figures:
            qc, mc = figures[(page, "cached")]
            qu, mu = figures[(page, "uncached")]
            say(f"  {page:<48}{qc:>8d} {mc:>10.1f}   {qu:>10d} {mu:>12.1f}")
    qv, mv = figures[("vote POST", "uncached")]
    say(f"  {'vote POST (cast or change, then the redirect)':<48}{'':>8} {'':>10}   {qv:>10d} {mv:>12.1f}")
    say("")
    say("Targets met." if not misses else "Targets missed:\n  " + "\n  ".join(misses))
    return misses


if __name__ == "__main__":
    main()
