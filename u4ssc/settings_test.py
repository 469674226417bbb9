"""Settings for the test suite: production mode (DEBUG off) with a throwaway secret.

DATABASE_URL and REDIS_URL come from the environment as in production: `.ci/run` sets
both, so CI runs on PostgreSQL and Redis; without them the suite runs on SQLite.
"""

import os

os.environ.setdefault("DJANGO_SECRET_KEY", "test-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz")
os.environ.setdefault("DJANGO_SECURE_SSL_REDIRECT", "0")
# The live server of the browser tests speaks plain HTTP: cookies must not be Secure-only there.
os.environ.setdefault("DJANGO_SECURE_COOKIES", "0")
os.environ.setdefault("U4SSC_MEDIA_ROOT", os.path.join(os.path.dirname(__file__), "..", "var", "test-media"))

from .settings import *  # noqa: E402,F403
from .settings import CELERY_BROKER_TRANSPORT_OPTIONS, CELERY_BROKER_URL  # noqa: E402

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
# Tests run tasks in-process unless a test starts a real worker (tests/reminders, marked `redis`).
CELERY_TASK_ALWAYS_EAGER = True
if os.environ.get("U4SSC_CELERY_EAGER") == "0":
    # A real worker started by a test: consume from Redis (or the broker folder), send through
    # SMTP (EMAIL_URL, a local sink), re-deliver after a short visibility timeout.
    CELERY_TASK_ALWAYS_EAGER = False
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        **CELERY_BROKER_TRANSPORT_OPTIONS,
        "visibility_timeout": int(os.environ.get("U4SSC_VISIBILITY_TIMEOUT", "3600")),
        "unacked_restore_interval": 1,
        "unacked_restore_throttle": 1,
    }
    if os.environ.get("EMAIL_URL"):
        EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
CELERY_BROKER_URL = CELERY_BROKER_URL
# Tests sign in with force_login: the second-factor requirement is off unless a test turns it on
# (tests/security/test_mfa.py, tests/browser).
U4SSC_MFA_ENFORCED = False

# The test process caches in local memory: the cross-request caches (kernel/cache.py) bump
# generations on every save, and Redis round trips made the suite about 2.7 times slower. The
# autouse fixture in tests/conftest.py turns the shared caches on inside the test process (one
# process, so local memory is shared); processes a test starts (a Celery worker) keep them off.
# What needs a cache shared between processes is tested on u4ssc.settings with Redis
# (tests/scaleout).
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
U4SSC_SHARED_CACHE = False

if DATABASES["default"]["ENGINE"].endswith("postgresql"):  # noqa: F405
    # A test database keeps nothing worth a wait for the disk: commits (every transactional test,
    # every request of the live server) do not wait for the WAL to reach it. Crash safety of the
    # cluster is unaffected (unlike fsync=off); a crash could only lose the last test's writes.
    _options = DATABASES["default"].setdefault("OPTIONS", {})  # noqa: F405
    _options["options"] = f"{_options.get('options', '')} -c synchronous_commit=off".strip()
