import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

from kernel.migration import BatchedCreateMigration


class Migration(BatchedCreateMigration):
    replaces = [("reminders", "0001_schema"), ("reminders", "0002_alter_reminder_kind")]

    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="Digest",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("day", models.DateField(help_text="The day this email belongs to: one per person per day.")),
                (
                    "manual",
                    models.BooleanField(
                        default=False,
                        help_text='Sent by the Secretariat with "send now", outside the daily email.',
                    ),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("pending", "Waiting to be sent"),
                            ("sent", "Sent"),
                            ("failed", "Failed after the last retry"),
                            ("empty", "Nothing left to send"),
                        ],
                        default="pending",
                        max_length=20,
                    ),
                ),
                ("attempts", models.PositiveSmallIntegerField(default=0)),
                ("next_attempt_at", models.DateTimeField(blank=True, null=True)),
                ("last_error", models.TextField(blank=True)),
                ("to_address", models.EmailField(blank=True, max_length=254)),
                ("subject", models.CharField(blank=True, max_length=300)),
                ("created_at", models.DateTimeField(default=django.utils.timezone.now)),
                ("sent_at", models.DateTimeField(blank=True, null=True)),
                (
                    "recipient",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "requested_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "reminder email",
                "ordering": ["-day", "-id"],
                "indexes": [
                    models.Index(fields=["status", "next_attempt_at"], name="reminders_d_status_937b70_idx")
                ],
                "constraints": [
                    models.UniqueConstraint(
                        condition=models.Q(("manual", False)),
                        fields=("recipient", "day"),
                        name="one_reminder_email_per_person_per_day",
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="Reminder",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("subject_id", models.PositiveBigIntegerField()),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("tor_comment", "ToR comment period closing"),
                            ("ballot", "Ballot closing"),
                            ("ballot_closed", "Ballot closed: the outcome"),
                            ("final_review", "Final-draft review closing"),
                            ("workplan_inputs", "Workplan inputs due"),
                            ("tenure", "Mandate ending"),
                            ("vacant_roles", "Vacant roles after a mandate ended"),
                            ("minutes_overdue", "Minutes overdue"),
                            ("ip_quarterly", "IP Leader quarterly e-meeting not held"),
                            ("hub_report", "Hub annual report due"),
                            ("kpi_data_due", "City KPI data due"),
                            ("kpi_verification_due", "KPI verification due"),
                        ],
                        max_length=30,
                    ),
                ),
                ("due_on", models.DateField()),
                (
                    "required",
                    models.BooleanField(
                        default=False, help_text="Required by the ToR: sent even if opted out."
                    ),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("pending", "Pending"),
                            ("sent", "Sent"),
                            ("failed", "Failed"),
                            ("skipped", "Not sent (no longer due, or turned off)"),
                        ],
                        default="pending",
                        max_length=20,
                    ),
                ),
                ("created_at", models.DateTimeField(default=django.utils.timezone.now)),
                ("sent_at", models.DateTimeField(blank=True, null=True)),
                ("note", models.CharField(blank=True, max_length=300)),
                (
                    "digest",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="reminders",
                        to="reminders.digest",
                    ),
                ),
                (
                    "recipient",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="reminders",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "subject_type",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="contenttypes.contenttype",
                    ),
                ),
            ],
            options={
                "ordering": ["-due_on", "recipient_id", "kind"],
                "indexes": [
                    models.Index(fields=["status", "due_on"], name="reminders_r_status_1c03db_idx"),
                    models.Index(
                        fields=["subject_type", "subject_id"], name="reminders_r_subject_6b165e_idx"
                    ),
                ],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("recipient", "subject_type", "subject_id", "kind", "due_on"),
                        name="one_reminder_per_recipient_subject_kind_day",
                    )
                ],
            },
        ),
    ]
