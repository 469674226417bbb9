"""The Celery app. One beat runs the periodic sweeps (see CELERY_BEAT_SCHEDULE in settings)."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "u4ssc.settings")

app = Celery("u4ssc")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
