"""A faster `Migration` for a migration of labels only (`verbose_name`, `help_text`, choices,
`Meta.verbose_name`…): `AlterField`s and `AlterModelOptions` that change no SQL.

Django's `AlterField` of a key re-renders, in the migration state, the model and every model
related to it, recursively (through `Person` and the simple-history copies, nearly every model),
once per operation: a migration relabelling a hundred fields added seconds to `migrate`.
`LabelsMigration.apply` changes the state for all its operations together and re-renders the
models they touch once, then lets each operation's `database_forwards` compare the field before
and after (no SQL: only attributes the database never sees changed), as the plain operations do.
The same approach as `kernel.migration.BatchedCreateMigration` (README, "Migrations"), with the
same two private methods of Django 5.2's `ProjectState`; any other operation, the unapplying and
the state built by the loader are Django's own.
"""

from django.db import migrations

LABEL_OPERATIONS = (migrations.AlterField, migrations.AlterModelOptions)


def _model_of(operation) -> str:
    return (
        operation.model_name_lower if isinstance(operation, migrations.AlterField) else operation.name_lower
    )


class LabelsMigration(migrations.Migration):
    def apply(self, project_state, schema_editor, collect_sql=False):
        if not all(type(operation) in LABEL_OPERATIONS for operation in self.operations):
            return super().apply(project_state, schema_editor, collect_sql)
        old_state = project_state.clone()
        rendered = project_state.__dict__.pop("apps", None)
        for operation in self.operations:
            operation.state_forwards(self.app_label, project_state)  # no re-rendering: not rendered
        if rendered is not None:
            project_state.__dict__["apps"] = rendered
            touched = set()
            for operation in self.operations:
                touched |= project_state._find_reload_model(self.app_label, _model_of(operation), delay=False)
            project_state._reload(touched)
        for operation in self.operations:
            if collect_sql:
                schema_editor.collected_sql.extend(["--", f"-- {operation.describe()}", "--"])
            operation.database_forwards(self.app_label, schema_editor, old_state, project_state)
        return project_state
