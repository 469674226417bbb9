import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    replaces = [("people", "0002_upward_links"), ("people", "0003_person_language")]

    dependencies = [
        ("governance", "0002_registers_upward"),
        ("people", "0001_registers"),
        ("thematic_groups", "0001_registers"),
    ]

    operations = [
        migrations.AddField(
            model_name="historicalinvitation",
            name="focal_point",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="governance.focalpoint",
            ),
        ),
        migrations.AddField(
            model_name="historicalinvitation",
            name="mandate",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="governance.mandate",
            ),
        ),
        migrations.AddField(
            model_name="historicalinvitation",
            name="partner",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="governance.partner",
            ),
        ),
        migrations.AddField(
            model_name="historicalinvitation",
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
            model_name="invitation",
            name="focal_point",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="governance.focalpoint",
            ),
        ),
        migrations.AddField(
            model_name="invitation",
            name="mandate",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="governance.mandate",
            ),
        ),
        migrations.AddField(
            model_name="invitation",
            name="partner",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="governance.partner",
            ),
        ),
        migrations.AddField(
            model_name="invitation",
            name="thematic_group",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="thematic_groups.thematicgroup",
            ),
        ),
        migrations.AddConstraint(
            model_name="invitation",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("role", "focal_point"), _negated=True),
                    ("partner__isnull", False),
                    _connector="OR",
                ),
                name="invitation_focal_point_names_partner",
                violation_error_message="A focal point invitation names its Partner.",
            ),
        ),
        migrations.AddConstraint(
            model_name="invitation",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("role", "leader"), _negated=True),
                    ("thematic_group__isnull", False),
                    _connector="OR",
                ),
                name="invitation_leader_names_group",
                violation_error_message="A Leader invitation names its Thematic Group.",
            ),
        ),
    ]
