"""kernel.lifecycle: the table, the actions a person may take now, and one transition call."""

from __future__ import annotations

import pytest
from django.db import models

from kernel.lifecycle import Action, Lifecycle, TransitionNotAllowed, set_permission_check


class Door(models.TextChoices):
    SHUT = "shut", "Shut"
    OPEN = "open", "Open"
    LOCKED = "locked", "Locked"


DOOR = Lifecycle.of(
    "door",
    Door,
    {Door.SHUT: {Door.OPEN, Door.LOCKED}, Door.OPEN: {Door.SHUT}, Door.LOCKED: {Door.SHUT}},
    actions=[
        Action(
            "open", "Open", rule="door.open", to=Door.OPEN, service="tests.kernel.test_lifecycle.door_open"
        ),
        Action("lock", "Lock", rule="door.lock", to=Door.LOCKED, needs_form=True),
        Action("unlock", "Unlock", rule="door.lock", to=Door.SHUT, when={Door.LOCKED}),
        Action("close", "Close", rule="door.open", to=Door.SHUT, when={Door.OPEN}),
        Action(
            "knock",
            "Knock",
            rule="door.knock",
            when={Door.SHUT, Door.LOCKED},
            guard=lambda door: door.someone_home,
            refusal="Nobody knocks on an {state} door.",
        ),
    ],
)


class Record:
    def __init__(self, status, someone_home=True):
        self.status = status
        self.someone_home = someone_home


def rules(*granted):
    return lambda person, action, record: action in granted


def door_open(*, by, door):
    return "opened"


def test_available_is_the_state_times_the_rulebook():
    shut = Record(Door.SHUT)
    everything = DOOR.available(shut, "keyholder", can=rules("door.open", "door.lock", "door.knock"))
    assert [a.name for a in everything] == ["open", "lock", "knock"]
    assert everything.lock.needs_form and everything.lock.to == Door.LOCKED
    assert not everything.open.needs_form

    visitor = DOOR.available(shut, "visitor", can=rules("door.knock"))
    assert [a.name for a in visitor] == ["knock"]
    assert visitor.open is None and visitor["lock"] is None and "open" not in visitor


def test_the_state_denies_what_the_rulebook_allows():
    keyholder = rules("door.open", "door.lock", "door.knock")
    assert [a.name for a in DOOR.available(Record(Door.OPEN), "k", can=keyholder)] == ["close"]
    assert [a.name for a in DOOR.available(Record(Door.LOCKED), "k", can=keyholder)] == ["unlock", "knock"]


def test_a_guard_on_the_record_is_part_of_the_state():
    assert not DOOR.available(Record(Door.SHUT, someone_home=False), "v", can=rules("door.knock"))


def test_a_name_no_action_has_is_an_error_not_a_silent_no():
    actions = DOOR.available(Record(Door.SHUT), "v", can=rules())
    with pytest.raises(KeyError):
        actions["opne"]
    with pytest.raises(AttributeError):
        getattr(actions, "opne")  # noqa: B009


def test_the_installed_rulebook_answers_when_no_predicate_is_given():
    set_permission_check(rules("door.open"))
    try:
        assert [a.name for a in DOOR.available(Record(Door.SHUT), "anyone")] == ["open"]
    finally:
        from governance.rulebook import can

        set_permission_check(can)


def test_check_action_refuses_with_a_clear_sentence():
    with pytest.raises(TransitionNotAllowed, match="Nobody knocks on an open door"):
        DOOR.check_action("knock", Record(Door.OPEN))
    with pytest.raises(TransitionNotAllowed, match="cannot go from “Open” to “Locked”"):
        DOOR.check_action("lock", Record(Door.OPEN))
    assert DOOR.check_action("lock", Record(Door.SHUT)).rule == "door.lock"


def test_the_service_is_named_by_the_table():
    assert DOOR.service("open")(by=None, door=None) == "opened"
    with pytest.raises(KeyError):
        DOOR.service("close")


def test_an_action_naming_an_unknown_state_is_refused_when_the_table_is_built():
    with pytest.raises(ValueError, match="unknown states"):
        Lifecycle.of("door", Door, {}, actions=[Action("fly", "Fly", rule="x", to="sky")])
