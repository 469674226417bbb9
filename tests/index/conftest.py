import pytest

from tests.shared_demo import use_demo


@pytest.fixture
def demo(demo_once, db, settings):
    """The demo, loaded by `manage.py load_demo` (with its published 2023 edition), once for the
    module (tests/shared_demo.py)."""
    return use_demo(demo_once, settings)


def published_edition(cast, year: int = 2024):
    """For other suites (the API's schema run): a published edition of the data already published."""
    from index import services

    methodology = services.methodology_publish(
        by=cast.secretariat, methodology=services.methodology_create(by=cast.secretariat, robustness_runs=20)
    )
    edition = services.edition_request(by=cast.secretariat, year=year, methodology=methodology)
    services.edition_compute(edition_id=edition.pk)
    return services.edition_publish(by=cast.secretariat, edition=edition)
