"""Which real services this machine has. Tests that need one are marked and skipped with a
reason when it is missing; with U4SSC_REQUIRE_SERVICES=1 (CI) the skip becomes a failure."""

from __future__ import annotations

import os
import shutil
import socket
from functools import cache
from urllib.parse import urlparse

import pytest
from django.conf import settings

# Debian's headless shell (package chromium-headless-shell: the same Chromium without the desktop
# browser around it, which Playwright itself uses for headless runs): a third less CPU for the
# browser tests than the full /usr/bin/chromium (README "Suite time"); the full one when it is
# the only one here.
HEADLESS_SHELL, FULL_CHROMIUM = "/usr/bin/chromium-headless-shell", "/usr/bin/chromium"
CHROMIUM = os.environ.get("U4SSC_CHROMIUM") or (
    HEADLESS_SHELL if os.path.exists(HEADLESS_SHELL) else FULL_CHROMIUM
)


def require_services() -> bool:
    return os.environ.get("U4SSC_REQUIRE_SERVICES") == "1"


@cache
def _port_answers(url: str, default_port: int) -> bool:
    parsed = urlparse(url)
    try:
        with socket.create_connection(
            (parsed.hostname or "127.0.0.1", parsed.port or default_port), timeout=1
        ):
            return True
    except OSError:
        return False


def missing(service: str) -> str | None:
    """Why `service` cannot be used here, or None when it can."""
    if service == "postgres":
        if not settings.ON_POSTGRES:
            return "needs PostgreSQL: DATABASE_URL is not a postgres:// URL (tests ran on SQLite)"
        return None
    if service == "redis":
        url = settings.REDIS_URL
        if not url:
            return "needs Redis and a Celery worker: REDIS_URL is not set"
        if not _port_answers(url, 6379):
            return f"needs Redis: nothing answers at {url}"
        return None
    if service == "browser":
        if not (os.path.exists(CHROMIUM) or shutil.which("chromium")):
            return f"needs Debian's Chromium at {CHROMIUM} (apt-get install chromium-headless-shell)"
        return None
    if service == "pango":
        from kernel.pdf import weasyprint_missing

        return weasyprint_missing()
    raise ValueError(service)


def skip_or_fail(reason: str) -> None:
    if require_services():
        pytest.fail(f"U4SSC_REQUIRE_SERVICES=1 but this test {reason}", pytrace=False)
    pytest.skip(reason)
