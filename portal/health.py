"""/healthz: the state of the database and of the broker, as JSON for load balancers."""

import os

from django.conf import settings
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache


def _database_ok() -> tuple[bool, str]:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        return True, "ok"
    except Exception as exc:  # any failure to answer means "down"
        return False, f"unreachable: {exc.__class__.__name__}"


def _broker_state() -> str:
    if settings.CELERY_TASK_ALWAYS_EAGER:
        return "not configured (tasks run in-process)"
    if not settings.REDIS_URL:  # the broker folder (kombu's filesystem transport)
        folder = settings.CELERY_BROKER_TRANSPORT_OPTIONS.get("data_folder_in", "")
        return "ok (folder)" if folder and os.access(folder, os.W_OK) else f"unwritable: {folder}"
    import redis

    try:
        redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=1, socket_timeout=1).ping()
        return "ok"
    except redis.RedisError as exc:
        return f"unreachable: {exc.__class__.__name__}"


@never_cache
def healthz(request):
    db_ok, db_state = _database_ok()
    body = {"status": "ok" if db_ok else "error", "database": db_state, "broker": _broker_state()}
    return JsonResponse(body, status=200 if db_ok else 503)
