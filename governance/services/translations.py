"""Versions of the content in the UN languages (issue 13), entered by the Secretariat.

The records with content in several languages (the ToR and its clauses, Thematic Groups,
deliverables, meetings) register their fields in their app's `translation.py`
(django-modeltranslation: one column per language). The English column is the original and
changes through each record's own services; the other languages change here, whatever the
record's state (a published deliverable or the ToR in force gets its French version later)."""

from __future__ import annotations

from django.db import models, transaction
from django.utils.translation import gettext as _
from modeltranslation.manager import get_translatable_fields_for_model
from modeltranslation.utils import build_localized_fieldname
from simple_history.utils import update_change_reason

from governance import reasons as why
from governance.rulebook import require
from kernel.content_language import language_name, other_languages
from kernel.lifecycle import DomainError


@transaction.atomic
def content_translate(*, by, record: models.Model, language: str, texts: dict[str, str]) -> models.Model:
    """Set the `language` version of some of `record`'s translated fields; an empty text removes
    that version (the page then shows English and says so)."""
    require(by, "content.translate")
    if language not in other_languages():
        raise DomainError(_("Choose one of the languages other than English."))
    translated = set(get_translatable_fields_for_model(type(record)) or ())
    unknown = sorted(set(texts) - translated)
    if unknown:
        raise DomainError(
            _("%(fields)s cannot have versions in other languages.") % {"fields": ", ".join(unknown)}
        )
    record = type(record)._default_manager.select_for_update().get(pk=record.pk)
    columns = []
    for field, text in texts.items():
        column = build_localized_fieldname(field, language)
        text = (text or "").strip()
        limit = record._meta.get_field(column).max_length
        if limit and len(text) > limit:
            raise DomainError(
                _("The %(language)s version of %(field)s is longer than %(limit)d characters.")
                % {"language": language_name(language), "field": field, "limit": limit}
            )
        setattr(record, column, text or None)
        columns.append(column)
    if columns:
        record.save(update_fields=columns)
        # A code, not a sentence: the history is worded in the reader's language.
        update_change_reason(record, why.TRANSLATED(language=language, fields=",".join(sorted(texts))))
    return record
