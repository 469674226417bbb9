"""The sections of "My data" come from the apps that hold the rows (people/personal_data.py)."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from people import personal_data
from people.selectors import personal_data_sections


def test_every_app_registered_its_sections_in_the_order_shown():
    assert [s.key for s in personal_data_sections()] == [
        "email_addresses",
        "focal_points",
        "mandates",
        "ballots_cast",
        "nominations",
        "meeting_registrations",
        "tor_comments",
        "deliverable_comments",
        "group_memberships",
        "team_memberships",
        "contribution_signups",
        "expert_applications",
        "logo_use_requests",
        "engagement_notices",
        "communication_reviews",
        "kpi_cities",
        "kpi_cycles_verified",
        "kpi_questions",
        "kpi_replies",
        "invitations",
    ]


def test_a_section_registered_twice_is_refused():
    with pytest.raises(ImproperlyConfigured, match="registered twice"):
        personal_data.register("mandates", "Mandates again", position=1, rows=lambda person, ask: [])
