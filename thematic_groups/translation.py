"""Content in several languages (issue 13): group names and objectives, deliverable titles and
summaries get a column per language (django-modeltranslation); the English column is the original."""

from modeltranslation.translator import TranslationOptions, register, translator

from thematic_groups.models import Deliverable, ThematicGroup


@register(ThematicGroup)
class ThematicGroupTranslation(TranslationOptions):
    fields = ("title", "objectives")


@register(Deliverable)
class DeliverableTranslation(TranslationOptions):
    fields = ("title", "summary")


# The history keeps every language: simple-history built the historical model before these
# columns existed, so it gets them the same way.
translator.register(ThematicGroup.history.model, ThematicGroupTranslation)
translator.register(Deliverable.history.model, DeliverableTranslation)
