"""/healthz answers 503 when the database really cannot be reached; the production settings
pass Django's deployment checks. Both run in a fresh process with its own environment."""

import json
import os
import secrets
import socket
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

HEALTHZ_SCRIPT = """
import json, django
django.setup()
from django.test import Client
from django.test.utils import setup_test_environment
setup_test_environment()
response = Client().get("/healthz")
print(json.dumps({"status": response.status_code, "body": response.json()}))
"""


def closed_port() -> int:
    """A port on which nothing listens (bound, then released)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def clean_env(**extra) -> dict[str, str]:
    env = {
        k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_", "REDIS_", "U4SSC_"))
    }
    env.update(extra)
    return env


def test_healthz_answers_503_when_the_database_is_unreachable():
    port = closed_port()
    env = clean_env(
        DJANGO_SETTINGS_MODULE="u4ssc.settings_test",
        DATABASE_URL=f"postgres://postgres@127.0.0.1:{port}/u4ssc_unreachable",
    )
    done = subprocess.run(
        [sys.executable, "-c", HEALTHZ_SCRIPT], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr[-3000:]
    answer = json.loads(done.stdout.strip().splitlines()[-1])
    assert answer["status"] == 503
    assert answer["body"]["status"] == "error"
    assert answer["body"]["database"] == "unreachable: OperationalError"


def test_check_deploy_passes_with_production_settings_and_a_real_secret():
    env = clean_env(DJANGO_SETTINGS_MODULE="u4ssc.settings", DJANGO_SECRET_KEY=secrets.token_urlsafe(64))
    done = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "System check identified no issues" in done.stdout


def test_production_settings_refuse_to_serve_without_a_secret():
    env = clean_env(DJANGO_SETTINGS_MODULE="u4ssc.settings")
    serve = subprocess.run(
        [sys.executable, "-c", "import u4ssc.wsgi"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert serve.returncode != 0
    assert "DJANGO_SECRET_KEY must be set when DEBUG is off" in serve.stderr
    deploy = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert deploy.returncode != 0
    assert "portal.E001" in deploy.stderr


def test_tooling_that_signs_nothing_runs_without_a_secret():
    env = clean_env(DJANGO_SETTINGS_MODULE="u4ssc.settings")
    done = subprocess.run(
        [sys.executable, "manage.py", "makemigrations", "--check", "--dry-run"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr
