"""`{{ record.history_change_reason|reason }}`: a stored change reason in the reader's language."""

from django import template

from kernel.reasons import said

register = template.Library()


@register.filter
def reason(stored):
    return said(stored)
