import pytest

from tests.foundation.conftest import DEMO_PASSWORD, run_load_demo


@pytest.fixture
def demo(db, settings):
    """The demo, loaded by `manage.py load_demo` (with its published 2023 edition)."""
    from django.contrib.auth import get_user_model

    settings.U4SSC_DEMO_PASSWORD = DEMO_PASSWORD
    run_load_demo()
    return {person.username: person for person in get_user_model().objects.all()}
