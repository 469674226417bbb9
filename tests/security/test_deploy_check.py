"""Production settings pass Django's deployment checklist, run as a real subprocess."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# Variables the test settings set for themselves: production must not inherit them.
TEST_ONLY = (
    "DJANGO_SECURE_COOKIES",
    "DJANGO_SECURE_SSL_REDIRECT",
    "DJANGO_DEBUG",
    "DJANGO_ALLOW_ASYNC_UNSAFE",
    "U4SSC_MFA_ENFORCED",
)


def _production_env(**extra) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in TEST_ONLY}
    env["DJANGO_SETTINGS_MODULE"] = "u4ssc.settings"
    env.update(extra)
    return env


def _manage(*args, env) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def test_check_deploy_passes_in_production_settings_with_a_real_secret():
    result = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        env=_production_env(DJANGO_SECRET_KEY=secrets.token_urlsafe(50)),
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_check_deploy_fails_when_cookies_are_not_secure():
    """The check is not vacuous: plain-HTTP cookies in production are reported."""
    env = _production_env(DJANGO_SECRET_KEY=secrets.token_urlsafe(50), DJANGO_SECURE_COOKIES="0")
    result = _manage("check", "--deploy", "--fail-level", "WARNING", env=env)
    assert result.returncode != 0
    assert "security.W012" in result.stderr + result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    env = _production_env()
    env.pop("DJANGO_SECRET_KEY", None)
    result = _manage("check", "--deploy", env=env)
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


def test_production_settings_require_the_admin_second_factor():
    env = _production_env(DJANGO_SECRET_KEY=secrets.token_urlsafe(50))
    code = "from django.conf import settings; print('SETTINGS', settings.U4SSC_MFA_ENFORCED, settings.DEBUG)"
    result = _manage("shell", "--no-imports", "-c", code, env=env)
    assert result.returncode == 0, result.stderr
    assert "SETTINGS True False" in result.stdout
