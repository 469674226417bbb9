"""Indexes for the public list and the search (issues 8 and 13). Written by hand: what the
migrations 0003_search_vector and 0008_search_vector_every_language of commit 041d75b left in the
database, which it replaces (0008 only rewrote the trigger function of 0003).

- Every database: (published_on DESC, title), the order of the public list and of the feed, so
  a page of 20 reads 20 rows from the index instead of sorting every published deliverable.
- PostgreSQL only: a stored search vector, `search_vector`, and a GIN index on it. A trigger
  fills it on every insert and on every update of the columns it reads (whoever writes:
  services, admin, bulk loads), so the search computes no vector per row or per query;
  thematic_groups.selectors reads it. The English original (`title_en`, `summary_en`, `body`)
  with the 'english' configuration (stemmed), the other languages' versions with 'simple'
  (PostgreSQL has no Arabic or Chinese one built in; two configurations in all keep the query
  side simple, see thematic_groups.selectors.deliverable_search). Weights: titles A, summaries
  B, body C. A trigger rather than a generated column, so a later migration may still change
  the type of those columns. The column is not a model field: Django never reads or writes it.
  The GIN index is built without a pending list (fastupdate off): deliverables are written
  seldom and read often, so each write updates the index at once and no search has to scan
  pending entries.
"""

from django.db import migrations

OTHERS = ("ar", "zh_hans", "fr", "ru", "es")


def vector(prefix: str = "") -> str:
    parts = [
        f"setweight(to_tsvector('english'::regconfig, coalesce({prefix}title_en, '')), 'A')",
        *[
            f"setweight(to_tsvector('simple'::regconfig, coalesce({prefix}title_{c}, '')), 'A')"
            for c in OTHERS
        ],
        f"setweight(to_tsvector('english'::regconfig, coalesce({prefix}summary_en, '')), 'B')",
        *[
            f"setweight(to_tsvector('simple'::regconfig, coalesce({prefix}summary_{c}, '')), 'B')"
            for c in OTHERS
        ],
        f"setweight(to_tsvector('english'::regconfig, coalesce({prefix}body, '')), 'C')",
    ]
    return " || ".join(parts)


COLUMNS = ", ".join(
    [
        "title",
        "summary",
        "body",
        "title_en",
        "summary_en",
        *[f"title_{c}" for c in OTHERS],
        *[f"summary_{c}" for c in OTHERS],
    ]
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
        f"BEGIN NEW.search_vector := {vector('NEW.')}; "
        "RETURN NEW; END $$ LANGUAGE plpgsql"
    )
    schema_editor.execute(
        "DROP TRIGGER IF EXISTS thematic_groups_deliverable_search_vector ON thematic_groups_deliverable"
    )
    schema_editor.execute(
        "CREATE TRIGGER thematic_groups_deliverable_search_vector "
        f"BEFORE INSERT OR UPDATE OF {COLUMNS} ON thematic_groups_deliverable "
        "FOR EACH ROW EXECUTE FUNCTION thematic_groups_deliverable_search_vector()"
    )
    schema_editor.execute(f"UPDATE thematic_groups_deliverable SET search_vector = {vector()}")
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
    dependencies = [("thematic_groups", "0002_registers_upward")]
    replaces = [
        ("thematic_groups", "0003_search_vector"),
        ("thematic_groups", "0008_search_vector_every_language"),
    ]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
