"""Two web servers (gunicorn on two loopback ports), two Celery workers and one beat, sharing
PostgreSQL (the test database), Redis and one media directory."""

from __future__ import annotations

import os
import secrets
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings

from tests.reminders.harness import free_port, redis_db_url

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent


def database_url() -> str:
    db = settings.DATABASES["default"]
    user = db.get("USER") or "postgres"
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    host = db.get("HOST") or "127.0.0.1"
    port = db.get("PORT") or 5432
    return f"postgres://{user}{password}@{host}:{port}/{db['NAME']}"


@pytest.fixture
def cluster_env(tmp_path) -> dict:
    media = tmp_path / "shared-media"
    media.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST", "DJANGO_", "U4SSC_"))}
    env.update(
        DJANGO_SETTINGS_MODULE="tests.scaleout.settings_scaleout",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_SECURE_SSL_REDIRECT="0",
        DJANGO_SECURE_COOKIES="0",
        DJANGO_CONN_MAX_AGE="0",
        DATABASE_URL=database_url(),
        REDIS_URL=redis_db_url(11),  # its own database number (xdist workers run side by side)
        U4SSC_MEDIA_ROOT=str(media),
        PYTHONPATH=str(ROOT),
    )
    return env


class Processes:
    def __init__(self, env: dict, logs: Path):
        self.env, self.logs, self.started = env, logs, []

    def start(self, name: str, *args: str) -> subprocess.Popen:
        log = open(self.logs / f"{name}.log", "wb")  # noqa: SIM115 (closed in stop())
        process = subprocess.Popen(
            [str(BIN / args[0]), *args[1:]], cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT
        )
        self.started.append((name, process, log))
        return process

    def log(self, name: str, tail: int | None = 3000) -> str:
        text = (self.logs / f"{name}.log").read_text(errors="replace")
        return text[-tail:] if tail else text

    def stop(self) -> None:
        for _, process, _ in self.started:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for _, process, log in self.started:
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
            log.close()


@pytest.fixture
def processes(cluster_env, tmp_path):
    procs = Processes(cluster_env, tmp_path)
    yield procs
    procs.stop()


def wait_for_http(url: str, procs: Processes, name: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise AssertionError(f"{name} did not answer at {url}:\n{procs.log(name)}")


@pytest.fixture
def web_servers(processes) -> list[str]:
    urls = []
    for i, port in enumerate((free_port(), free_port()), start=1):
        processes.start(
            f"web{i}",
            "gunicorn",
            "u4ssc.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "1",
            "--threads",
            "2",
        )
        urls.append(f"http://127.0.0.1:{port}")
    for i, url in enumerate(urls, start=1):
        wait_for_http(f"{url}/healthz", processes, f"web{i}")
    return urls
