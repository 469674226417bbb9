"""The demo: the IP Leader has a logo-use request waiting for the Secretariat, made through the
service, and a second load leaves it as it is."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from governance.models import LogoUseRequest
from kernel.reasons import said
from portal.demo.loader import load_demo
from tests.shared_demo import DEMO_PASSWORD, use_demo

pytestmark = pytest.mark.django_db


def test_the_demo_ip_leader_waits_for_the_secretariat_to_agree_to_a_logo_use(client, demo_once, settings):
    use_demo(demo_once, settings)  # the demo as `make run` loads it (tests/shared_demo.py)
    logo = LogoUseRequest.objects.get()
    people = get_user_model().objects
    assert logo.requester == people.get(username="ipleader") and logo.status == LogoUseRequest.Status.PENDING
    assert said(logo.history.get().history_change_reason) == (
        "Logo use requested by the IP Leader (written agreement needed)"
    )
    result = load_demo(password=DEMO_PASSWORD)
    assert (result.created, result.updated) == (0, 0) and LogoUseRequest.objects.count() == 1
    client.force_login(people.get(username="ipleader"))
    assert (
        "OiER (U4SSC Implementation Programme)"
        in client.get(reverse("governance:my_requests")).content.decode()
    )
    client.force_login(people.get(username="secretariat"))
    assert "asks to use the logo for OiER" in client.get(reverse("portal:dashboard")).content.decode()
