import django.core.validators
import django.db.models.deletion
import django.utils.timezone
import simple_history.models
import thematic_groups.models
from django.conf import settings
from django.db import migrations, models

from kernel.migration import BatchedCreateMigration


class Migration(BatchedCreateMigration):
    replaces = [("thematic_groups", "0001_schema")]

    initial = True

    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("governance", "0001_registers"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="Workplan",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("title", models.CharField(max_length=200)),
                ("period", models.CharField(help_text='e.g. "2020-2021"', max_length=40)),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("compiling", "Compiling inputs"),
                            ("mt_review", "Management Team review"),
                            ("presented", "Presented at the annual meeting"),
                            ("agreed", "Agreed by the Partners"),
                        ],
                        default="compiling",
                        max_length=20,
                    ),
                ),
                ("inputs_deadline", models.DateTimeField(blank=True, null=True)),
                ("compiled_on", models.DateField(blank=True, null=True)),
                ("reviewed_on", models.DateField(blank=True, null=True)),
                ("presented_on", models.DateField(blank=True, null=True)),
                ("agreed_on", models.DateField(blank=True, null=True)),
                ("review_note", models.TextField(blank=True, help_text="The Management Team's review.")),
                (
                    "agreed_note",
                    models.CharField(
                        blank=True,
                        help_text="How the Partners agreed it (meeting or decision).",
                        max_length=300,
                    ),
                ),
                (
                    "pdf",
                    models.FileField(
                        blank=True, editable=False, upload_to=thematic_groups.models.workplan_pdf_upload_to
                    ),
                ),
            ],
            options={
                "ordering": ["-period"],
            },
        ),
        migrations.CreateModel(
            name="Membership",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("joined_on", models.DateField(default=django.utils.timezone.localdate)),
                ("left_on", models.DateField(blank=True, null=True)),
                (
                    "person",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="group_memberships",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "ordering": ["thematic_group", "person__last_name"],
            },
        ),
        migrations.CreateModel(
            name="ThematicGroup",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("title", models.CharField(max_length=250, unique=True)),
                ("title_en", models.CharField(max_length=250, null=True, unique=True)),
                ("title_ar", models.CharField(max_length=250, null=True, unique=True)),
                ("title_zh_hans", models.CharField(max_length=250, null=True, unique=True)),
                ("title_fr", models.CharField(max_length=250, null=True, unique=True)),
                ("title_ru", models.CharField(max_length=250, null=True, unique=True)),
                ("title_es", models.CharField(max_length=250, null=True, unique=True)),
                ("slug", models.SlugField(max_length=80, unique=True)),
                ("objectives", models.TextField(blank=True)),
                ("objectives_en", models.TextField(blank=True, null=True)),
                ("objectives_ar", models.TextField(blank=True, null=True)),
                ("objectives_zh_hans", models.TextField(blank=True, null=True)),
                ("objectives_fr", models.TextField(blank=True, null=True)),
                ("objectives_ru", models.TextField(blank=True, null=True)),
                ("objectives_es", models.TextField(blank=True, null=True)),
                ("scope", models.TextField(blank=True)),
                (
                    "status",
                    models.CharField(
                        choices=[("active", "Active"), ("closed", "Closed")], default="active", max_length=20
                    ),
                ),
                ("started_on", models.DateField(blank=True, null=True)),
                ("closed_on", models.DateField(blank=True, null=True)),
                (
                    "members",
                    models.ManyToManyField(
                        blank=True,
                        related_name="thematic_groups",
                        through="thematic_groups.Membership",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "ordering": ["title"],
                "permissions": [("lead_group", "Lead this Thematic Group")],
            },
        ),
        migrations.CreateModel(
            name="WorkingGroup",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("number", models.PositiveSmallIntegerField()),
                ("title", models.CharField(max_length=250)),
                ("description", models.TextField(blank=True)),
                (
                    "thematic_group",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="working_groups",
                        to="thematic_groups.thematicgroup",
                    ),
                ),
            ],
            options={
                "ordering": ["thematic_group", "number"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("thematic_group", "number"), name="working_group_number_unique"
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="Deliverable",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
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
                    "type",
                    models.CharField(
                        choices=[
                            ("report", "Report"),
                            ("study", "Study"),
                            ("policy_paper", "Policy paper"),
                            ("guideline", "Guideline"),
                            ("framework", "Framework"),
                            ("issue_paper", "Issue paper"),
                            ("case_study", "Case study"),
                            ("other", "Other"),
                        ],
                        default="report",
                        max_length=20,
                    ),
                ),
                (
                    "summary",
                    models.TextField(blank=True, help_text="Abstract shown in lists and search results."),
                ),
                (
                    "summary_en",
                    models.TextField(
                        blank=True, help_text="Abstract shown in lists and search results.", null=True
                    ),
                ),
                (
                    "summary_ar",
                    models.TextField(
                        blank=True, help_text="Abstract shown in lists and search results.", null=True
                    ),
                ),
                (
                    "summary_zh_hans",
                    models.TextField(
                        blank=True, help_text="Abstract shown in lists and search results.", null=True
                    ),
                ),
                (
                    "summary_fr",
                    models.TextField(
                        blank=True, help_text="Abstract shown in lists and search results.", null=True
                    ),
                ),
                (
                    "summary_ru",
                    models.TextField(
                        blank=True, help_text="Abstract shown in lists and search results.", null=True
                    ),
                ),
                (
                    "summary_es",
                    models.TextField(
                        blank=True, help_text="Abstract shown in lists and search results.", null=True
                    ),
                ),
                ("objectives", models.TextField(blank=True)),
                ("scope", models.TextField(blank=True)),
                ("body", models.TextField(blank=True, help_text="The published text (web version).")),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("proposed", "Proposed"),
                            ("approved", "Approved"),
                            ("drafting", "Drafting"),
                            ("final_draft", "Final draft"),
                            ("editorial_review", "Editorial review"),
                            ("published", "Published"),
                            ("withdrawn", "Withdrawn"),
                        ],
                        default="proposed",
                        max_length=20,
                    ),
                ),
                ("proposed_on", models.DateField(default=django.utils.timezone.localdate)),
                (
                    "starts_on",
                    models.DateField(blank=True, help_text="Planned start of the work.", null=True),
                ),
                ("final_draft_due", models.DateField(blank=True, null=True)),
                (
                    "final_review_deadline",
                    models.DateTimeField(blank=True, help_text="End of the final-draft review.", null=True),
                ),
                ("publication_due", models.DateField(blank=True, null=True)),
                ("approved_on", models.DateField(blank=True, null=True)),
                ("drafting_started_on", models.DateField(blank=True, null=True)),
                ("final_draft_on", models.DateField(blank=True, null=True)),
                ("editorial_review_on", models.DateField(blank=True, null=True)),
                ("published_on", models.DateField(blank=True, null=True)),
                (
                    "edition",
                    models.PositiveIntegerField(
                        default=0,
                        help_text="How many times it has been published; a new edition gets a new PDF.",
                    ),
                ),
                (
                    "public_pdf",
                    models.FileField(
                        blank=True, editable=False, upload_to=thematic_groups.models.public_pdf_upload_to
                    ),
                ),
                (
                    "public_pdf_edition",
                    models.PositiveIntegerField(
                        default=0,
                        editable=False,
                        help_text="The edition the cached public PDF was rendered from.",
                    ),
                ),
                ("withdrawn_on", models.DateField(blank=True, null=True)),
                ("withdrawal_note", models.TextField(blank=True)),
                (
                    "approval_decision",
                    models.ForeignKey(
                        blank=True,
                        help_text="The Partners Board decision that approved it (ToR 19).",
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="governance.decision",
                    ),
                ),
                (
                    "proposed_by",
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
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="deliverables",
                        to="thematic_groups.thematicgroup",
                    ),
                ),
                (
                    "working_group",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="deliverables",
                        to="thematic_groups.workinggroup",
                    ),
                ),
            ],
            options={
                "ordering": ["-published_on", "-proposed_on", "title"],
                "permissions": [("work_on_deliverable", "Member of this deliverable's team")],
                "indexes": [
                    models.Index(fields=["status", "-published_on"], name="thematic_gr_status_b3dc51_idx")
                ],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(
                            models.Q(("status", "published"), _negated=True),
                            ("published_on__isnull", False),
                            _connector="OR",
                        ),
                        name="published_deliverable_has_date",
                        violation_error_message="A published deliverable has a publication date.",
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="CallForExperts",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("title", models.CharField(max_length=250)),
                ("description", models.TextField()),
                ("expertise_sought", models.TextField(blank=True)),
                ("opens_on", models.DateField(default=django.utils.timezone.localdate)),
                ("closes_on", models.DateField()),
                (
                    "status",
                    models.CharField(
                        choices=[("open", "Open"), ("closed", "Closed")], default="open", max_length=20
                    ),
                ),
                (
                    "opened_by",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "deliverable",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="calls",
                        to="thematic_groups.deliverable",
                    ),
                ),
            ],
            options={
                "verbose_name_plural": "calls for experts",
                "ordering": ["-opens_on"],
            },
        ),
        migrations.CreateModel(
            name="DeliverableVersion",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("number", models.PositiveIntegerField()),
                ("file", models.FileField(upload_to=thematic_groups.models.deliverable_upload_to)),
                ("content_type", models.CharField(max_length=100)),
                ("size", models.PositiveBigIntegerField()),
                ("sha256", models.CharField(max_length=64)),
                (
                    "is_final",
                    models.BooleanField(
                        default=False, help_text="The version that is (or will be) published."
                    ),
                ),
                ("note", models.CharField(blank=True, max_length=300)),
                ("uploaded_at", models.DateTimeField(default=django.utils.timezone.now)),
                (
                    "deliverable",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="versions",
                        to="thematic_groups.deliverable",
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
                "ordering": ["deliverable", "-number"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("deliverable", "number"), name="deliverable_version_number_unique"
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="DeliverableComment",
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
                            ("substantive", "Substantive input"),
                            ("factual", "Factual correction"),
                            ("editorial", "Editorial oversight"),
                        ],
                        default="substantive",
                        max_length=20,
                    ),
                ),
                (
                    "location",
                    models.CharField(
                        blank=True,
                        help_text="Where in the document: a section, page or paragraph (drafts are files, not clauses).",
                        max_length=200,
                    ),
                ),
                (
                    "text",
                    models.TextField(
                        max_length=5000, validators=[django.core.validators.MaxLengthValidator(5000)]
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("resolution", models.TextField(blank=True)),
                (
                    "author",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="deliverable_comments",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "deliverable",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="comments",
                        to="thematic_groups.deliverable",
                    ),
                ),
                (
                    "version",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="comments",
                        to="thematic_groups.deliverableversion",
                    ),
                ),
            ],
            options={
                "ordering": ["created_at"],
            },
        ),
        migrations.CreateModel(
            name="ExpertApplication",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("motivation", models.TextField()),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("pending", "Pending vetting"),
                            ("accepted", "Accepted"),
                            ("declined", "Declined"),
                        ],
                        default="pending",
                        max_length=20,
                    ),
                ),
                ("vetted_on", models.DateField(blank=True, null=True)),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                (
                    "applicant",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="expert_applications",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "call",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="applications",
                        to="thematic_groups.callforexperts",
                    ),
                ),
                (
                    "vetted_by",
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
                "ordering": ["-created_at"],
                "constraints": [
                    models.UniqueConstraint(fields=("call", "applicant"), name="one_application_per_call")
                ],
            },
        ),
        migrations.CreateModel(
            name="HistoricalCallForExperts",
            fields=[
                (
                    "id",
                    models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID"),
                ),
                ("title", models.CharField(max_length=250)),
                ("description", models.TextField()),
                ("expertise_sought", models.TextField(blank=True)),
                ("opens_on", models.DateField(default=django.utils.timezone.localdate)),
                ("closes_on", models.DateField()),
                (
                    "status",
                    models.CharField(
                        choices=[("open", "Open"), ("closed", "Closed")], default="open", max_length=20
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
                    "opened_by",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "historical call for experts",
                "verbose_name_plural": "historical calls for experts",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalContributionSignup",
            fields=[
                (
                    "id",
                    models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID"),
                ),
                ("message", models.TextField(blank=True)),
                ("created_at", models.DateTimeField(blank=True, editable=False)),
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
            ],
            options={
                "verbose_name": "historical contribution signup",
                "verbose_name_plural": "historical contribution signups",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalDeliverableComment",
            fields=[
                (
                    "id",
                    models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID"),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("substantive", "Substantive input"),
                            ("factual", "Factual correction"),
                            ("editorial", "Editorial oversight"),
                        ],
                        default="substantive",
                        max_length=20,
                    ),
                ),
                (
                    "location",
                    models.CharField(
                        blank=True,
                        help_text="Where in the document: a section, page or paragraph (drafts are files, not clauses).",
                        max_length=200,
                    ),
                ),
                (
                    "text",
                    models.TextField(
                        max_length=5000, validators=[django.core.validators.MaxLengthValidator(5000)]
                    ),
                ),
                ("created_at", models.DateTimeField(blank=True, editable=False)),
                ("resolution", models.TextField(blank=True)),
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
                    "version",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="thematic_groups.deliverableversion",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical deliverable comment",
                "verbose_name_plural": "historical deliverable comments",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalDeliverableVersion",
            fields=[
                (
                    "id",
                    models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID"),
                ),
                ("number", models.PositiveIntegerField()),
                ("file", models.TextField(max_length=100)),
                ("content_type", models.CharField(max_length=100)),
                ("size", models.PositiveBigIntegerField()),
                ("sha256", models.CharField(max_length=64)),
                (
                    "is_final",
                    models.BooleanField(
                        default=False, help_text="The version that is (or will be) published."
                    ),
                ),
                ("note", models.CharField(blank=True, max_length=300)),
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
            ],
            options={
                "verbose_name": "historical deliverable version",
                "verbose_name_plural": "historical deliverable versions",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalExpertApplication",
            fields=[
                (
                    "id",
                    models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID"),
                ),
                ("motivation", models.TextField()),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("pending", "Pending vetting"),
                            ("accepted", "Accepted"),
                            ("declined", "Declined"),
                        ],
                        default="pending",
                        max_length=20,
                    ),
                ),
                ("vetted_on", models.DateField(blank=True, null=True)),
                ("created_at", models.DateTimeField(blank=True, editable=False)),
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
                    "applicant",
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
                    "call",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="thematic_groups.callforexperts",
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
                    "vetted_by",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "historical expert application",
                "verbose_name_plural": "historical expert applications",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalTeamMember",
            fields=[
                (
                    "id",
                    models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID"),
                ),
                (
                    "role",
                    models.CharField(
                        choices=[("author", "Author"), ("editor", "Editor"), ("contributor", "Contributor")],
                        default="contributor",
                        max_length=20,
                    ),
                ),
                ("joined_on", models.DateField(default=django.utils.timezone.localdate)),
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
            ],
            options={
                "verbose_name": "historical team member",
                "verbose_name_plural": "historical team members",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalThematicGroup",
            fields=[
                (
                    "id",
                    models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID"),
                ),
                ("title", models.CharField(db_index=True, max_length=250)),
                ("title_en", models.CharField(db_index=True, max_length=250, null=True)),
                ("title_ar", models.CharField(db_index=True, max_length=250, null=True)),
                ("title_zh_hans", models.CharField(db_index=True, max_length=250, null=True)),
                ("title_fr", models.CharField(db_index=True, max_length=250, null=True)),
                ("title_ru", models.CharField(db_index=True, max_length=250, null=True)),
                ("title_es", models.CharField(db_index=True, max_length=250, null=True)),
                ("slug", models.SlugField(max_length=80)),
                ("objectives", models.TextField(blank=True)),
                ("objectives_en", models.TextField(blank=True, null=True)),
                ("objectives_ar", models.TextField(blank=True, null=True)),
                ("objectives_zh_hans", models.TextField(blank=True, null=True)),
                ("objectives_fr", models.TextField(blank=True, null=True)),
                ("objectives_ru", models.TextField(blank=True, null=True)),
                ("objectives_es", models.TextField(blank=True, null=True)),
                ("scope", models.TextField(blank=True)),
                (
                    "status",
                    models.CharField(
                        choices=[("active", "Active"), ("closed", "Closed")], default="active", max_length=20
                    ),
                ),
                ("started_on", models.DateField(blank=True, null=True)),
                ("closed_on", models.DateField(blank=True, null=True)),
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
                "verbose_name": "historical thematic group",
                "verbose_name_plural": "historical thematic groups",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalWorkplan",
            fields=[
                (
                    "id",
                    models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID"),
                ),
                ("title", models.CharField(max_length=200)),
                ("period", models.CharField(help_text='e.g. "2020-2021"', max_length=40)),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("compiling", "Compiling inputs"),
                            ("mt_review", "Management Team review"),
                            ("presented", "Presented at the annual meeting"),
                            ("agreed", "Agreed by the Partners"),
                        ],
                        default="compiling",
                        max_length=20,
                    ),
                ),
                ("inputs_deadline", models.DateTimeField(blank=True, null=True)),
                ("compiled_on", models.DateField(blank=True, null=True)),
                ("reviewed_on", models.DateField(blank=True, null=True)),
                ("presented_on", models.DateField(blank=True, null=True)),
                ("agreed_on", models.DateField(blank=True, null=True)),
                ("review_note", models.TextField(blank=True, help_text="The Management Team's review.")),
                (
                    "agreed_note",
                    models.CharField(
                        blank=True,
                        help_text="How the Partners agreed it (meeting or decision).",
                        max_length=300,
                    ),
                ),
                ("pdf", models.TextField(blank=True, editable=False, max_length=100)),
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
                "verbose_name": "historical workplan",
                "verbose_name_plural": "historical workplans",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="TeamMember",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "role",
                    models.CharField(
                        choices=[("author", "Author"), ("editor", "Editor"), ("contributor", "Contributor")],
                        default="contributor",
                        max_length=20,
                    ),
                ),
                ("joined_on", models.DateField(default=django.utils.timezone.localdate)),
                (
                    "deliverable",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="team_members",
                        to="thematic_groups.deliverable",
                    ),
                ),
                (
                    "person",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="team_memberships",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "ordering": ["deliverable", "role", "person__last_name"],
                "constraints": [
                    models.UniqueConstraint(fields=("deliverable", "person"), name="one_team_membership")
                ],
            },
        ),
        migrations.CreateModel(
            name="HistoricalWorkingGroup",
            fields=[
                (
                    "id",
                    models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID"),
                ),
                ("number", models.PositiveSmallIntegerField()),
                ("title", models.CharField(max_length=250)),
                ("description", models.TextField(blank=True)),
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
            ],
            options={
                "verbose_name": "historical working group",
                "verbose_name_plural": "historical working groups",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="ThematicGroupUserObjectPermission",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "content_object",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE, to="thematic_groups.thematicgroup"
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
            ],
            options={
                "abstract": False,
                "unique_together": {("user", "permission", "content_object")},
            },
        ),
        migrations.CreateModel(
            name="HistoricalMembership",
            fields=[
                (
                    "id",
                    models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID"),
                ),
                ("joined_on", models.DateField(default=django.utils.timezone.localdate)),
                ("left_on", models.DateField(blank=True, null=True)),
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
                    "working_group",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="thematic_groups.workinggroup",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical membership",
                "verbose_name_plural": "historical memberships",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalDeliverable",
            fields=[
                (
                    "id",
                    models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID"),
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
                    "type",
                    models.CharField(
                        choices=[
                            ("report", "Report"),
                            ("study", "Study"),
                            ("policy_paper", "Policy paper"),
                            ("guideline", "Guideline"),
                            ("framework", "Framework"),
                            ("issue_paper", "Issue paper"),
                            ("case_study", "Case study"),
                            ("other", "Other"),
                        ],
                        default="report",
                        max_length=20,
                    ),
                ),
                (
                    "summary",
                    models.TextField(blank=True, help_text="Abstract shown in lists and search results."),
                ),
                (
                    "summary_en",
                    models.TextField(
                        blank=True, help_text="Abstract shown in lists and search results.", null=True
                    ),
                ),
                (
                    "summary_ar",
                    models.TextField(
                        blank=True, help_text="Abstract shown in lists and search results.", null=True
                    ),
                ),
                (
                    "summary_zh_hans",
                    models.TextField(
                        blank=True, help_text="Abstract shown in lists and search results.", null=True
                    ),
                ),
                (
                    "summary_fr",
                    models.TextField(
                        blank=True, help_text="Abstract shown in lists and search results.", null=True
                    ),
                ),
                (
                    "summary_ru",
                    models.TextField(
                        blank=True, help_text="Abstract shown in lists and search results.", null=True
                    ),
                ),
                (
                    "summary_es",
                    models.TextField(
                        blank=True, help_text="Abstract shown in lists and search results.", null=True
                    ),
                ),
                ("objectives", models.TextField(blank=True)),
                ("scope", models.TextField(blank=True)),
                ("body", models.TextField(blank=True, help_text="The published text (web version).")),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("proposed", "Proposed"),
                            ("approved", "Approved"),
                            ("drafting", "Drafting"),
                            ("final_draft", "Final draft"),
                            ("editorial_review", "Editorial review"),
                            ("published", "Published"),
                            ("withdrawn", "Withdrawn"),
                        ],
                        default="proposed",
                        max_length=20,
                    ),
                ),
                ("proposed_on", models.DateField(default=django.utils.timezone.localdate)),
                (
                    "starts_on",
                    models.DateField(blank=True, help_text="Planned start of the work.", null=True),
                ),
                ("final_draft_due", models.DateField(blank=True, null=True)),
                (
                    "final_review_deadline",
                    models.DateTimeField(blank=True, help_text="End of the final-draft review.", null=True),
                ),
                ("publication_due", models.DateField(blank=True, null=True)),
                ("approved_on", models.DateField(blank=True, null=True)),
                ("drafting_started_on", models.DateField(blank=True, null=True)),
                ("final_draft_on", models.DateField(blank=True, null=True)),
                ("editorial_review_on", models.DateField(blank=True, null=True)),
                ("published_on", models.DateField(blank=True, null=True)),
                (
                    "edition",
                    models.PositiveIntegerField(
                        default=0,
                        help_text="How many times it has been published; a new edition gets a new PDF.",
                    ),
                ),
                ("public_pdf", models.TextField(blank=True, editable=False, max_length=100)),
                (
                    "public_pdf_edition",
                    models.PositiveIntegerField(
                        default=0,
                        editable=False,
                        help_text="The edition the cached public PDF was rendered from.",
                    ),
                ),
                ("withdrawn_on", models.DateField(blank=True, null=True)),
                ("withdrawal_note", models.TextField(blank=True)),
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
                    "approval_decision",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        help_text="The Partners Board decision that approved it (ToR 19).",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="governance.decision",
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
                    "proposed_by",
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
                    "working_group",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="thematic_groups.workinggroup",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical deliverable",
                "verbose_name_plural": "historical deliverables",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalWorkplanItem",
            fields=[
                (
                    "id",
                    models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID"),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("deliverable", "Deliverable"),
                            ("activity", "Activity"),
                            ("event", "Event"),
                        ],
                        default="deliverable",
                        max_length=20,
                    ),
                ),
                ("title", models.CharField(max_length=300)),
                ("owner", models.CharField(blank=True, help_text="Who is responsible.", max_length=200)),
                ("starts_on", models.DateField(blank=True, null=True)),
                ("ends_on", models.DateField(blank=True, null=True)),
                ("notes", models.TextField(blank=True)),
                ("position", models.PositiveIntegerField(default=0)),
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
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="thematic_groups.workplan",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical workplan item",
                "verbose_name_plural": "historical workplan items",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalWorkplanInput",
            fields=[
                (
                    "id",
                    models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID"),
                ),
                (
                    "capacity",
                    models.CharField(
                        blank=True,
                        help_text='In which role it was given, e.g. "Partner (WMO)".',
                        max_length=200,
                    ),
                ),
                (
                    "text",
                    models.TextField(
                        max_length=5000, validators=[django.core.validators.MaxLengthValidator(5000)]
                    ),
                ),
                ("created_at", models.DateTimeField(blank=True, editable=False)),
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
            ],
            options={
                "verbose_name": "historical workplan input",
                "verbose_name_plural": "historical workplan inputs",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="WorkplanInput",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "capacity",
                    models.CharField(
                        blank=True,
                        help_text='In which role it was given, e.g. "Partner (WMO)".',
                        max_length=200,
                    ),
                ),
                (
                    "text",
                    models.TextField(
                        max_length=5000, validators=[django.core.validators.MaxLengthValidator(5000)]
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                (
                    "author",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "workplan",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="inputs",
                        to="thematic_groups.workplan",
                    ),
                ),
            ],
            options={
                "ordering": ["created_at"],
            },
        ),
        migrations.CreateModel(
            name="WorkplanItem",
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
                            ("deliverable", "Deliverable"),
                            ("activity", "Activity"),
                            ("event", "Event"),
                        ],
                        default="deliverable",
                        max_length=20,
                    ),
                ),
                ("title", models.CharField(max_length=300)),
                ("owner", models.CharField(blank=True, help_text="Who is responsible.", max_length=200)),
                ("starts_on", models.DateField(blank=True, null=True)),
                ("ends_on", models.DateField(blank=True, null=True)),
                ("notes", models.TextField(blank=True)),
                ("position", models.PositiveIntegerField(default=0)),
                (
                    "deliverable",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="workplan_items",
                        to="thematic_groups.deliverable",
                    ),
                ),
                (
                    "thematic_group",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="thematic_groups.thematicgroup",
                    ),
                ),
                (
                    "workplan",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="items",
                        to="thematic_groups.workplan",
                    ),
                ),
            ],
            options={
                "ordering": ["workplan", "position", "starts_on"],
            },
        ),
        migrations.CreateModel(
            name="ContributionSignup",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("message", models.TextField(blank=True)),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                (
                    "person",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="contribution_signups",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "deliverable",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="signups",
                        to="thematic_groups.deliverable",
                    ),
                ),
            ],
            options={
                "ordering": ["-created_at"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("deliverable", "person"), name="one_signup_per_deliverable"
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="DeliverableUserObjectPermission",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "content_object",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE, to="thematic_groups.deliverable"
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
            ],
            options={
                "abstract": False,
                "unique_together": {("user", "permission", "content_object")},
            },
        ),
        migrations.AddField(
            model_name="deliverable",
            name="team",
            field=models.ManyToManyField(
                blank=True,
                related_name="deliverables",
                through="thematic_groups.TeamMember",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddField(
            model_name="membership",
            name="thematic_group",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="memberships",
                to="thematic_groups.thematicgroup",
            ),
        ),
        migrations.AddField(
            model_name="membership",
            name="working_group",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="memberships",
                to="thematic_groups.workinggroup",
            ),
        ),
        migrations.AddConstraint(
            model_name="membership",
            constraint=models.UniqueConstraint(
                fields=("thematic_group", "person"), name="one_membership_per_group"
            ),
        ),
    ]
