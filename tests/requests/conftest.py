"""Helpers for the requests a person makes from the portal (logo use, Hubs, external engagement)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from governance import services


def in_days(days: int) -> dt.date:
    return timezone.localdate() + dt.timedelta(days=days)


def ask_logo(person, **extra):
    values = {"organisation": "City of Trondheim", "purpose": "The cover of our KPI report."}
    return services.logo_use_request(by=person, **(values | extra))


def ask_hub(person, partner, **extra):
    values = {
        "name": "U4SSC Geneva Hub",
        "country": "Switzerland",
        "city": "Geneva",
        "description": "Connecting Geneva's start-ups with cities.",
    }
    return services.hub_request(by=person, partner=partner, **(values | extra))


def tell_engagement(person, **extra):
    values = {
        "kind": "presentation",
        "event": "Smart City Expo World Congress",
        "takes_place_on": in_days(30),
        "venue": "Barcelona",
    }
    return services.engagement_notify(by=person, **(values | extra))
