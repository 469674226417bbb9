"""The read-only API (ToR 8, 31): the same selectors, visibility and filters as the pages.

Every viewset is read-only: POST, PUT, PATCH and DELETE answer 405. Objects a person may
not see answer 404, exactly as on the site.
"""

from __future__ import annotations

from django.db.models import Prefetch
from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import viewsets
from rest_framework.response import Response

from api import filters, serializers
from governance.models import Clause, Partner, ToRVersion
from meetings.selectors import meeting_list_visible
from thematic_groups import selectors as tg


class DeliverableViewSet(viewsets.ReadOnlyModelViewSet):
    """Deliverables: published ones for everyone; unpublished ones only to their audience
    (Partners, Secretariat, Management Team, the group's Leaders, the team)."""

    lookup_field = "slug"
    filterset_class = filters.DeliverableFilterSet

    def get_queryset(self):
        return tg.deliverable_list_visible(user=self.request.user)

    def get_serializer_class(self):
        if self.action == "retrieve":
            return serializers.DeliverableDetailSerializer
        return serializers.DeliverableSerializer


class ThematicGroupViewSet(viewsets.ReadOnlyModelViewSet):
    """Thematic Groups with their working groups and current Leaders."""

    lookup_field = "slug"
    serializer_class = serializers.ThematicGroupSerializer
    filterset_fields = ["status"]

    def get_queryset(self):
        return tg.group_list()


class MeetingViewSet(viewsets.ReadOnlyModelViewSet):
    """Annual meetings whose programme is published; e-meetings only to their audience."""

    lookup_field = "slug"
    serializer_class = serializers.MeetingSerializer
    filterset_class = filters.MeetingFilterSet

    def get_queryset(self):
        return meeting_list_visible(user=self.request.user).order_by("-starts_at", "pk")


class PartnerViewSet(viewsets.ReadOnlyModelViewSet):
    """The UN Partners of U4SSC (ToR 12, Annex II), current and former."""

    lookup_field = "slug"
    serializer_class = serializers.PartnerSerializer
    filterset_fields = ["is_secretariat"]
    queryset = Partner.objects.order_by("acronym")


class ToRViewSet(viewsets.GenericViewSet):
    """The Terms of Reference in force, with its numbered clauses."""

    serializer_class = serializers.ToRVersionSerializer
    pagination_class = None
    filter_backends: list = []

    def get_queryset(self):
        return ToRVersion.objects.filter(status=ToRVersion.Status.IN_FORCE).prefetch_related(
            Prefetch("clauses", queryset=Clause.objects.order_by("position"))
        )

    @extend_schema(responses=serializers.ToRVersionSerializer)
    def list(self, request, *args, **kwargs):  # *args: the .json format suffix (api/v1/tor.json)
        version = self.get_queryset().first()
        if version is None:
            raise Http404("No version of the Terms of Reference is in force.")
        return Response(self.get_serializer(version).data)
