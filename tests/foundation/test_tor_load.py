"""Loading a ToR version from its text: clauses with history, one version in force."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from governance.models import Clause, ToRVersion
from governance.services.tor_load import tor_version_load_from_text
from governance.tor_text import reference_text
from kernel.lifecycle import DomainError
from kernel.reasons import said
from tests.cast import make_person

pytestmark = pytest.mark.django_db


def load(number=1, **extra):
    return tor_version_load_from_text(
        text=reference_text(), number=number, adopted_on=dt.date(2021, 1, 1), **extra
    )


def test_loaded_version_is_in_force_with_every_clause_and_its_history():
    version = load()
    assert version.status == ToRVersion.Status.IN_FORCE
    assert version.title == "Terms of References"
    clauses = list(version.clauses.order_by("position"))
    assert len([c for c in clauses if c.kind == Clause.Kind.CLAUSE]) == 43
    assert clauses[0].key == "1" and clauses[0].anchor == "clause-1"
    assert Clause.objects.get(tor_version=version, key="20m").label == "20(m)"
    # bulk creation still leaves one history row per clause, with the reason
    history = Clause.history.filter(tor_version_id=version.pk)
    assert history.count() == len(clauses)
    assert {said(r) for r in history.values_list("history_change_reason", flat=True)} == {
        "Loaded from the text of the Terms of Reference"
    }
    assert (
        said(version.history.first().history_change_reason)
        == "Loaded from the text of the Terms of Reference"
    )


def test_a_second_version_in_force_is_refused_and_nothing_is_written():
    load()
    with pytest.raises(DomainError, match="ToR version 1 is in force"):
        load(number=2)
    assert ToRVersion.objects.count() == 1
    assert Clause.objects.count() == Clause.objects.filter(tor_version__number=1).count()


def test_a_draft_can_be_loaded_beside_the_version_in_force():
    load()
    draft = load(number=2, status=ToRVersion.Status.DRAFT)
    assert draft.clauses.count() == ToRVersion.objects.get(number=1).clauses.count()


def test_text_that_is_not_a_tor_is_refused_with_a_clear_message():
    with pytest.raises(DomainError, match="could not be read as Terms of Reference"):
        tor_version_load_from_text(
            text="Dear colleagues,\n\nPlease find attached.", number=1, adopted_on=None
        )
    assert not ToRVersion.objects.exists()


def test_only_the_secretariat_may_load_a_version(cast):
    with pytest.raises(PermissionDenied):
        load(by=cast.focal_a)
    assert not ToRVersion.objects.exists()
    version = load(by=cast.secretariat)
    assert version.created_by == cast.secretariat
    assert Clause.history.filter(tor_version_id=version.pk).first().history_user == cast.secretariat


def test_an_existing_version_number_is_refused():
    load(number=1, status=ToRVersion.Status.DRAFT)
    with pytest.raises(DomainError, match="ToR version 1 already exists"):
        load(number=1)
    make_person("nobody")  # the database is still usable: the refusal rolled back cleanly
