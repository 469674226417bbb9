import datetime as dt

from governance import services as gov
from governance.models import Mandate
from governance.rulebook import Role, can, principal_for
from tests.cast import make_person


def test_cast_roles_come_from_facts(cast):
    assert Role.SECRETARIAT in principal_for(cast.secretariat).roles()
    assert principal_for(cast.focal_a).partner_ids == {cast.partner_a.pk}
    assert principal_for(cast.leader_x).leader_group_ids == {cast.group_x.pk}
    assert Role.CHAIR in principal_for(cast.chair).roles()
    assert principal_for(cast.participant).roles() == {Role.ANYONE, Role.PARTICIPANT}


def test_staff_flag_alone_does_not_make_secretariat(db):
    person = make_person("staffer", staff=True)
    assert not can(person, "registers.keep")


def test_chair_powers_end_the_day_the_two_year_term_ends(cast):
    chair = make_person("chair_2025")
    gov.mandate_record_election(
        by=cast.secretariat,
        meeting=cast.annual_meeting,
        role=Mandate.Role.CHAIR,
        person=chair,
        starts_on=dt.date(2025, 3, 1),
    )
    assert principal_for(chair, on=dt.date(2027, 2, 28)).chair
    assert not principal_for(chair, on=dt.date(2027, 3, 1)).chair
    assert not principal_for(chair, on=dt.date(2025, 2, 28)).chair


def test_vice_chair_acts_for_chair_only_while_absence_is_recorded(cast):
    today = principal_for(cast.vice_chair).on
    assert not can(cast.vice_chair, "meeting.frame_agenda")
    gov.chair_absence_record(by=cast.secretariat, starts_on=today, ends_on=today + dt.timedelta(days=3))
    cast.vice_chair._u4ssc_principal = None
    del cast.vice_chair._u4ssc_principal
    assert can(cast.vice_chair, "meeting.frame_agenda")
    assert not can(cast.vice_chair, "meeting.frame_agenda", on=today + dt.timedelta(days=4))
