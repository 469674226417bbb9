"""The deliverable's stored search vector reads every language's title and summary (issue 13).

Migration 0003 built it from `title`, `summary` and `body` with the 'english' configuration. With
content in several languages (0007, django-modeltranslation) the English original is in
`title_en`/`summary_en` (still 'english': stemmed) and the versions in `title_ar`, `title_fr`… are
added with the 'simple' configuration (PostgreSQL has no Arabic or Chinese one built in; one
configuration for all versions keeps the query side to two configurations, see
thematic_groups.selectors.deliverable_search). Same weights: titles A, summaries B, body C.
PostgreSQL only, like 0003; the trigger now fires on every one of these columns.
"""

from django.db import migrations

OTHERS = ("ar", "zh_hans", "fr", "ru", "es")


def vector(prefix: str = "") -> str:
    parts = [
        f"setweight(to_tsvector('english'::regconfig, coalesce({prefix}title_en, '')), 'A')",
        *[f"setweight(to_tsvector('simple'::regconfig, coalesce({prefix}title_{c}, '')), 'A')" for c in OTHERS],
        f"setweight(to_tsvector('english'::regconfig, coalesce({prefix}summary_en, '')), 'B')",
        *[f"setweight(to_tsvector('simple'::regconfig, coalesce({prefix}summary_{c}, '')), 'B')" for c in OTHERS],
        f"setweight(to_tsvector('english'::regconfig, coalesce({prefix}body, '')), 'C')",
    ]
    return " || ".join(parts)


COLUMNS = ", ".join(
    ["title", "summary", "body", "title_en", "summary_en", *[f"title_{c}" for c in OTHERS], *[f"summary_{c}" for c in OTHERS]]
)

OLD_VECTOR = (
    "setweight(to_tsvector('english'::regconfig, coalesce({p}title, '')), 'A') || "
    "setweight(to_tsvector('english'::regconfig, coalesce({p}summary, '')), 'B') || "
    "setweight(to_tsvector('english'::regconfig, coalesce({p}body, '')), 'C')"
)


def install(schema_editor, expression: str, columns: str) -> None:
    schema_editor.execute(
        "CREATE OR REPLACE FUNCTION thematic_groups_deliverable_search_vector() RETURNS trigger AS $$ "
        f"BEGIN NEW.search_vector := {expression}; "
        "RETURN NEW; END $$ LANGUAGE plpgsql"
    )
    schema_editor.execute(
        "DROP TRIGGER IF EXISTS thematic_groups_deliverable_search_vector ON thematic_groups_deliverable"
    )
    schema_editor.execute(
        "CREATE TRIGGER thematic_groups_deliverable_search_vector "
        f"BEFORE INSERT OR UPDATE OF {columns} ON thematic_groups_deliverable "
        "FOR EACH ROW EXECUTE FUNCTION thematic_groups_deliverable_search_vector()"
    )


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    install(schema_editor, vector("NEW."), COLUMNS)
    schema_editor.execute(f"UPDATE thematic_groups_deliverable SET search_vector = {vector()}")


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    install(schema_editor, OLD_VECTOR.format(p="NEW."), "title, summary, body")
    schema_editor.execute(f"UPDATE thematic_groups_deliverable SET search_vector = {OLD_VECTOR.format(p='')}")


class Migration(migrations.Migration):
    dependencies = [("thematic_groups", "0007_content_languages")]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
