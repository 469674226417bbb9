"""Regenerate the schema migrations of the register apps with as few AddFields as possible.

    /work/main/.venv/bin/python tools/regenerate_migrations.py

Deletes the migrations of REGENERATED (leaving the hand-written ones listed in HAND_WRITTEN) and
writes, app by app in layer order (README, "Migrations"):

- `<app>/migrations/0001_registers.py`: every model of the app with every field, except the
  foreign keys to an app above it (tests/test_layers.py ALLOWED_MODEL_REFERENCES, and their
  simple-history copies) and the constraints and indexes that name such a field; a
  `kernel.migration.BatchedCreateMigration`, so its run of CreateModels re-renders the state once;
- `<app>/migrations/0002_registers_upward.py` (only for an app that has such keys): those
  fields, constraints and indexes, once the app above has its `0001_registers`.

So the only AddFields left are the truly cyclic keys. Generating app by app matters: Django's
autodetector run on all apps at once "chops" the first app alphabetically and defers every key of
it, whatever its target. Each new migration gets `replaces = [...]` from NEW_MIGRATIONS (squash
semantics: a database that applied all the replaced migrations records the new ones without
running them); the names are new, so no old name is reused.

The migrations it wrote (2026-12-01, second time) are the models of commit 041d75b exactly,
which is what `replaces` promises (the first time, earlier that day: those of 516d31d). Do not
re-run it to fold a later model change into them: a database upgrading from 041d75b would be
recorded as having that change without getting it. A model change is a normal
`makemigrations <app>` migration after these. Re-running it is only right together with a new
`replaces` plan for every database in use and a new waypoint in kernel/checks.py (WAYPOINT).
"""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "u4ssc.settings")

import django  # noqa: E402

django.setup()

from django.apps import apps  # noqa: E402
from django.db import migrations  # noqa: E402
from django.db.migrations.autodetector import MigrationAutodetector  # noqa: E402
from django.db.migrations.loader import MigrationLoader  # noqa: E402
from django.db.migrations.questioner import NonInteractiveMigrationQuestioner  # noqa: E402
from django.db.migrations.state import ProjectState  # noqa: E402
from django.db.migrations.writer import MigrationWriter  # noqa: E402
from django.db.models import F, Q  # noqa: E402

LAYERS = ["kernel", "people", "governance", "thematic_groups", "kpis", "meetings", "reminders", "portal"]
REGENERATED = ["people", "governance", "thematic_groups", "kpis", "meetings", "reminders"]
FIRST, UPWARD = "0001_registers", "0002_registers_upward"
# Written by hand, kept as they are (they depend on the generated ones).
HAND_WRITTEN = {"thematic_groups": ["0003_registers_search.py"]}
# New migration -> the migrations of commit 041d75b it replaces (every one of the app's there).
# Each app's last new migration replaces its last one at 041d75b, so a migration written on top
# of 041d75b (depending on that last name) is placed after the new ones by Django's loader.
# kernel and portal keep their migrations (one CreateModel-only initial migration each; portal
# 0002 is the TOTP data step). The data steps copying text into the `_en` columns (governance
# 0009, thematic_groups 0007, meetings 0006) are dropped: nothing to copy on a fresh database,
# and every database at 041d75b ran them.
NEW_MIGRATIONS = {
    "people": {
        FIRST: ["0001_schema"],
        UPWARD: ["0002_upward_links", "0003_person_language"],
    },
    "governance": {
        FIRST: ["0001_schema"],
        UPWARD: ["0002_upward_links", "0009_content_languages"],
    },
    "thematic_groups": {
        FIRST: ["0001_schema"],
        UPWARD: ["0002_upward_links", "0007_content_languages"],
        "0003_registers_search": ["0003_search_vector", "0008_search_vector_every_language"],
    },
    "kpis": {FIRST: ["0001_initial"]},
    "meetings": {FIRST: ["0001_schema", "0006_content_languages"]},
    "reminders": {FIRST: ["0001_schema", "0002_alter_reminder_kind"]},
}


