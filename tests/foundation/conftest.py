import io

import pytest
from django.core.management import call_command

DEMO_PASSWORD = "a-strong-demo-password-for-tests"


@pytest.fixture
def demo_password(settings):
    settings.U4SSC_DEMO_PASSWORD = DEMO_PASSWORD
    return DEMO_PASSWORD


def run_load_demo() -> str:
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


@pytest.fixture
def demo(db, demo_password):
    """The demo data, loaded by the command `make run` calls. Returns the people by username."""
    from django.contrib.auth import get_user_model

    run_load_demo()
    return {person.username: person for person in get_user_model().objects.all()}
