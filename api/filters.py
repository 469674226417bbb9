"""Filters of the API: the same as on the site (search, group, type, year), through the same selector.

Every filter validates its value: a value that is not one the schema allows (an unknown type, a
year outside 1900..2100, a null character) answers 400 with a message under the parameter's name,
never a 500 from the database."""

from __future__ import annotations

import django_filters
from django import forms
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field

from meetings.models import Meeting
from thematic_groups.models import Deliverable
from thematic_groups.selectors import DeliverableFilters, deliverable_search

YEAR_MIN, YEAR_MAX = 1900, 2100
SEARCH_MAX = 200


_year_message = lazy(
    lambda: gettext("Enter a year between %(min)s and %(max)s.") % {"min": YEAR_MIN, "max": YEAR_MAX}, str
)


@extend_schema_field({"type": "integer", "minimum": YEAR_MIN, "maximum": YEAR_MAX})
class YearFilter(django_filters.NumberFilter):
    """A calendar year between 1900 and 2100 (a year lookup on a larger number overflows the date
    arithmetic of the database)."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        message = _year_message()  # lazy: worded in the language of the request
        kwargs.setdefault("min_value", YEAR_MIN)
        kwargs.setdefault("max_value", YEAR_MAX)
        kwargs.setdefault("error_messages", {"invalid": message, "min_value": message, "max_value": message})
        super().__init__(*args, **kwargs)


@extend_schema_field({"type": "string", "maxLength": SEARCH_MAX})
class SearchFilter(django_filters.CharFilter):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", SEARCH_MAX)
        super().__init__(*args, **kwargs)


class DeliverableFilterSet(django_filters.FilterSet):
    q = SearchFilter(method="search", label=_("Full-text search (title, summary, text)"))
    group = django_filters.CharFilter(field_name="thematic_group__slug", label=_("Thematic Group (slug)"))
    type = django_filters.ChoiceFilter(choices=Deliverable.Type.choices, label=_("Type"))
    year = YearFilter(field_name="published_on", lookup_expr="year", label=_("Year of publication"))
    status = django_filters.ChoiceFilter(choices=Deliverable.Status.choices, label=_("Status"))

    class Meta:
        model = Deliverable
        fields = ["q", "group", "type", "year", "status"]

    def search(self, queryset, name, value):
        return deliverable_search(queryset, DeliverableFilters(q=value.strip()[:SEARCH_MAX]))


class MeetingFilterSet(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(choices=Meeting.Kind.choices, label=_("Kind of meeting"))
    group = django_filters.CharFilter(field_name="thematic_group__slug", label=_("Thematic Group (slug)"))
    year = YearFilter(field_name="starts_at", lookup_expr="year", label=_("Year the meeting starts"))

    class Meta:
        model = Meeting
        fields = ["kind", "group", "year"]
