import pytest

from tests.foundation.conftest import DEMO_PASSWORD, run_load_demo


@pytest.fixture
def demo(db, settings):
    """The demo, loaded by `manage.py load_demo` (with its published 2023 edition)."""
    from django.contrib.auth import get_user_model

    settings.U4SSC_DEMO_PASSWORD = DEMO_PASSWORD
    run_load_demo()
    return {person.username: person for person in get_user_model().objects.all()}


def published_edition(cast, year: int = 2024):
    """For other suites (the API's schema run): a published edition of the data already published."""
    from index import services

    methodology = services.methodology_publish(
        by=cast.secretariat, methodology=services.methodology_create(by=cast.secretariat, robustness_runs=20)
    )
    edition = services.edition_request(by=cast.secretariat, year=year, methodology=methodology)
    services.edition_compute(edition_id=edition.pk)
    return services.edition_publish(by=cast.secretariat, edition=edition)
