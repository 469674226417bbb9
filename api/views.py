"""The read-only API (ToR 8, 31): the same selectors, visibility and filters as the pages.

Every viewset is read-only: POST, PUT, PATCH and DELETE answer 405. Objects a person may
not see answer 404, exactly as on the site. A wrong query value answers 400 naming the
parameter (api/filters.py, api/pagination.py); the schema documents each status (api/schema.py).
"""

from __future__ import annotations

import hashlib
import re

import django_filters
from django import forms
from django.db.models import Prefetch
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import viewsets
from rest_framework.decorators import action, api_view, permission_classes, renderer_classes
from rest_framework.exceptions import NotFound
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

from api import filters, schema, serializers
from governance.models import Clause, Partner, ToRVersion
from index import selectors as index_selectors
from kpis import selectors as kpi_selectors
from kpis.models import Kpi
from meetings.selectors import meeting_list_visible
from thematic_groups import selectors as tg
from thematic_groups.models import ThematicGroup

SLUG = re.compile(r"[-a-zA-Z0-9_]{1,200}")


class SlugLookup:
    """A slug that cannot exist (a null character, a space, 10,000 characters) answers 404
    without asking the database, which may refuse it (PostgreSQL rejects null characters)."""

    lookup_field = "slug"

    def get_object(self):
        if not SLUG.fullmatch(str(self.kwargs.get(self.lookup_field, ""))):
            raise NotFound(gettext("No such object."))
        return super().get_object()


class DeliverableViewSet(SlugLookup, viewsets.ReadOnlyModelViewSet):
    """Deliverables: published ones for everyone; unpublished ones only to their audience
    (Partners, Secretariat, Management Team, the group's Leaders, the team)."""

    filterset_class = filters.DeliverableFilterSet

    def get_queryset(self):
        return tg.deliverable_list_visible(user=self.request.user)

    def get_serializer_class(self):
        if self.action == "retrieve":
            return serializers.DeliverableDetailSerializer
        return serializers.DeliverableSerializer


class ThematicGroupFilterSet(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=ThematicGroup.Status.choices)

    class Meta:
        model = ThematicGroup
        fields = ["status"]


class ThematicGroupViewSet(SlugLookup, viewsets.ReadOnlyModelViewSet):
    """Thematic Groups with their working groups and current Leaders."""

    serializer_class = serializers.ThematicGroupSerializer
    filterset_class = ThematicGroupFilterSet

    def get_queryset(self):
        return tg.group_list()


class MeetingViewSet(SlugLookup, viewsets.ReadOnlyModelViewSet):
    """Annual meetings whose programme is published; e-meetings only to their audience."""

    serializer_class = serializers.MeetingSerializer
    filterset_class = filters.MeetingFilterSet

    def get_queryset(self):
        return meeting_list_visible(user=self.request.user).order_by("-starts_at", "pk")


class StrictBooleanField(forms.Field):
    """true/false (or 1/0); anything else is an error rather than silently no filter."""

    def to_python(self, value):
        if value in (None, ""):
            return None
        lowered = str(value).lower()
        if lowered in ("true", "1"):
            return True
        if lowered in ("false", "0"):
            return False
        raise forms.ValidationError(gettext("Enter true or false."), code="invalid")


@extend_schema_field({"type": "boolean"})
class StrictBooleanFilter(django_filters.BooleanFilter):
    field_class = StrictBooleanField


class PartnerFilterSet(django_filters.FilterSet):
    is_secretariat = StrictBooleanFilter(
        label=_("Only the Secretariat's Partners (true) or the others (false)")
    )

    class Meta:
        model = Partner
        fields = ["is_secretariat"]


class PartnerViewSet(SlugLookup, viewsets.ReadOnlyModelViewSet):
    """The UN Partners of U4SSC (ToR 12, Annex II), current and former."""

    serializer_class = serializers.PartnerSerializer
    filterset_class = PartnerFilterSet
    queryset = Partner.objects.order_by("acronym")


