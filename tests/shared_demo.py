"""The demo, loaded once for a test module instead of once for each of its tests.

Loading the demo (`manage.py load_demo`: 17 Partners, the Fifth meeting, the KPI cities, the
Index's published edition) costs seconds; the modules that read it ran it for every test and
were a third of the suite's time. `demo_once` (module scope) loads it the way `make run` does,
committed as usual (so every after-commit task runs in the order it does in production); each
test then runs in its own transaction on top of it and is rolled back as usual, and after the
module's last test the database is flushed as after a `transaction=True` test.

A module that uses it must have no test that needs an empty database *after* its first demo test
(pytest runs a file's tests in order, and `make test` keeps a file on one xdist worker): put those
first, or in another file.
"""

from __future__ import annotations

import io

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings
from django.utils import translation

DEMO_PASSWORD = "a-strong-demo-password-for-tests"


def run_load_demo() -> str:
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def _storages(media) -> dict:
    return {**settings.STORAGES, "default": {**settings.STORAGES["default"], "OPTIONS": {"location": media}}}


@pytest.fixture(scope="module")
def demo_once(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo committed for this module; yields the folder its files were written to."""
    from django.contrib.contenttypes.models import ContentType
    from django.utils import timezone

    from tests import template_database

    media = tmp_path_factory.mktemp("demo-media")
    template = None
    if template_database.demo_wanted():
        template = template_database.demo_template_name(timezone.localdate(), DEMO_PASSWORD)
    with (
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=media, STORAGES=_storages(media), U4SSC_DEMO_PASSWORD=DEMO_PASSWORD),
        translation.override(settings.LANGUAGE_CODE),
    ):
        if template and template_database.demo_clone(template, media):
            ContentType.objects.clear_cache()  # the template's ids
        else:
            run_load_demo()
            if template:
                template_database.demo_save(template, media)
    try:
        yield media
    finally:
        with django_db_blocker.unblock():
            for alias in settings.DATABASES:
                call_command("flush", database=alias, interactive=False, verbosity=0)
            ContentType.objects.clear_cache()


def use_demo(demo_once, settings) -> dict:
    """For a test's `demo` fixture: the demo's files and password, and its people by username."""
    from django.contrib.auth import get_user_model

    settings.MEDIA_ROOT = demo_once
    settings.STORAGES = _storages(demo_once)
    settings.U4SSC_DEMO_PASSWORD = DEMO_PASSWORD
    return {person.username: person for person in get_user_model().objects.all()}
