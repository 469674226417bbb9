"""Production settings for the scale-out test's web servers, Celery workers and beat.

Only what the test needs differs from u4ssc.settings: plain HTTP on loopback, a queue of its
own (so nothing else on the Redis database is consumed), and a one-second periodic job whose
every execution is recorded in PostgreSQL (tests.scaleout.tasks.tick).
"""

from u4ssc.settings import *  # noqa: F403
from u4ssc.settings import CELERY_BEAT_SCHEDULE

CELERY_TASK_ALWAYS_EAGER = False
CELERY_TASK_DEFAULT_QUEUE = "u4ssc-scaleout"
CELERY_IMPORTS = ["tests.scaleout.tasks"]
CELERY_BEAT_SCHEDULE = {
    **CELERY_BEAT_SCHEDULE,
    "scaleout-tick": {"task": "tests.scaleout.tasks.tick", "schedule": 1.0},
}
# The production jobs keep their schedules; the test's tick is the one that fires in seconds.
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
