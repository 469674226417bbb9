"""Content in the reader's language, or in English and said so (kernel.content_language).

{% load content_language %}
<h1>{% content deliverable "title" %}</h1>      text, in <span lang="en"> when it is English
{% content deliverable "summary" linebreaks=True %}
{% content_notice deliverable "title" "summary" %}   "This text is not yet available in …"
{% shown clause "text" as text %}                  the Shown record: text.text, text.fallback
"""

from django import template
from django.template.defaultfilters import linebreaks_filter, linebreaksbr
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from kernel.content_language import fallbacks, get_language, language_name
from kernel.content_language import shown as shown_text

register = template.Library()


@register.simple_tag
def shown(obj, field):
    return shown_text(obj, field)


@register.simple_tag
def content(obj, field, linebreaks=False, br=False):
    text = shown_text(obj, field)
    if linebreaks:
        body = linebreaks_filter(text.text, autoescape=True)
    elif br:
        body = linebreaksbr(text.text, autoescape=True)
    else:
        body = conditional_escape(text.text)
    if not text.fallback:
        return mark_safe(body)
    tag = "div" if linebreaks else "span"
    return format_html('<{} lang="{}">{}</{}>', mark_safe(tag), text.lang, mark_safe(body), mark_safe(tag))


@register.simple_tag
def content_notice(obj, *fields):
    """A short note when any of `fields` is shown in English for want of a version in the reader's
    language (the English text itself carries lang="en")."""
    if not fallbacks(obj, *fields):
        return ""
    sentence = gettext("This text is not yet available in %(language)s; shown in English.") % {
        "language": language_name(get_language())
    }
    return format_html('<p class="notice content-fallback" role="note">{}</p>', sentence)


@register.simple_tag
def content_notice_any(objects, *fields):
    """The same note, once, when any of `objects` (the clauses of a ToR version) is shown in English."""
    for obj in objects or ():
        notice = content_notice(obj, *fields)
        if notice:
            return notice
    return ""
