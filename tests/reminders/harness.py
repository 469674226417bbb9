"""Real services for the worker tests: a local SMTP server (aiosmtpd), a Celery worker
process consuming from Redis and using the test database, and a private redis-server that
a test may stop and start (never the shared one)."""

from __future__ import annotations

import asyncio
import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from email import message_from_bytes
from pathlib import Path

import redis
from aiosmtpd.controller import Controller
from django.conf import settings
from django.db import connection

BASE_DIR = Path(settings.BASE_DIR)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(predicate, *, timeout: float, what: str, interval: float = 0.1):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(f"Timed out after {timeout:.0f}s waiting for {what}")


class SinkHandler:
    """Accepts, refuses (451, a temporary failure) or holds messages, as the test says."""

    def __init__(self):
        self.mode = "accept"
        self.messages = []
        self.attempts = 0
        self.held = threading.Event()

    async def handle_DATA(self, server, session, envelope):
        self.attempts += 1
        if self.mode == "reject":
            return "451 4.3.0 Mail server busy, try again later"
        if self.mode == "hold":
            # Keep the sender waiting for the reply, as a slow server would; the message is
            # not accepted until "250", and the wait is cancelled when the sender dies.
            self.held.set()
            await asyncio.sleep(3600)
        self.messages.append(message_from_bytes(envelope.original_content or envelope.content))
        return "250 2.0.0 OK"

    def recipients(self) -> list[str]:
        return sorted(m["To"] for m in self.messages)


@contextlib.contextmanager
def smtp_sink():
    handler = SinkHandler()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        yield controller, handler
    finally:
        controller.stop()


def worker_database_url() -> str:
    db = connection.settings_dict
    auth = db["USER"] + (f":{db['PASSWORD']}" if db.get("PASSWORD") else "")
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


# pytest-xdist runs up to this many workers side by side (Makefile: TEST_WORKERS, 3 here): each test
# suite's own Redis database number is spaced this far from the next one, and a worker adds its
# index, so two workers never share (or flush) one another's database.
MAX_XDIST_WORKERS = 3


def xdist_worker_index() -> int:
    """0 without pytest-xdist, else the worker's number (gw0 → 0, gw1 → 1...)."""
    name = os.environ.get("PYTEST_XDIST_WORKER", "gw0")
    index = int(name.removeprefix("gw") or 0)
    if index >= MAX_XDIST_WORKERS:
        raise RuntimeError(
            f"Redis databases are spaced for {MAX_XDIST_WORKERS} xdist workers, not {index + 1}"
        )
    return index


def redis_db_url(db: int = 5) -> str:
    """The shared Redis (REDIS_URL's server) with this suite's own database number (2, 5, 8 or 11,
    plus the xdist worker's index)."""
    assert db % MAX_XDIST_WORKERS == 2, "suite databases are 2, 5, 8, 11: spaced for the xdist workers"
    base = settings.REDIS_URL.rsplit("/", 1)[0] if settings.REDIS_URL.count("/") > 2 else settings.REDIS_URL
    return f"{base}/{db + xdist_worker_index()}"


class Worker:
    """`celery -A u4ssc worker` in its own process group, on the test database."""

    def __init__(
        self, *, broker_url: str, smtp_port: int, visibility_timeout: int = 2, env: dict | None = None
    ):
        self.log = tempfile.NamedTemporaryFile(  # noqa: SIM115 - the worker writes to it until stop()
            "w+", prefix="reminders-worker-", suffix=".log", delete=False
        )
        worker_env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "u4ssc.settings_test",
            "U4SSC_CELERY_EAGER": "0",
            "REDIS_URL": broker_url,
            "DATABASE_URL": worker_database_url(),
            "DJANGO_CONN_MAX_AGE": "0",
            "EMAIL_URL": f"smtp://127.0.0.1:{smtp_port}",
            "U4SSC_VISIBILITY_TIMEOUT": str(visibility_timeout),
            "U4SSC_REMINDER_MAX_RETRIES": "2",
            "U4SSC_REMINDER_RETRY_BACKOFF": "1",
            **(env or {}),
        }
        command = [
            sys.executable, "-m", "celery", "-A", "u4ssc", "worker",
            "--pool=solo", "--without-heartbeat", "--without-gossip", "--without-mingle",
            "--loglevel=INFO", "-n", f"reminders-{uuid.uuid4().hex[:8]}@%h",
        ]  # fmt: skip
        self.process = subprocess.Popen(
            command,
            cwd=BASE_DIR,
            env=worker_env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        wait_for(self._ready, timeout=90, what="the Celery worker to be ready", interval=0.2)

    def output(self) -> str:
        return Path(self.log.name).read_text(errors="replace")

    def _ready(self) -> bool:
        if self.process.poll() is not None:
            raise AssertionError(f"The worker exited ({self.process.returncode}):\n{self.output()[-3000:]}")
        return " ready." in self.output()

    def kill(self, sig=signal.SIGKILL) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, sig)
            self.process.wait(timeout=30)

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.kill()
        self.log.close()
        os.unlink(self.log.name)


class RedisServer:
    """A private redis-server on a free port, without persistence, that a test may stop."""

    def __init__(self):
        self.binary = shutil.which("redis-server")
        self.port = free_port()
        self.process = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/5"

    def start(self) -> None:
        self.process = subprocess.Popen(
            [
                self.binary,
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_for(self.answers, timeout=15, what=f"redis-server on port {self.port}")

    def answers(self) -> bool:
        try:
            return redis.Redis(port=self.port, socket_connect_timeout=0.5).ping()
        except redis.RedisError:
            return False

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=15)


@contextlib.contextmanager
def publishing_to(broker_url: str):
    """This test process sends tasks to `broker_url` instead of running them in-process."""
    from u4ssc.celery import app

    def reset_pools():
        app._pool = None  # kombu's global pools keep theirs, keyed by broker URL
        amqp = app.__dict__.get("amqp")
        if amqp is not None:
            amqp._producer_pool = None

    old = (app.conf.broker_url, app.conf.task_always_eager)
    app.conf.broker_url = broker_url
    app.conf.task_always_eager = False
    reset_pools()
    try:
        yield app
    finally:
        app.conf.broker_url, app.conf.task_always_eager = old
        reset_pools()


def queue_drained(url: str) -> bool:
    client = redis.Redis.from_url(url)
    return client.llen("celery") == 0 and client.hlen("unacked") == 0
