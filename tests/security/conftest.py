import pytest
from allauth.account.models import EmailAddress

PASSWORD = "correct-horse-battery"  # the cast's password (tests/cast.py)


@pytest.fixture
def verified(cast):
    """The cast with verified email addresses, so that allauth lets them sign in with a password."""
    for person in (cast.secretariat, cast.focal_a, cast.focal_b, cast.leader_x, cast.participant):
        EmailAddress.objects.update_or_create(
            user=person, email=person.email, defaults={"verified": True, "primary": True}
        )
    return cast


def sign_in(client, username: str, password: str = PASSWORD):
    """Sign in through the real login form, as a person would."""
    return client.post("/accounts/login/", {"login": username, "password": password})


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate limits and throttles count in the cache: each test starts from zero."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
