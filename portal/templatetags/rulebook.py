"""`{% can "action" obj as allowed %}`: templates ask the rulebook, never re-implement it."""

from django import template

from governance.rulebook import can as rulebook_can

register = template.Library()


@register.simple_tag(takes_context=True)
def can(context, action, obj=None):
    request = context.get("request")
    user = getattr(request, "user", None)
    return rulebook_can(user, action, obj)
