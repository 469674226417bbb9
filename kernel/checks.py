"""System check run by `migrate`: a database must not stop part-way through migrations that were
replaced and deleted (the regeneration of 2026-12-01, README "Migrations").

Django treats a replacing migration as applied when every migration it replaces is recorded, and
otherwise quietly leaves it out; with the old files gone, a database that had applied only some
old migrations would then migrate "successfully" without the schema changes it missed. So: if
any deleted migration is recorded, all of them must be.
"""

from django.core.checks import Error, Tags, register
from django.db import connections
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder


def missing_replaced_migrations(connection) -> list[tuple[str, str]]:
    """Deleted (replaced) migrations this database lacks although it applied others of them."""
    recorder = MigrationRecorder(connection)
    if not recorder.has_table():
        return []
    loader = MigrationLoader(None, load=False)
    loader.load_disk()  # the files only: no graph, which may not hold together for this database
    disk = loader.disk_migrations
    gone = {key for migration in disk.values() for key in migration.replaces if key not in disk}
    applied = set(recorder.applied_migrations())
    if not gone & applied:
        return []  # a fresh database, or one that never had the old migrations
    return sorted(gone - applied)


@register(Tags.database)
def replaced_migrations_complete(app_configs=None, databases=None, **kwargs):
    errors = []
    for alias in databases or ():
        missing = missing_replaced_migrations(connections[alias])
        if missing:
            errors.append(
                Error(
                    f"The database {alias!r} applied only some of the migrations that were "
                    f"regenerated on 2026-12-01; it lacks {', '.join('.'.join(key) for key in missing)}.",
                    hint="Check out commit 516d31d (the last one with the old migrations), run "
                    "`manage.py migrate` there, then come back to this version and migrate again.",
                    id="kernel.E001",
                )
            )
    return errors
