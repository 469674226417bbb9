"""Settings for the U4SSC portal, read from the environment (django-environ).

Without DATABASE_URL the portal runs on SQLite (WAL, so a worker and the web server share
it); without REDIS_URL, Celery's broker is a folder (kombu's filesystem transport, under
var/celery/) that `manage.py run_portal` (what `make run` starts) consumes with a real worker
and beat, and the cache is local memory. Production mode (DEBUG off) is the default:
`make run` turns DEBUG on with DJANGO_DEBUG=1.
"""

import secrets
from datetime import timedelta
from pathlib import Path

import environ
from celery.schedules import crontab
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
env = environ.Env()

DEBUG = env.bool("DJANGO_DEBUG", default=False)
DEV_SECRET_KEY = "django-insecure-u4ssc-development-key-not-for-production"
SECRET_KEY = env("DJANGO_SECRET_KEY", default="")
SECRET_KEY_FROM_ENVIRONMENT = bool(SECRET_KEY)
SECRET_KEY_MISSING = (
    "DJANGO_SECRET_KEY must be set when DEBUG is off (production mode). "
    "For a local portal use `make run`, which turns DEBUG on."
)
if not SECRET_KEY:
    # Without a key, commands that sign nothing (makemigrations, check, collectstatic) still
    # run on a throwaway key; serving does not: u4ssc/wsgi.py refuses to start and
    # `check --deploy` reports portal.E001.
    SECRET_KEY = DEV_SECRET_KEY if DEBUG else "unset-" + secrets.token_urlsafe(50)

ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env("U4SSC_SITE_URL", default="http://127.0.0.1:8000")

INSTALLED_APPS = [
    "modeltranslation",  # content in several languages (issue 13); must come before the admin
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django.contrib.sites",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "simple_history",
    "guardian",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",  # Swagger UI served from our static files, no CDN
    "django_filters",
    "allauth",
    "allauth.account",
    "allauth.mfa",  # second factor: TOTP, recovery codes, WebAuthn passkeys (portal/mfa.py)
    "dbbackup",  # encrypted, compressed backups of the database and the media (README: Backups)
    "axes",
    "kernel",
    "people",
    "governance",
    "thematic_groups",
    "kpis",
    "index",
    "meetings",
    "reminders",
    "portal",
    "api",
]
SITE_ID = 1

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # After sessions, before common (APPEND_SLASH resolves URLs in the active language): the
    # language of the URL prefix, else the cookie, else Accept-Language (kernel/i18n.py).
    "kernel.i18n.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "kernel.auth.SharedAuthenticationMiddleware",  # Django's, the person from the shared cache (issue 17)
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "portal.mfa.RequireSecondFactorMiddleware",  # who must have a second factor sets one up first
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
    "kernel.middleware.AnonymousPageCacheMiddleware",  # last: cached pages still get the headers above
    "kernel.middleware.PrivatePageCacheMiddleware",  # signed-in pages, per session (issue 17)
]

ROOT_URLCONF = "u4ssc.urls"
WSGI_APPLICATION = "u4ssc.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",  # LANGUAGE_CODE, LANGUAGE_BIDI, LANGUAGES
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "portal.context_processors.portal",
            ],
        },
    },
]

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DJANGO_CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# A form's select (ModelChoiceField) reads its options with .iterator(), which on PostgreSQL is
# a server-side cursor: DECLARE ... WITH HOLD, FETCH, CLOSE, and the result materialised at the
# commit, for a list of a few rows (the deliverable page's versions). Client-side cursors read the
# same rows in one round trip (issue 17); nothing here streams more rows than a page shows.
DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = True
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # The web server and the Celery worker (`make run`) write to the same file: readers do not
    # wait for writers (WAL), a write transaction takes its lock when it starts (IMMEDIATE, so
    # two writers queue instead of failing with "database is locked"), and waits up to 20 s.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"init_command": "PRAGMA journal_mode=WAL;", "transaction_mode": "IMMEDIATE", "timeout": 20}
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
ON_POSTGRES = DATABASES["default"]["ENGINE"].endswith("postgresql")

