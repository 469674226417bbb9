"""Reads for people pages and the personal-data export, with their joins and filters."""

from __future__ import annotations

import datetime as dt

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from people import personal_data as data_sections
from people.models import Invitation
from people.personal_data import Ask, iso

Person = get_user_model()


def invitation_list() -> QuerySet[Invitation]:
    """All invitations, newest first, for the Secretariat (callers check `people.invite`)."""
    return Invitation.objects.select_related("partner", "thematic_group", "invited_by", "person").order_by(
        "-created_at", "-pk"
    )


def participant_list(*, joined_within_days: int | None = None, status: str = "", q: str = "") -> QuerySet:
    """Accounts for the Secretariat, newest first, with their email addresses in one more query."""
    people = Person.objects.filter(is_former=False).prefetch_related(
        Prefetch("emailaddress_set", queryset=EmailAddress.objects.order_by("-primary", "email"))
    )
    if joined_within_days:
        people = people.filter(date_joined__gte=timezone.now() - dt.timedelta(days=joined_within_days))
    if status == "active":
        people = people.filter(is_active=True)
    elif status == "inactive":
        people = people.filter(is_active=False)
    if q:
        people = people.filter(
            Q(first_name__icontains=q)
            | Q(last_name__icontains=q)
            | Q(email__icontains=q)
            | Q(username__icontains=q)
            | Q(organisation__icontains=q)
        )
    return people.order_by("-date_joined", "-pk")


def verified_addresses(person) -> list[str]:
    """The addresses the person has proved they own (the account's email and verified ones)."""
    addresses = {
        e.lower()
        for e in EmailAddress.objects.filter(user=person, verified=True).values_list("email", flat=True)
    }
    if person.email:
        addresses.add(person.email.lower())
    return sorted(addresses)


def personal_data(person) -> dict:
    """Everything the portal holds about `person`, and nothing about anyone else (a fixed number of queries).

    The account's own rows are read here; the other apps' rows come from the sections they
    registered (people/personal_data.py). Meeting registrations and invitations count when they
    point at the account or use one of its verified addresses.
    """
    ask = Ask(today=timezone.localdate(), addresses=tuple(verified_addresses(person)))
    data = {
        "exported_at": iso(timezone.now()),
        "profile": {
            "username": person.username,
            "first_name": person.first_name,
            "last_name": person.last_name,
            "email": person.email,
            "organisation": person.organisation,
            "country": person.country,
            "expertise": person.expertise,
            "optional_reminders": person.optional_reminders,
            "date_joined": iso(person.date_joined),
            "last_login": iso(person.last_login),
            "is_active": person.is_active,
        },
    }
    for section in personal_data_sections():
        data[section.key] = section.rows(person, ask)
    return data


def personal_data_sections():
    """The sections of "My data", in order: people's own and those the other apps registered."""
    return data_sections.sections()


def _email_addresses(person, ask: Ask) -> list[dict]:
    return [
        {"email": a.email, "verified": a.verified, "primary": a.primary}
        for a in EmailAddress.objects.filter(user=person).order_by("-primary", "email")
    ]


def _invitations(person, ask: Ask) -> list[dict]:
    return [
        {
            "role": i.role_label,
            "email": i.email,
            "status": i.state_label,
            "sent_at": iso(i.sent_at),
            "accepted_at": iso(i.accepted_at),
        }
        for i in Invitation.objects.filter(Q(person=person) | ask.email_q())
        .select_related("partner", "thematic_group")
        .order_by("created_at")
    ]


data_sections.register("email_addresses", _("Email addresses"), position=10, rows=_email_addresses)
data_sections.register("invitations", _("Invitations"), position=160, rows=_invitations)
