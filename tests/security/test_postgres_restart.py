"""PostgreSQL restarted under load: requests in flight fail cleanly, no ballot is half written, and
the next requests succeed without restarting the web server (CONN_HEALTH_CHECKS).

The test's database (migrated, with the cast and an open decision) is copied with pg_dump into a
private PostgreSQL cluster on a free loopback port; a gunicorn web server (production settings,
persistent connections) serves it; four threads vote as a focal point while the cluster is
restarted (`pg_ctl restart -m fast`: every connection is cut)."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import psycopg2
import pytest
from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore
from django.utils import timezone

from governance import services
from governance.models import Decision
from tests.reminders.harness import free_port
from tests.services import skip_or_fail

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
PG_BIN = (
    next(iter(sorted(Path("/usr/lib/postgresql").glob("*/bin"))), None)
    if Path("/usr/lib/postgresql").exists()
    else None
)


def _as_postgres(*args: str, **kwargs) -> subprocess.CompletedProcess:
    command = [*args] if os.geteuid() != 0 else ["runuser", "-u", "postgres", "--", *args]
    return subprocess.run(command, check=True, capture_output=True, timeout=120, **kwargs)


class PrivateCluster:
    def __init__(self):
        self.port = free_port()
        self.directory = Path(tempfile.mkdtemp(prefix="u4ssc-pg-"))
        self.data = self.directory / "data"
        self.log = self.directory / "postgres.log"
        if os.geteuid() == 0:
            shutil.chown(self.directory, "postgres", "postgres")

    @property
    def url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/u4ssc"

    def init(self) -> None:
        _as_postgres(str(PG_BIN / "initdb"), "-D", str(self.data), "--auth=trust", "-U", "postgres")

    def _ctl(self, *args: str) -> None:
        _as_postgres(
            str(PG_BIN / "pg_ctl"),
            "-D",
            str(self.data),
            "-l",
            str(self.log),
            "-w",
            "-o",
            f"-p {self.port} -c listen_addresses=127.0.0.1 -k {self.directory}",
            *args,
        )

    def start(self) -> None:
        self._ctl("start")

    def restart(self) -> None:
        self._ctl("-m", "fast", "restart")

    def stop(self) -> None:
        with contextlib.suppress(subprocess.CalledProcessError):
            self._ctl("-m", "immediate", "stop")
        shutil.rmtree(self.directory, ignore_errors=True)

    def connect(self):
        return psycopg2.connect(host="127.0.0.1", port=self.port, user="postgres", dbname="u4ssc")


@pytest.fixture
def cluster():
    if PG_BIN is None or not (PG_BIN / "initdb").exists():
        skip_or_fail("needs PostgreSQL's server binaries (initdb, pg_ctl)")
    cluster = PrivateCluster()
    cluster.init()
    cluster.start()
    yield cluster
    cluster.stop()


def _copy_test_database(cluster: PrivateCluster) -> None:
    db = settings.DATABASES["default"]
    source = {
        "PGHOST": db.get("HOST") or "127.0.0.1",
        "PGPORT": str(db.get("PORT") or 5432),
        "PGUSER": db.get("USER") or "postgres",
        "PGPASSWORD": db.get("PASSWORD") or "",
    }
    env = {**os.environ, **source}
    subprocess.run(
        [str(PG_BIN / "createdb"), "-h", "127.0.0.1", "-p", str(cluster.port), "-U", "postgres", "u4ssc"],
        check=True,
        capture_output=True,
        timeout=60,
    )
    dump = subprocess.run(
        [str(PG_BIN / "pg_dump"), "--no-owner", "--no-privileges", "-d", db["NAME"]],
        check=True,
        capture_output=True,
        timeout=120,
        env=env,
    )
    subprocess.run(
        [str(PG_BIN / "psql"), "-q", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1", "-p", str(cluster.port)]
        + ["-U", "postgres", "-d", "u4ssc"],
        input=dump.stdout,
        check=True,
        capture_output=True,
        timeout=120,
    )


class Voter:
    """One browser: the focal point's session cookie and the CSRF cookie of its first page."""

    def __init__(self, base: str, session_key: str):
        self.base = base
        self.opener = urllib.request.build_opener(_NoRedirect())
        self.cookies = {settings.SESSION_COOKIE_NAME: session_key}

    def request(self, path: str, data: bytes | None = None) -> tuple[int, bytes]:
        req = urllib.request.Request(self.base + path, data=data)
        req.add_header("Cookie", "; ".join(f"{k}={v}" for k, v in self.cookies.items()))
        try:
            response = self.opener.open(req, timeout=30)
        except urllib.error.HTTPError as error:
            response = error
        for header in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            if name == settings.CSRF_COOKIE_NAME:
                self.cookies[name] = rest.split(";", 1)[0]
        return response.status, response.read()

    def vote(self, decision_path: str, partner_id: int, choice: str) -> int:
        status, body = self.request(decision_path)
        if status != 200:
            return status
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1).decode()
        prefix = f"p{partner_id}"
        fields = {
            "csrfmiddlewaretoken": token,
            f"{prefix}-partner": partner_id,
            f"{prefix}-choice": choice,
            f"{prefix}-comment": "",
        }
        status, _ = self.request(f"{decision_path}vote/", urllib.parse.urlencode(fields).encode())
        return status


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def test_a_postgresql_restart_under_load_fails_cleanly_and_the_next_votes_succeed(cast, cluster, tmp_path):
    decision = services.decision_open(
        by=cast.secretariat,
        kind=Decision.Kind.OTHER,
        question="Shall the annual meeting of next year be held online?",
        deadline=timezone.now() + dt.timedelta(days=7),
    )
    session = SessionStore()  # the focal point signed in (production settings keep sessions in the DB)
    session["_auth_user_id"] = str(cast.focal_a.pk)
    session["_auth_user_backend"] = "django.contrib.auth.backends.ModelBackend"
    session["_auth_user_hash"] = cast.focal_a.get_session_auth_hash()
    session.create()
    _copy_test_database(cluster)

    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST", "DJANGO_", "U4SSC_", "REDIS_"))}
    env.update(
        DJANGO_SETTINGS_MODULE="u4ssc.settings",
        DJANGO_SECRET_KEY=settings.SECRET_KEY,  # the session above is signed with it
        DJANGO_SECURE_SSL_REDIRECT="0",
        DJANGO_SECURE_COOKIES="0",
        DJANGO_CONN_MAX_AGE="600",  # persistent connections: the restart cuts them under the server
        DATABASE_URL=cluster.url,
        U4SSC_RATE_VOTES="100000",
        U4SSC_MEDIA_ROOT=str(tmp_path / "media"),
        PYTHONPATH=str(ROOT),
    )
    log = open(tmp_path / "web.log", "wb")  # noqa: SIM115 (closed below)
    web = subprocess.Popen(
        [str(BIN / "gunicorn"), "u4ssc.wsgi:application", "--bind", f"127.0.0.1:{port}"]
        + ["--workers", "1", "--threads", "4", "--timeout", "60"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    path = decision.get_absolute_url()
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if Voter(base, session.session_key).request("/healthz")[0] == 200:
                    break
            except OSError:
                time.sleep(0.3)
        assert Voter(base, session.session_key).vote(path, cast.partner_a.pk, "yes") == 302

        outcomes: list[int | str] = []
        stop = threading.Event()

        def vote_in_a_loop(n: int) -> None:
            voter = Voter(base, session.session_key)
            choices = ("yes", "no", "abstain")
            i = 0
            while not stop.is_set():
                try:
                    outcomes.append(voter.vote(path, cast.partner_a.pk, choices[(n + i) % 3]))
                except OSError as exc:  # the server must answer, not drop the connection
                    outcomes.append(f"connection error: {exc}")
                i += 1

        threads = [threading.Thread(target=vote_in_a_loop, args=(n,)) for n in range(4)]
        for thread in threads:
            thread.start()
        time.sleep(1.5)
        before_restart = len(outcomes)
        cluster.restart()
        time.sleep(1.5)
        stop.set()
        for thread in threads:
            thread.join(timeout=60)
        web_log = (tmp_path / "web.log").read_text(errors="replace")

        assert before_restart > 0 and 302 in outcomes
        # Requests in flight fail with the 500 page (OperationalError), none hangs or loses its connection.
        assert set(outcomes) <= {302, 500}, (set(outcomes), web_log[-3000:])
        assert "OperationalError" in web_log  # the restart did cut requests
        assert web.poll() is None, web_log[-3000:]  # the web server is still up, never restarted

        # The next requests succeed on the same server.
        voter = Voter(base, session.session_key)
        assert [voter.vote(path, cast.partner_a.pk, c) for c in ("no", "abstain", "yes")] == [302] * 3

        # No half-written ballot: one row, and its state is the last history record's.
        with cluster.connect() as connection, connection.cursor() as cursor:
            cursor.execute(
                "SELECT choice, receipt_code FROM governance_ballot WHERE decision_id = %s AND partner_id = %s",
                [decision.pk, cast.partner_a.pk],
            )
            rows = cursor.fetchall()
            cursor.execute(
                "SELECT choice, receipt_code, history_type FROM governance_historicalballot "
                "WHERE decision_id = %s AND partner_id = %s ORDER BY history_date, history_id",
                [decision.pk, cast.partner_a.pk],
            )
            history = cursor.fetchall()
        assert len(rows) == 1 and rows[0] == ("yes", history[-1][1]) and history[-1][0] == "yes"
        assert len({receipt for _, receipt, _ in history}) == len(history)  # one record per vote
        accepted = 1 + outcomes.count(302) + 3
        assert accepted <= len(history) <= accepted + outcomes.count(500)
    finally:
        web.terminate()
        try:
            web.wait(timeout=15)
        except subprocess.TimeoutExpired:
            web.kill()
        log.close()
