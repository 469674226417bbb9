"""The flush after each `transaction=True` test (and after a module's committed demo), made cheap.

Django empties every table (one TRUNCATE of all 128), then sends `post_migrate` so that the
content types, permissions and the other rows the apps make for themselves exist again. Both were
most of such a test's own cost: on PostgreSQL a TRUNCATE gives each table new files (0.6-0.8 s),
and `post_migrate` re-reads and re-creates ~600 rows through the ORM (0.3 s on a 2-core VM). Here,
in the test process only:

- PostgreSQL's flush deletes the rows of each table in one transaction, the keys checked at its
  commit (Django's are DEFERRABLE INITIALLY DEFERRED): the same empty tables in ~0.02 s. No
  sequence is reset, as in Django's flush of a test.
- The first flush of a process sends `post_migrate` and keeps what it left (the rows of every
  table that is not empty after it); later flushes put those rows back, ids and all, instead of
  sending it again. The tables end as after the first flush; the content types keep their ids.
"""

from __future__ import annotations

from django.db import connections, transaction

_after_post_migrate: dict[str, list[tuple[str, list[str], list[tuple]]]] = {}


def faster() -> None:
    from django.core.management.commands import flush
    from django.db.backends.postgresql.operations import DatabaseOperations

    if getattr(flush.emit_post_migrate_signal, "replays", False):
        return
    truncate = DatabaseOperations.sql_flush

    def sql_flush(self, style, tables, *, reset_sequences=False, allow_cascade=False):
        if reset_sequences or not tables:
            return truncate(self, style, tables, reset_sequences=reset_sequences, allow_cascade=allow_cascade)
        return ["SET CONSTRAINTS ALL DEFERRED"] + [
            f"{style.SQL_KEYWORD('DELETE FROM')} {style.SQL_FIELD(self.quote_name(table))};"
            for table in tables
        ]

    DatabaseOperations.sql_flush = sql_flush
    send = flush.emit_post_migrate_signal

    def emit_post_migrate_signal(verbosity, interactive, db, **kwargs):
        kept = _after_post_migrate.get(db)
        if kept is None:
            send(verbosity, interactive, db, **kwargs)
            _after_post_migrate[db] = _rows(db)
        else:
            _put_back(db, kept)

    emit_post_migrate_signal.replays = True
    flush.emit_post_migrate_signal = emit_post_migrate_signal


def _rows(alias: str) -> list[tuple[str, list[str], list[tuple]]]:
    connection = connections[alias]
    quote = connection.ops.quote_name
    kept = []
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.django_table_names(only_existing=True)):
            cursor.execute(f"SELECT * FROM {quote(table)}")
            rows = cursor.fetchall()
            if rows:
                kept.append((table, [column[0] for column in cursor.description], rows))
    return kept


def _put_back(alias: str, kept) -> None:
    connection = connections[alias]
    quote = connection.ops.quote_name
    with transaction.atomic(using=alias), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            from psycopg2.extras import execute_values

            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        for table, columns, rows in kept:
            into = f"INSERT INTO {quote(table)} ({', '.join(quote(c) for c in columns)}) VALUES "
            if connection.vendor == "postgresql":
                execute_values(cursor.cursor, into + "%s", rows, page_size=1000)
            else:
                cursor.executemany(into + f"({', '.join(['%s'] * len(columns))})", rows)
