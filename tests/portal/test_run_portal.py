"""`manage.py run_portal` (what `make run` starts) without Redis: a real web server, Celery
worker and beat on the broker folder (kombu's filesystem transport), sharing the database.
Beat schedules the closing of ballots past their deadline, the worker closes one, and SIGTERM
stops the three processes.

On SQLite the processes share a file copied from the test database (WAL, as `make run`); on
PostgreSQL they use the test database. The tests commit their data."""

import datetime as dt
import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
import urllib.request

import pytest
import time_machine
from django.db import connection
from django.utils import timezone

from governance.models import Decision
from tests.cast import build_cast
from tests.reminders.factories import open_decision
from tests.reminders.harness import BASE_DIR, free_port, wait_for, worker_database_url

pytestmark = pytest.mark.django_db(transaction=True)


def share_database(tmp_path):
    """The database URL for the portal's processes, and a reader of a decision's status there:
    on SQLite a file copied from the test database (call it once the data is committed)."""
    if connection.vendor != "sqlite":
        return worker_database_url(), lambda pk: Decision.objects.get(pk=pk).status, None
    path = tmp_path / "db.sqlite3"
    connection.ensure_connection()
    with sqlite3.connect(path) as copy:
        connection.connection.backup(copy)

    def status(pk):
        with sqlite3.connect(path) as db:
            return db.execute("SELECT status FROM governance_decision WHERE id = ?", [pk]).fetchone()[0]

    return f"sqlite:///{path}", status, path


def _pids(log: str) -> dict[str, int]:
    return {name: int(pid) for name, pid in re.findall(r"run_portal: (\w+) started \(pid (\d+)\)", log)}


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def test_run_portal_closes_an_expired_ballot_with_its_own_worker_and_beat_then_stops(
    tmp_path,
):
    opened = timezone.now() - dt.timedelta(days=3)
    with time_machine.travel(opened, tick=False):  # opened three days ago, closing a day later
        build_cast()
        decision = open_decision("Adopt the 2027 workplan?", deadline=opened + dt.timedelta(days=1))
    database_url, status_of, sqlite_path = share_database(tmp_path)
    port = free_port()
    log_path = tmp_path / "run_portal.log"
    env = {key: value for key, value in os.environ.items() if key != "REDIS_URL"}  # no broker server
    env.update(
        DJANGO_SETTINGS_MODULE="u4ssc.settings_test",
        DATABASE_URL=database_url,
        DJANGO_CONN_MAX_AGE="0",
        U4SSC_CELERY_EAGER="0",
        U4SSC_CELERY_DIR=str(tmp_path / "celery"),
        U4SSC_CLOSE_DUE_SECONDS="1",  # beat sends the closing job every second
    )
    with open(log_path, "w") as log:
        portal = subprocess.Popen(
            [sys.executable, "manage.py", "run_portal", f"127.0.0.1:{port}", "--noreload"],
            cwd=BASE_DIR,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        assert status_of(decision.pk) == Decision.Status.OPEN
        wait_for(
            lambda: status_of(decision.pk) == Decision.Status.CLOSED,
            timeout=120,
            what=f"the worker to close the ballot:\n{log_path.read_text()[-3000:]}",
            interval=0.5,
        )

        def health():
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5) as response:
                    return response.status, json.loads(response.read())
            except OSError:
                return None

        code, body = wait_for(health, timeout=60, what="the web server", interval=0.5)
        assert code == 200 and body["broker"] == "ok (folder)"
        portal.send_signal(signal.SIGTERM)
        assert portal.wait(timeout=60) == 0
    finally:
        if portal.poll() is None:
            os.killpg(portal.pid, signal.SIGKILL)
            portal.wait()
    output = log_path.read_text()
    assert re.search(r"Task governance\.tasks\.close_due_decisions\[.*\] succeeded", output), output[-3000:]
    assert "database is locked" not in output
    pids = _pids(output)
    assert set(pids) == {"worker", "beat", "web"}, output[-3000:]
    assert not [name for name, pid in pids.items() if _alive(pid)]  # all three stopped
    assert "run_portal: stopped" in output
    if sqlite_path:
        with sqlite3.connect(sqlite_path) as db:
            assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
