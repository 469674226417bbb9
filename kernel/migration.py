"""A faster `Migration` for the generated schema migrations (README, "Migrations").

Django's `CreateModel` re-renders, in the migration state, the new model and every model related
to it, recursively; through `Person` and the simple-history copies that is nearly every model,
once per `CreateModel`. `BatchedCreateMigration.apply` adds the leading run of `CreateModel`s to
the state together and re-renders the models they touch once, then creates the tables one by one
in the same order, exactly as the plain operations do (each `CreateModel.database_forwards` reads
only the state after the run, in which every table of the run exists). Everything after the run,
the unapplying and the state built by the loader (`makemigrations`, `showmigrations`) are
Django's own. It uses two private methods of Django 5.2's `ProjectState` (`_find_reload_model`,
`_reload`, what `reload_model` does per model); on a Django upgrade,
tests/foundation/test_migration_upgrade.py (a fresh database gets every table and column) says
whether it still holds.
"""

import copy

from django.db import migrations


class BatchedCreateMigration(migrations.Migration):
    def apply(self, project_state, schema_editor, collect_sql=False):
        run = 0
        while run < len(self.operations) and type(self.operations[run]) is migrations.CreateModel:
            run += 1
        if run < 2:
            return super().apply(project_state, schema_editor, collect_sql)
        creates = self.operations[:run]
        old_state = project_state.clone()
        rendered = project_state.__dict__.pop("apps", None)
        for operation in creates:
            operation.state_forwards(self.app_label, project_state)  # no re-rendering: not rendered
        if rendered is not None:
            project_state.__dict__["apps"] = rendered
            touched = set()
            for operation in creates:
                touched |= project_state._find_reload_model(self.app_label, operation.name_lower, delay=False)
            project_state._reload(touched)
        for operation in creates:
            if collect_sql:
                schema_editor.collected_sql.extend(["--", f"-- {operation.describe()}", "--"])
            operation.database_forwards(self.app_label, schema_editor, old_state, project_state)
        rest = copy.copy(self)
        rest.operations = self.operations[run:]
        return migrations.Migration.apply(rest, project_state, schema_editor, collect_sql)


# Operations that change a model's state and no column, e.g. a field's or model's verbose name
# (issue 13's label migrations): Django re-renders, after each, the model and (for a relation)
# every model related to it, which through `Person` is nearly every model, once per operation.
STATE_ALTERATIONS = (migrations.AlterField, migrations.AlterModelOptions)


class BatchedAlterMigration(migrations.Migration):
    """`BatchedCreateMigration`'s batching for a leading run of `AlterField`s and
    `AlterModelOptions`: the run is added to the state together, the models it touches are
    re-rendered once, then each operation's `database_forwards` runs between the states before
    and after the run, in order (for a label, Django finds nothing to alter in the database; a
    real column change would be made the same, as no two operations of a run alter one field)."""

    def apply(self, project_state, schema_editor, collect_sql=False):
        run = 0
        while run < len(self.operations) and type(self.operations[run]) in STATE_ALTERATIONS:
            run += 1
        if run < 2:
            return super().apply(project_state, schema_editor, collect_sql)
        alters = self.operations[:run]
        old_state = project_state.clone()
        rendered = project_state.__dict__.pop("apps", None)
        for operation in alters:
            operation.state_forwards(self.app_label, project_state)  # no re-rendering: not rendered
        if rendered is not None:
            project_state.__dict__["apps"] = rendered
            touched = set()
            for operation in alters:
                model = getattr(operation, "model_name_lower", None) or operation.name_lower
                # Like Django's own AlterField of a field nothing refers to (`delay=True`): the
                # touched models and those pointing at them are re-rendered, not the whole closure
                # of their relations (labels move no relation): 8.2 -> 7.5 s of CPU in a fresh migrate.
                touched |= project_state._find_reload_model(self.app_label, model, delay=True)
            project_state._reload(touched)
        for operation in alters:
            if collect_sql:
                schema_editor.collected_sql.extend(["--", f"-- {operation.describe()}", "--"])
            operation.database_forwards(self.app_label, schema_editor, old_state, project_state)
        rest = copy.copy(self)
        rest.operations = self.operations[run:]
        return migrations.Migration.apply(rest, project_state, schema_editor, collect_sql)
