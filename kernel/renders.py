"""PDFs kept per reader's language (issue 13): a published document is rendered on its first
request in each language and kept, keyed by the version of what went into it.

`keep_render` stores one render row (a model with `file` and `size`) whose unique constraint
covers the record, the language and the content version: when two workers render the same PDF
at once, the second one's insert fails, it deletes its own file and serves the first one's; a
render that fails stores nothing. The older renders of the same record and language go."""

from __future__ import annotations

from collections.abc import Callable

from django.core.files.base import ContentFile
from django.db import IntegrityError, models, transaction


def keep_render(
    render: models.Model,
    *,
    name: str,
    make: Callable[[], bytes],
    existing: Callable[[], models.Model | None],
    siblings: models.QuerySet,
) -> models.Model:
    """Render (`make`), store the file under `name` and save `render`; `existing` finds the row a
    concurrent worker saved first, `siblings` are the record's renders in the same language."""
    pdf = make()  # raises (no Pango, a template error): nothing stored yet
    render.size = len(pdf)
    render.file.save(name, ContentFile(pdf), save=False)
    stored = render.file.name
    try:
        with transaction.atomic():
            render.save()
    except IntegrityError:  # another worker finished the same render first: keep its file only
        render.file.storage.delete(stored)
        found = existing()
        if found is None:
            raise
        return found
    except BaseException:
        render.file.storage.delete(stored)
        raise
    for old in siblings.exclude(pk=render.pk):
        old.file.delete(save=False)
        old.delete()
    return render
