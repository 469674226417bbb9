import os

import pytest
from django.conf import settings as django_settings
from django.utils import translation
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

from tests.cast import Cast, build_cast
from tests.services import missing, skip_or_fail

SERVICE_MARKERS = ("postgres", "redis", "browser", "pango")

# Generated-input tests (Hypothesis): "ci" keeps the suite fast; HYPOTHESIS_PROFILE=thorough
# explores more. No example database is written (the tests leave no files).
_HYPOTHESIS = {"deadline": None, "database": None, "suppress_health_check": [HealthCheck.too_slow]}
hypothesis_settings.register_profile("ci", max_examples=25, **_HYPOTHESIS)
hypothesis_settings.register_profile("thorough", max_examples=500, **_HYPOTHESIS)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


def pytest_configure(config):
    config.addinivalue_line("markers", "pango: needs WeasyPrint's system libraries (Pango)")


def pytest_sessionstart(session):
    """The pages are tested in the six languages: compile the catalogues that changed (once, in the
    process that starts the xdist workers, before any of them reads a catalogue)."""
    if not os.environ.get("PYTEST_XDIST_WORKER"):
        from kernel.management.commands.compile_catalogues import compile_catalogues

        compile_catalogues()


def pytest_runtest_setup(item):
    for name in SERVICE_MARKERS:
        if item.get_closest_marker(name):
            reason = missing(name)
            if reason:
                skip_or_fail(reason)


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the default language: LocaleMiddleware leaves the language of the last
    request active in the thread, and records created afterwards would be written in it."""
    translation.activate(django_settings.LANGUAGE_CODE)
    yield
    translation.activate(django_settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):
    """Each test writes uploads to its own directory, so no file is left behind."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {**settings.STORAGES["default"], "OPTIONS": {"location": tmp_path / "media"}},
    }


@pytest.fixture(autouse=True)
def _fresh_page_and_principal_cache(settings):
    """The cross-request caches (kernel/cache.py) start empty: a page or Principal cached by an
    earlier test (rolled back) is never served to this one. The Principal cache is on, as in
    production; the anonymous page cache is off (so the query bounds of pages measure the
    views, and rows made with bulk_create, which sends no signal, show up) except in
    tests/perf, which turn it on; so is the signed-in page cache."""
    from django.core.cache import cache

    from kernel import cache as shared_cache

    settings.U4SSC_SHARED_CACHE = True
    settings.U4SSC_PAGE_CACHE_SECONDS = 0
    settings.U4SSC_PRIVATE_PAGE_CACHE_SECONDS = 0  # likewise the signed-in pages cached whole
    cache.clear()  # the rate-limit counters too: an earlier test's POSTs never count against this one
    shared_cache.reset()


@pytest.fixture
def cast(db) -> Cast:
    """The standard cast of people, built through services (see tests/cast.py)."""
    return build_cast()
