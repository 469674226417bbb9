"""Which language a piece of content is shown in (issue 13).

Content that the Secretariat may enter in several languages (the ToR, group names and objectives,
deliverable titles and summaries, meeting titles) has one column per language
(django-modeltranslation, registered in each app's `translation.py`). Reading `obj.title` gives the
reader's language where a version exists and the English original otherwise; `shown(obj, "title")`
also says which one it is, so a page can mark English text with `lang="en"` and tell the reader
(templates: `{% load content_language %}`, `{% content obj "title" %}`, `{% content_notice obj
"title" "summary" %}`). Everything here reads attributes of the row already loaded: no query."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.db.models import Q
from django.utils.translation import get_language_info, override
from modeltranslation.manager import get_translatable_fields_for_model
from modeltranslation.settings import DEFAULT_LANGUAGE
from modeltranslation.utils import build_localized_fieldname, get_language

ORIGINAL = DEFAULT_LANGUAGE  # "en": the column that always holds the text


def other_languages() -> list[str]:
    """The languages a version may be entered in, besides the English original."""
    return [code for code in settings.MODELTRANSLATION_LANGUAGES if code != ORIGINAL]


def original_language():
    """Read and write the English original (`obj.title` is the `title_en` column inside)."""
    return override(ORIGINAL)


@dataclass(frozen=True)
class Shown:
    text: str
    lang: str  # the language of `text`
    wanted: str  # the reader's language

    @property
    def fallback(self) -> bool:
        """True when the reader's language has no version and the English original is shown."""
        return bool(self.text) and self.lang != self.wanted


def is_translated(obj, field: str) -> bool:
    return field in (get_translatable_fields_for_model(type(obj)) or ())


def shown(obj, field: str) -> Shown:
    """The text of `field` in the reader's language, or the English original (with its language)."""
    wanted = get_language()
    if not is_translated(obj, field):
        return Shown(getattr(obj, field) or "", wanted, wanted)
    value = getattr(obj, build_localized_fieldname(field, wanted), None)
    if value:
        return Shown(value, wanted, wanted)
    return Shown(getattr(obj, build_localized_fieldname(field, ORIGINAL), None) or "", ORIGINAL, wanted)


def language_name(code: str) -> str:
    """The language's own name ("Français", "العربية"), as the switcher names it (settings.LANGUAGES)."""
    return str(dict(settings.LANGUAGES).get(code) or get_language_info(code)["name_local"])


def fallbacks(obj, *fields: str) -> list[str]:
    """The fields of `obj` shown in English because the reader's language has no version."""
    return [field for field in fields if shown(obj, field).fallback]


def in_any_language(field: str, lookup: str, value) -> Q:
    """`field__lookup=value` in any language's column. modeltranslation rewrites `title__icontains`
    to the reader's language only, which would hide every record without a version in it; a
    search must find a deliverable whatever language its words are in."""
    match = Q()
    for code in settings.MODELTRANSLATION_LANGUAGES:
        match |= Q(**{f"{build_localized_fieldname(field, code)}__{lookup}": value})
    return match


def every_version(obj, *fields: str) -> dict[str, object]:
    """Every language's column of `fields` (and the base column, English), to copy a record with
    its versions: `Clause(..., **every_version(clause, "section", "text"))`. Reading `clause.text`
    instead would copy the reader's language into the English original."""
    values: dict[str, object] = {}
    for field in fields:
        for code in settings.MODELTRANSLATION_LANGUAGES:
            column = build_localized_fieldname(field, code)
            values[column] = getattr(obj, column)
        values[field] = getattr(obj, build_localized_fieldname(field, ORIGINAL))
    return values


def drop_versions(obj, field: str) -> list[str]:
    """Empty the other languages' versions of `field` on `obj` (its English original changed);
    returns the columns to save."""
    columns = [build_localized_fieldname(field, code) for code in other_languages()]
    for column in columns:
        setattr(obj, column, None)
    return columns


def versions(obj, field: str) -> dict[str, str]:
    """Every language's text of `field` on `obj` (the English original under "en"), to keep with
    a published document: `in_reader_language(kept)` later picks the reader's."""
    if not is_translated(obj, field):
        return {ORIGINAL: getattr(obj, field) or ""}
    texts = {
        code: getattr(obj, build_localized_fieldname(field, code), None) or ""
        for code in settings.MODELTRANSLATION_LANGUAGES
    }
    return {code: text for code, text in texts.items() if text or code == ORIGINAL}


def in_reader_language(kept: dict[str, str], live: dict[str, str] | None = None) -> str:
    """The reader's version of a text kept as published (`versions(...)` then): a version entered
    since (`live`, the record's columns now) counts while its English original is still the one
    published; then the version kept; then the English original as published."""
    wanted = get_language()
    if live and live.get(wanted) and live.get(ORIGINAL) == kept.get(ORIGINAL):
        return live[wanted]
    return kept.get(wanted) or kept.get(ORIGINAL) or ""
