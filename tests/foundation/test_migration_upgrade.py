"""The regenerated migrations take over a database migrated with the old ones (README, "Migrations").

The migrations of people, governance, thematic_groups, meetings and reminders were regenerated
(tools/regenerate_migrations.py); each new one says which old ones it `replaces`. A database that
applied every old migration (the last commit before the regeneration) must apply nothing and
record the new names; one that stopped half-way must be refused, not half-migrated.

The databases here are real SQLite files holding the migration records only: the loader and the
executor decide from django_migrations alone, whatever the tables (the tables themselves were
compared old-migrated against new-migrated on PostgreSQL when the migrations were regenerated).
"""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.db import connections
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.db.utils import ConnectionHandler

from kernel.checks import replaced_migrations_complete

# Every migration of our apps at commit 516d31d, the last one before the regeneration.
OLD_MIGRATIONS = {
    "kernel": ["0001_outbox"],
    "people": ["0001_initial", "0002_historicalinvitation_invitation"],
    "governance": [
        "0001_initial",
        "0002_initial",
        "0003_initial",
        "0004_clause_derived_from",
        "0005_request_notified_at",
        "0006_decision_withdrawn_and_change_note",
        "0007_drop_notified_at",
        "0008_mandate_declined",
    ],
    "thematic_groups": [
        "0001_initial",
        "0002_contributionsignup_notified_at_and_more",
        "0003_deliverable_search_index",
        "0004_deliverable_comment_location",
        "0005_drop_notified_at",
        "0006_comment_and_input_bounds",
    ],
    "meetings": [
        "0001_initial",
        "0002_initial",
        "0003_reportrender",
        "0004_meeting_report_publication",
        "0005_registration_address_check",
    ],
    "reminders": ["0001_initial"],
    "portal": ["0001_initial", "0002_totp_devices_from_django_otp"],
}
# Kept as they were (one CreateModel-only migration, or a data step): no `replaces`.
UNCHANGED = {
    ("kernel", "0001_outbox"),
    ("portal", "0001_initial"),
    ("portal", "0002_totp_devices_from_django_otp"),
}


@pytest.fixture
def with_migrations(settings):
    """The real migration modules, also under --nomigrations."""
    settings.MIGRATION_MODULES = {}


@pytest.fixture
def records_only_database(tmp_path, django_db_blocker, with_migrations):
    """A SQLite database holding django_migrations only; yields its connection."""
    alias = "migration_upgrade"
    database = {"ENGINE": "django.db.backends.sqlite3", "NAME": str(tmp_path / "upgrade.sqlite3")}
    connections.settings[alias] = ConnectionHandler().configure_settings({"default": {}, alias: database})[
        alias
    ]
    try:
        with django_db_blocker.unblock():
            connection = connections[alias]
            MigrationRecorder(connection).ensure_schema()
            yield connection
            connection.close()
    finally:
        if hasattr(connections._connections, alias):
            delattr(connections._connections, alias)
        del connections.settings[alias]


def _old_deployment_records(connection, leave_out=()):
    """Record what a deployment at commit 516d31d has applied: the old names of our apps and
    every migration of the other apps (Django's, allauth's, ...)."""
    graph = MigrationLoader(None, ignore_no_migrations=True).graph
    recorder = MigrationRecorder(connection)
    for app, name in graph.nodes:
        if app not in OLD_MIGRATIONS:
            recorder.record_applied(app, name)
    for app, names in OLD_MIGRATIONS.items():
        for name in names:
            if (app, name) not in leave_out:
                recorder.record_applied(app, name)


def test_replaces_lists_exactly_the_old_migrations(with_migrations):
    loader = MigrationLoader(None, load=False)
    loader.load_disk()
    disk = loader.disk_migrations
    for app, old_names in OLD_MIGRATIONS.items():
        replaced = []
        for (label, name), migration in sorted(disk.items()):
            if label != app:
                continue
            if (label, name) in UNCHANGED:
                assert not migration.replaces
                replaced.append(name)
                continue
            assert name not in old_names, f"{app}.{name} reuses an old name"
            for replaced_app, replaced_name in migration.replaces:
                assert replaced_app == app
                replaced.append(replaced_name)
        assert sorted(replaced) == sorted(old_names), app  # each old migration replaced exactly once


