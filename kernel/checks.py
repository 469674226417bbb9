"""System check run by `migrate`: a database must not stop part-way through migrations that were
replaced and deleted (the regenerations of README, "Migrations").

Django treats a replacing migration as applied when every migration it replaces is recorded, and
otherwise quietly leaves it out; with the old files gone, a database that had applied only some
old migrations would then migrate "successfully" without the schema changes it missed.

The migrations of the register apps were regenerated twice: after commit 516d31d (its names
replaced by `0001_schema`, `0002_upward_links`, ...) and after commit 041d75b (those and the
migrations added on top of them replaced by `0001_registers`, ...). The deleted
migrations the files on disk name in `replaces` are those of 041d75b, the waypoint: a database
that recorded any deleted migration of these apps (one of 041d75b's, or an older name, as a
database still at 516d31d has) must have recorded every one of 041d75b's. A database migrated
only with the current files records 041d75b's names as it applies the migrations replacing them,
never an older name, so a fresh database interrupted part-way is not refused.
"""

from django.core.checks import Error, Tags, register
from django.db import connections
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder

WAYPOINT = "041d75b"


def missing_replaced_migrations(connection) -> list[tuple[str, str]]:
    """Replaced migrations of the waypoint commit this database lacks although it has migrated
    with deleted migrations of the same apps."""
    recorder = MigrationRecorder(connection)
    if not recorder.has_table():
        return []
    loader = MigrationLoader(None, load=False)
    loader.load_disk()  # the files only: no graph, which may not hold together for this database
    disk = loader.disk_migrations
    gone = {key for migration in disk.values() for key in migration.replaces if key not in disk}
    apps = {app for app, _ in gone}
    applied = set(recorder.applied_migrations())
    older = {key for key in applied if key[0] in apps and key not in disk and key not in gone}
    if not older:
        return []  # a fresh database, or one migrated with the current files only
    return sorted(gone - applied)


@register(Tags.database)
def replaced_migrations_complete(app_configs=None, databases=None, **kwargs):
    errors = []
    for alias in databases or ():
        missing = missing_replaced_migrations(connections[alias])
        if missing:
            errors.append(
                Error(
                    f"The database {alias!r} is not at commit {WAYPOINT}, the last one with the "
                    f"migrations that were regenerated after it; it lacks "
                    f"{', '.join('.'.join(key) for key in missing)}.",
                    hint=f"Check out commit {WAYPOINT}, run `manage.py migrate` there (a database "
                    "older than 516d31d is sent to 516d31d first by that version), then come back "
                    "to this version and migrate again (README, Migrations).",
                    id="kernel.E001",
                )
            )
    return errors
