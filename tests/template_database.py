"""Each xdist worker's test database cloned from a migrated template (PostgreSQL only).

Making a test database runs every migration: ~12 s of CPU on PostgreSQL, for each worker at the
start of every run, while the code of the portal has not changed. The first run of a version of
the code makes its test database as Django does, then copies it to a template database named by a
hash of every Python file of the portal outside `tests/` and `bench/` (migrations and the code
they import), `pyproject.toml` and Django's version; later runs of the same code copy that
template (`CREATE DATABASE … TEMPLATE`, ~1 s) instead of migrating. Any change to that code gives
another name, so a template is never used for code it was not made with; the other templates are
dropped when a new one is made. `U4SSC_TEST_DB_TEMPLATE=0` turns it off. The migrations
themselves are tested on fresh databases by tests/foundation/test_migration_upgrade.py and by
`makemigrations --check` (tests/foundation/test_healthz_and_deploy.py).
"""

from __future__ import annotations

import functools
import hashlib
import os
from pathlib import Path

import django
from django.conf import settings
from django.db import connections

ROOT = Path(__file__).resolve().parents[1]
_SKIP = {"tests", "bench", ".venv", "var", "node_modules", ".git", "staticfiles", "static", "test-artifacts"}
PREFIX = "u4ssc_tmpl_"
LOCK = 48151623  # pg_advisory_lock key: one worker at a time makes or copies a template


@functools.cache
def _code_hash() -> str:
    digest = hashlib.sha256(f"{django.get_version()}\n".encode())
    files = [ROOT / "pyproject.toml"]
    for folder, dirs, names in os.walk(ROOT):
        dirs[:] = sorted(d for d in dirs if d not in _SKIP and not d.startswith("."))
        files += [Path(folder) / name for name in sorted(names) if name.endswith(".py")]
    for path in files:
        digest.update(str(path.relative_to(ROOT)).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def wanted() -> bool:
    return os.environ.get("U4SSC_TEST_DB_TEMPLATE", "1") != "0" and all(
        connections[alias].vendor == "postgresql" for alias in settings.DATABASES
    )


def template_name(alias: str) -> str:
    return f"{PREFIX}{alias}_{_code_hash()}"


def clone(alias: str):
    """The test database of `alias` copied from its template, as `setup_databases` leaves it; None
    when there is no template yet."""
    connection = connections[alias]
    creation = connection.creation
    template = template_name(alias)
    test_name = creation._get_test_db_name()
    old_name = connection.settings_dict["NAME"]
    with creation._nodb_cursor() as cursor:
        cursor.execute("SELECT pg_advisory_lock(%s)", [LOCK])
        try:
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [template])
            if cursor.fetchone() is None:
                return None
            cursor.execute(f'DROP DATABASE IF EXISTS "{test_name}" WITH (FORCE)')
            cursor.execute(f'CREATE DATABASE "{test_name}" TEMPLATE "{template}"')
        finally:
            cursor.execute("SELECT pg_advisory_unlock(%s)", [LOCK])
    connection.close()
    settings.DATABASES[alias]["NAME"] = test_name
    connection.settings_dict["NAME"] = test_name
    connection.ensure_connection()
    return (connection, old_name, True)


def save(alias: str) -> None:
    """Copy the freshly migrated test database of `alias` to its template; drop older templates."""
    connection = connections[alias]
    template = template_name(alias)
    _keep(connection, template, f"{PREFIX}{alias}_%")


def _keep(connection, template: str, family: str) -> None:
    """Copy the test database of `connection` to `template` (unless it exists), dropping the other
    templates whose names are LIKE `family`."""
    test_name = connection.settings_dict["NAME"]
    connection.close()  # a database is copied only with nobody connected to it
    with connection.creation._nodb_cursor() as cursor:
        cursor.execute("SELECT pg_advisory_lock(%s)", [LOCK])
        try:
            cursor.execute("SELECT datname FROM pg_database WHERE datname LIKE %s", [family])
            existing = {row[0] for row in cursor.fetchall()}
            for stale in existing - {template}:
                cursor.execute(f'DROP DATABASE IF EXISTS "{stale}" WITH (FORCE)')
            if template not in existing:
                cursor.execute(f'CREATE DATABASE "{template}" TEMPLATE "{test_name}"')
        finally:
            cursor.execute("SELECT pg_advisory_unlock(%s)", [LOCK])


# The demo as a template too (tests/shared_demo.py) ------------------------------------------

DEMO_MEDIA_TABLE = "u4ssc_demo_media"  # the demo's files, carried inside its template
_DATA_SUFFIXES = {".csv", ".txt", ".html", ".json", ".po", ".svg", ".png", ".ico", ".css", ".js"}


@functools.cache
def _demo_hash() -> str:
    """The code's hash, plus every data file and template the demo may read or render."""
    digest = hashlib.sha256(_code_hash().encode())
    for folder, dirs, names in os.walk(ROOT):
        dirs[:] = sorted(d for d in dirs if d not in _SKIP and not d.startswith("."))
        for name in sorted(names):
            path = Path(folder) / name
            if path.suffix in _DATA_SUFFIXES:
                digest.update(str(path.relative_to(ROOT)).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def demo_wanted() -> bool:
    return wanted() and list(settings.DATABASES) == ["default"]


def demo_template_name(day, password: str) -> str:
    # The demo's dates follow the day it is loaded on; its password is the tests'.
    key = hashlib.sha256(f"{_demo_hash()} {day.isoformat()} {password}".encode()).hexdigest()[:16]
    return f"{PREFIX}demo_{key}"


def _swap(connection, template: str) -> None:
    """Replace the test database of `connection` by a copy of `template` (nobody else uses it)."""
    test_name = connection.settings_dict["NAME"]
    connection.close()
    with connection.creation._nodb_cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{test_name}" WITH (FORCE)')
        cursor.execute(f'CREATE DATABASE "{test_name}" TEMPLATE "{template}"')
    connection.ensure_connection()


def demo_clone(template: str, media: Path) -> bool:
    """The test database replaced by a copy of the demo's template and its files written to
    `media`; False when there is no such template yet."""
    connection = connections["default"]
    with connection.creation._nodb_cursor() as cursor:
        cursor.execute("SELECT pg_advisory_lock(%s)", [LOCK])
        try:
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [template])
            if cursor.fetchone() is None:
                return False
            _swap(connection, template)
        finally:
            cursor.execute("SELECT pg_advisory_unlock(%s)", [LOCK])
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT path, content FROM {DEMO_MEDIA_TABLE}")
        for name, content in cursor.fetchall():
            path = media / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(bytes(content))
        cursor.execute(f"DROP TABLE {DEMO_MEDIA_TABLE}")
    return True


def demo_save(template: str, media: Path) -> None:
    """Copy the test database, just loaded with the demo (committed), and the demo's files to
    `template`; drop the older demo templates."""
    connection = connections["default"]
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE TABLE {DEMO_MEDIA_TABLE} (path text PRIMARY KEY, content bytea NOT NULL)")
        for path in sorted(p for p in media.rglob("*") if p.is_file()):
            cursor.execute(
                f"INSERT INTO {DEMO_MEDIA_TABLE} (path, content) VALUES (%s, %s)",
                [str(path.relative_to(media)), path.read_bytes()],
            )
    _keep(connection, template, f"{PREFIX}demo_%")
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE {DEMO_MEDIA_TABLE}")