def _above(app: str, target: str) -> bool:
    return target in LAYERS and LAYERS.index(target) > LAYERS.index(app)


def _label(target) -> str:
    return target.split(".")[0].lower() if isinstance(target, str) else target._meta.app_label


def _names_in(condition) -> set[str]:
    """Field names a Q (constraint condition) refers to."""
    names: set[str] = set()
    if condition is None:
        return names
    for child in condition.children:
        if isinstance(child, Q):
            names |= _names_in(child)
        else:
            key, value = child
            names.add(key.split("__")[0])
            if isinstance(value, F):
                names.add(value.name.split("__")[0])
    return names


def _without_upward(app: str, model_state):
    """The model state minus its keys to apps above `app` and what names them."""
    state = model_state.clone()
    upward = {
        name
        for name, field in state.fields.items()
        if field.is_relation and _above(app, _label(field.remote_field.model))
    }
    if not upward:
        return state, False
    for name in upward:
        del state.fields[name]
    for key in ("constraints", "indexes"):
        kept = []
        for item in state.options.get(key, []):
            names = set(getattr(item, "fields", ()) or ()) | _names_in(getattr(item, "condition", None))
            names = {n.lstrip("-") for n in names}
            if not names & upward:
                kept.append(item)
        state.options[key] = kept
    return state, True


def _targets(app: str, field) -> set[tuple[str, str]]:
    """(app, model) of what a relation field needs created first: its model and its through model."""
    if not field.is_relation:
        return set()
    found = set()
    for target in (field.remote_field.model, getattr(field.remote_field, "through", None)):
        if isinstance(target, str):
            label, _, model = target.rpartition(".")
            found.add((label.lower() or app, model.lower()))
        elif target is not None:
            found.add((target._meta.app_label, target._meta.model_name))
    return found


def _local(app: str, field, created, model: str) -> set[str]:
    """The models of this migration (other than `model`) that `field` needs created first."""
    return {
        name for label, name in _targets(app, field) if label == app and name in created and name != model
    }


def _fold(migration, app: str) -> None:
    """Put AddField, AddConstraint, AddIndex and AlterUniqueTogether into the CreateModel of the same
    migration wherever the order allows: each operation makes Django re-render every model related
    to the one it touches (all of them, through Person), so fewer operations is a faster migrate.
    CreateModels are reordered (stable topological order) so that as many deferred keys as
    possible can go into them; a key that closes a cycle stays an AddField."""
    creates = [op for op in migration.operations if isinstance(op, migrations.CreateModel)]
    created = {op.name_lower: op for op in creates}
    position = {name: index for index, name in enumerate(created)}
    edges = {name: set() for name in created}  # model -> models it needs first
    for op in creates:
        for _, field in op.fields:
            edges[op.name_lower] |= _local(app, field, created, op.name_lower)

    def acyclic(graph) -> bool:
        state = {}

        def visit(node) -> bool:
            state[node] = 1
            for nxt in graph[node]:
                if state.get(nxt) == 1 or (nxt not in state and not visit(nxt)):
                    return False
            state[node] = 2
            return True

        return all(node in state or visit(node) for node in graph)

    rest = []
    folded_fields = []
    for op in migration.operations:
        if isinstance(op, migrations.AddField) and op.model_name_lower in created:
            needed = _local(app, op.field, created, op.model_name_lower) - edges[op.model_name_lower]
            edges[op.model_name_lower] |= needed
            if not acyclic(edges):
                edges[op.model_name_lower] -= needed
                rest.append(op)
                continue
            folded_fields.append(op)
        elif not isinstance(op, migrations.CreateModel):
            rest.append(op)
    for op in folded_fields:
        created[op.model_name_lower].fields.append((op.name, op.field))

    order, done = [], set()

    def place(name) -> None:
        if name in done:
            return
        done.add(name)
        for needed in sorted(edges[name], key=position.get):
            place(needed)
        order.append(created[name])

    for name in created:
        place(name)

    left = []
    for op in rest:
        create = created.get(getattr(op, "model_name_lower", None) or getattr(op, "name_lower", None))
        fields = {name for name, _ in create.fields} if create else set()
        if isinstance(op, (migrations.AddConstraint, migrations.AddIndex)) and create:
            item = op.constraint if isinstance(op, migrations.AddConstraint) else op.index
            names = set(getattr(item, "fields", ()) or ()) | _names_in(getattr(item, "condition", None))
            if {n.lstrip("-") for n in names} <= fields:
                key = "constraints" if isinstance(op, migrations.AddConstraint) else "indexes"
                create.options[key] = [*create.options.get(key, []), item]
                continue
        if (
            isinstance(op, migrations.AlterUniqueTogether)
            and create
            and all(set(together) <= fields for together in op.unique_together)
        ):
            create.options["unique_together"] = op.unique_together
            continue
        left.append(op)
    migration.operations = order + left