class ToRViewSet(viewsets.GenericViewSet):
    """The Terms of Reference in force, with its numbered clauses."""

    serializer_class = serializers.ToRInForceSerializer
    pagination_class = None
    filter_backends: list = []

    def get_queryset(self):
        return ToRVersion.objects.filter(status=ToRVersion.Status.IN_FORCE).prefetch_related(
            Prefetch("clauses", queryset=Clause.objects.order_by("position"))
        )

    def list(self, request, *args, **kwargs):  # *args: the .json format suffix (api/v1/tor.json)
        version = self.get_queryset().first()
        if version is None:
            raise NotFound("No version of the Terms of Reference is in force.")
        return Response(self.get_serializer(version).data)


@extend_schema_field({"type": "string", "maxLength": 100, "pattern": "^[^\\x00]*$"})
class PlainTextFilter(django_filters.CharFilter):
    """A short text without null characters (PostgreSQL refuses them), matched case-insensitively."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 100)
        kwargs.setdefault("lookup_expr", "iexact")
        super().__init__(*args, **kwargs)


class KpiFilterSet(django_filters.FilterSet):
    dimension = PlainTextFilter(label=_("Dimension (Economy, Environment, Society and Culture)"))
    level = django_filters.ChoiceFilter(choices=Kpi.Level.choices)

    class Meta:
        model = Kpi
        fields = ["dimension", "level"]


class KpiViewSet(SlugLookup, viewsets.ReadOnlyModelViewSet):
    """The U4SSC KPI catalogue (issue 14): code, dimension, unit, direction, benchmark target."""

    serializer_class = serializers.KpiSerializer
    filterset_class = KpiFilterSet
    queryset = Kpi.objects.order_by("position", "code")


class CityFilterSet(django_filters.FilterSet):
    country = PlainTextFilter(label=_("Country"))
    region = PlainTextFilter(label=_("Region"))

    class Meta:
        model = kpi_selectors.City
        fields = ["country", "region"]


class CityViewSet(SlugLookup, viewsets.ReadOnlyModelViewSet):
    """Cities with a published reporting cycle; `values/` gives the verified values of the latest
    published cycle, within the city's consent (never sensitive data, never evidence)."""

    serializer_class = serializers.CitySerializer
    filterset_class = CityFilterSet

    def get_queryset(self):
        return kpi_selectors.cities_public()

    @extend_schema(
        responses={
            200: serializers.CityValueSerializer(many=True),
            400: schema.BAD_QUERY,
            404: schema.NOT_FOUND,
        },
        filters=False,
    )
    @action(
        detail=True, url_path="values", filterset_class=None, serializer_class=serializers.CityValueSerializer
    )
    def values(self, request, *args, **kwargs):
        """The same for everyone: cached under the content generation (kernel.cache.Fragments), so
        a change of consent or publication drops it at once; a 404 or 400 is never cached."""
        from kernel.cache import Fragments

        def compute():
            city = self.get_object()
            page = self.paginate_queryset(kpi_selectors.public_values_all_cities(city=city))
            return self.get_paginated_response(serializers.CityValueSerializer(page, many=True).data).data

        raw = f"{request.get_host()}|{kwargs.get('slug', '')}|{request.query_params.get('page', '')}"
        key = "api:city-values:" + hashlib.sha256(raw.encode()).hexdigest()[:32]
        parts = Fragments([key])
        data = parts.get(key, compute)
        parts.save()
        return Response(data)


class IndexEditionViewSet(SlugLookup, viewsets.ReadOnlyModelViewSet):
    """Published editions of the U4SSC Index (issue 15); an edition's ranks and scores never change."""

    def get_queryset(self):
        editions = index_selectors.editions_public().order_by("-year", "-methodology__version")
        if self.action == "retrieve":
            editions = editions.prefetch_related(
                Prefetch("rows", queryset=index_selectors.EditionCity.objects.order_by("rank", "city_name"))
            )
        return editions

    def get_serializer_class(self):
        if self.action == "retrieve":
            return serializers.EditionDetailSerializer
        return serializers.EditionSerializer


@extend_schema(exclude=True)
@api_view(["GET", "HEAD", "OPTIONS", "POST", "PUT", "PATCH", "DELETE"])
@permission_classes([AllowAny])
@renderer_classes([JSONRenderer])
def not_found(request, *args, **kwargs):
    """Any other address under /api/ answers a JSON 404 (not the site's HTML page)."""
    raise NotFound(gettext("No such address in the API: see /api/docs/."))
