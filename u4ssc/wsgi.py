import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "u4ssc.settings")
application = get_wsgi_application()


def _refuse_without_a_secret_key() -> None:
    """Serving signs sessions, CSRF tokens and links: it needs the real key (settings.py)."""
    from django.conf import settings
    from django.core.exceptions import ImproperlyConfigured

    if not settings.DEBUG and not settings.SECRET_KEY_FROM_ENVIRONMENT:
        raise ImproperlyConfigured(settings.SECRET_KEY_MISSING)


_refuse_without_a_secret_key()
