"""The public list's index on the English title column.

The list is ordered by publication day, then by the English title (`title_en`, the original):
django-modeltranslation would otherwise rewrite `order_by("title")` to the reader's language's
column, which is empty where no version exists and is not indexed. The index 0003 made on the
`title` column is made again on `title_en` (same name), so the first page is still read from it
(tests/perf/test_search_index.py)."""

from django.db import migrations

NAME = "thematic_groups_deliverable_published_title_idx"


def forwards(apps, schema_editor):
    schema_editor.execute(f"DROP INDEX IF EXISTS {NAME}")
    schema_editor.execute(f"CREATE INDEX {NAME} ON thematic_groups_deliverable (published_on DESC, title_en)")


def backwards(apps, schema_editor):
    schema_editor.execute(f"DROP INDEX IF EXISTS {NAME}")
    schema_editor.execute(f"CREATE INDEX {NAME} ON thematic_groups_deliverable (published_on DESC, title)")


class Migration(migrations.Migration):
    dependencies = [("thematic_groups", "0003_registers_search")]
    operations = [migrations.RunPython(forwards, backwards)]
