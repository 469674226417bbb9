"""Filters of the API: the same as on the site (search, group, type, year), through the same selector."""

from __future__ import annotations

import django_filters

from meetings.models import Meeting
from thematic_groups.models import Deliverable
from thematic_groups.selectors import DeliverableFilters, deliverable_search


class DeliverableFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label="Full-text search (title, summary, text)")
    group = django_filters.CharFilter(field_name="thematic_group__slug", label="Thematic Group (slug)")
    type = django_filters.ChoiceFilter(choices=Deliverable.Type.choices, label="Type")
    year = django_filters.NumberFilter(
        field_name="published_on", lookup_expr="year", label="Year of publication"
    )
    status = django_filters.ChoiceFilter(choices=Deliverable.Status.choices, label="Status")

    class Meta:
        model = Deliverable
        fields = ["q", "group", "type", "year", "status"]

    def search(self, queryset, name, value):
        return deliverable_search(queryset, DeliverableFilters(q=value.strip()[:200]))


class MeetingFilterSet(django_filters.FilterSet):
    kind = django_filters.CharFilter(field_name="kind")
    group = django_filters.CharFilter(field_name="thematic_group__slug", label="Thematic Group (slug)")
    year = django_filters.NumberFilter(field_name="starts_at", lookup_expr="year")

    class Meta:
        model = Meeting
        fields = ["kind", "group", "year"]
