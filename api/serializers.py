"""Read-only representations. Each serializer reads only what its selector already loaded."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_serializer
from rest_framework import serializers

from governance.models import Clause, Partner, ToRVersion
from kpis.models import City, Kpi
from meetings.models import Meeting
from thematic_groups.models import Deliverable, ThematicGroup, WorkingGroup


class DeliverableSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField(help_text=_("The deliverable's page."))
    pdf_url = serializers.SerializerMethodField(help_text=_("The public PDF, when published."))
    thematic_group = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    type_label = serializers.CharField(source="get_type_display", read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)

    class Meta:
        model = Deliverable
        fields = [
            "slug",
            "title",
            "type",
            "type_label",
            "status",
            "status_label",
            "thematic_group",
            "summary",
            "published_on",
            "edition",
            "withdrawn_on",
            "withdrawal_note",
            "starts_on",
            "final_draft_due",
            "publication_due",
            "url",
            "pdf_url",
        ]
        read_only_fields = fields

    def get_url(self, obj: Deliverable) -> str:
        return self.context["request"].build_absolute_uri(obj.get_absolute_url())

    def get_pdf_url(self, obj: Deliverable) -> str | None:
        if obj.status != Deliverable.Status.PUBLISHED:
            return None
        from django.urls import reverse

        return self.context["request"].build_absolute_uri(
            reverse("thematic_groups:deliverable_pdf", args=[obj.slug])
        )


class DeliverableDetailSerializer(DeliverableSerializer):
    class Meta(DeliverableSerializer.Meta):
        fields = [*DeliverableSerializer.Meta.fields, "objectives", "scope", "body"]
        read_only_fields = fields


class WorkingGroupSerializer(serializers.ModelSerializer):
    class Meta:
        model = WorkingGroup
        fields = ["number", "title", "description"]


class ThematicGroupSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()
    leaders = serializers.SerializerMethodField(help_text=_("Leaders holding an active mandate today."))
    working_groups = WorkingGroupSerializer(many=True, read_only=True)

    class Meta:
        model = ThematicGroup
        fields = [
            "slug",
            "title",
            "status",
            "objectives",
            "scope",
            "started_on",
            "leaders",
            "working_groups",
            "url",
        ]

    def get_url(self, obj: ThematicGroup) -> str:
        return self.context["request"].build_absolute_uri(obj.get_absolute_url())

    def get_leaders(self, obj: ThematicGroup) -> list[str]:
        return [str(m.person) for m in obj.active_leader_mandates]


class MeetingSerializer(serializers.ModelSerializer):
    thematic_group = serializers.SlugRelatedField(
        slug_field="slug", read_only=True, allow_null=True, help_text=_("Null for meetings of all of U4SSC.")
    )
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)

    class Meta:
        model = Meeting
        fields = [
            "slug",
            "title",
            "kind",
            "kind_label",
            "ordinal",
            "starts_at",
            "ends_at",
            "timezone",
            "format",
            "place",
            "audience",
            "status",
            "thematic_group",
        ]


class PartnerSerializer(serializers.ModelSerializer):
    class Meta:
        model = Partner
        fields = [
            "slug",
            "acronym",
            "name",
            "is_secretariat",
            "joined_on",
            "left_on",
            "website",
            "description",
        ]


class ClauseSerializer(serializers.ModelSerializer):
    label = serializers.CharField(read_only=True)
    anchor = serializers.CharField(read_only=True)

    class Meta:
        model = Clause
        fields = ["position", "section", "kind", "number", "letter", "key", "label", "anchor", "text"]


class ToRVersionSerializer(serializers.ModelSerializer):
    clauses = ClauseSerializer(many=True, read_only=True)

    class Meta:
        model = ToRVersion
        fields = ["number", "title", "status", "adopted_on", "summary", "clauses"]


@extend_schema_serializer(many=False)
class ToRInForceSerializer(ToRVersionSerializer):
    """/api/v1/tor/ answers one object, the version in force (not a list)."""

    class Meta(ToRVersionSerializer.Meta):
        pass


# The KPI web-tool (issue 14): the catalogue, cities with a published cycle, their public values.


class KpiSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField(help_text=_("The KPI's page."))

    class Meta:
        model = Kpi
        fields = [
            "code",
            "slug",
            "dimension",
            "sub_dimension",
            "category",
            "name",
            "unit",
            "level",
            "kind",
            "direction",
            "computed",
            "target",
            "sdg_targets",
            "url",
        ]
        read_only_fields = fields

    def get_url(self, obj: Kpi) -> str:
        return self.context["request"].build_absolute_uri(obj.get_absolute_url())


class CitySerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField(help_text=_("The city's public profile."))
    illustrative = serializers.BooleanField(
        read_only=True, help_text=_("Demo data: not a real city's measurements.")
    )

    class Meta:
        model = City
        fields = ["slug", "name", "country", "region", "population", "illustrative", "url"]
        read_only_fields = fields

    def get_url(self, obj: City) -> str:
        return self.context["request"].build_absolute_uri(obj.get_absolute_url())


class CityValueSerializer(serializers.Serializer):
    """A verified value of a published cycle, within the city's consent: `value` is null when the
    city consented to publish the score only."""

    kpi = serializers.CharField(source="kpi.code")
    kpi_slug = serializers.CharField(source="kpi.slug")
    year = serializers.IntegerField(source="cycle.year")
    value = serializers.SerializerMethodField()
    unit = serializers.CharField(source="kpi.unit")
    data_year = serializers.IntegerField(allow_null=True)
    points = serializers.SerializerMethodField(
        help_text=_("U4SSC benchmark points (1-4); null without a target.")
    )

    def get_value(self, obj) -> str | None:
        return f"{obj.value.normalize():f}" if obj.shows_value else None

    def get_points(self, obj) -> int | None:
        from kpis.scoring import points_for, progress

        if obj.kpi.target is None:
            return None
        return points_for(progress(obj.value, obj.kpi.target, lower_is_better=obj.kpi.is_lower_better))


class EditionRowSerializer(serializers.Serializer):
    """A city's line in an Index edition (frozen with the edition)."""

    city_slug = serializers.CharField()
    city = serializers.CharField(source="city_name")
    country = serializers.CharField()
    region = serializers.CharField()
    ranked = serializers.BooleanField(source="is_ranked")
    reason = serializers.CharField(help_text=_("Why not ranked: coverage or no_values; empty when ranked."))
    rank = serializers.IntegerField(allow_null=True)
    score = serializers.FloatField(allow_null=True)
    rank_p5 = serializers.IntegerField(source="rank_low", allow_null=True)
    rank_p95 = serializers.IntegerField(source="rank_high", allow_null=True)
    reported = serializers.IntegerField()
    coverage_percent = serializers.DecimalField(source="coverage", max_digits=6, decimal_places=2)


class EditionSerializer(serializers.Serializer):
    """A published edition of the U4SSC Index (issue 15)."""

    slug = serializers.CharField()
    year = serializers.IntegerField()
    methodology_version = serializers.IntegerField(source="methodology.version")
    published_at = serializers.DateTimeField()
    url = serializers.SerializerMethodField(help_text=_("The edition's page."))
    datapackage = serializers.SerializerMethodField(help_text=_("The edition's Frictionless Data Package."))

    def get_url(self, obj) -> str:
        return self.context["request"].build_absolute_uri(obj.get_absolute_url())

    def get_datapackage(self, obj) -> str:
        return self.context["request"].build_absolute_uri(f"{obj.get_absolute_url()}datapackage.json")


class EditionDetailSerializer(EditionSerializer):
    method = serializers.JSONField(help_text=_("The methodology as used (normalisation, weights, seed…)."))
    rows = EditionRowSerializer(many=True, help_text=_("Ranked cities first, then those not ranked."))
