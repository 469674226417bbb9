"""Indexes for the public list and the search (issue 8, performance). Written by hand: the
operations of the old 0003_deliverable_search_index, which it replaces.

- Every database: (published_on DESC, title), the order of the public list and of the feed, so
  a page of 20 reads 20 rows from the index instead of sorting every published deliverable.
- PostgreSQL only: a stored search vector, `search_vector`, from the title (weight A), summary
  (B) and body (C) with the 'english' configuration, and a GIN index on it. A trigger fills it
  on every insert and on every update of those three columns (whoever writes: services, admin,
  bulk loads), so the search computes no vector per row or per query; thematic_groups.selectors
  reads it. A trigger rather than a generated column, so a later migration may still change the
  type of title, summary or body. The column is not a model field: Django never reads or
  writes it. The GIN index is built without a pending list (fastupdate off): deliverables are
  written seldom and read often, so each write updates the index at once and no search has to
  scan pending entries.
"""

from django.db import migrations

VECTOR = (
    "setweight(to_tsvector('english'::regconfig, coalesce(title, '')), 'A') || "
    "setweight(to_tsvector('english'::regconfig, coalesce(summary, '')), 'B') || "
    "setweight(to_tsvector('english'::regconfig, coalesce(body, '')), 'C')"
)


def forwards(apps, schema_editor):
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS thematic_groups_deliverable_published_title_idx "
        "ON thematic_groups_deliverable (published_on DESC, title)"
    )
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        "ALTER TABLE thematic_groups_deliverable ADD COLUMN IF NOT EXISTS search_vector tsvector"
    )
    schema_editor.execute(
        "CREATE OR REPLACE FUNCTION thematic_groups_deliverable_search_vector() RETURNS trigger AS $$ "
        f"BEGIN NEW.search_vector := {VECTOR.replace('coalesce(', 'coalesce(NEW.')}; RETURN NEW; END "
        "$$ LANGUAGE plpgsql"
    )
    schema_editor.execute(
        "DROP TRIGGER IF EXISTS thematic_groups_deliverable_search_vector ON thematic_groups_deliverable"
    )
    schema_editor.execute(
        "CREATE TRIGGER thematic_groups_deliverable_search_vector "
        "BEFORE INSERT OR UPDATE OF title, summary, body ON thematic_groups_deliverable "
        "FOR EACH ROW EXECUTE FUNCTION thematic_groups_deliverable_search_vector()"
    )
    schema_editor.execute(f"UPDATE thematic_groups_deliverable SET search_vector = {VECTOR}")
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS thematic_groups_deliverable_search_idx "
        "ON thematic_groups_deliverable USING gin (search_vector) WITH (fastupdate = off)"
    )


def backwards(apps, schema_editor):
    schema_editor.execute("DROP INDEX IF EXISTS thematic_groups_deliverable_published_title_idx")
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP INDEX IF EXISTS thematic_groups_deliverable_search_idx")
    schema_editor.execute(
        "DROP TRIGGER IF EXISTS thematic_groups_deliverable_search_vector ON thematic_groups_deliverable"
    )
    schema_editor.execute("DROP FUNCTION IF EXISTS thematic_groups_deliverable_search_vector()")
    schema_editor.execute("ALTER TABLE thematic_groups_deliverable DROP COLUMN IF EXISTS search_vector")


class Migration(migrations.Migration):
    dependencies = [("thematic_groups", "0002_upward_links")]
    # The old 0003 and, to keep this the last one, the old 0004-0006 (now in 0001_schema).
    replaces = [
        ("thematic_groups", "0003_deliverable_search_index"),
        ("thematic_groups", "0004_deliverable_comment_location"),
        ("thematic_groups", "0005_drop_notified_at"),
        ("thematic_groups", "0006_comment_and_input_bounds"),
    ]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
