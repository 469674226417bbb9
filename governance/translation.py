"""Content in several languages (issue 13): the ToR's title, summary and clauses get a column per
language (django-modeltranslation); the English column is the original."""

from modeltranslation.translator import TranslationOptions, register, translator

from governance.models import Clause, ToRVersion


@register(ToRVersion)
class ToRVersionTranslation(TranslationOptions):
    fields = ("title", "summary")


@register(Clause)
class ClauseTranslation(TranslationOptions):
    fields = ("section", "text")


# The history keeps every language: simple-history built the historical model before these
# columns existed, so it gets them the same way.
translator.register(ToRVersion.history.model, ToRVersionTranslation)
translator.register(Clause.history.model, ClauseTranslation)
