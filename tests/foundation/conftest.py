import pytest

from tests.shared_demo import DEMO_PASSWORD, run_load_demo, use_demo  # noqa: F401


@pytest.fixture
def demo_password(settings):
    settings.U4SSC_DEMO_PASSWORD = DEMO_PASSWORD
    return DEMO_PASSWORD


@pytest.fixture
def demo(demo_once, db, settings):
    """The demo data, loaded by the command `make run` calls (once for the module: tests/shared_demo.py).
    Returns the people by username."""
    return use_demo(demo_once, settings)
