import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    replaces = [("governance", "0002_upward_links"), ("governance", "0009_content_languages")]

    dependencies = [
        ("governance", "0001_registers"),
        ("meetings", "0001_registers"),
        ("thematic_groups", "0001_registers"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="decision",
            name="deliverable",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="decisions",
                to="thematic_groups.deliverable",
            ),
        ),
        migrations.AddField(
            model_name="decision",
            name="meeting",
            field=models.ForeignKey(
                blank=True,
                help_text="Set when the decision was taken at a meeting rather than electronically.",
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="decisions",
                to="meetings.meeting",
            ),
        ),
        migrations.AddField(
            model_name="decision",
            name="workplan",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="decisions",
                to="thematic_groups.workplan",
            ),
        ),
        migrations.AddField(
            model_name="historicaldecision",
            name="deliverable",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="thematic_groups.deliverable",
            ),
        ),
        migrations.AddField(
            model_name="historicaldecision",
            name="meeting",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                help_text="Set when the decision was taken at a meeting rather than electronically.",
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="meetings.meeting",
            ),
        ),
        migrations.AddField(
            model_name="historicaldecision",
            name="workplan",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="thematic_groups.workplan",
            ),
        ),
        migrations.AddField(
            model_name="historicalmandate",
            name="meeting",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="meetings.meeting",
            ),
        ),
        migrations.AddField(
            model_name="historicalmandate",
            name="thematic_group",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="thematic_groups.thematicgroup",
            ),
        ),
        migrations.AddField(
            model_name="mandate",
            name="meeting",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="mandates",
                to="meetings.meeting",
            ),
        ),
        migrations.AddField(
            model_name="mandate",
            name="thematic_group",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="mandates",
                to="thematic_groups.thematicgroup",
            ),
        ),
        migrations.AddConstraint(
            model_name="mandate",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("role", "leader"), ("thematic_group__isnull", False)),
                    models.Q(models.Q(("role", "leader"), _negated=True), ("thematic_group__isnull", True)),
                    _connector="OR",
                ),
                name="mandate_group_only_for_leaders",
                violation_error_message="A Leader's mandate names its Thematic Group; other mandates do not.",
            ),
        ),
    ]
