import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    replaces = [("thematic_groups", "0002_upward_links"), ("thematic_groups", "0007_content_languages")]

    dependencies = [
        ("meetings", "0001_registers"),
        ("thematic_groups", "0001_registers"),
    ]

    operations = [
        migrations.AddField(
            model_name="deliverable",
            name="approval_meeting",
            field=models.ForeignKey(
                blank=True,
                help_text="The annual meeting that approved it (ToR 19).",
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="meetings.meeting",
            ),
        ),
        migrations.AddField(
            model_name="historicaldeliverable",
            name="approval_meeting",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                help_text="The annual meeting that approved it (ToR 19).",
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="meetings.meeting",
            ),
        ),
        migrations.AddField(
            model_name="historicalworkplan",
            name="presented_at",
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
            model_name="workplan",
            name="presented_at",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="meetings.meeting",
            ),
        ),
    ]
