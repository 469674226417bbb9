"""Scale-out: two web servers, two workers and one beat share PostgreSQL, Redis and a media
directory. A session started on one server is valid on the other; a file uploaded through one
downloads through the other; each tick of a periodic job runs exactly once."""

from __future__ import annotations

import datetime as dt
import http.cookiejar
import re
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.db import connection
from django.utils import timezone

from meetings import services as meeting_services
from meetings.models import Minutes
from tests.scaleout.tasks import TABLE

pytestmark = [pytest.mark.postgres, pytest.mark.redis, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-long-scale-out-passphrase"
MINUTES_PDF = b"%PDF-1.4\n% minutes of the City Platforms call\n" + uuid.uuid4().hex.encode() + b"\n%%EOF\n"


class Browser:
    """A tiny HTTP client with one cookie jar (cookies ignore the port, as in a real browser)."""

    def __init__(self):
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), _NoRedirect())

    def request(self, url: str, data: bytes | None = None, headers: dict | None = None):
        req = urllib.request.Request(url, data=data, headers=headers or {})
        try:
            response = self.opener.open(req, timeout=30)
        except urllib.error.HTTPError as error:  # 3xx/4xx/5xx come back as errors
            response = error
        body = response.read()
        return response.status, response.headers, body

    def csrf(self, url: str) -> str:
        _, _, body = self.request(url)
        match = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body)
        assert match, f"no CSRF token on {url}"
        return match.group(1).decode()

    def post_form(self, url: str, fields: dict, files: dict | None = None):
        fields = {"csrfmiddlewaretoken": self.csrf(url), **fields}
        if not files:
            return self.request(url, urllib.parse.urlencode(fields).encode())
        boundary = uuid.uuid4().hex
        parts = []
        for name, value in fields.items():
            parts.append(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
            )
        for name, (filename, content, ctype) in files.items():
            parts.append(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
                f"Content-Type: {ctype}\r\n\r\n".encode()
                + content
                + b"\r\n"
            )
        parts.append(f"--{boundary}--\r\n".encode())
        return self.request(
            url, b"".join(parts), {"Content-Type": f"multipart/form-data; boundary={boundary}"}
        )


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


@pytest.fixture
def leader(cast):
    """leader_x, with a password the production hasher understands and a verified email."""
    person = cast.leader_x
    person.password = PBKDF2PasswordHasher().encode(PASSWORD, PBKDF2PasswordHasher().salt())
    person.save(update_fields=["password"])
    EmailAddress.objects.create(user=person, email=person.email, verified=True, primary=True)
    return person


def test_a_session_and_an_upload_cross_between_the_web_servers(web_servers, cast, leader):
    one, two = web_servers
    meeting = meeting_services.emeeting_schedule(
        by=leader,
        title="City Platforms call on the draft guide",
        starts_at=timezone.now() - dt.timedelta(hours=1),
        thematic_group=cast.group_x,
        held=True,
    )
    browser = Browser()
    status, headers, _ = browser.post_form(
        f"{one}/accounts/login/", {"login": "leader_x", "password": PASSWORD}
    )
    assert status == 302, "sign-in on server one failed"

    # The session started on server one is valid on server two.
    status, _, body = browser.request(f"{two}/me/")
    assert status == 200, "server two does not know the session"  # anonymous: 302 to sign in
    assert b"Sign out" in body

    # A file uploaded through server two downloads through server one, byte for byte.
    status, headers, body = browser.post_form(
        f"{two}/meetings/{meeting.slug}/minutes/",
        {},
        files={"file": ("minutes.pdf", MINUTES_PDF, "application/pdf")},
    )
    assert status == 302, body[:2000]
    minutes = Minutes.objects.get(meeting=meeting)
    status, headers, body = browser.request(f"{one}/meetings/minutes/{minutes.pk}/download/")
    assert status == 200
    assert body == MINUTES_PDF
    assert headers["Content-Disposition"].startswith("attachment")
    assert headers["X-Content-Type-Options"] == "nosniff"

    # Signing out on server one ends the session on server two too.
    token = browser.csrf(f"{one}/me/")
    status, _, _ = browser.request(
        f"{one}/accounts/logout/", urllib.parse.urlencode({"csrfmiddlewaretoken": token}).encode()
    )
    assert status == 302
    status, headers, _ = browser.request(f"{two}/me/")
    assert status == 302 and "/accounts/login/" in headers["Location"]


@pytest.fixture
def tick_table(db):
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE TABLE IF NOT EXISTS {TABLE} (task_id text, worker text, ran_at timestamptz)")
        cursor.execute(f"DELETE FROM {TABLE}")
    yield
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {TABLE}")


def _ticks() -> list[tuple[str, str]]:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT task_id, worker FROM {TABLE}")
        return cursor.fetchall()


def test_each_periodic_tick_runs_once_with_two_workers_and_one_beat(processes, tick_table, tmp_path):
    import redis

    redis.Redis.from_url(processes.env["REDIS_URL"]).delete("u4ssc-scaleout")  # a queue of this test only
    for i in (1, 2):
        processes.start(
            f"worker{i}",
            "celery",
            "-A",
            "u4ssc",
            "worker",
            "--concurrency=1",
            "--pool=solo",
            "-Q",
            "u4ssc-scaleout",
            "-n",
            f"scaleout{i}@%h",
            "--without-gossip",
            "--without-mingle",
            "--loglevel=info",
        )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not all("ready" in processes.log(f"worker{i}") for i in (1, 2)):
        time.sleep(0.5)
    assert all("ready" in processes.log(f"worker{i}") for i in (1, 2)), processes.log("worker1")
    started = time.monotonic()
    beat = processes.start(
        "beat",
        "celery",
        "-A",
        "u4ssc",
        "beat",
        "--loglevel=info",
        "--schedule",
        str(tmp_path / "beat-schedule"),
    )
    # Until beat has sent five ticks (a second apart; a loaded machine starts beat slowly), then
    # until the workers have run every tick beat sent.
    deadline = time.monotonic() + 90
    while (
        time.monotonic() < deadline
        and processes.log("beat", tail=None).count("Sending due task scaleout-tick") < 5
    ):
        time.sleep(0.25)
    beat.terminate()
    beat.wait(timeout=15)
    elapsed = time.monotonic() - started
    sent = processes.log("beat", tail=None).count("Sending due task scaleout-tick")
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and len(_ticks()) < sent:
        time.sleep(0.25)
    ticks = _ticks()
    ids = [task_id for task_id, _ in ticks]
    assert len(ids) >= 4, processes.log("beat")
    assert len(ids) == len(set(ids)), "a tick ran twice"
    assert len(ids) <= elapsed + 1, f"{len(ids)} ticks in {elapsed:.1f}s: more than one beat is sending"
    workers = {worker.rsplit(":", 1)[-1].split("@")[0] for _, worker in ticks}
    assert workers <= {"scaleout1", "scaleout2"}
