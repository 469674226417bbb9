"""The scale-out test's periodic job: record each execution, with the task id and the worker."""

import os
import socket

from celery import shared_task
from django.db import connection

TABLE = "scaleout_tick"


@shared_task(bind=True, name="tests.scaleout.tasks.tick")
def tick(self):
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {TABLE} (task_id, worker, ran_at) VALUES (%s, %s, now())",
            [self.request.id, f"{socket.gethostname()}:{os.getpid()}:{self.request.hostname}"],
        )
