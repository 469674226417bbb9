import pytest

from tests.cast import Cast, build_cast
from tests.services import missing, skip_or_fail

SERVICE_MARKERS = ("postgres", "redis", "browser", "pango")


def pytest_configure(config):
    config.addinivalue_line("markers", "pango: needs WeasyPrint's system libraries (Pango)")


def pytest_runtest_setup(item):
    for name in SERVICE_MARKERS:
        if item.get_closest_marker(name):
            reason = missing(name)
            if reason:
                skip_or_fail(reason)


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):
    """Each test writes uploads to its own directory, so no file is left behind."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {**settings.STORAGES["default"], "OPTIONS": {"location": tmp_path / "media"}},
    }


@pytest.fixture
def cast(db) -> Cast:
    """The standard cast of people, built through services (see tests/cast.py)."""
    return build_cast()
