"""The meeting report PDF, with the structure of the Fifth meeting report (MR):

title block, 1. Introduction, 2. Objectives and Programme, 3. Highlights of the discussions
(one subsection per session, with moderator and speakers), 4. the closing session (or Closure),
Annex 1 List of participants (onsite/online), Annex 2 Work plan where one is attached.

The report is a document the Secretariat reviews and publishes (`services.meeting_report_publish`):
- the **draft** is read by the audience of the Partners-only sessions (Partners, Management Team,
  Secretariat); it is gathered into plain values, hashed into a content version and rendered by a
  Celery task (meetings.tasks.render_meeting_report) into private storage, marked as a draft;
- the **published** report is rendered once when the Secretariat publishes it, kept as it was
  published, and public in full: a Partners-only session was for the Partners, its report is not.
"""

from __future__ import annotations

import hashlib
import json
import logging

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.db.models import Prefetch
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.dateformat import format as date_format
from django.utils.translation import gettext, pgettext_lazy

from governance.models import Partner
from meetings.models import Audience, Meeting, MeetingDecision, Presentation, ReportRender, Session

logger = logging.getLogger(__name__)

# Bump when the template or its stylesheet changes, so cached PDFs are rendered again.
REPORT_LAYOUT_VERSION = "4"
# Drafts are read by the Partners' audience only; their renders are cached under this variant.
DRAFT = ReportRender.Variant.PARTNERS


def _day(value) -> str:
    return date_format(value, "j F Y")


def _lines(text: str) -> list[str]:
    return [line.strip().lstrip("-•").strip() for line in (text or "").splitlines() if line.strip()]


def _paragraphs(text: str) -> list[str]:
    return [p.strip() for p in (text or "").replace("\r\n", "\n").split("\n\n") if p.strip()]


ORDINALS = {
    1: pgettext_lazy("ordinal of a U4SSC meeting", "First"),
    2: pgettext_lazy("ordinal of a U4SSC meeting", "Second"),
    3: pgettext_lazy("ordinal of a U4SSC meeting", "Third"),
    4: pgettext_lazy("ordinal of a U4SSC meeting", "Fourth"),
    5: pgettext_lazy("ordinal of a U4SSC meeting", "Fifth"),
    6: pgettext_lazy("ordinal of a U4SSC meeting", "Sixth"),
    7: pgettext_lazy("ordinal of a U4SSC meeting", "Seventh"),
    8: pgettext_lazy("ordinal of a U4SSC meeting", "Eighth"),
    9: pgettext_lazy("ordinal of a U4SSC meeting", "Ninth"),
    10: pgettext_lazy("ordinal of a U4SSC meeting", "Tenth"),
    11: pgettext_lazy("ordinal of a U4SSC meeting", "Eleventh"),
    12: pgettext_lazy("ordinal of a U4SSC meeting", "Twelfth"),
}


def _and_list(items: list[str]) -> str:
    """ "A, B and C"."""
    if len(items) <= 1:
        return "".join(items)
    return gettext("%(items)s and %(last)s") % {"items": ", ".join(items[:-1]), "last": items[-1]}


def _decision(decision: MeetingDecision) -> dict:
    return {"kind": decision.get_kind_display(), "text": decision.text}


def _session_entry(number: str, session: Session) -> dict:
    highlights = _paragraphs(session.highlights)
    return {
        "number": number,
        "title": session.title,
        "time": (
            f"{timezone.localtime(session.starts_at):%H:%M}–{timezone.localtime(session.ends_at):%H:%M}"
            if session.starts_at and session.ends_at
            else ""
        ),
        "moderator": session.moderator_name or (str(session.moderator) if session.moderator else ""),
        "restricted": session.audience == Audience.PARTNERS,
        "questions": _lines(session.questions),
        "highlights": highlights,
        "speakers": [
            {"name": s.name, "affiliation": s.affiliation, "summary": s.summary}
            for s in session.speakers.all()
        ],
        "presentations": [p.title for p in session.presentations.all()],
        # The narrative is the report; recorded decisions stand in for it where none was written.
        "decisions": [] if highlights else [_decision(d) for d in session.decisions.all()],
    }


