import django.db.models.deletion
import django.utils.timezone
import kpis.models
import simple_history.models
from decimal import Decimal
from django.conf import settings
from django.db import migrations, models

from kernel.migration import BatchedCreateMigration


class Migration(BatchedCreateMigration):
    replaces = [("kpis", "0001_initial")]

    initial = True

    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("governance", "0001_registers"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="City",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("name", models.CharField(max_length=200, verbose_name="name")),
                ("slug", models.SlugField(max_length=80, unique=True)),
                ("country", models.CharField(max_length=100, verbose_name="country")),
                ("region", models.CharField(blank=True, max_length=100, verbose_name="region")),
                (
                    "population",
                    models.PositiveBigIntegerField(blank=True, null=True, verbose_name="population"),
                ),
                ("contact_name", models.CharField(blank=True, max_length=200, verbose_name="contact name")),
                (
                    "contact_email",
                    models.EmailField(blank=True, max_length=254, verbose_name="contact email"),
                ),
                (
                    "illustrative",
                    models.BooleanField(
                        default=False,
                        help_text="Demo data: its values are illustrative, never measurements of a real city.",
                        verbose_name="illustrative (demo) data",
                    ),
                ),
                (
                    "hub",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="kpi_cities",
                        to="governance.hub",
                        verbose_name="Hub it works with",
                    ),
                ),
                (
                    "partner",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="kpi_cities",
                        to="governance.partner",
                        verbose_name="Partner it works with",
                    ),
                ),
            ],
            options={
                "verbose_name": "city",
                "verbose_name_plural": "cities",
                "ordering": ["name"],
                "permissions": [("steward_city", "Data steward of this city")],
            },
        ),
        migrations.CreateModel(
            name="HistoricalCity",
            fields=[
                (
                    "id",
                    models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID"),
                ),
                ("name", models.CharField(max_length=200, verbose_name="name")),
                ("slug", models.SlugField(max_length=80)),
                ("country", models.CharField(max_length=100, verbose_name="country")),
                ("region", models.CharField(blank=True, max_length=100, verbose_name="region")),
                (
                    "population",
                    models.PositiveBigIntegerField(blank=True, null=True, verbose_name="population"),
                ),
                ("contact_name", models.CharField(blank=True, max_length=200, verbose_name="contact name")),
                (
                    "contact_email",
                    models.EmailField(blank=True, max_length=254, verbose_name="contact email"),
                ),
                (
                    "illustrative",
                    models.BooleanField(
                        default=False,
                        help_text="Demo data: its values are illustrative, never measurements of a real city.",
                        verbose_name="illustrative (demo) data",
                    ),
                ),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                    ),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "hub",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="governance.hub",
                        verbose_name="Hub it works with",
                    ),
                ),
                (
                    "partner",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="governance.partner",
                        verbose_name="Partner it works with",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical city",
                "verbose_name_plural": "historical cities",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalKpi",
            fields=[
                (
                    "id",
                    models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID"),
                ),
                ("code", models.CharField(db_index=True, max_length=40, verbose_name="code")),
                ("slug", models.SlugField(max_length=60)),
                ("position", models.PositiveSmallIntegerField(default=0, verbose_name="position")),
                ("dimension", models.CharField(max_length=80, verbose_name="dimension")),
                ("sub_dimension", models.CharField(max_length=80, verbose_name="sub-dimension")),
                ("category", models.CharField(max_length=120, verbose_name="category")),
                ("name", models.CharField(max_length=200, verbose_name="name")),
                ("unit", models.CharField(blank=True, max_length=120, verbose_name="unit")),
                (
                    "level",
                    models.CharField(
                        choices=[("core", "Core"), ("advanced", "Advanced")],
                        max_length=10,
                        verbose_name="core or advanced",
                    ),
                ),
                (
                    "kind",
                    models.CharField(
                        blank=True,
                        help_text="Smart, Sustainable or Structural.",
                        max_length=20,
                        verbose_name="type",
                    ),
                ),
                (
                    "direction",
                    models.CharField(
                        choices=[("higher", "Higher is better"), ("lower", "Lower is better")],
                        default="higher",
                        max_length=10,
                        verbose_name="direction",
                    ),
                ),
                (
                    "computed",
                    models.BooleanField(
                        default=False,
                        help_text="The value is numerator ÷ denominator × multiplier; it is never typed.",
                        verbose_name="computed from a numerator and a denominator",
                    ),
                ),
                (
                    "multiplier",
                    models.DecimalField(
                        decimal_places=2,
                        default=Decimal("1"),
                        help_text="100 for a percentage, 100000 for a rate per 100 000 inhabitants.",
                        max_digits=12,
                        verbose_name="multiplier",
                    ),
                ),
                (
                    "target",
                    models.DecimalField(
                        blank=True,
                        decimal_places=4,
                        max_digits=20,
                        null=True,
                        verbose_name="U4SSC benchmark target",
                    ),
                ),
                ("sdg_targets", models.CharField(blank=True, max_length=200, verbose_name="SDG targets")),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                    ),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "historical KPI",
                "verbose_name_plural": "historical KPI catalogue",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalReportingCycle",
            fields=[
                (
                    "id",
                    models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID"),
                ),
                ("year", models.PositiveSmallIntegerField(verbose_name="year")),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("open", "Open for data entry"),
                            ("submitted", "Data submitted"),
                            ("under_verification", "Under verification"),
                            ("returned", "Returned to the city"),
                            ("verified", "Verified"),
                            ("published", "Published"),
                        ],
                        default="open",
                        max_length=20,
                        verbose_name="status",
                    ),
                ),
                ("submission_deadline", models.DateTimeField(blank=True, null=True, verbose_name="data due")),
                (
                    "verification_deadline",
                    models.DateTimeField(blank=True, null=True, verbose_name="verification due"),
                ),
                ("submitted_at", models.DateTimeField(blank=True, null=True)),
                ("verified_at", models.DateTimeField(blank=True, null=True)),
                ("published_at", models.DateTimeField(blank=True, null=True)),
                ("return_reason", models.TextField(blank=True, verbose_name="why it was returned")),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                    ),
                ),
                (
                    "city",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="kpis.city",
                    ),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "verifier",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="verifier",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical reporting cycle",
                "verbose_name_plural": "historical reporting cycles",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="Kpi",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("code", models.CharField(max_length=40, unique=True, verbose_name="code")),
                ("slug", models.SlugField(max_length=60, unique=True)),
                ("position", models.PositiveSmallIntegerField(default=0, verbose_name="position")),
                ("dimension", models.CharField(max_length=80, verbose_name="dimension")),
                ("sub_dimension", models.CharField(max_length=80, verbose_name="sub-dimension")),
                ("category", models.CharField(max_length=120, verbose_name="category")),
                ("name", models.CharField(max_length=200, verbose_name="name")),
                ("unit", models.CharField(blank=True, max_length=120, verbose_name="unit")),
                (
                    "level",
                    models.CharField(
                        choices=[("core", "Core"), ("advanced", "Advanced")],
                        max_length=10,
                        verbose_name="core or advanced",
                    ),
                ),
                (
                    "kind",
                    models.CharField(
                        blank=True,
                        help_text="Smart, Sustainable or Structural.",
                        max_length=20,
                        verbose_name="type",
                    ),
                ),
                (
                    "direction",
                    models.CharField(
                        choices=[("higher", "Higher is better"), ("lower", "Lower is better")],
                        default="higher",
                        max_length=10,
                        verbose_name="direction",
                    ),
                ),
                (
                    "computed",
                    models.BooleanField(
                        default=False,
                        help_text="The value is numerator ÷ denominator × multiplier; it is never typed.",
                        verbose_name="computed from a numerator and a denominator",
                    ),
                ),
                (
                    "multiplier",
                    models.DecimalField(
                        decimal_places=2,
                        default=Decimal("1"),
                        help_text="100 for a percentage, 100000 for a rate per 100 000 inhabitants.",
                        max_digits=12,
                        verbose_name="multiplier",
                    ),
                ),
                (
                    "target",
                    models.DecimalField(
                        blank=True,
                        decimal_places=4,
                        max_digits=20,
                        null=True,
                        verbose_name="U4SSC benchmark target",
                    ),
                ),
                ("sdg_targets", models.CharField(blank=True, max_length=200, verbose_name="SDG targets")),
            ],
            options={
                "verbose_name": "KPI",
                "verbose_name_plural": "KPI catalogue",
                "ordering": ["position", "code"],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(("multiplier__gt", 0)), name="kpi_multiplier_positive"
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="ReportingCycle",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("year", models.PositiveSmallIntegerField(verbose_name="year")),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("open", "Open for data entry"),
                            ("submitted", "Data submitted"),
                            ("under_verification", "Under verification"),
                            ("returned", "Returned to the city"),
                            ("verified", "Verified"),
                            ("published", "Published"),
                        ],
                        default="open",
                        max_length=20,
                        verbose_name="status",
                    ),
                ),
                ("submission_deadline", models.DateTimeField(blank=True, null=True, verbose_name="data due")),
                (
                    "verification_deadline",
                    models.DateTimeField(blank=True, null=True, verbose_name="verification due"),
                ),
                ("submitted_at", models.DateTimeField(blank=True, null=True)),
                ("verified_at", models.DateTimeField(blank=True, null=True)),
                ("published_at", models.DateTimeField(blank=True, null=True)),
                ("return_reason", models.TextField(blank=True, verbose_name="why it was returned")),
                (
                    "city",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE, related_name="cycles", to="kpis.city"
                    ),
                ),
                (
                    "verifier",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="verified_cycles",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="verifier",
                    ),
                ),
            ],
            options={
                "verbose_name": "reporting cycle",
                "verbose_name_plural": "reporting cycles",
                "ordering": ["city__name", "-year"],
                "permissions": [("verify_cycle", "Verifier of this reporting cycle")],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("city", "year"), name="one_reporting_cycle_per_city_year"
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("year__gte", 1990), ("year__lte", 2100)),
                        name="cycle_year_plausible",
                    ),
                ],
            },
        ),
        migrations.CreateModel(
            name="KpiValue",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("not_reported", models.BooleanField(default=False, verbose_name="not reported")),
                (
                    "numerator",
                    models.DecimalField(
                        blank=True, decimal_places=6, max_digits=24, null=True, verbose_name="numerator"
                    ),
                ),
                (
                    "denominator",
                    models.DecimalField(
                        blank=True, decimal_places=6, max_digits=24, null=True, verbose_name="denominator"
                    ),
                ),
                (
                    "value",
                    models.DecimalField(
                        blank=True, decimal_places=6, max_digits=24, null=True, verbose_name="value"
                    ),
                ),
                (
                    "data_quality",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("measured", "Based on accurate measurements"),
                            ("survey", "Extrapolated from a survey of inhabitants"),
                            ("higher_level", "Extrapolated from higher-level data"),
                            ("estimated", "Estimation based on certain assumptions"),
                            ("personal", "Personal estimation"),
                            ("unknown", "Unknown methodology, not traceable"),
                        ],
                        max_length=20,
                        verbose_name="data quality",
                    ),
                ),
                ("source", models.CharField(blank=True, max_length=500, verbose_name="data source")),
                (
                    "data_year",
                    models.PositiveSmallIntegerField(blank=True, null=True, verbose_name="year of the data"),
                ),
                ("notes", models.TextField(blank=True, verbose_name="notes")),
                (
                    "sensitive",
                    models.BooleanField(
                        default=False,
                        help_text="Sensitive data is never public, whatever the consent.",
                        verbose_name="sensitive",
                    ),
                ),
                (
                    "consent",
                    models.CharField(
                        choices=[
                            ("private", "Private"),
                            ("score", "Score only"),
                            ("value", "Value and score"),
                        ],
                        default="private",
                        max_length=10,
                        verbose_name="publication consent",
                    ),
                ),
                (
                    "verdict",
                    models.CharField(
                        choices=[
                            ("pending", "Not verified yet"),
                            ("yes", "Verified"),
                            ("no", "Not verified"),
                        ],
                        default="pending",
                        max_length=10,
                        verbose_name="verification",
                    ),
                ),
                ("verdict_reason", models.TextField(blank=True, verbose_name="reason")),
                ("verified_at", models.DateTimeField(blank=True, null=True)),
                ("updated_at", models.DateTimeField(default=django.utils.timezone.now)),
                (
                    "kpi",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT, related_name="values", to="kpis.kpi"
                    ),
                ),
                (
                    "verified_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "cycle",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="values",
                        to="kpis.reportingcycle",
                    ),
                ),
            ],
            options={
                "verbose_name": "KPI value",
                "verbose_name_plural": "KPI values",
                "ordering": ["kpi__position", "kpi__code"],
                "constraints": [
                    models.UniqueConstraint(fields=("cycle", "kpi"), name="one_value_per_kpi_per_cycle"),
                    models.CheckConstraint(
                        condition=models.Q(
                            ("not_reported", False),
                            models.Q(("numerator__isnull", True), ("value__isnull", True)),
                            _connector="OR",
                        ),
                        name="not_reported_has_no_value",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            ("denominator__isnull", True),
                            models.Q(("denominator", 0), _negated=True),
                            _connector="OR",
                        ),
                        name="denominator_not_zero",
                    ),
                ],
            },
        ),
        migrations.CreateModel(
            name="HistoricalQuestion",
            fields=[
                (
                    "id",
                    models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID"),
                ),
                ("asked_at", models.DateTimeField(default=django.utils.timezone.now)),
                ("text", models.TextField(verbose_name="question")),
                ("resolved_at", models.DateTimeField(blank=True, null=True)),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                    ),
                ),
                (
                    "asked_by",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "value",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="kpis.kpivalue",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical verifier question",
                "verbose_name_plural": "historical verifier questions",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalEvidence",
            fields=[
                (
                    "id",
                    models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID"),
                ),
                ("file", models.TextField(max_length=300)),
                ("original_name", models.CharField(max_length=255)),
                ("content_type", models.CharField(max_length=120)),
                ("extension", models.CharField(max_length=10)),
                ("size", models.PositiveBigIntegerField()),
                ("sha256", models.CharField(max_length=64)),
                ("uploaded_at", models.DateTimeField(default=django.utils.timezone.now)),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                    ),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "uploaded_by",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "value",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="kpis.kpivalue",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical evidence file",
                "verbose_name_plural": "historical evidence files",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="Evidence",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("file", models.FileField(max_length=300, upload_to=kpis.models.evidence_path)),
                ("original_name", models.CharField(max_length=255)),
                ("content_type", models.CharField(max_length=120)),
                ("extension", models.CharField(max_length=10)),
                ("size", models.PositiveBigIntegerField()),
                ("sha256", models.CharField(max_length=64)),
                ("uploaded_at", models.DateTimeField(default=django.utils.timezone.now)),
                (
                    "uploaded_by",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "value",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="evidence",
                        to="kpis.kpivalue",
                    ),
                ),
            ],
            options={
                "verbose_name": "evidence file",
                "verbose_name_plural": "evidence files",
                "ordering": ["uploaded_at", "pk"],
            },
        ),
        migrations.CreateModel(
            name="Question",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("asked_at", models.DateTimeField(default=django.utils.timezone.now)),
                ("text", models.TextField(verbose_name="question")),
                ("resolved_at", models.DateTimeField(blank=True, null=True)),
                (
                    "asked_by",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "value",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="questions",
                        to="kpis.kpivalue",
                    ),
                ),
            ],
            options={
                "verbose_name": "verifier question",
                "ordering": ["asked_at", "pk"],
            },
        ),
        migrations.CreateModel(
            name="HistoricalReply",
            fields=[
                (
                    "id",
                    models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID"),
                ),
                ("written_at", models.DateTimeField(default=django.utils.timezone.now)),
                ("text", models.TextField(verbose_name="reply")),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                    ),
                ),
                (
                    "author",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "question",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="kpis.question",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical reply",
                "verbose_name_plural": "historical replies",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="Reply",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("written_at", models.DateTimeField(default=django.utils.timezone.now)),
                ("text", models.TextField(verbose_name="reply")),
                (
                    "author",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "question",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="replies",
                        to="kpis.question",
                    ),
                ),
            ],
            options={
                "verbose_name": "reply",
                "verbose_name_plural": "replies",
                "ordering": ["written_at", "pk"],
            },
        ),
        migrations.CreateModel(
            name="HistoricalKpiValue",
            fields=[
                (
                    "id",
                    models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID"),
                ),
                ("not_reported", models.BooleanField(default=False, verbose_name="not reported")),
                (
                    "numerator",
                    models.DecimalField(
                        blank=True, decimal_places=6, max_digits=24, null=True, verbose_name="numerator"
                    ),
                ),
                (
                    "denominator",
                    models.DecimalField(
                        blank=True, decimal_places=6, max_digits=24, null=True, verbose_name="denominator"
                    ),
                ),
                (
                    "value",
                    models.DecimalField(
                        blank=True, decimal_places=6, max_digits=24, null=True, verbose_name="value"
                    ),
                ),
                (
                    "data_quality",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("measured", "Based on accurate measurements"),
                            ("survey", "Extrapolated from a survey of inhabitants"),
                            ("higher_level", "Extrapolated from higher-level data"),
                            ("estimated", "Estimation based on certain assumptions"),
                            ("personal", "Personal estimation"),
                            ("unknown", "Unknown methodology, not traceable"),
                        ],
                        max_length=20,
                        verbose_name="data quality",
                    ),
                ),
                ("source", models.CharField(blank=True, max_length=500, verbose_name="data source")),
                (
                    "data_year",
                    models.PositiveSmallIntegerField(blank=True, null=True, verbose_name="year of the data"),
                ),
                ("notes", models.TextField(blank=True, verbose_name="notes")),
                (
                    "sensitive",
                    models.BooleanField(
                        default=False,
                        help_text="Sensitive data is never public, whatever the consent.",
                        verbose_name="sensitive",
                    ),
                ),
                (
                    "consent",
                    models.CharField(
                        choices=[
                            ("private", "Private"),
                            ("score", "Score only"),
                            ("value", "Value and score"),
                        ],
                        default="private",
                        max_length=10,
                        verbose_name="publication consent",
                    ),
                ),
                (
                    "verdict",
                    models.CharField(
                        choices=[
                            ("pending", "Not verified yet"),
                            ("yes", "Verified"),
                            ("no", "Not verified"),
                        ],
                        default="pending",
                        max_length=10,
                        verbose_name="verification",
                    ),
                ),
                ("verdict_reason", models.TextField(blank=True, verbose_name="reason")),
                ("verified_at", models.DateTimeField(blank=True, null=True)),
                ("updated_at", models.DateTimeField(default=django.utils.timezone.now)),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                    ),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "verified_by",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "kpi",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="kpis.kpi",
                    ),
                ),
                (
                    "cycle",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="kpis.reportingcycle",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical KPI value",
                "verbose_name_plural": "historical KPI values",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="CycleUserObjectPermission",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "permission",
                    models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, to="auth.permission"),
                ),
                (
                    "user",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE, to=settings.AUTH_USER_MODEL
                    ),
                ),
                (
                    "content_object",
                    models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, to="kpis.reportingcycle"),
                ),
            ],
            options={
                "abstract": False,
                "unique_together": {("user", "permission", "content_object")},
            },
        ),
        migrations.CreateModel(
            name="CycleDocument",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[("report", "Verification report"), ("certificate", "Certificate")],
                        max_length=20,
                    ),
                ),
                ("file", models.FileField(max_length=300, upload_to="private/kpi-documents/")),
                ("version", models.CharField(help_text="A hash of what the PDF shows.", max_length=64)),
                ("rendered_at", models.DateTimeField(default=django.utils.timezone.now)),
                (
                    "cycle",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="documents",
                        to="kpis.reportingcycle",
                    ),
                ),
            ],
            options={
                "constraints": [
                    models.UniqueConstraint(fields=("cycle", "kind"), name="one_document_per_cycle_kind")
                ],
            },
        ),
        migrations.CreateModel(
            name="CityUserObjectPermission",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "content_object",
                    models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, to="kpis.city"),
                ),
                (
                    "permission",
                    models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, to="auth.permission"),
                ),
                (
                    "user",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE, to=settings.AUTH_USER_MODEL
                    ),
                ),
            ],
            options={
                "abstract": False,
                "unique_together": {("user", "permission", "content_object")},
            },
        ),
    ]
