import django.db.models.deletion
import meetings.models
import simple_history.models
from django.conf import settings
from django.db import migrations, models

from kernel.migration import BatchedCreateMigration


class Migration(BatchedCreateMigration):
    replaces = [("meetings", "0001_schema"), ("meetings", "0006_content_languages")]

    initial = True

    dependencies = [
        ("governance", "0001_registers"),
        ("thematic_groups", "0001_registers"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="HistoricalMeeting",
            fields=[
                (
                    "id",
                    models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID"),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[("annual", "Annual meeting"), ("e_meeting", "E-meeting")], max_length=20
                    ),
                ),
                ("title", models.CharField(max_length=300)),
                ("title_en", models.CharField(max_length=300, null=True)),
                ("title_ar", models.CharField(max_length=300, null=True)),
                ("title_zh_hans", models.CharField(max_length=300, null=True)),
                ("title_fr", models.CharField(max_length=300, null=True)),
                ("title_ru", models.CharField(max_length=300, null=True)),
                ("title_es", models.CharField(max_length=300, null=True)),
                ("slug", models.SlugField(max_length=120)),
                (
                    "ordinal",
                    models.PositiveSmallIntegerField(
                        blank=True, help_text="5 for the Fifth meeting.", null=True
                    ),
                ),
                ("starts_at", models.DateTimeField()),
                ("ends_at", models.DateTimeField(blank=True, null=True)),
                ("timezone", models.CharField(default="Europe/Zurich", max_length=64)),
                (
                    "format",
                    models.CharField(
                        choices=[("onsite", "Onsite"), ("online", "Online"), ("hybrid", "Hybrid")],
                        default="online",
                        max_length=20,
                    ),
                ),
                ("place", models.CharField(blank=True, max_length=200)),
                ("online_link", models.URLField(blank=True)),
                (
                    "audience",
                    models.CharField(
                        choices=[
                            ("open", "Open to all"),
                            ("partners", "U4SSC Partners only"),
                            ("group", "Members of the Thematic Group"),
                        ],
                        default="open",
                        max_length=20,
                    ),
                ),
                (
                    "agenda_status",
                    models.CharField(
                        choices=[
                            ("draft", "Draft (Secretariat)"),
                            ("agreed", "Agreed by the Chair"),
                            ("published", "Published"),
                        ],
                        default="draft",
                        max_length=20,
                    ),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[("scheduled", "Scheduled"), ("held", "Held"), ("cancelled", "Cancelled")],
                        default="scheduled",
                        max_length=20,
                    ),
                ),
                ("held_on", models.DateField(blank=True, null=True)),
                ("agenda", models.TextField(blank=True)),
                ("introduction", models.TextField(blank=True)),
                ("objectives", models.TextField(blank=True, help_text="One objective per line.")),
                ("closure", models.TextField(blank=True)),
                (
                    "report_version_date",
                    models.DateField(
                        blank=True, help_text='"Meeting Report - version 9 November 2020".', null=True
                    ),
                ),
                (
                    "report_status",
                    models.CharField(
                        choices=[
                            ("draft", "Draft (Partners, Management Team and Secretariat)"),
                            ("published", "Published (public in full)"),
                        ],
                        default="draft",
                        max_length=20,
                    ),
                ),
                ("report_file", models.TextField(blank=True, max_length=100)),
                ("report_published_at", models.DateTimeField(blank=True, null=True)),
                (
                    "is_ip_quarterly",
                    models.BooleanField(
                        default=False,
                        help_text="IP Leader's quarterly e-meeting with the Secretariat (Annex I).",
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
                    "deliverable",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="thematic_groups.deliverable",
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
                    "scheduled_by",
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
                    "thematic_group",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="thematic_groups.thematicgroup",
                    ),
                ),
                (
                    "workplan",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        help_text="Attached as Annex 2 of the report.",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="thematic_groups.workplan",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical meeting",
                "verbose_name_plural": "historical meetings",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="Meeting",
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
                        choices=[("annual", "Annual meeting"), ("e_meeting", "E-meeting")], max_length=20
                    ),
                ),
                ("title", models.CharField(max_length=300)),
                ("title_en", models.CharField(max_length=300, null=True)),
                ("title_ar", models.CharField(max_length=300, null=True)),
                ("title_zh_hans", models.CharField(max_length=300, null=True)),
                ("title_fr", models.CharField(max_length=300, null=True)),
                ("title_ru", models.CharField(max_length=300, null=True)),
                ("title_es", models.CharField(max_length=300, null=True)),
                ("slug", models.SlugField(max_length=120, unique=True)),
                (
                    "ordinal",
                    models.PositiveSmallIntegerField(
                        blank=True, help_text="5 for the Fifth meeting.", null=True
                    ),
                ),
                ("starts_at", models.DateTimeField()),
                ("ends_at", models.DateTimeField(blank=True, null=True)),
                ("timezone", models.CharField(default="Europe/Zurich", max_length=64)),
                (
                    "format",
                    models.CharField(
                        choices=[("onsite", "Onsite"), ("online", "Online"), ("hybrid", "Hybrid")],
                        default="online",
                        max_length=20,
                    ),
                ),
                ("place", models.CharField(blank=True, max_length=200)),
                ("online_link", models.URLField(blank=True)),
                (
                    "audience",
                    models.CharField(
                        choices=[
                            ("open", "Open to all"),
                            ("partners", "U4SSC Partners only"),
                            ("group", "Members of the Thematic Group"),
                        ],
                        default="open",
                        max_length=20,
                    ),
                ),
                (
                    "agenda_status",
                    models.CharField(
                        choices=[
                            ("draft", "Draft (Secretariat)"),
                            ("agreed", "Agreed by the Chair"),
                            ("published", "Published"),
                        ],
                        default="draft",
                        max_length=20,
                    ),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[("scheduled", "Scheduled"), ("held", "Held"), ("cancelled", "Cancelled")],
                        default="scheduled",
                        max_length=20,
                    ),
                ),
                ("held_on", models.DateField(blank=True, null=True)),
                ("agenda", models.TextField(blank=True)),
                ("introduction", models.TextField(blank=True)),
                ("objectives", models.TextField(blank=True, help_text="One objective per line.")),
                ("closure", models.TextField(blank=True)),
                (
                    "report_version_date",
                    models.DateField(
                        blank=True, help_text='"Meeting Report - version 9 November 2020".', null=True
                    ),
                ),
                (
                    "report_status",
                    models.CharField(
                        choices=[
                            ("draft", "Draft (Partners, Management Team and Secretariat)"),
                            ("published", "Published (public in full)"),
                        ],
                        default="draft",
                        max_length=20,
                    ),
                ),
                ("report_file", models.FileField(blank=True, upload_to="reports/published/")),
                ("report_published_at", models.DateTimeField(blank=True, null=True)),
                (
                    "is_ip_quarterly",
                    models.BooleanField(
                        default=False,
                        help_text="IP Leader's quarterly e-meeting with the Secretariat (Annex I).",
                    ),
                ),
                (
                    "deliverable",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="meetings",
                        to="thematic_groups.deliverable",
                    ),
                ),
                (
                    "organisers",
                    models.ManyToManyField(
                        blank=True, related_name="organised_meetings", to="governance.partner"
                    ),
                ),
                (
                    "scheduled_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "thematic_group",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="meetings",
                        to="thematic_groups.thematicgroup",
                    ),
                ),
                (
                    "workplan",
                    models.ForeignKey(
                        blank=True,
                        help_text="Attached as Annex 2 of the report.",
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="thematic_groups.workplan",
                    ),
                ),
            ],
            options={
                "ordering": ["-starts_at"],
                "indexes": [models.Index(fields=["kind", "starts_at"], name="meetings_me_kind_e912b9_idx")],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(
                            ("ends_at__isnull", True), ("ends_at__gt", models.F("starts_at")), _connector="OR"
                        ),
                        name="meeting_ends_after_start",
                        violation_error_message="A meeting must end after it starts.",
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="HistoricalSession",
            fields=[
                (
                    "id",
                    models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID"),
                ),
                ("position", models.PositiveSmallIntegerField(default=0)),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("opening", "Opening"),
                            ("welcome", "Welcome remarks"),
                            ("session", "Session"),
                            ("closing", "Closure"),
                        ],
                        default="session",
                        max_length=20,
                    ),
                ),
                ("title", models.CharField(max_length=300)),
                ("starts_at", models.DateTimeField(blank=True, null=True)),
                ("ends_at", models.DateTimeField(blank=True, null=True)),
                (
                    "moderator_name",
                    models.CharField(
                        blank=True,
                        help_text='e.g. "Ms. Kari Eik, Secretary-General of the OiER"',
                        max_length=300,
                    ),
                ),
                (
                    "audience",
                    models.CharField(
                        choices=[("open", "Open to all"), ("partners", "U4SSC Partners only")],
                        default="open",
                        max_length=20,
                    ),
                ),
                (
                    "questions",
                    models.TextField(blank=True, help_text="Questions the session addressed, one per line."),
                ),
                (
                    "highlights",
                    models.TextField(blank=True, help_text="Highlights of the discussion, for the report."),
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
                    "moderator",
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
                    "meeting",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="meetings.meeting",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical session",
                "verbose_name_plural": "historical sessions",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalRegistration",
            fields=[
                (
                    "id",
                    models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID"),
                ),
                ("name", models.CharField(max_length=200)),
                ("email", models.EmailField(max_length=254)),
                ("organisation", models.CharField(max_length=200)),
                ("country", models.CharField(blank=True, max_length=100)),
                (
                    "attendance",
                    models.CharField(
                        choices=[("onsite", "Onsite"), ("online", "Online")], default="online", max_length=20
                    ),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("pending", "Awaiting confirmation"),
                            ("confirmed", "Confirmed"),
                            ("declined", "Declined"),
                        ],
                        default="pending",
                        max_length=20,
                    ),
                ),
                ("created_at", models.DateTimeField(blank=True, editable=False)),
                ("email_confirmed_at", models.DateTimeField(blank=True, null=True)),
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
                    "person",
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
                    "recorded_by",
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
                    "meeting",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="meetings.meeting",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical registration",
                "verbose_name_plural": "historical registrations",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalMinutes",
            fields=[
                (
                    "id",
                    models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID"),
                ),
                ("version", models.PositiveIntegerField()),
                ("file", models.TextField(max_length=100)),
                ("original_name", models.CharField(max_length=255)),
                ("content_type", models.CharField(max_length=100)),
                ("size", models.PositiveBigIntegerField()),
                ("sha256", models.CharField(max_length=64)),
                ("uploaded_at", models.DateTimeField(blank=True, editable=False)),
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
                    "meeting",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="meetings.meeting",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical minutes",
                "verbose_name_plural": "historical minutes",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="Minutes",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("version", models.PositiveIntegerField()),
                ("file", models.FileField(upload_to=meetings.models.minutes_upload_to)),
                ("original_name", models.CharField(max_length=255)),
                ("content_type", models.CharField(max_length=100)),
                ("size", models.PositiveBigIntegerField()),
                ("sha256", models.CharField(max_length=64)),
                ("uploaded_at", models.DateTimeField(auto_now_add=True)),
                (
                    "meeting",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="minutes",
                        to="meetings.meeting",
                    ),
                ),
                (
                    "uploaded_by",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name_plural": "minutes",
                "ordering": ["meeting", "-version"],
                "constraints": [
                    models.UniqueConstraint(fields=("meeting", "version"), name="minutes_version_unique")
                ],
            },
        ),
        migrations.CreateModel(
            name="Registration",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("name", models.CharField(max_length=200)),
                ("email", models.EmailField(max_length=254)),
                ("organisation", models.CharField(max_length=200)),
                ("country", models.CharField(blank=True, max_length=100)),
                (
                    "attendance",
                    models.CharField(
                        choices=[("onsite", "Onsite"), ("online", "Online")], default="online", max_length=20
                    ),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("pending", "Awaiting confirmation"),
                            ("confirmed", "Confirmed"),
                            ("declined", "Declined"),
                        ],
                        default="pending",
                        max_length=20,
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("email_confirmed_at", models.DateTimeField(blank=True, null=True)),
                (
                    "meeting",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="registrations",
                        to="meetings.meeting",
                    ),
                ),
                (
                    "person",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="registrations",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "recorded_by",
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
                "ordering": ["meeting", "name"],
                "constraints": [
                    models.UniqueConstraint(fields=("meeting", "email"), name="one_registration_per_email")
                ],
            },
        ),
        migrations.CreateModel(
            name="AddressCheck",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("email", models.EmailField(help_text="Lower case.", max_length=254)),
                ("day", models.DateField(help_text="The day the email was queued (the portal's time zone).")),
                ("token_hash", models.CharField(editable=False, max_length=64, unique=True)),
                ("expires_at", models.DateTimeField()),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("used_at", models.DateTimeField(blank=True, null=True)),
                (
                    "registration",
                    models.ForeignKey(
                        help_text="The registration that asked for it (the meeting the email names).",
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="meetings.registration",
                    ),
                ),
            ],
            options={
                "ordering": ["-created_at"],
                "constraints": [
                    models.UniqueConstraint(fields=("email", "day"), name="one_address_check_per_day")
                ],
            },
        ),
        migrations.CreateModel(
            name="ReportRender",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "variant",
                    models.CharField(
                        choices=[("public", "Public"), ("partners", "U4SSC Partners")], max_length=20
                    ),
                ),
                (
                    "content_version",
                    models.CharField(help_text="SHA-256 of the report's data and layout.", max_length=64),
                ),
                ("file", models.FileField(upload_to=meetings.models.report_upload_to)),
                ("size", models.PositiveBigIntegerField()),
                ("rendered_at", models.DateTimeField(auto_now_add=True)),
                (
                    "meeting",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="report_renders",
                        to="meetings.meeting",
                    ),
                ),
            ],
            options={
                "ordering": ["meeting", "variant", "-rendered_at"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("meeting", "variant", "content_version"), name="report_render_version_unique"
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="Session",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("position", models.PositiveSmallIntegerField(default=0)),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("opening", "Opening"),
                            ("welcome", "Welcome remarks"),
                            ("session", "Session"),
                            ("closing", "Closure"),
                        ],
                        default="session",
                        max_length=20,
                    ),
                ),
                ("title", models.CharField(max_length=300)),
                ("starts_at", models.DateTimeField(blank=True, null=True)),
                ("ends_at", models.DateTimeField(blank=True, null=True)),
                (
                    "moderator_name",
                    models.CharField(
                        blank=True,
                        help_text='e.g. "Ms. Kari Eik, Secretary-General of the OiER"',
                        max_length=300,
                    ),
                ),
                (
                    "audience",
                    models.CharField(
                        choices=[("open", "Open to all"), ("partners", "U4SSC Partners only")],
                        default="open",
                        max_length=20,
                    ),
                ),
                (
                    "questions",
                    models.TextField(blank=True, help_text="Questions the session addressed, one per line."),
                ),
                (
                    "highlights",
                    models.TextField(blank=True, help_text="Highlights of the discussion, for the report."),
                ),
                (
                    "meeting",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="sessions",
                        to="meetings.meeting",
                    ),
                ),
                (
                    "moderator",
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
                "ordering": ["meeting", "position"],
            },
        ),
        migrations.CreateModel(
            name="MeetingDecision",
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
                        choices=[
                            ("appointment", "Appointment agreed"),
                            ("ip_leader", "IP Leader elected"),
                            ("workplan", "Workplan agreed"),
                            ("deliverable", "Deliverable approved"),
                            ("other", "Other decision"),
                        ],
                        default="other",
                        max_length=20,
                    ),
                ),
                ("text", models.TextField()),
                (
                    "deliverable",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="thematic_groups.deliverable",
                    ),
                ),
                (
                    "mandate",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="governance.mandate",
                    ),
                ),
                (
                    "meeting",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="meeting_decisions",
                        to="meetings.meeting",
                    ),
                ),
                (
                    "recorded_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "workplan",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="thematic_groups.workplan",
                    ),
                ),
                (
                    "session",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="decisions",
                        to="meetings.session",
                    ),
                ),
            ],
            options={
                "ordering": ["meeting", "id"],
            },
        ),
        migrations.CreateModel(
            name="HistoricalSpeaker",
            fields=[
                (
                    "id",
                    models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID"),
                ),
                ("position", models.PositiveSmallIntegerField(default=0)),
                ("name", models.CharField(max_length=200)),
                ("affiliation", models.CharField(blank=True, max_length=300)),
                (
                    "summary",
                    models.TextField(blank=True, help_text="What the speaker presented, for the report."),
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
                    "person",
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
                    "session",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="meetings.session",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical speaker",
                "verbose_name_plural": "historical speakers",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalMeetingDecision",
            fields=[
                (
                    "id",
                    models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID"),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("appointment", "Appointment agreed"),
                            ("ip_leader", "IP Leader elected"),
                            ("workplan", "Workplan agreed"),
                            ("deliverable", "Deliverable approved"),
                            ("other", "Other decision"),
                        ],
                        default="other",
                        max_length=20,
                    ),
                ),
                ("text", models.TextField()),
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
                    "deliverable",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="thematic_groups.deliverable",
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
                    "mandate",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="governance.mandate",
                    ),
                ),
                (
                    "recorded_by",
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
                    "workplan",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="thematic_groups.workplan",
                    ),
                ),
                (
                    "meeting",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="meetings.meeting",
                    ),
                ),
                (
                    "session",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="meetings.session",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical meeting decision",
                "verbose_name_plural": "historical meeting decisions",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="Speaker",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("position", models.PositiveSmallIntegerField(default=0)),
                ("name", models.CharField(max_length=200)),
                ("affiliation", models.CharField(blank=True, max_length=300)),
                (
                    "summary",
                    models.TextField(blank=True, help_text="What the speaker presented, for the report."),
                ),
                (
                    "person",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "session",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="speakers",
                        to="meetings.session",
                    ),
                ),
            ],
            options={
                "ordering": ["session", "position"],
            },
        ),
        migrations.CreateModel(
            name="Presentation",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("title", models.CharField(max_length=300)),
                ("file", models.FileField(blank=True, upload_to=meetings.models.presentation_upload_to)),
                ("url", models.URLField(blank=True)),
                (
                    "session",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="presentations",
                        to="meetings.session",
                    ),
                ),
                (
                    "speaker",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="presentations",
                        to="meetings.speaker",
                    ),
                ),
            ],
            options={
                "ordering": ["session", "id"],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(
                            models.Q(("file", ""), _negated=True),
                            models.Q(("url", ""), _negated=True),
                            _connector="OR",
                        ),
                        name="presentation_has_file_or_link",
                        violation_error_message="A presentation needs a file or a link.",
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="HistoricalPresentation",
            fields=[
                (
                    "id",
                    models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID"),
                ),
                ("title", models.CharField(max_length=300)),
                ("file", models.TextField(blank=True, max_length=100)),
                ("url", models.URLField(blank=True)),
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
                    "session",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="meetings.session",
                    ),
                ),
                (
                    "speaker",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="meetings.speaker",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical presentation",
                "verbose_name_plural": "historical presentations",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
    ]
