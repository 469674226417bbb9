"""Model constraints reject bad data with a clear message, in `full_clean()` and in the database."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from governance.models import Mandate, ToRVersion
from governance.services.tor_load import tor_version_load_from_text
from governance.tor_text import reference_text
from tests.cast import make_person

pytestmark = pytest.mark.django_db


@pytest.fixture
def in_force():
    return tor_version_load_from_text(text=reference_text(), number=1, adopted_on=dt.date(2021, 1, 1))


def test_second_tor_version_in_force_fails_full_clean_with_the_message(in_force):
    second = ToRVersion(number=2, status=ToRVersion.Status.IN_FORCE)
    with pytest.raises(ValidationError) as error:
        second.full_clean()
    assert "Only one ToR version can be in force." in str(error.value)


def test_second_tor_version_in_force_is_refused_by_the_database(in_force):
    with pytest.raises(IntegrityError), transaction.atomic():
        ToRVersion.objects.create(number=2, status=ToRVersion.Status.IN_FORCE)
    assert ToRVersion.objects.filter(status=ToRVersion.Status.IN_FORCE).count() == 1


def test_a_draft_beside_the_version_in_force_is_valid(in_force):
    ToRVersion(number=2, status=ToRVersion.Status.DRAFT).full_clean()


def test_mandate_ending_before_it_starts_fails_full_clean_with_the_message():
    chair = make_person("chair")
    mandate = Mandate(
        role=Mandate.Role.CHAIR,
        person=chair,
        starts_on=dt.date(2025, 3, 1),
        ends_on=dt.date(2025, 2, 1),
        status=Mandate.Status.ACTIVE,
    )
    with pytest.raises(ValidationError) as error:
        mandate.full_clean()
    assert error.value.message_dict["ends_on"] == ["A mandate must end after it starts."]


def test_mandate_ending_on_its_first_day_is_refused_by_the_database():
    chair = make_person("chair")
    with pytest.raises(IntegrityError), transaction.atomic():
        Mandate.objects.create(
            role=Mandate.Role.CHAIR, person=chair, starts_on=dt.date(2025, 3, 1), ends_on=dt.date(2025, 3, 1)
        )
    assert not Mandate.objects.exists()


def test_mandate_end_defaults_to_two_years_after_start():
    chair = make_person("chair")
    mandate = Mandate.objects.create(role=Mandate.Role.CHAIR, person=chair, starts_on=dt.date(2024, 2, 29))
    assert mandate.ends_on == dt.date(2026, 2, 28)


def test_leader_mandate_without_group_fails_with_the_message():
    leader = make_person("leader")
    mandate = Mandate(role=Mandate.Role.LEADER, person=leader, starts_on=dt.date(2025, 1, 1))
    with pytest.raises(ValidationError) as error:
        mandate.full_clean()
    assert "A Leader's mandate names its Thematic Group." in str(error.value)
    with pytest.raises(IntegrityError), transaction.atomic():
        mandate.save()