def test_the_last_old_migration_is_replaced_by_the_last_new_one(with_migrations):
    """A migration written on top of the old ones (depending on the old last name, as in the
    branches made before the regeneration) is then placed after the new ones, with no second leaf."""
    loader = MigrationLoader(None, load=False)
    loader.load_disk()
    for app, old_names in OLD_MIGRATIONS.items():
        replacing = {
            name: m for (label, name), m in loader.disk_migrations.items() if label == app and m.replaces
        }
        if not replacing:
            continue
        (last,) = [name for name, m in replacing.items() if (app, old_names[-1]) in m.replaces]
        assert not [name for name, m in replacing.items() if (app, last) in m.dependencies], app


def test_the_only_keys_added_after_their_tables_are_the_cyclic_ones(with_migrations):
    """What made migrate slow: ~200 AddFields. Left: keys to an app above (ALLOWED_MODEL_REFERENCES
    in tests/test_layers.py, and their history copies) and 4 keys closing a cycle inside an app."""
    from django.db import migrations

    disk = MigrationLoader(None, ignore_no_migrations=True).disk_migrations
    added = sorted(
        (app, op.model_name, op.name)
        for (app, _), migration in disk.items()
        if app in OLD_MIGRATIONS
        for op in migration.operations
        if isinstance(op, migrations.AddField)
    )
    assert len(added) == 26, added


def test_a_database_at_the_last_old_migration_applies_nothing(records_only_database):
    connection = records_only_database
    _old_deployment_records(connection)

    executor = MigrationExecutor(connection)
    graph = executor.loader.graph
    assert executor.migration_plan(graph.leaf_nodes()) == []
    executor.check_replacements()  # what `migrate` does first: record the new names

    recorded = MigrationRecorder(connection).applied_migrations()
    ours = {key for key in graph.nodes if key[0] in OLD_MIGRATIONS}
    assert ("governance", "0002_upward_links") in ours
    assert ours <= set(recorded)  # showmigrations: all [X]
    reloaded = MigrationExecutor(connection)
    assert reloaded.migration_plan(reloaded.loader.graph.leaf_nodes()) == []


def test_a_database_half_way_through_the_old_migrations_is_refused(records_only_database):
    """It must first be brought to the last old migration with the old code (README)."""
    connection = records_only_database
    _old_deployment_records(connection, leave_out={("governance", "0006_decision_withdrawn_and_change_note")})

    # Django alone would say "no migrations to apply" and leave the missing columns out.
    errors = replaced_migrations_complete(databases=[connection.alias])
    assert [error.id for error in errors] == ["kernel.E001"]
    assert "governance.0006_decision_withdrawn_and_change_note" in errors[0].msg
    assert "516d31d" in errors[0].hint

    out = io.StringIO()
    with pytest.raises(SystemCheckError, match="kernel.E001"):
        call_command("migrate", database=connection.alias, skip_checks=False, stdout=out, stderr=out)
    assert not MigrationRecorder(connection).migration_qs.filter(name="0002_upward_links").exists()


def test_the_check_passes_after_a_complete_upgrade_and_on_a_fresh_database(records_only_database):
    connection = records_only_database
    assert replaced_migrations_complete(databases=[connection.alias]) == []
    _old_deployment_records(connection)
    assert replaced_migrations_complete(databases=[connection.alias]) == []


def test_a_fresh_database_runs_the_new_migrations(records_only_database):
    connection = records_only_database
    executor = MigrationExecutor(connection)
    planned = [
        (migration.app_label, migration.name)
        for migration, _ in executor.migration_plan(executor.loader.graph.leaf_nodes())
    ]
    for app in ("people", "governance", "thematic_groups", "meetings", "reminders"):
        assert (app, "0001_schema") in planned
    assert ("thematic_groups", "0003_search_vector") in planned
    assert not {key for key in planned if key[1] in OLD_MIGRATIONS.get(key[0], ()) and key not in UNCHANGED}