def _write(migration, app: str, name: str) -> None:
    _fold(migration, app)
    migration.name = name
    migration.replaces = [(app, old) for old in NEW_MIGRATIONS[app][name]]
    writer = MigrationWriter(migration, include_header=False)
    text = writer.as_string()
    if [type(op) for op in migration.operations[:2]] == [migrations.CreateModel] * 2:
        # kernel/migration.py: the run of CreateModels re-renders the state once, not per model.
        text = text.replace(
            "class Migration(migrations.Migration):", "class Migration(BatchedCreateMigration):", 1
        )
        head, _, tail = text.partition("\n\n\n")
        text = f"{head}\n\nfrom kernel.migration import BatchedCreateMigration\n\n\n{tail}"
    Path(writer.path).write_text(text, encoding="utf-8")
    print("wrote", writer.path, len(migration.operations), "operations")


def main() -> None:
    hand_written = {}
    for app in REGENERATED:
        folder = ROOT / app / "migrations"
        for path in folder.glob("0*.py"):
            if path.name in HAND_WRITTEN.get(app, ()):
                hand_written[path] = path.read_text(encoding="utf-8")
            path.unlink()

    full = ProjectState.from_apps(apps)
    linked = []
    for app in REGENERATED:
        loader = MigrationLoader(None, ignore_no_migrations=True)
        to_state = loader.project_state().clone()
        has_upward = False
        for (label, _), model_state in full.models.items():
            if label == app:
                trimmed, cut = _without_upward(app, model_state)
                has_upward |= cut
                to_state.add_model(trimmed)
        changes = MigrationAutodetector(
            loader.project_state(), to_state, NonInteractiveMigrationQuestioner(specified_apps={app})
        ).changes(graph=loader.graph, trim_to_apps={app}, convert_apps={app})
        assert set(changes) == {app} and len(changes[app]) == 1, changes
        _write(changes[app][0], app, FIRST)
        if has_upward:
            linked.append(app)

    loader = MigrationLoader(None, ignore_no_migrations=True)
    changes = MigrationAutodetector(
        loader.project_state(), full, NonInteractiveMigrationQuestioner(specified_apps=set(linked))
    ).changes(graph=loader.graph, trim_to_apps=set(linked), convert_apps=set(linked))
    assert set(changes) == set(linked), changes
    renamed = {(app, changes[app][0].name): (app, UPWARD) for app in linked}
    for app in linked:
        assert len(changes[app]) == 1, changes[app]
        migration = changes[app][0]
        migration.dependencies = [renamed.get(tuple(dep), dep) for dep in migration.dependencies]
        _write(changes[app][0], app, UPWARD)
    for path, text in hand_written.items():
        path.write_text(text, encoding="utf-8")
        print("kept", path)


if __name__ == "__main__":
    main()
