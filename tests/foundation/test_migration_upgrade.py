"""The regenerated migrations take over a database migrated with the previous ones (README,
"Migrations").

The migrations of people, governance, thematic_groups, kpis, meetings and reminders were
regenerated twice (tools/regenerate_migrations.py): after commit 516d31d and after commit 041d75b.
Each migration on disk says which migrations of 041d75b it `replaces`. A database that applied
every migration of 041d75b must apply nothing and record the new names; one that stopped
half-way, or one still at 516d31d, must be refused (kernel.E001) and sent to 041d75b, not
half-migrated.

The upgrade databases here are real SQLite files holding the migration records only: the loader
and the executor decide from django_migrations alone, whatever the tables (the tables themselves
were compared, migrated at 041d75b and then with these files against migrated with these files
only, on PostgreSQL when the migrations were regenerated). A fresh database is migrated for real.
"""

import io

import pytest
from django.apps import apps
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.db import connections, migrations
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.db.utils import ConnectionHandler

from kernel.checks import replaced_migrations_complete

# Every migration of our apps at commit 041d75b, the waypoint: the last one before this regeneration.
AT_041D75B = {
    "kernel": ["0001_outbox"],
    "people": ["0001_schema", "0002_upward_links", "0003_person_language"],
    "governance": ["0001_schema", "0002_upward_links", "0009_content_languages"],
    "thematic_groups": [
        "0001_schema",
        "0002_upward_links",
        "0003_search_vector",
        "0007_content_languages",
        "0008_search_vector_every_language",
    ],
    "kpis": ["0001_initial"],
    "meetings": ["0001_schema", "0006_content_languages"],
    "reminders": ["0001_schema", "0002_alter_reminder_kind"],
    "portal": ["0001_initial", "0002_totp_devices_from_django_otp"],
}
# What 041d75b's migrations replaced (the migrations of commit 516d31d): a database at 041d75b
# has these recorded too (Django records the replaced names of a squash it applies).
AT_516D31D = {
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


def _deployment_records(connection, at="041d75b", leave_out=()):
    """Record what a deployment at commit `at` has applied: the names of our apps there (and, at
    041d75b, those of 516d31d its migrations replaced) and every migration of the other apps
    (Django's, allauth's, ...)."""
    graph = MigrationLoader(None, ignore_no_migrations=True).graph
    recorder = MigrationRecorder(connection)
    for app, name in graph.nodes:
        if app not in AT_041D75B:
            recorder.record_applied(app, name)
    ours = dict(AT_516D31D, kernel=AT_041D75B["kernel"], portal=AT_041D75B["portal"])
    if at == "041d75b":
        ours = {app: [*AT_516D31D.get(app, []), *names] for app, names in AT_041D75B.items()}
    for app, names in ours.items():
        for name in names:
            if (app, name) not in leave_out:
                recorder.record_applied(app, name)


def test_replaces_lists_exactly_the_migrations_of_the_waypoint(with_migrations):
    loader = MigrationLoader(None, load=False)
    loader.load_disk()
    disk = loader.disk_migrations
    for app, old_names in AT_041D75B.items():
        replaced = []
        for (label, name), migration in sorted(disk.items()):
            if label != app:
                continue
            if (label, name) in UNCHANGED:
                assert not migration.replaces
                replaced.append(name)
                continue
            assert name not in old_names, f"{app}.{name} reuses an old name"
            assert name not in AT_516D31D.get(app, []), f"{app}.{name} reuses an old name"
            for replaced_app, replaced_name in migration.replaces:
                assert replaced_app == app
                replaced.append(replaced_name)
        assert sorted(replaced) == sorted(old_names), app  # each old migration replaced exactly once


def test_the_last_old_migration_is_replaced_by_the_last_new_one(with_migrations):
    """A migration written on top of 041d75b (depending on its last name, as in the branches
    made before the regeneration) is then placed after the new ones, with no second leaf."""
    loader = MigrationLoader(None, load=False)
    loader.load_disk()
    for app, old_names in AT_041D75B.items():
        replacing = {
            name: m for (label, name), m in loader.disk_migrations.items() if label == app and m.replaces
        }
        if not replacing:
            continue
        (last,) = [name for name, m in replacing.items() if (app, old_names[-1]) in m.replaces]
        assert not [name for name, m in replacing.items() if (app, last) in m.dependencies], app


def test_the_only_keys_added_after_their_tables_are_the_cyclic_ones(with_migrations):
    """What made migrate slow: ~200 AddFields, then ~130 again (the language columns). Left:
    keys to an app above (ALLOWED_MODEL_REFERENCES in tests/test_layers.py, and their history
    copies) and 4 keys closing a cycle inside an app; no data step. (The migrations written after
    the regeneration, AFTER_REGENERATION, add columns as any model change does.)"""
    disk = MigrationLoader(None, ignore_no_migrations=True).disk_migrations
    ours = [(app, m) for (app, _), m in disk.items() if app in AT_041D75B]
    added = sorted(
        (app, op.model_name, op.name)
        for app, m in ours
        if (app, m.name) not in AFTER_REGENERATION
        for op in m.operations
        if isinstance(op, migrations.AddField)
    )
    assert len(added) == 26, added
    runs = [(app, m.name) for app, m in ours for op in m.operations if isinstance(op, migrations.RunPython)]
    assert sorted(runs) == [
        ("portal", "0002_totp_devices_from_django_otp"),
        ("thematic_groups", "0003_registers_search"),
        ("thematic_groups", "0004_list_index_on_english_title"),
    ]


# Model changes made after the regeneration: ordinary migrations after the new ones, which a
# database at the waypoint applies like any other.
AFTER_REGENERATION = [
    ("governance", "0003_labels"),
    ("kernel", "0002_labels"),
    ("kpis", "0002_cyclescore"),
    ("kpis", "0003_documents_per_language"),
    ("kpis", "0004_labels"),
    ("meetings", "0002_report_per_language"),
    ("meetings", "0003_labels"),
    ("people", "0003_labels"),
    ("reminders", "0002_labels"),
    ("thematic_groups", "0004_list_index_on_english_title"),
    ("thematic_groups", "0005_pdf_per_language"),
    ("thematic_groups", "0006_labels"),
]


def test_a_database_at_the_waypoint_applies_nothing(records_only_database):
    """Nothing of the regenerated migrations: only what was written after them."""
    connection = records_only_database
    _deployment_records(connection)
    assert replaced_migrations_complete(databases=[connection.alias]) == []

    executor = MigrationExecutor(connection)
    graph = executor.loader.graph
    planned = [(m.app_label, m.name) for m, _backwards in executor.migration_plan(graph.leaf_nodes())]
    assert sorted(planned) == AFTER_REGENERATION
    for app, name in AFTER_REGENERATION:
        MigrationRecorder(connection).record_applied(app, name)  # as `migrate` would, after running them
    executor.check_replacements()  # what `migrate` does: record the new names

    recorded = MigrationRecorder(connection).applied_migrations()
    ours = {key for key in graph.nodes if key[0] in AT_041D75B}
    assert ("governance", "0002_registers_upward") in ours
    assert ours <= set(recorded)  # showmigrations: all [X]
    reloaded = MigrationExecutor(connection)
    assert reloaded.migration_plan(reloaded.loader.graph.leaf_nodes()) == []
    assert replaced_migrations_complete(databases=[connection.alias]) == []


def _refused(connection, *missing):
    errors = replaced_migrations_complete(databases=[connection.alias])
    assert [error.id for error in errors] == ["kernel.E001"]
    for name in missing:
        assert name in errors[0].msg
    assert "041d75b" in errors[0].msg
    assert "041d75b" in errors[0].hint

    out = io.StringIO()
    with pytest.raises(SystemCheckError, match="kernel.E001"):
        call_command("migrate", database=connection.alias, skip_checks=False, stdout=out, stderr=out)
    assert not MigrationRecorder(connection).migration_qs.filter(name="0001_registers").exists()


def test_a_database_half_way_to_the_waypoint_is_refused(records_only_database):
    """Django alone would say "no migrations to apply" and leave the language columns out."""
    connection = records_only_database
    _deployment_records(connection, leave_out={("governance", "0009_content_languages")})
    _refused(connection, "governance.0009_content_languages")


def test_a_database_still_at_516d31d_is_refused(records_only_database):
    """It must first go to 041d75b (whose migrate takes it from 516d31d), then come here."""
    connection = records_only_database
    _deployment_records(connection, at="516d31d")
    _refused(connection, "people.0001_schema", "kpis.0001_initial")


def test_a_fresh_database_stopped_part_way_is_not_refused(records_only_database):
    """Applying people 0001_registers records the name it replaces, people 0001_schema; that
    database never had an older migration, and Django finishes it correctly."""
    connection = records_only_database
    recorder = MigrationRecorder(connection)
    for app, name in MigrationLoader(None, ignore_no_migrations=True).graph.nodes:
        if app not in AT_041D75B:
            recorder.record_applied(app, name)
    recorder.record_applied("kernel", "0001_outbox")
    recorder.record_applied("people", "0001_schema")
    assert replaced_migrations_complete(databases=[connection.alias]) == []
    executor = MigrationExecutor(connection)
    planned = [(m.app_label, m.name) for m, _ in executor.migration_plan(executor.loader.graph.leaf_nodes())]
    assert ("people", "0001_registers") not in planned
    assert ("people", "0002_registers_upward") in planned


def test_a_fresh_database_runs_the_new_migrations(records_only_database):
    """For real, on SQLite: every table and column of the models, nothing left to apply."""
    connection = records_only_database
    executor = MigrationExecutor(connection)
    planned = [
        (migration.app_label, migration.name)
        for migration, _ in executor.migration_plan(executor.loader.graph.leaf_nodes())
    ]
    for app in ("people", "governance", "thematic_groups", "kpis", "meetings", "reminders"):
        assert (app, "0001_registers") in planned
    assert ("thematic_groups", "0003_registers_search") in planned
    old = {(app, name) for app, names in AT_041D75B.items() for name in names} - UNCHANGED
    assert not set(planned) & old

    call_command("migrate", database=connection.alias, verbosity=0)

    assert replaced_migrations_complete(databases=[connection.alias]) == []
    reloaded = MigrationExecutor(connection)
    assert reloaded.migration_plan(reloaded.loader.graph.leaf_nodes()) == []
    with connection.cursor() as cursor:
        tables = set(connection.introspection.table_names(cursor))
        for model in apps.get_models(include_auto_created=True):
            if not model._meta.managed or model._meta.proxy:
                continue
            table = model._meta.db_table
            assert table in tables, table
            columns = {c.name for c in connection.introspection.get_table_description(cursor, table)}
            assert columns == {f.column for f in model._meta.local_concrete_fields}, table
        indexes = connection.introspection.get_constraints(cursor, "thematic_groups_deliverable")
    assert "thematic_groups_deliverable_published_title_idx" in indexes
