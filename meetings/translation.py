"""Content in several languages (issue 13): meeting titles get a column per language
(django-modeltranslation); the English column is the original."""

from modeltranslation.translator import TranslationOptions, register, translator

from meetings.models import Meeting


@register(Meeting)
class MeetingTranslation(TranslationOptions):
    fields = ("title",)


# The history keeps every language: simple-history built the historical model before these
# columns existed, so it gets them the same way.
translator.register(Meeting.history.model, MeetingTranslation)
