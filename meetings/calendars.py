"""iCalendar feeds (RFC 5545) built with the `icalendar` package, which escapes text values."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from urllib.parse import urlparse

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext
from icalendar import Calendar, Event

from meetings.models import Meeting

PRODID = "-//United for Smart Sustainable Cities//U4SSC portal//EN"
DEFAULT_DURATION = dt.timedelta(hours=1)


def _uid_domain() -> str:
    return urlparse(settings.SITE_URL).hostname or "u4ssc.local"


def meeting_event(meeting: Meeting, *, stamp: dt.datetime, with_link: bool, site: str) -> Event:
    """`site`: the address the calendar was asked on (scheme and host), so its links lead back there."""
    event = Event()
    event.add("uid", f"meeting-{meeting.pk}@{_uid_domain()}")
    event.add("dtstamp", stamp)
    starts = meeting.starts_at.astimezone(dt.UTC)
    event.add("dtstart", starts)
    event.add("dtend", (meeting.ends_at or meeting.starts_at + DEFAULT_DURATION).astimezone(dt.UTC))
    event.add("summary", meeting.title)
    url = f"{site.rstrip('/')}{meeting.get_absolute_url()}"
    description = [meeting.agenda.strip()] if meeting.agenda.strip() else []
    if meeting.kind == Meeting.Kind.E_MEETING:
        scope = meeting.deliverable or meeting.thematic_group
        if scope is not None:
            description.insert(0, gettext("E-meeting of %(scope)s") % {"scope": scope})
        elif meeting.is_ip_quarterly:
            description.insert(0, gettext("IP Leader's quarterly e-meeting with the Secretariat"))
        description.append(gettext("Time zone of the meeting: %(timezone)s") % {"timezone": meeting.timezone})
    description.append(url)
    event.add("description", "\n\n".join(description))
    location = meeting.place or (gettext("Online") if meeting.format == Meeting.Format.ONLINE else "")
    if with_link and meeting.online_link:
        location = f"{location} {meeting.online_link}".strip()
    if location:
        event.add("location", location)
    event.add("url", url)
    event.add("status", "CANCELLED" if meeting.status == Meeting.Status.CANCELLED else "CONFIRMED")
    event.add("transp", "OPAQUE")
    return event


def calendar_bytes(meetings: Iterable[Meeting], *, name: str, with_links: bool, site: str) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    stamp = timezone.now().astimezone(dt.UTC).replace(microsecond=0)
    for meeting in meetings:
        calendar.add_component(meeting_event(meeting, stamp=stamp, with_link=with_links, site=site))
    return calendar.to_ical()
