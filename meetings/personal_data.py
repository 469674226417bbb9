"""meetings' section of a person's data ("My data", the download), registered in ready()."""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.utils import update_change_reason

from meetings import reasons as why
from meetings.models import AddressCheck, Registration
from people import personal_data
from people.personal_data import iso
from people.signals import person_anonymised


def _meeting_registrations(person, ask):
    """Registrations pointing at the account or made with one of its verified addresses."""
    return [
        {
            "meeting": r.meeting.title,
            "meeting_starts_at": iso(r.meeting.starts_at),
            "name": r.name,
            "email": r.email,
            "organisation": r.organisation,
            "country": r.country,
            "attendance": r.get_attendance_display(),
            "status": r.get_status_display(),
            "registered_at": iso(r.created_at),
            "address_confirmed_at": iso(r.email_confirmed_at),
        }
        for r in Registration.objects.filter(Q(person=person) | ask.email_q())
        .select_related("meeting")
        .order_by("created_at")
    ]


def scrub_registrations(sender, *, person, addresses, **kwargs) -> None:
    """On a deletion at the person's request: their registrations (by account or address) keep
    their place in the lists, without a name (shown as "Former participant", Registration.shown_name),
    in the rows and in their history."""
    registrations = Q(person=person)
    for address in addresses:
        registrations |= Q(email__iexact=address)
    registration_ids = list(Registration.objects.filter(registrations).values_list("pk", flat=True))
    for registration in Registration.objects.select_for_update().filter(pk__in=registration_ids):
        registration.name = ""  # shown as "Former participant" in the reader's language
        registration.email = f"former-{person.pk}-r{registration.pk}@former.invalid"
        registration.person = person
        registration.save(update_fields=["name", "email", "person"])
        update_change_reason(registration, why.PERSONAL_DATA_DELETED())
    Registration.history.filter(id__in=registration_ids).update(
        name="", email=f"former-{person.pk}@former.invalid"
    )
    # The checks that their addresses were theirs (one per address and day) go too.
    AddressCheck.objects.filter(email__in=[a.strip().lower() for a in addresses]).delete()


def register() -> None:
    person_anonymised.connect(scrub_registrations, dispatch_uid="meetings.scrub_registrations")
    personal_data.register(
        "meeting_registrations", _("Meeting registrations"), position=60, rows=_meeting_registrations
    )
