import os

import pytest
from django.conf import settings as django_settings
from django.utils import translation
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

from tests import flush, shared_cast
from tests.cast import Cast
from tests.services import missing, skip_or_fail
from tests.shared_demo import demo_once  # noqa: F401 (a module-scoped fixture for every package)

SERVICE_MARKERS = ("postgres", "redis", "browser", "pango")

# The Celery workers the tests start (tests/reminders, tests/kernel/test_outbox_worker.py,
# tests/scaleout, run_portal) skip Django's system checks, which Celery's Django fixup runs at
# every worker start (~2.5 s of CPU each, 29 s of the suite's; py-spy, README "Suite time").
# The checks themselves are tested by `manage.py check --deploy` (tests/security/test_deploy_check.py).
os.environ.setdefault("CELERY_SKIP_CHECKS", "1")

# Generated-input tests (Hypothesis): "ci" keeps the suite fast; HYPOTHESIS_PROFILE=thorough
# explores more. No example database is written (the tests leave no files).
_HYPOTHESIS = {"deadline": None, "database": None, "suppress_health_check": [HealthCheck.too_slow]}
hypothesis_settings.register_profile("ci", max_examples=25, **_HYPOTHESIS)
hypothesis_settings.register_profile("thorough", max_examples=500, **_HYPOTHESIS)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


def pytest_configure(config):
    config.addinivalue_line("markers", "pango: needs WeasyPrint's system libraries (Pango)")
    flush.faster()


def pytest_sessionstart(session):
    """The pages are tested in the six languages: compile the catalogues that changed (once, in the
    process that starts the xdist workers, before any of them reads a catalogue)."""
    if not os.environ.get("PYTEST_XDIST_WORKER"):
        from kernel.management.commands.compile_catalogues import compile_catalogues

        compile_catalogues()


# The longest files first (`make test` runs them with `--dist loadfile --no-loadscope-reorder`:
# a file stays on one xdist worker, and files go to whichever worker is free, in this order). Left
# to itself pytest-xdist sends the files with the most tests first, so the long files of one or two
# tests (a browser journey, the restore drill, the PostgreSQL restart) came last, and one worker ran
# them alone at the end. Seconds on a quiet 2-core machine, roughly (README "Suite time"); a file
# not listed weighs nothing and keeps its place.
SLOW_FILES = {
    "tests/browser/test_languages.py": 50,
    "tests/backup/test_restore_drill.py": 40,
    "tests/browser/test_accessibility.py": 30,
    "tests/browser/test_journeys.py": 28,
    "tests/reminders/test_worker.py": 25,
    "tests/browser/": 18,
    "tests/security/test_forms_fuzz.py": 18,
    "tests/reminders/test_year_sweep.py": 16,
    "tests/foundation/test_migration_upgrade.py": 15,
    "tests/security/test_postgres_restart.py": 14,
    "tests/scaleout/": 13,
    "tests/security/test_url_walk.py": 13,
    "tests/governance/test_enumeration.py": 12,
    "tests/index/": 10,
    "tests/foundation/test_admin.py": 10,
    "tests/foundation/test_demo_loader.py": 10,
    "tests/security/test_mfa.py": 9,
    "tests/kernel/test_outbox_worker.py": 9,
    "tests/portal/test_run_portal.py": 8,
    "tests/kpis/": 6,
    "tests/i18n/test_catalogues.py": 7,
    "tests/api/test_api_schema_fuzz.py": 7,
}


def _weight(path: str) -> int:
    matches = [prefix for prefix in SLOW_FILES if path.startswith(prefix)]
    return SLOW_FILES[max(matches, key=len)] if matches else 0


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    # After pytest-django's (which runs a file's plain tests before its `transaction=True` ones); a
    # stable sort: each file's tests keep that order (tests/shared_demo.py relies on it).
    first: dict[str, int] = {}
    for index, item in enumerate(items):
        first.setdefault(item.nodeid.split("::", 1)[0], index)

    def key(item):
        path = item.nodeid.split("::", 1)[0]
        return (-_weight(path), first[path])

    items.sort(key=key)


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


@pytest.fixture(scope="session")
def django_db_setup(request, django_test_environment, django_db_blocker, django_db_modify_db_settings):
    """pytest-django's, with each test database copied from a migrated template when the code has
    not changed since it was made (tests/template_database.py; PostgreSQL only)."""
    from django.test.utils import setup_databases, teardown_databases
    from pytest_django.fixtures import _get_databases_for_setup

    from tests import template_database

    verbosity = request.config.option.verbose
    aliases, serialized_aliases = _get_databases_for_setup(request.session.items)
    templated = template_database.wanted() and not serialized_aliases
    with django_db_blocker.unblock():
        db_cfg = None
        if templated:
            cloned = [template_database.clone(alias) for alias in sorted(aliases)]
            if all(cloned):
                db_cfg = cloned
            else:  # no template for this code yet (or only for some): made below
                teardown_databases([c for c in cloned if c], verbosity=verbosity)
        if db_cfg is None:
            db_cfg = setup_databases(
                verbosity=verbosity, interactive=False, aliases=aliases, serialized_aliases=serialized_aliases
            )
            if templated:
                for alias in sorted(aliases):
                    template_database.save(alias)
    yield
    with django_db_blocker.unblock():
        teardown_databases(db_cfg, verbosity=verbosity)


@pytest.fixture
def cast(db) -> Cast:
    """The standard cast of people, built through services (see tests/cast.py): the one
    tests/shared_cast.py kept under this test's transaction when it could, else built here."""
    return shared_cast.take() or shared_cast.built(shared_cast.build_own())


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    shared_cast.before(item)  # before any fixture: pytest-django's transaction goes inside it
    for name in SERVICE_MARKERS:
        if item.get_closest_marker(name):
            reason = missing(name)
            if reason:
                skip_or_fail(reason)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    result = yield
    shared_cast.after(item, nextitem)
    return result
