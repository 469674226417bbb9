import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    replaces = [('thematic_groups', '0002_contributionsignup_notified_at_and_more')]

    dependencies = [
        ('meetings', '0001_schema'),
        ('thematic_groups', '0001_schema'),
    ]

    operations = [
        migrations.AddField(
            model_name='deliverable',
            name='approval_meeting',
            field=models.ForeignKey(blank=True, help_text='The annual meeting that approved it (ToR 19).', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='meetings.meeting'),
        ),
        migrations.AddField(
            model_name='historicaldeliverable',
            name='approval_meeting',
            field=models.ForeignKey(blank=True, db_constraint=False, help_text='The annual meeting that approved it (ToR 19).', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='meetings.meeting'),
        ),
        migrations.AddField(
            model_name='historicalworkplan',
            name='presented_at',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='meetings.meeting'),
        ),
        migrations.AddField(
            model_name='workplan',
            name='presented_at',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='meetings.meeting'),
        ),
    ]
