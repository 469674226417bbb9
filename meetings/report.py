"""The meeting report PDF, with the structure of the Fifth meeting report (MR):

title block, 1. Introduction, 2. Objectives and Programme, 3. Highlights of the discussions
(one subsection per session, with moderator and speakers), 4. Closure, Annex 1 List of
participants (onsite/online), Annex 2 Work plan where one is attached.

The data is gathered into plain values, hashed into a content version, and rendered by a
Celery task (meetings.tasks.render_meeting_report) into private storage. Two variants: the
public one, where Partners-only sessions are reduced to a notice, and the Partners one.
"""

from __future__ import annotations

import hashlib
import json
import logging

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.db.models import Prefetch
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.dateformat import format as date_format

from governance.models import Partner
from meetings.models import Audience, Meeting, MeetingDecision, Presentation, ReportRender
from meetings.selectors import sees_partners_only

logger = logging.getLogger(__name__)

# Bump when the template or its stylesheet changes, so cached PDFs are rendered again.
REPORT_LAYOUT_VERSION = "3"
PUBLIC = ReportRender.Variant.PUBLIC
PARTNERS = ReportRender.Variant.PARTNERS
PARTNERS_ONLY_NOTICE = "This session was open to U4SSC Partners only."


def report_variant_for(user) -> str:
    return PARTNERS if sees_partners_only(user) else PUBLIC


def _day(value) -> str:
    return date_format(value, "j F Y")


def _lines(text: str) -> list[str]:
    return [line.strip().lstrip("-•").strip() for line in (text or "").splitlines() if line.strip()]


def _paragraphs(text: str) -> list[str]:
    return [p.strip() for p in (text or "").replace("\r\n", "\n").split("\n\n") if p.strip()]


ORDINALS = {
    1: "First",
    2: "Second",
    3: "Third",
    4: "Fourth",
    5: "Fifth",
    6: "Sixth",
    7: "Seventh",
    8: "Eighth",
    9: "Ninth",
    10: "Tenth",
    11: "Eleventh",
    12: "Twelfth",
}


def _and_list(items: list[str]) -> str:
    """ "A, B and C"."""
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"


def _decision(decision: MeetingDecision) -> dict:
    return {"kind": decision.get_kind_display(), "text": decision.text}


def report_data(*, meeting: Meeting, variant: str) -> dict:
    """Every value that goes into the report, as plain data (its hash is the content version)."""
    include_restricted = variant == PARTNERS
    local_start = timezone.localtime(meeting.starts_at)
    local_end = timezone.localtime(meeting.ends_at) if meeting.ends_at else None
    day = meeting.held_on or local_start.date()
    on = day
    partners = list(
        Partner.objects.current(on=on).order_by("name").values_list("name", "acronym", "is_secretariat")
    )
    sessions = meeting.sessions.select_related("moderator").prefetch_related(
        "speakers",
        Prefetch("presentations", queryset=Presentation.objects.order_by("id")),
        Prefetch("decisions", queryset=MeetingDecision.objects.order_by("id")),
    )
    session_data = []
    for number, session in enumerate(sessions, start=1):
        restricted = session.audience == Audience.PARTNERS
        hidden = restricted and not include_restricted
        entry = {
            "number": f"3.{number}",
            "title": session.title,
            "kind": session.kind,
            "time": (
                f"{timezone.localtime(session.starts_at):%H:%M}–{timezone.localtime(session.ends_at):%H:%M}"
                if session.starts_at and session.ends_at
                else ""
            ),
            "moderator": session.moderator_name or (str(session.moderator) if session.moderator else ""),
            "restricted": restricted,
            "hidden": hidden,
        }
        if not hidden:
            entry.update(
                questions=_lines(session.questions),
                highlights=_paragraphs(session.highlights),
                speakers=[
                    {"name": s.name, "affiliation": s.affiliation, "summary": s.summary}
                    for s in session.speakers.all()
                ],
                presentations=[p.title for p in session.presentations.all()],
                decisions=[_decision(d) for d in session.decisions.all()],
            )
        session_data.append(entry)
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
        "variant": variant,
        "title": meeting.title,
        "ordinal": meeting.ordinal,
        "place_and_date": f"{meeting.place or meeting.get_format_display()}, {_day(day)}",
        "version_date": _day(meeting.report_version_date or day),
        "date": _day(day),
        "time": f"from {local_start:%H:%M} to {local_end:%H:%M} ({meeting.timezone} time)"
        if local_end
        else "",
        "format": meeting.get_format_display(),
        "meeting_name": (
            f"{ORDINALS[meeting.ordinal]} U4SSC meeting" if meeting.ordinal in ORDINALS else "meeting"
        ),
        "secretariat": _and_list([f"{name} ({acronym})" for name, acronym, sec in partners if sec]),
        "supporters": [f"{name} ({acronym})" for name, acronym, sec in partners if not sec],
        "organisers": _and_list([f"{p.name} ({p.acronym})" for p in meeting.organisers.order_by("name")]),
        "introduction": _paragraphs(meeting.introduction),
        "objectives": _lines(meeting.objectives),
        "sessions": session_data,
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
        "notice": PARTNERS_ONLY_NOTICE,
    }


def report_content_version(data: dict) -> str:
    encoded = json.dumps(data, sort_keys=True, ensure_ascii=False, default=str).encode()
    return hashlib.sha256(encoded).hexdigest()


def report_cached(*, meeting: Meeting, variant: str, version: str) -> ReportRender | None:
    return ReportRender.objects.filter(meeting=meeting, variant=variant, content_version=version).first()


def report_html(data: dict) -> str:
    return render_to_string("meetings/report.html", {"report": data})


def report_render(*, meeting_id: int, variant: str) -> ReportRender | None:
    """Render the report of a meeting if the cached PDF is not for the current data. Idempotent."""
    from kernel.pdf import html_to_pdf

    meeting = Meeting.objects.filter(pk=meeting_id, kind=Meeting.Kind.ANNUAL).first()
    if meeting is None:
        return None
    data = report_data(meeting=meeting, variant=variant)
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