def report_data(*, meeting: Meeting, draft: bool) -> dict:
    """Every value that goes into the report, as plain data (its hash is the content version)."""
    local_start = timezone.localtime(meeting.starts_at)
    local_end = timezone.localtime(meeting.ends_at) if meeting.ends_at else None
    day = meeting.held_on or local_start.date()
    partners = list(
        Partner.objects.current(on=day).order_by("name").values_list("name", "acronym", "is_secretariat")
    )
    sessions = list(
        meeting.sessions.select_related("moderator").prefetch_related(
            "speakers",
            Prefetch("presentations", queryset=Presentation.objects.order_by("id")),
            Prefetch("decisions", queryset=MeetingDecision.objects.order_by("id")),
        )
    )
    # The closing session is the report's last section ("4. Closure of the session"), not a 3.x.
    discussed = [s for s in sessions if s.kind != Session.Kind.CLOSING]
    closing = next((s for s in sessions if s.kind == Session.Kind.CLOSING), None)
    registrations = list(
        meeting.registrations.filter(status="confirmed")
        .order_by("name")
        .values_list("name", "organisation", "country", "attendance")
    )
    workplan = None
    if meeting.workplan_id:
        wp = meeting.workplan
        workplan = {
            "title": wp.title,
            "period": wp.period,
            "items": [
                {
                    "title": item.title,
                    "kind": item.get_kind_display(),
                    "group": item.thematic_group.title if item.thematic_group else "",
                    "owner": item.owner,
                    "starts_on": _day(item.starts_on) if item.starts_on else "",
                    "ends_on": _day(item.ends_on) if item.ends_on else "",
                }
                for item in wp.items.select_related("thematic_group").order_by("position", "starts_on", "id")
            ],
        }
    return {
        "layout": REPORT_LAYOUT_VERSION,
        "draft": draft,
        "title": meeting.title,
        "ordinal": meeting.ordinal,
        "place_and_date": f"{meeting.place or meeting.get_format_display()}, {_day(day)}",
        "version_date": _day(meeting.report_version_date or day),
        "date": _day(day),
        "time": gettext("from %(start)s to %(end)s (%(timezone)s time)")
        % {
            "start": format(local_start, "%H:%M"),
            "end": format(local_end, "%H:%M"),
            "timezone": meeting.timezone,
        }
        if local_end
        else "",
        "format": meeting.get_format_display(),
        "meeting_name": (
            gettext("%(ordinal)s U4SSC meeting") % {"ordinal": ORDINALS[meeting.ordinal]}
            if meeting.ordinal in ORDINALS
            else gettext("meeting")
        ),
        "secretariat": _and_list([f"{name} ({acronym})" for name, acronym, sec in partners if sec]),
        "supporters": [f"{name} ({acronym})" for name, acronym, sec in partners if not sec],
        "organisers": _and_list([f"{p.name} ({p.acronym})" for p in meeting.organisers.order_by("name")]),
        "introduction": _paragraphs(meeting.introduction),
        "objectives": _lines(meeting.objectives),
        "programme": [
            {"time": e["time"], "title": e["title"], "restricted": e["restricted"]}
            for e in (_session_entry("", s) for s in sessions)
        ],
        "sessions": [_session_entry(f"3.{n}", s) for n, s in enumerate(discussed, start=1)],
        # As in MR 4: the closing words, without the moderator line of a discussion session.
        "closing": {**_session_entry("4", closing), "moderator": ""} if closing else None,
        "other_decisions": [_decision(d) for d in meeting.meeting_decisions.filter(session__isnull=True)],
        "closure": _paragraphs(meeting.closure),
        "participants": {
            "onsite": [
                {"name": n, "organisation": o, "country": c} for n, o, c, a in registrations if a == "onsite"
            ],
            "online": [
                {"name": n, "organisation": o, "country": c} for n, o, c, a in registrations if a == "online"
            ],
        },
        "workplan": workplan,
    }


def report_content_version(data: dict) -> str:
    """What a render is of: the data and the language it is written in (the active one)."""
    language = translation.get_language() or settings.LANGUAGE_CODE
    encoded = json.dumps([language, data], sort_keys=True, ensure_ascii=False, default=str).encode()
    return hashlib.sha256(encoded).hexdigest()


def report_cached(*, meeting: Meeting, version: str, variant: str = DRAFT) -> ReportRender | None:
    return ReportRender.objects.filter(meeting=meeting, variant=variant, content_version=version).first()


def report_published(meeting: Meeting) -> bool:
    return meeting.report_status == Meeting.ReportStatus.PUBLISHED and bool(meeting.report_file)


def report_html(data: dict) -> str:
    return render_to_string("meetings/report.html", {"report": data})


def report_pdf(*, meeting: Meeting) -> bytes:
    """The report as published: rendered now, once (raises kernel.pdf.PdfUnavailable without Pango)."""
    from kernel.pdf import html_to_pdf

    return html_to_pdf(report_html(report_data(meeting=meeting, draft=False)))


def report_render(*, meeting_id: int, language: str | None = None) -> ReportRender | None:
    """Render the draft report of a meeting if the cached PDF is not for the current data, in
    `language` (the reader's; default English). Idempotent."""
    with translation.override(language or settings.LANGUAGE_CODE):
        return _report_render(meeting_id=meeting_id)


def _report_render(*, meeting_id: int) -> ReportRender | None:
    from kernel.pdf import html_to_pdf

    meeting = Meeting.objects.filter(pk=meeting_id, kind=Meeting.Kind.ANNUAL).first()
    if meeting is None:
        return None
    variant = DRAFT
    data = report_data(meeting=meeting, draft=True)
    version = report_content_version(data)
    cached = report_cached(meeting=meeting, variant=variant, version=version)
    if cached is not None:
        return cached
    pdf = html_to_pdf(report_html(data))
    render = ReportRender(meeting=meeting, variant=variant, content_version=version, size=len(pdf))
    render.file.save(f"{meeting.slug}-{variant}-{version[:12]}.pdf", ContentFile(pdf), save=False)
    try:
        with transaction.atomic():
            render.save()
    except IntegrityError:  # another worker finished the same render first
        default_storage.delete(render.file.name)
        return report_cached(meeting=meeting, variant=variant, version=version)
    stale = list(ReportRender.objects.filter(meeting=meeting, variant=variant).exclude(pk=render.pk))
    for old in stale:
        old.file.delete(save=False)
        old.delete()
    return render
