import django.db.models.deletion
import django.db.models.functions.text
import django.utils.timezone
import simple_history.models
from django.conf import settings
from django.db import migrations, models

from kernel.migration import BatchedCreateMigration


class Migration(BatchedCreateMigration):
    replaces = [("governance", "0001_schema")]

    initial = True

    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="Partner",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("name", models.CharField(max_length=200, unique=True)),
                ("acronym", models.CharField(max_length=30, unique=True)),
                ("slug", models.SlugField(max_length=40, unique=True)),
                (
                    "is_secretariat",
                    models.BooleanField(
                        default=False,
                        help_text="ITU, UNECE and UN-Habitat jointly operate the Secretariat (ToR 23).",
                    ),
                ),
                ("joined_on", models.DateField(blank=True, null=True)),
                ("left_on", models.DateField(blank=True, null=True)),
                ("website", models.URLField(blank=True)),
                ("description", models.TextField(blank=True)),
            ],
            options={
                "ordering": ["acronym"],
                "permissions": [("act_for_partner", "Act and vote for this Partner (focal point)")],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(
                            ("left_on__isnull", True),
                            ("joined_on__isnull", True),
                            ("left_on__gte", models.F("joined_on")),
                            _connector="OR",
                        ),
                        name="partner_left_after_joined",
                        violation_error_message="A Partner cannot leave before it joined.",
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="Hub",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("name", models.CharField(max_length=200)),
                ("country", models.CharField(max_length=100)),
                ("city", models.CharField(blank=True, max_length=100)),
                ("description", models.TextField(blank=True)),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("requested", "Requested"),
                            ("approved", "Approved"),
                            ("rejected", "Rejected"),
                            ("closed", "Closed"),
                        ],
                        default="requested",
                        max_length=20,
                    ),
                ),
                ("approved_on", models.DateField(blank=True, null=True)),
                ("last_annual_report_on", models.DateField(blank=True, null=True)),
                (
                    "contact",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="hubs",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "partner",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="hubs",
                        to="governance.partner",
                    ),
                ),
            ],
            options={
                "ordering": ["country", "name"],
                "constraints": [
                    models.UniqueConstraint(
                        django.db.models.functions.text.Lower("name"),
                        django.db.models.functions.text.Lower("country"),
                        condition=models.Q(("status", "requested")),
                        name="one_open_hub_request_per_name_and_country",
                        violation_error_message="A Hub of this name in this country is already waiting for the Partners.",
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="Nomination",
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
                        choices=[("chair", "Chair"), ("vice_chair", "Vice-Chair")], max_length=20
                    ),
                ),
                ("statement", models.TextField(blank=True)),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                (
                    "nominee",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="nominations",
                        to=settings.AUTH_USER_MODEL,
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
                    "nominated_by",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="nominations",
                        to="governance.partner",
                    ),
                ),
            ],
            options={
                "ordering": ["-created_at"],
            },
        ),
        migrations.CreateModel(
            name="Decision",
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
                            ("tor_revision", "ToR revision"),
                            ("chair_appointment", "Chair appointment"),
                            ("vice_chair_appointment", "Vice-Chair appointment"),
                            ("deliverable_approval", "Deliverable approval"),
                            ("hub_approval", "Hub approval"),
                            ("workplan", "Workplan agreement"),
                            ("other", "Other question"),
                        ],
                        default="other",
                        max_length=30,
                    ),
                ),
                ("question", models.CharField(max_length=300)),
                ("description", models.TextField(blank=True)),
                (
                    "rule",
                    models.CharField(
                        choices=[
                            (
                                "simple_majority",
                                "Simple majority of ballots cast, quorum of half the Partners",
                            ),
                            ("two_thirds", "Two-thirds of ballots cast"),
                            ("consensus", "Consensus (no Partner votes no)"),
                            (
                                "silence",
                                "Silence procedure (adopted at the deadline unless a Partner objects)",
                            ),
                        ],
                        default="simple_majority",
                        max_length=20,
                    ),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("draft", "Draft"),
                            ("open", "Open for votes"),
                            ("closed", "Closed"),
                            ("cancelled", "Cancelled"),
                            ("withdrawn", "Withdrawn"),
                        ],
                        default="draft",
                        max_length=20,
                    ),
                ),
                ("opens_at", models.DateTimeField(blank=True, null=True)),
                ("deadline", models.DateTimeField(blank=True, null=True)),
                ("closed_at", models.DateTimeField(blank=True, null=True)),
                (
                    "result",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("adopted", "Adopted"),
                            ("rejected", "Rejected"),
                            ("no_quorum", "Not adopted: no quorum"),
                        ],
                        max_length=20,
                    ),
                ),
                (
                    "tally",
                    models.JSONField(blank=True, default=dict, help_text="Counts computed once at closing."),
                ),
                (
                    "change_note",
                    models.TextField(
                        blank=True,
                        help_text="Why the Secretariat last extended or withdrew the ballot (each one is kept in its history).",
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                (
                    "created_by",
                    models.ForeignKey(
                        blank=True,
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
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="decisions",
                        to="governance.hub",
                    ),
                ),
                (
                    "nomination",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="decisions",
                        to="governance.nomination",
                    ),
                ),
            ],
            options={
                "ordering": ["-deadline", "-created_at"],
                "indexes": [
                    models.Index(fields=["status", "deadline"], name="governance__status_0231a9_idx")
                ],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(
                            ("deadline__isnull", True),
                            ("opens_at__isnull", True),
                            ("deadline__gt", models.F("opens_at")),
                            _connector="OR",
                        ),
                        name="decision_deadline_after_opening",
                        violation_error_message="The deadline must come after the opening.",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            models.Q(("status", "closed"), _negated=True),
                            models.Q(("result", ""), _negated=True),
                            _connector="OR",
                        ),
                        name="closed_decision_has_result",
                        violation_error_message="A closed decision has a result.",
                    ),
                ],
            },
        ),
        migrations.CreateModel(
            name="ToRVersion",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "number",
                    models.PositiveIntegerField(
                        help_text="Version number, in order of drafting.", unique=True
                    ),
                ),
                ("title", models.CharField(default="Terms of Reference", max_length=200)),
                ("title_en", models.CharField(default="Terms of Reference", max_length=200, null=True)),
                ("title_ar", models.CharField(default="Terms of Reference", max_length=200, null=True)),
                ("title_zh_hans", models.CharField(default="Terms of Reference", max_length=200, null=True)),
                ("title_fr", models.CharField(default="Terms of Reference", max_length=200, null=True)),
                ("title_ru", models.CharField(default="Terms of Reference", max_length=200, null=True)),
                ("title_es", models.CharField(default="Terms of Reference", max_length=200, null=True)),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("draft", "Draft"),
                            ("comment_period", "Comment period"),
                            ("ballot", "Ballot"),
                            ("in_force", "In force"),
                            ("superseded", "Superseded"),
                            ("rejected", "Rejected"),
                            ("withdrawn", "Withdrawn"),
                        ],
                        default="draft",
                        max_length=20,
                    ),
                ),
                ("summary", models.TextField(blank=True, help_text="What this revision changes and why.")),
                (
                    "summary_en",
                    models.TextField(blank=True, help_text="What this revision changes and why.", null=True),
                ),
                (
                    "summary_ar",
                    models.TextField(blank=True, help_text="What this revision changes and why.", null=True),
                ),
                (
                    "summary_zh_hans",
                    models.TextField(blank=True, help_text="What this revision changes and why.", null=True),
                ),
                (
                    "summary_fr",
                    models.TextField(blank=True, help_text="What this revision changes and why.", null=True),
                ),
                (
                    "summary_ru",
                    models.TextField(blank=True, help_text="What this revision changes and why.", null=True),
                ),
                (
                    "summary_es",
                    models.TextField(blank=True, help_text="What this revision changes and why.", null=True),
                ),
                ("comment_deadline", models.DateTimeField(blank=True, null=True)),
                ("adopted_on", models.DateField(blank=True, null=True)),
                (
                    "adopted_note",
                    models.CharField(
                        blank=True, help_text="How it was adopted, if not by a decision here.", max_length=300
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                (
                    "adopted_by_decision",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="governance.decision",
                    ),
                ),
                (
                    "based_on",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="revisions",
                        to="governance.torversion",
                    ),
                ),
                (
                    "created_by",
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
                "verbose_name": "ToR version",
                "ordering": ["-number"],
                "constraints": [
                    models.UniqueConstraint(
                        condition=models.Q(("status", "in_force")),
                        fields=("status",),
                        name="one_tor_version_in_force",
                        violation_error_message="Only one ToR version can be in force.",
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="Clause",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("position", models.PositiveIntegerField(help_text="Order in the document.")),
                (
                    "section",
                    models.CharField(
                        help_text='The heading it falls under, e.g. "C. Partners of the U4SSC…".',
                        max_length=200,
                    ),
                ),
                (
                    "section_en",
                    models.CharField(
                        help_text='The heading it falls under, e.g. "C. Partners of the U4SSC…".',
                        max_length=200,
                        null=True,
                    ),
                ),
                (
                    "section_ar",
                    models.CharField(
                        help_text='The heading it falls under, e.g. "C. Partners of the U4SSC…".',
                        max_length=200,
                        null=True,
                    ),
                ),
                (
                    "section_zh_hans",
                    models.CharField(
                        help_text='The heading it falls under, e.g. "C. Partners of the U4SSC…".',
                        max_length=200,
                        null=True,
                    ),
                ),
                (
                    "section_fr",
                    models.CharField(
                        help_text='The heading it falls under, e.g. "C. Partners of the U4SSC…".',
                        max_length=200,
                        null=True,
                    ),
                ),
                (
                    "section_ru",
                    models.CharField(
                        help_text='The heading it falls under, e.g. "C. Partners of the U4SSC…".',
                        max_length=200,
                        null=True,
                    ),
                ),
                (
                    "section_es",
                    models.CharField(
                        help_text='The heading it falls under, e.g. "C. Partners of the U4SSC…".',
                        max_length=200,
                        null=True,
                    ),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("clause", "Clause"),
                            ("subclause", "Sub-clause"),
                            ("paragraph", "Paragraph"),
                            ("footnote", "Footnote"),
                        ],
                        default="clause",
                        max_length=20,
                    ),
                ),
                ("number", models.CharField(blank=True, max_length=20)),
                ("letter", models.CharField(blank=True, max_length=5)),
                ("key", models.CharField(max_length=40)),
                ("text", models.TextField()),
                ("text_en", models.TextField(null=True)),
                ("text_ar", models.TextField(null=True)),
                ("text_zh_hans", models.TextField(null=True)),
                ("text_fr", models.TextField(null=True)),
                ("text_ru", models.TextField(null=True)),
                ("text_es", models.TextField(null=True)),
                (
                    "derived_from",
                    models.ForeignKey(
                        blank=True,
                        help_text="The clause of the earlier version this one was copied from (diffs follow it).",
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="derivatives",
                        to="governance.clause",
                    ),
                ),
                (
                    "tor_version",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="clauses",
                        to="governance.torversion",
                    ),
                ),
            ],
            options={
                "ordering": ["tor_version", "position"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("tor_version", "position"), name="clause_position_unique"
                    ),
                    models.UniqueConstraint(fields=("tor_version", "key"), name="clause_key_unique"),
                ],
            },
        ),
        migrations.CreateModel(
            name="CommunicationReview",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("title", models.CharField(max_length=200)),
                ("text", models.TextField()),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("submitted", "Submitted"),
                            ("cleared", "Cleared"),
                            ("changes", "Changes requested"),
                        ],
                        default="submitted",
                        max_length=20,
                    ),
                ),
                ("review_note", models.TextField(blank=True)),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                (
                    "reviewed_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "submitted_by",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "ordering": ["-created_at"],
            },
        ),
        migrations.CreateModel(
            name="ExternalEngagementNotice",
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
                            ("presentation", "Presenting U4SSC work at an event (ToR 37)"),
                            ("shared_work", "Shared or replicated work elsewhere (ToR 38)"),
                        ],
                        default="presentation",
                        max_length=20,
                    ),
                ),
                ("event", models.CharField(max_length=200)),
                ("takes_place_on", models.DateField(blank=True, null=True)),
                ("venue", models.CharField(blank=True, max_length=200)),
                ("description", models.TextField(blank=True)),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                (
                    "acknowledged_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "person",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="engagement_notices",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "ordering": ["-created_at"],
            },
        ),
        migrations.CreateModel(
            name="HistoricalCommunicationReview",
            fields=[
                (
                    "id",
                    models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID"),
                ),
                ("title", models.CharField(max_length=200)),
                ("text", models.TextField()),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("submitted", "Submitted"),
                            ("cleared", "Cleared"),
                            ("changes", "Changes requested"),
                        ],
                        default="submitted",
                        max_length=20,
                    ),
                ),
                ("review_note", models.TextField(blank=True)),
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
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "reviewed_by",
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
                    "submitted_by",
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
                "verbose_name": "historical communication review",
                "verbose_name_plural": "historical communication reviews",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalExternalEngagementNotice",
            fields=[
                (
                    "id",
                    models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID"),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("presentation", "Presenting U4SSC work at an event (ToR 37)"),
                            ("shared_work", "Shared or replicated work elsewhere (ToR 38)"),
                        ],
                        default="presentation",
                        max_length=20,
                    ),
                ),
                ("event", models.CharField(max_length=200)),
                ("takes_place_on", models.DateField(blank=True, null=True)),
                ("venue", models.CharField(blank=True, max_length=200)),
                ("description", models.TextField(blank=True)),
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
                    "acknowledged_by",
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
                "verbose_name": "historical external engagement notice",
                "verbose_name_plural": "historical external engagement notices",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalJoinRequest",
            fields=[
                (
                    "id",
                    models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID"),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("partner", "UN agency, entity or programme wishing to become a Partner"),
                            ("participant", "Expert wishing to participate"),
                        ],
                        max_length=20,
                    ),
                ),
                ("name", models.CharField(max_length=200)),
                ("email", models.EmailField(max_length=254)),
                ("organisation", models.CharField(max_length=200)),
                ("message", models.TextField(blank=True)),
                (
                    "status",
                    models.CharField(
                        choices=[("new", "New"), ("accepted", "Accepted"), ("declined", "Declined")],
                        default="new",
                        max_length=20,
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
                    "handled_by",
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
            ],
            options={
                "verbose_name": "historical join request",
                "verbose_name_plural": "historical join requests",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalLogoUseRequest",
            fields=[
                (
                    "id",
                    models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID"),
                ),
                ("organisation", models.CharField(max_length=200)),
                ("purpose", models.TextField()),
                ("use_from", models.DateField(blank=True, null=True)),
                ("use_until", models.DateField(blank=True, null=True)),
                (
                    "status",
                    models.CharField(
                        choices=[("pending", "Pending"), ("approved", "Approved"), ("refused", "Refused")],
                        default="pending",
                        max_length=20,
                    ),
                ),
                (
                    "written_agreement",
                    models.BooleanField(
                        default=False, help_text="Written agreement given (required for the IP Leader)."
                    ),
                ),
                ("decided_on", models.DateField(blank=True, null=True)),
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
                    "decided_by",
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
                    "requester",
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
                "verbose_name": "historical logo use request",
                "verbose_name_plural": "historical logo use requests",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalPartner",
            fields=[
                (
                    "id",
                    models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID"),
                ),
                ("name", models.CharField(db_index=True, max_length=200)),
                ("acronym", models.CharField(db_index=True, max_length=30)),
                ("slug", models.SlugField(max_length=40)),
                (
                    "is_secretariat",
                    models.BooleanField(
                        default=False,
                        help_text="ITU, UNECE and UN-Habitat jointly operate the Secretariat (ToR 23).",
                    ),
                ),
                ("joined_on", models.DateField(blank=True, null=True)),
                ("left_on", models.DateField(blank=True, null=True)),
                ("website", models.URLField(blank=True)),
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
            ],
            options={
                "verbose_name": "historical partner",
                "verbose_name_plural": "historical partners",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="JoinRequest",
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
                            ("partner", "UN agency, entity or programme wishing to become a Partner"),
                            ("participant", "Expert wishing to participate"),
                        ],
                        max_length=20,
                    ),
                ),
                ("name", models.CharField(max_length=200)),
                ("email", models.EmailField(max_length=254)),
                ("organisation", models.CharField(max_length=200)),
                ("message", models.TextField(blank=True)),
                (
                    "status",
                    models.CharField(
                        choices=[("new", "New"), ("accepted", "Accepted"), ("declined", "Declined")],
                        default="new",
                        max_length=20,
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                (
                    "handled_by",
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
            },
        ),
        migrations.CreateModel(
            name="LogoUseRequest",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("organisation", models.CharField(max_length=200)),
                ("purpose", models.TextField()),
                ("use_from", models.DateField(blank=True, null=True)),
                ("use_until", models.DateField(blank=True, null=True)),
                (
                    "status",
                    models.CharField(
                        choices=[("pending", "Pending"), ("approved", "Approved"), ("refused", "Refused")],
                        default="pending",
                        max_length=20,
                    ),
                ),
                (
                    "written_agreement",
                    models.BooleanField(
                        default=False, help_text="Written agreement given (required for the IP Leader)."
                    ),
                ),
                ("decided_on", models.DateField(blank=True, null=True)),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                (
                    "decided_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "requester",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="logo_requests",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "ordering": ["-created_at"],
            },
        ),
        migrations.CreateModel(
            name="Mandate",
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
                        choices=[
                            ("chair", "Chair"),
                            ("vice_chair", "Vice-Chair"),
                            ("leader", "Thematic Group Leader"),
                            ("ip_leader", "IP Leader"),
                        ],
                        max_length=20,
                    ),
                ),
                ("starts_on", models.DateField()),
                (
                    "ends_on",
                    models.DateField(
                        blank=True,
                        help_text="First day without the powers; two years after the start by default (ToR 28).",
                    ),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("proposed", "Proposed"),
                            ("active", "Active"),
                            ("ended", "Ended early"),
                            ("renewed", "Renewed"),
                            ("declined", "Declined by the Secretariat"),
                        ],
                        default="proposed",
                        max_length=20,
                    ),
                ),
                (
                    "decided_by",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("annual_meeting", "Annual meeting"),
                            ("electronic", "Electronic decision of the Partners Board"),
                            ("chair_secretariat", "Chair in consultation with the Secretariat"),
                        ],
                        max_length=30,
                    ),
                ),
                (
                    "ended_on",
                    models.DateField(
                        blank=True, help_text="Set when a mandate ends before its term.", null=True
                    ),
                ),
                ("notes", models.TextField(blank=True)),
                (
                    "concurred_by",
                    models.ForeignKey(
                        blank=True,
                        help_text="Secretariat member who concurred (Leaders, ToR 19).",
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "decision",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="mandates",
                        to="governance.decision",
                    ),
                ),
                (
                    "person",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="mandates",
                        to=settings.AUTH_USER_MODEL,
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
                    "renewal_of",
                    models.OneToOneField(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="renewed_by",
                        to="governance.mandate",
                    ),
                ),
            ],
            options={
                "ordering": ["-starts_on"],
                "indexes": [
                    models.Index(fields=["role", "status", "ends_on"], name="governance__role_7c596a_idx")
                ],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(("ends_on__gt", models.F("starts_on"))),
                        name="mandate_ends_after_start",
                        violation_error_message="A mandate must end after it starts.",
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="HistoricalMandate",
            fields=[
                (
                    "id",
                    models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID"),
                ),
                (
                    "role",
                    models.CharField(
                        choices=[
                            ("chair", "Chair"),
                            ("vice_chair", "Vice-Chair"),
                            ("leader", "Thematic Group Leader"),
                            ("ip_leader", "IP Leader"),
                        ],
                        max_length=20,
                    ),
                ),
                ("starts_on", models.DateField()),
                (
                    "ends_on",
                    models.DateField(
                        blank=True,
                        help_text="First day without the powers; two years after the start by default (ToR 28).",
                    ),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("proposed", "Proposed"),
                            ("active", "Active"),
                            ("ended", "Ended early"),
                            ("renewed", "Renewed"),
                            ("declined", "Declined by the Secretariat"),
                        ],
                        default="proposed",
                        max_length=20,
                    ),
                ),
                (
                    "decided_by",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("annual_meeting", "Annual meeting"),
                            ("electronic", "Electronic decision of the Partners Board"),
                            ("chair_secretariat", "Chair in consultation with the Secretariat"),
                        ],
                        max_length=30,
                    ),
                ),
                (
                    "ended_on",
                    models.DateField(
                        blank=True, help_text="Set when a mandate ends before its term.", null=True
                    ),
                ),
                ("notes", models.TextField(blank=True)),
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
                    "concurred_by",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        help_text="Secretariat member who concurred (Leaders, ToR 19).",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "decision",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
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
                    "renewal_of",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="governance.mandate",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical mandate",
                "verbose_name_plural": "historical mandates",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalChairAbsence",
            fields=[
                (
                    "id",
                    models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID"),
                ),
                ("starts_on", models.DateField()),
                ("ends_on", models.DateField(help_text="Last day of the absence.")),
                ("reason", models.CharField(blank=True, max_length=200)),
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
                    "acting_vice_chair",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        help_text="Leave empty for every active Vice-Chair to act.",
                        limit_choices_to={"role": "vice_chair"},
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="governance.mandate",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical chair absence",
                "verbose_name_plural": "historical chair absences",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="ChairAbsence",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("starts_on", models.DateField()),
                ("ends_on", models.DateField(help_text="Last day of the absence.")),
                ("reason", models.CharField(blank=True, max_length=200)),
                (
                    "recorded_by",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "acting_vice_chair",
                    models.ForeignKey(
                        blank=True,
                        help_text="Leave empty for every active Vice-Chair to act.",
                        limit_choices_to={"role": "vice_chair"},
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        to="governance.mandate",
                    ),
                ),
            ],
            options={
                "ordering": ["-starts_on"],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(("ends_on__gte", models.F("starts_on"))),
                        name="chair_absence_ends_after_start",
                        violation_error_message="An absence cannot end before it starts.",
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="HistoricalNomination",
            fields=[
                (
                    "id",
                    models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID"),
                ),
                (
                    "role",
                    models.CharField(
                        choices=[("chair", "Chair"), ("vice_chair", "Vice-Chair")], max_length=20
                    ),
                ),
                ("statement", models.TextField(blank=True)),
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
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "nominee",
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
                    "nominated_by",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="governance.partner",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical nomination",
                "verbose_name_plural": "historical nominations",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalHub",
            fields=[
                (
                    "id",
                    models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID"),
                ),
                ("name", models.CharField(max_length=200)),
                ("country", models.CharField(max_length=100)),
                ("city", models.CharField(blank=True, max_length=100)),
                ("description", models.TextField(blank=True)),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("requested", "Requested"),
                            ("approved", "Approved"),
                            ("rejected", "Rejected"),
                            ("closed", "Closed"),
                        ],
                        default="requested",
                        max_length=20,
                    ),
                ),
                ("approved_on", models.DateField(blank=True, null=True)),
                ("last_annual_report_on", models.DateField(blank=True, null=True)),
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
                    "contact",
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
                    "partner",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="governance.partner",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical hub",
                "verbose_name_plural": "historical hubs",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalFocalPoint",
            fields=[
                (
                    "id",
                    models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID"),
                ),
                (
                    "title",
                    models.CharField(
                        blank=True, help_text="Position in the Partner organisation.", max_length=200
                    ),
                ),
                (
                    "is_secretariat_contact",
                    models.BooleanField(
                        default=False, help_text="Point of contact for the Secretariat (Annex III)."
                    ),
                ),
                ("started_on", models.DateField(default=django.utils.timezone.localdate)),
                ("ended_on", models.DateField(blank=True, null=True)),
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
                    "partner",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="governance.partner",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical focal point",
                "verbose_name_plural": "historical focal points",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalBallot",
            fields=[
                (
                    "id",
                    models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID"),
                ),
                (
                    "choice",
                    models.CharField(
                        choices=[("yes", "Yes"), ("no", "No"), ("abstain", "Abstain"), ("object", "Object")],
                        max_length=10,
                    ),
                ),
                ("comment", models.TextField(blank=True)),
                ("cast_at", models.DateTimeField(default=django.utils.timezone.now)),
                ("receipt_code", models.CharField(editable=False, max_length=32)),
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
                    "cast_by",
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
                    "decision",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
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
                    "partner",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="governance.partner",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical ballot",
                "verbose_name_plural": "historical ballots",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="FocalPoint",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "title",
                    models.CharField(
                        blank=True, help_text="Position in the Partner organisation.", max_length=200
                    ),
                ),
                (
                    "is_secretariat_contact",
                    models.BooleanField(
                        default=False, help_text="Point of contact for the Secretariat (Annex III)."
                    ),
                ),
                ("started_on", models.DateField(default=django.utils.timezone.localdate)),
                ("ended_on", models.DateField(blank=True, null=True)),
                (
                    "person",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="focal_points",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "partner",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="focal_points",
                        to="governance.partner",
                    ),
                ),
            ],
            options={
                "ordering": ["partner__acronym", "person__last_name"],
                "constraints": [
                    models.UniqueConstraint(
                        condition=models.Q(("ended_on__isnull", True)),
                        fields=("partner", "person"),
                        name="one_current_focal_point_per_partner_person",
                        violation_error_message="This person is already a current focal point of this Partner.",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            ("ended_on__isnull", True),
                            ("ended_on__gte", models.F("started_on")),
                            _connector="OR",
                        ),
                        name="focal_point_ends_after_start",
                        violation_error_message="A focal point cannot end before it started.",
                    ),
                ],
            },
        ),
        migrations.CreateModel(
            name="Ballot",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "choice",
                    models.CharField(
                        choices=[("yes", "Yes"), ("no", "No"), ("abstain", "Abstain"), ("object", "Object")],
                        max_length=10,
                    ),
                ),
                ("comment", models.TextField(blank=True)),
                ("cast_at", models.DateTimeField(default=django.utils.timezone.now)),
                ("receipt_code", models.CharField(editable=False, max_length=32)),
                (
                    "cast_by",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="ballots_cast",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "decision",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="ballots",
                        to="governance.decision",
                    ),
                ),
                (
                    "partner",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="ballots",
                        to="governance.partner",
                    ),
                ),
            ],
            options={
                "ordering": ["partner__acronym"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("decision", "partner"),
                        name="one_ballot_per_partner_per_decision",
                        violation_error_message="This Partner has already cast a ballot on this decision.",
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="PartnerUserObjectPermission",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "content_object",
                    models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, to="governance.partner"),
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
            name="ToRComment",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("text", models.TextField()),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                (
                    "handling",
                    models.CharField(
                        choices=[
                            ("pending", "Not yet handled"),
                            ("accepted", "Accepted"),
                            ("partly", "Partly accepted"),
                            ("not_accepted", "Not accepted"),
                            ("noted", "Noted"),
                        ],
                        default="pending",
                        max_length=20,
                    ),
                ),
                ("handling_note", models.TextField(blank=True)),
                (
                    "author",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="tor_comments",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "clause",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="comments",
                        to="governance.clause",
                    ),
                ),
                (
                    "handled_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "partner",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="governance.partner",
                    ),
                ),
                (
                    "tor_version",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="comments",
                        to="governance.torversion",
                    ),
                ),
            ],
            options={
                "verbose_name": "ToR comment",
                "ordering": ["created_at"],
            },
        ),
        migrations.CreateModel(
            name="HistoricalToRVersion",
            fields=[
                (
                    "id",
                    models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID"),
                ),
                (
                    "number",
                    models.PositiveIntegerField(
                        db_index=True, help_text="Version number, in order of drafting."
                    ),
                ),
                ("title", models.CharField(default="Terms of Reference", max_length=200)),
                ("title_en", models.CharField(default="Terms of Reference", max_length=200, null=True)),
                ("title_ar", models.CharField(default="Terms of Reference", max_length=200, null=True)),
                ("title_zh_hans", models.CharField(default="Terms of Reference", max_length=200, null=True)),
                ("title_fr", models.CharField(default="Terms of Reference", max_length=200, null=True)),
                ("title_ru", models.CharField(default="Terms of Reference", max_length=200, null=True)),
                ("title_es", models.CharField(default="Terms of Reference", max_length=200, null=True)),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("draft", "Draft"),
                            ("comment_period", "Comment period"),
                            ("ballot", "Ballot"),
                            ("in_force", "In force"),
                            ("superseded", "Superseded"),
                            ("rejected", "Rejected"),
                            ("withdrawn", "Withdrawn"),
                        ],
                        default="draft",
                        max_length=20,
                    ),
                ),
                ("summary", models.TextField(blank=True, help_text="What this revision changes and why.")),
                (
                    "summary_en",
                    models.TextField(blank=True, help_text="What this revision changes and why.", null=True),
                ),
                (
                    "summary_ar",
                    models.TextField(blank=True, help_text="What this revision changes and why.", null=True),
                ),
                (
                    "summary_zh_hans",
                    models.TextField(blank=True, help_text="What this revision changes and why.", null=True),
                ),
                (
                    "summary_fr",
                    models.TextField(blank=True, help_text="What this revision changes and why.", null=True),
                ),
                (
                    "summary_ru",
                    models.TextField(blank=True, help_text="What this revision changes and why.", null=True),
                ),
                (
                    "summary_es",
                    models.TextField(blank=True, help_text="What this revision changes and why.", null=True),
                ),
                ("comment_deadline", models.DateTimeField(blank=True, null=True)),
                ("adopted_on", models.DateField(blank=True, null=True)),
                (
                    "adopted_note",
                    models.CharField(
                        blank=True, help_text="How it was adopted, if not by a decision here.", max_length=300
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
                    "adopted_by_decision",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="governance.decision",
                    ),
                ),
                (
                    "created_by",
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
                    "based_on",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="governance.torversion",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical ToR version",
                "verbose_name_plural": "historical ToR versions",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalToRComment",
            fields=[
                (
                    "id",
                    models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID"),
                ),
                ("text", models.TextField()),
                ("created_at", models.DateTimeField(blank=True, editable=False)),
                (
                    "handling",
                    models.CharField(
                        choices=[
                            ("pending", "Not yet handled"),
                            ("accepted", "Accepted"),
                            ("partly", "Partly accepted"),
                            ("not_accepted", "Not accepted"),
                            ("noted", "Noted"),
                        ],
                        default="pending",
                        max_length=20,
                    ),
                ),
                ("handling_note", models.TextField(blank=True)),
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
                    "clause",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="governance.clause",
                    ),
                ),
                (
                    "handled_by",
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
                    "partner",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="governance.partner",
                    ),
                ),
                (
                    "tor_version",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="governance.torversion",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical ToR comment",
                "verbose_name_plural": "historical ToR comments",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalDecision",
            fields=[
                (
                    "id",
                    models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID"),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("tor_revision", "ToR revision"),
                            ("chair_appointment", "Chair appointment"),
                            ("vice_chair_appointment", "Vice-Chair appointment"),
                            ("deliverable_approval", "Deliverable approval"),
                            ("hub_approval", "Hub approval"),
                            ("workplan", "Workplan agreement"),
                            ("other", "Other question"),
                        ],
                        default="other",
                        max_length=30,
                    ),
                ),
                ("question", models.CharField(max_length=300)),
                ("description", models.TextField(blank=True)),
                (
                    "rule",
                    models.CharField(
                        choices=[
                            (
                                "simple_majority",
                                "Simple majority of ballots cast, quorum of half the Partners",
                            ),
                            ("two_thirds", "Two-thirds of ballots cast"),
                            ("consensus", "Consensus (no Partner votes no)"),
                            (
                                "silence",
                                "Silence procedure (adopted at the deadline unless a Partner objects)",
                            ),
                        ],
                        default="simple_majority",
                        max_length=20,
                    ),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("draft", "Draft"),
                            ("open", "Open for votes"),
                            ("closed", "Closed"),
                            ("cancelled", "Cancelled"),
                            ("withdrawn", "Withdrawn"),
                        ],
                        default="draft",
                        max_length=20,
                    ),
                ),
                ("opens_at", models.DateTimeField(blank=True, null=True)),
                ("deadline", models.DateTimeField(blank=True, null=True)),
                ("closed_at", models.DateTimeField(blank=True, null=True)),
                (
                    "result",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("adopted", "Adopted"),
                            ("rejected", "Rejected"),
                            ("no_quorum", "Not adopted: no quorum"),
                        ],
                        max_length=20,
                    ),
                ),
                (
                    "tally",
                    models.JSONField(blank=True, default=dict, help_text="Counts computed once at closing."),
                ),
                (
                    "change_note",
                    models.TextField(
                        blank=True,
                        help_text="Why the Secretariat last extended or withdrew the ballot (each one is kept in its history).",
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
                    "created_by",
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
                    "hub",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="governance.hub",
                    ),
                ),
                (
                    "nomination",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="governance.nomination",
                    ),
                ),
                (
                    "tor_version",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="governance.torversion",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical decision",
                "verbose_name_plural": "historical decisions",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalClause",
            fields=[
                (
                    "id",
                    models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID"),
                ),
                ("position", models.PositiveIntegerField(help_text="Order in the document.")),
                (
                    "section",
                    models.CharField(
                        help_text='The heading it falls under, e.g. "C. Partners of the U4SSC…".',
                        max_length=200,
                    ),
                ),
                (
                    "section_en",
                    models.CharField(
                        help_text='The heading it falls under, e.g. "C. Partners of the U4SSC…".',
                        max_length=200,
                        null=True,
                    ),
                ),
                (
                    "section_ar",
                    models.CharField(
                        help_text='The heading it falls under, e.g. "C. Partners of the U4SSC…".',
                        max_length=200,
                        null=True,
                    ),
                ),
                (
                    "section_zh_hans",
                    models.CharField(
                        help_text='The heading it falls under, e.g. "C. Partners of the U4SSC…".',
                        max_length=200,
                        null=True,
                    ),
                ),
                (
                    "section_fr",
                    models.CharField(
                        help_text='The heading it falls under, e.g. "C. Partners of the U4SSC…".',
                        max_length=200,
                        null=True,
                    ),
                ),
                (
                    "section_ru",
                    models.CharField(
                        help_text='The heading it falls under, e.g. "C. Partners of the U4SSC…".',
                        max_length=200,
                        null=True,
                    ),
                ),
                (
                    "section_es",
                    models.CharField(
                        help_text='The heading it falls under, e.g. "C. Partners of the U4SSC…".',
                        max_length=200,
                        null=True,
                    ),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("clause", "Clause"),
                            ("subclause", "Sub-clause"),
                            ("paragraph", "Paragraph"),
                            ("footnote", "Footnote"),
                        ],
                        default="clause",
                        max_length=20,
                    ),
                ),
                ("number", models.CharField(blank=True, max_length=20)),
                ("letter", models.CharField(blank=True, max_length=5)),
                ("key", models.CharField(max_length=40)),
                ("text", models.TextField()),
                ("text_en", models.TextField(null=True)),
                ("text_ar", models.TextField(null=True)),
                ("text_zh_hans", models.TextField(null=True)),
                ("text_fr", models.TextField(null=True)),
                ("text_ru", models.TextField(null=True)),
                ("text_es", models.TextField(null=True)),
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
                    "derived_from",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        help_text="The clause of the earlier version this one was copied from (diffs follow it).",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="governance.clause",
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
                    "tor_version",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="governance.torversion",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical clause",
                "verbose_name_plural": "historical clauses",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.AddField(
            model_name="decision",
            name="tor_version",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="decisions",
                to="governance.torversion",
            ),
        ),
    ]
