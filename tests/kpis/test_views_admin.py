"""The Secretariat's side in the admin: cities, stewards, cycles and verifiers go through services."""

from __future__ import annotations

import pytest

from governance.rulebook import can
from kpis.models import City, Kpi, ReportingCycle
from tests.admin.conftest import admin_url, messages_of, post_action


def test_the_secretariat_adds_a_city_opens_a_cycle_and_names_steward_and_verifier(client, world):
    client.force_login(world.secretariat)
    response = client.post(
        admin_url(City, "add"),
        {
            "name": "Deltaburg",
            "slug": "deltaburg",
            "country": "Kenya",
            "region": "",
            "population": "",
            "contact_name": "",
            "contact_email": "",
        },
        follow=True,
    )
    assert response.status_code == 200
    city = City.objects.get(slug="deltaburg")
    assert city.history.first().history_user == world.secretariat
    post_action(client, City, "add_steward", [city.pk], username="steward_b")
    assert can(world.steward_b, "kpis.cycle.view", city)
    client.post(admin_url(ReportingCycle, "add"), {"city": city.pk, "year": "2025"}, follow=True)
    cycle = ReportingCycle.objects.get(city=city, year=2025)
    messages = messages_of(
        post_action(client, ReportingCycle, "assign_verifier", [cycle.pk], username="steward_b")
    )
    assert any("independent" in text for level, text in messages if level == "error")
    post_action(client, ReportingCycle, "assign_verifier", [cycle.pk], username="verifier")
    cycle.refresh_from_db()
    assert cycle.verifier == world.verifier and can(world.verifier, "kpis.cycle.verify", cycle)


@pytest.mark.parametrize("who", ["steward_a", "verifier"])
def test_stewards_and_verifiers_do_not_enter_the_admin(client, world, who):
    client.force_login(getattr(world, who))
    assert client.get(admin_url(City, "changelist")).status_code in (302, 403)


def test_the_catalogue_is_kept_with_history(client, world):
    client.force_login(world.secretariat)
    kpi = Kpi.objects.get(code="EC: ICT: ICT: 1C")
    assert client.get(admin_url(Kpi, "change", kpi.pk)).status_code == 200
    assert client.get(admin_url(Kpi, "history", kpi.pk)).status_code == 200
