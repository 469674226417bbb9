"""An ORM query compiled once per process and run with new values (issue 17).

Compiling a query (the ORM's `as_sql`) costs about as much as a short query's round trip; for the
one query every signed-in request runs when nothing is cached (the person's roles) that is worth
saving. `Prepared(build, name=sentinel, ...)` calls `build(**sentinels)` once per database
vendor, compiles it, remembers which parameters were the sentinels, and `rows(name=value, ...)`
runs the same SQL with the values in their places. Every other parameter (a status, a codename)
must not depend on the values: the build function takes only the named values.

    FACTS = Prepared(lambda person_id, on: Model.objects.filter(...).values_list(...),
                     person_id=-987_654_321, on=dt.date(1901, 2, 3))
    FACTS.rows(person_id=user.pk, on=today)
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db import connections


class Prepared:
    def __init__(self, build: Callable[..., Any], *, using: str = "default", **sentinels: Any):
        self.build = build
        self.using = using
        self.sentinels = sentinels
        self._compiled: dict[str, tuple[str, list, list[tuple[str, bool] | None]]] = {}

    def _compile(self, vendor: str) -> tuple[str, list, list[tuple[str, bool] | None]]:
        queryset = self.build(**self.sentinels)
        sql, params = queryset.query.get_compiler(using=self.using).as_sql()
        slots: list[tuple[str, bool] | None] = []
        for param in params:
            slot = None
            for name, value in self.sentinels.items():
                if type(param) is type(value) and param == value:
                    slot = (name, False)
                elif isinstance(param, str) and not isinstance(value, str) and param == str(value):
                    slot = (name, True)  # the backend adapts it to text (SQLite's dates)
            slots.append(slot)
        missing = set(self.sentinels) - {slot[0] for slot in slots if slot}
        if missing:
            raise ValueError(f"Prepared query does not use {sorted(missing)}")
        compiled = (sql, list(params), slots)
        self._compiled[vendor] = compiled
        return compiled

    def rows(self, **values: Any) -> list[tuple]:
        connection = connections[self.using]
        sql, params, slots = self._compiled.get(connection.vendor) or self._compile(connection.vendor)
        bound = [
            param if slot is None else (str(values[slot[0]]) if slot[1] else values[slot[0]])
            for slot, param in zip(slots, params, strict=True)
        ]
        with connection.cursor() as cursor:
            cursor.execute(sql, bound)
            return cursor.fetchall()