REDIS_URL = env("REDIS_URL", default="")
if REDIS_URL:
    # Redis down: reads miss, writes are skipped, a retry every RETRY_SECONDS (kernel/redis_cache.py);
    # the timeouts keep an unreachable server from holding requests.
    CACHES = {
        "default": {
            "BACKEND": "kernel.redis_cache.RedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 2, "RETRY_SECONDS": 5},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Cross-request caches (kernel/cache.py): anonymous pages and Principals. They need a cache every
# process shares (Redis): local memory per gunicorn worker, or in the web server beside a Celery
# worker (`make run`), would miss the other processes' invalidations.
U4SSC_SHARED_CACHE = env.bool("U4SSC_SHARED_CACHE", default=bool(REDIS_URL))
U4SSC_PAGE_CACHE_SECONDS = env.int("U4SSC_PAGE_CACHE_SECONDS", default=60)
U4SSC_PAGE_CACHE_EXCLUDE = ["/admin/", "/accounts/", "/healthz"]
# Signed-in pages cached whole for the session that read them (kernel.middleware): shorter,
# because they show deadlines ("your Partner has not voted", the ballot form) to the minute.
U4SSC_PRIVATE_PAGE_CACHE_SECONDS = env.int("U4SSC_PRIVATE_PAGE_CACHE_SECONDS", default=30)
if REDIS_URL:
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

AUTH_USER_MODEL = "people.Person"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
    "guardian.backends.ObjectPermissionBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "portal:dashboard"
LOGOUT_REDIRECT_URL = "portal:home"

# django-allauth: the account flows (login, sign-up with email verification, password reset).
ACCOUNT_LOGIN_METHODS = {"username", "email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "username*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_ADAPTER = "people.adapters.AccountAdapter"  # emails in HTML and text (people/adapters.py)
ACCOUNT_SIGNUP_FORM_CLASS = "people.forms.ParticipantSignupForm"  # name, organisation, country, expertise
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[U4SSC] "
ACCOUNT_CHANGE_EMAIL = True  # a new address replaces the old one only once it is verified
ACCOUNT_EMAIL_NOTIFICATIONS = True  # tell people when their password or email changes
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "http" if DEBUG else "https"

# django-guardian: no anonymous user row; object permissions through direct FK models.
ANONYMOUS_USER_NAME = None
GUARDIAN_RAISE_403 = False

# Sign-in throttling, three layers (README, Security). A meeting room or a conference signs in from
# one address (one NAT): the per-address ceilings are sized for a few hundred people a minute.
# - per account and address: django-axes locks a username from an address after 5 wrong passwords
#   for 15 minutes (a 429 page);
# - per account, from every address together: allauth refuses a username after 10 wrong passwords
#   in 15 minutes (a spread-out guess), the right password included, until the window passes;
# - per address, every account together: allauth lets through 300 sign-in attempts and 100 wrong
#   passwords a minute (password spraying from one address), then answers 429.
AXES_ENABLED = env.bool("U4SSC_AXES_ENABLED", default=True)
AXES_FAILURE_LIMIT = env.int("U4SSC_AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
U4SSC_SIGNIN_PER_ADDRESS = env.int("U4SSC_SIGNIN_PER_ADDRESS", default=300)  # attempts a minute
U4SSC_SIGNIN_FAILURES_PER_ADDRESS = env.int("U4SSC_SIGNIN_FAILURES_PER_ADDRESS", default=100)  # a minute
U4SSC_SIGNIN_FAILURES_PER_ACCOUNT = env.int("U4SSC_SIGNIN_FAILURES_PER_ACCOUNT", default=10)  # 15 minutes
ACCOUNT_RATE_LIMITS = {
    "login": f"{U4SSC_SIGNIN_PER_ADDRESS}/m/ip",
    "login_failed": f"{U4SSC_SIGNIN_FAILURES_PER_ADDRESS}/m/ip,{U4SSC_SIGNIN_FAILURES_PER_ACCOUNT}/15m/key",
}
# Behind N trusted proxies (docker-compose: nginx, N=1) the client is in X-Forwarded-For.
U4SSC_PROXY_COUNT = env.int("U4SSC_PROXY_COUNT", default=0)
AXES_CLIENT_IP_CALLABLE = "kernel.ratelimit.client_ip"

# Second factor (allauth.mfa): an authenticator app (TOTP), recovery codes, passkeys (WebAuthn).
# One sign-in flow for the portal and the admin (/admin/login/ sends to /accounts/login/).
# The Secretariat must have a second factor, and focal points too when the Secretariat turns
# "Security settings -> require a second factor for focal points" on (portal.mfa); everyone else
# may add one. U4SSC_MFA_ENFORCED=0 switches the requirement off (the test settings do, where
# tests sign in with force_login; the MFA tests turn it back on).
U4SSC_MFA_ENFORCED = env.bool("U4SSC_MFA_ENFORCED", default=True)
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes", "webauthn"]
MFA_PASSKEY_LOGIN_ENABLED = True  # "Sign in with a passkey" on the login page
MFA_FORMS = {"add_webauthn": "portal.mfa_forms.AddWebAuthnForm"}  # the words allauth leaves in English
MFA_TOTP_ISSUER = "U4SSC portal"
MFA_TOTP_TOLERANCE = 1  # a phone clock 30 seconds off still works (each code is accepted once)
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = False  # the browser tests' http live server turns it on

# The six UN languages (issue 13). English is the default and its URLs carry no prefix (/tor/);
# the others are under theirs (/fr/tor/, /ar/tor/; u4ssc/urls.py). "en" rather than "en-gb": a
# language code must be one of LANGUAGES for the prefixes and the switcher; Django's "en" formats
# are the US ones, so FORMAT_MODULE_PATH keeps the British day-month-year order (u4ssc/formats/en).
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("ar", _("Arabic")),
    ("zh-hans", _("Chinese")),
    ("en", _("English")),
    ("fr", _("French")),
    ("ru", _("Russian")),
    ("es", _("Spanish")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["u4ssc.formats"]
LANGUAGE_COOKIE_AGE = 60 * 60 * 24 * 365
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_HTTPONLY = True  # no script reads it
# Content in several languages (django-modeltranslation: one column per language, README): the
# English column is the original; a page in another language shows English where no version
# exists and says so (kernel.content_language). A record created in another language still gets
# its English column ("default" population), so no reader ever sees an empty title.
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_LANGUAGES = ("en", "ar", "zh-hans", "fr", "ru", "es")
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en",)
MODELTRANSLATION_AUTO_POPULATE = "default"
TIME_ZONE = "Europe/Zurich"  # the Secretariat works from Geneva
USE_I18N = True  # dates, times and numbers follow the active language's formats (always on since Django 5)
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Uploaded files (minutes, drafts, presentations) are private: MEDIA_ROOT is never routed.
# Every download goes through a view that asks the rulebook (kernel.downloads).
MEDIA_ROOT = Path(env("U4SSC_MEDIA_ROOT", default=str(BASE_DIR / "var" / "media")))
MEDIA_URL = "/files-are-served-through-views-only/"
STORAGES = {
    "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": MEDIA_ROOT},
    },
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
# Backups (django-dbbackup, README "Backups"): `dbbackup` (pg_dump custom format) and
# `mediabackup` (a tar of MEDIA_ROOT), gzip-compressed (--compress) and GPG-encrypted (--encrypt)
# for the public key U4SSC_BACKUP_GPG_RECIPIENT, into U4SSC_BACKUP_DIR; --clean keeps the newest
# U4SSC_BACKUP_KEEP of each. docker-compose's `backup` service runs them on a schedule.
U4SSC_BACKUP_DIR = Path(env("U4SSC_BACKUP_DIR", default=str(BASE_DIR / "var" / "backups")))
STORAGES["dbbackup"] = {
    "BACKEND": "django.core.files.storage.FileSystemStorage",
    "OPTIONS": {"location": U4SSC_BACKUP_DIR},
}
DBBACKUP_GPG_RECIPIENT = env("U4SSC_BACKUP_GPG_RECIPIENT", default=None)
DBBACKUP_GPG_ALWAYS_TRUST = True  # the key is imported for this purpose only, not signed
DBBACKUP_CLEANUP_KEEP = env.int("U4SSC_BACKUP_KEEP", default=14)
DBBACKUP_CLEANUP_KEEP_MEDIA = DBBACKUP_CLEANUP_KEEP
DBBACKUP_HOSTNAME = "u4ssc"  # in the file names, the same whichever container makes them
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 25 * 1024 * 1024
U4SSC_MAX_UPLOAD_BYTES = env.int("U4SSC_MAX_UPLOAD_BYTES", default=20 * 1024 * 1024)
U4SSC_MINUTES_DUE_DAYS = env.int("U4SSC_MINUTES_DUE_DAYS", default=7)
# Reminders (reminders/conf.py): days before each deadline per kind, e.g. {"ballot": (14, 7, 1)};
# a failing mail server is retried with backoff (seconds, doubled each time) before "failed".
U4SSC_REMINDER_OFFSETS: dict = {}
U4SSC_REMINDER_CATCH_UP_DAYS = env.int("U4SSC_REMINDER_CATCH_UP_DAYS", default=7)
# The email outbox (kernel/outbox.py): attempts before an email is marked failed, and the first
# retry's delay in seconds, doubled each time up to the maximum.
U4SSC_OUTBOX_MAX_ATTEMPTS = env.int("U4SSC_OUTBOX_MAX_ATTEMPTS", default=8)
U4SSC_OUTBOX_RETRY_BACKOFF = env.int("U4SSC_OUTBOX_RETRY_BACKOFF", default=30)
U4SSC_OUTBOX_RETRY_BACKOFF_MAX = env.int("U4SSC_OUTBOX_RETRY_BACKOFF_MAX", default=3600)
U4SSC_DEMO_PASSWORD = env("U4SSC_DEMO_PASSWORD", default="u4ssc-demo")
# Rate limits (kernel.ratelimit): (requests, seconds) per person, shared through the cache.
U4SSC_RATE_LIMITS = {
    "vote": (env.int("U4SSC_RATE_VOTES", default=20), 60),
    "comment": (env.int("U4SSC_RATE_COMMENTS", default=10), 60),
}

# Email: console in development, SMTP (EMAIL_URL, e.g. smtp+tls://user:pw@host:587) in production.
if env("EMAIL_URL", default=""):
    vars().update(env.email("EMAIL_URL"))
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="U4SSC Secretariat <u4ssc@itu.int>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Celery: Redis when REDIS_URL is set; otherwise a broker that needs no server, kombu's
# filesystem transport: messages are files in var/celery/queue (taken by renaming them into
# var/celery/processed), consumed by the worker that `manage.py run_portal` starts beside the
# web server with beat (schedule in var/celery/beat-schedule). Development only: a message
# taken by a worker that then dies is not re-delivered (the periodic sweeps catch up).
# U4SSC_CELERY_EAGER=1 runs tasks in-process instead (the test settings do).
CELERY_DIR = Path(env("U4SSC_CELERY_DIR", default=str(BASE_DIR / "var" / "celery")))
CELERY_BROKER_URL = REDIS_URL or "filesystem://"
CELERY_BROKER_FOLDERS = (
    {}
    if REDIS_URL
    else {
        "data_folder_in": str(CELERY_DIR / "queue"),
        "data_folder_out": str(CELERY_DIR / "queue"),
        "processed_folder": str(CELERY_DIR / "processed"),
        "store_processed": True,  # a rename in the same folder tree: one consumer gets each file
        "control_folder": str(CELERY_DIR / "control"),
    }
)
CELERY_BEAT_SCHEDULE_FILENAME = str(CELERY_DIR / "beat-schedule")
CELERY_RESULT_BACKEND = None
CELERY_TASK_ALWAYS_EAGER = env.bool("U4SSC_CELERY_EAGER", default=False)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# Publishing while the broker is down gives up after U4SSC_BROKER_CONNECT_SECONDS (kombu's connection
# retries: every 0.2 s, at most 0.5 s apart) instead of kombu's default of two-second waits: a vote
# cast while Redis is down answered after ~24 s (five tasks queued after its commit, ~5 s each);
# the periodic sweeps send what was not queued. Workers reconnect by their own loop, not this one.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": 3600,
    "connect_retries_timeout": env.float("U4SSC_BROKER_CONNECT_SECONDS", default=1.0),
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 0.5,
    **CELERY_BROKER_FOLDERS,
}
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 2, "interval_start": 0, "interval_step": 0.2}
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE = {
    "governance-daily-sweep": {"task": "governance.tasks.daily_sweep", "schedule": crontab(minute=5, hour=0)},
    "decisions-close-due": {
        "task": "governance.tasks.close_due_decisions",
        "schedule": env.float("U4SSC_CLOSE_DUE_SECONDS", default=60.0),
    },
    # Reminders: hourly sweep (rows are unique, one email per person per day; reminders/).
    "reminders-sweep": {"task": "reminders.tasks.sweep", "schedule": crontab(minute=20)},
    # Emails: retries and what a broker outage left unsent (kernel/outbox.py).
    "outbox-sweep": {"task": "kernel.tasks.outbox_sweep", "schedule": 60.0},
    # Index editions whose task was lost (broker down at request time; index/services.py).
    "index-editions-sweep": {"task": "index.tasks.sweep_editions", "schedule": 600.0},
}

REST_FRAMEWORK = {
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_AUTHENTICATION_CLASSES": ["rest_framework.authentication.SessionAuthentication"],
    "DEFAULT_PAGINATION_CLASS": "api.pagination.Pages",  # ?page= below 1 is a 400 naming `page`
    "PAGE_SIZE": 20,
    "DEFAULT_SCHEMA_CLASS": "api.schema.PortalAutoSchema",  # documents the 400s and 404s too
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
}
SPECTACULAR_SETTINGS = {
    "TITLE": "U4SSC portal API",
    "DESCRIPTION": "Read-only API of the United for Smart Sustainable Cities initiative.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "POSTPROCESSING_HOOKS": ["drf_spectacular.hooks.postprocess_schema_enums", "api.schema.add_links"],
    # Several registers have a "status": name each enum (else check --deploy warns, drf_spectacular.W001).
    "ENUM_NAME_OVERRIDES": {
        "DeliverableStatusEnum": "thematic_groups.models.Deliverable.Status",
        "MeetingStatusEnum": "meetings.models.Meeting.Status",
        "ToRVersionStatusEnum": "governance.models.ToRVersion.Status",
    },
}

# Security baseline. Production settings pass `check --deploy --fail-level WARNING`.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 60 * 60 * 12
if not DEBUG:
    SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env.int("DJANGO_HSTS_SECONDS", default=60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = env.bool("DJANGO_SECURE_COOKIES", default=True)
    CSRF_COOKIE_SECURE = env.bool("DJANGO_SECURE_COOKIES", default=True)
    LANGUAGE_COOKIE_SECURE = env.bool("DJANGO_SECURE_COOKIES", default=True)

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("DJANGO_LOG_LEVEL", default="WARNING")},
}
