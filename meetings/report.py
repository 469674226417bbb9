"""The meeting report PDF, with the structure of the Fifth meeting report (MR):

title block, 1. Introduction, 2. Objectives and Programme, 3. Highlights of the discussions
(one subsection per session, with moderator and speakers), 4. the closing session (or Closure),
Annex 1 List of participants (onsite/online), Annex 2 Work plan where one is attached.

The report is a document the Secretariat reviews and publishes (`services.meeting_report_publish`):
- the **draft** is read by the audience of the Partners-only sessions (Partners, Management Team,
  Secretariat); it is gathered into plain values, hashed into a content version and rendered by a
  Celery task (meetings.tasks.render_meeting_report) into private storage, marked as a draft;
- the **published** report is public in full (a Partners-only session was for the Partners, its
  report is not) and kept as it was published: its facts (`report_facts`, language-neutral: dates,
  codes, every language's version of the title) are kept on the meeting when the Secretariat
  publishes it and the English PDF is rendered then (`Meeting.report_file`); a reader in another
  language gets it rendered from those facts on the first request in that language and kept
  (`ReportRender`, variant "public"): the words of the report's frame, dates and numbers are in
  the reader's language, the content is what was published.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging

from django.conf import settings
from django.db.models import Prefetch
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext, pgettext_lazy

from governance.models import Partner
from kernel.content_language import in_reader_language, versions
from kernel.renders import keep_render
from meetings.models import Audience, Meeting, MeetingDecision, Presentation, ReportRender, Session

logger = logging.getLogger(__name__)

# Bump when the template or its stylesheet changes, so cached PDFs are rendered again.
REPORT_LAYOUT_VERSION = "5"
# Drafts are read by the Partners' audience only; their renders are cached under this variant.
DRAFT = ReportRender.Variant.PARTNERS
# The published report in a language other than English, rendered from the facts kept at publication.
PUBLISHED = ReportRender.Variant.PUBLIC


def _iso(value) -> str:
    return value.isoformat() if value else ""


def _day(iso: str) -> str:
    """A date kept as ISO text, in the reader's format ("9 November 2020", "9 novembre 2020")."""
    return date_format(dt.date.fromisoformat(iso), "DATE_FORMAT") if iso else ""


def _choice(choices, code: str) -> str:
    """The label of a kept choice code, in the reader's language."""
    return str(dict(choices).get(code, code))


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
    return {"kind": decision.kind, "text": decision.text}


def _session_facts(session: Session) -> dict:
    highlights = _paragraphs(session.highlights)
    return {
        "kind": session.kind,
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


def report_facts(*, meeting: Meeting, draft: bool) -> dict:
    """Everything that goes into the report, language-neutral (dates as ISO text, choices as their
    codes, the title in every language): what is kept when the report is published."""
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
                    "kind": item.kind,
                    "group": versions(item.thematic_group, "title") if item.thematic_group else {},
                    "owner": item.owner,
                    "starts_on": _iso(item.starts_on),
                    "ends_on": _iso(item.ends_on),
                }
                for item in wp.items.select_related("thematic_group").order_by("position", "starts_on", "id")
            ],
        }
    return {
        "layout": REPORT_LAYOUT_VERSION,
        "draft": draft,
        "title": versions(meeting, "title"),
        "ordinal": meeting.ordinal,
        "place": meeting.place,
        "format": meeting.format,
        "day": _iso(day),
        "version_date": _iso(meeting.report_version_date or day),
        "start": format(local_start, "%H:%M"),
        "end": format(local_end, "%H:%M") if local_end else "",
        "timezone": meeting.timezone,
        "partners": [[name, acronym, sec] for name, acronym, sec in partners],
        "organisers": [[p.name, p.acronym] for p in meeting.organisers.order_by("name")],
        "introduction": _paragraphs(meeting.introduction),
        "objectives": _lines(meeting.objectives),
        "sessions": [_session_facts(s) for s in sessions],
        "other_decisions": [_decision(d) for d in meeting.meeting_decisions.filter(session__isnull=True)],
        "closure": _paragraphs(meeting.closure),
        "participants": [list(r) for r in registrations],
        "workplan": workplan,
    }


def _session_entry(number: str, session: dict) -> dict:
    decisions = [
        {"kind": _choice(MeetingDecision.Kind.choices, d["kind"]), "text": d["text"]}
        for d in session["decisions"]
    ]
    return {**session, "number": number, "decisions": decisions}


def report_localised(facts: dict, *, meeting: Meeting | None = None) -> dict:
    """The report's values in the active language: the frame's words, dates and the choices'
    labels; the title in the reader's version where there is one (`meeting`: versions entered
    since publication count while the English title is the one published)."""
    from thematic_groups.models import WorkplanItem

    sessions = facts["sessions"]
    # The closing session is the report's last section ("4. Closure of the session"), not a 3.x.
    discussed = [s for s in sessions if s["kind"] != Session.Kind.CLOSING]
    closing = next((s for s in sessions if s["kind"] == Session.Kind.CLOSING), None)
    partners = facts["partners"]
    workplan = facts["workplan"]
    if workplan is not None:
        workplan = {
            **workplan,
            "items": [
                {
                    **item,
                    "kind": _choice(WorkplanItem.Kind.choices, item["kind"]),
                    "group": in_reader_language(item["group"]) if item["group"] else "",
                    "starts_on": _day(item["starts_on"]),
                    "ends_on": _day(item["ends_on"]),
                }
                for item in workplan["items"]
            ],
        }
    format_label = _choice(Meeting.Format.choices, facts["format"])
    date = _day(facts["day"])
    return {
        "layout": facts["layout"],
        "draft": facts["draft"],
        "title": in_reader_language(facts["title"], versions(meeting, "title") if meeting else None),
        "ordinal": facts["ordinal"],
        "place_and_date": f"{facts['place'] or format_label}, {date}",
        "version_date": _day(facts["version_date"]),
        "date": date,
        "time": gettext("from %(start)s to %(end)s (%(timezone)s time)")
        % {"start": facts["start"], "end": facts["end"], "timezone": facts["timezone"]}
        if facts["end"]
        else "",
        "format": format_label,
        "meeting_name": (
            gettext("%(ordinal)s U4SSC meeting") % {"ordinal": ORDINALS[facts["ordinal"]]}
            if facts["ordinal"] in ORDINALS
            else gettext("meeting")
        ),
        "secretariat": _and_list([f"{name} ({acronym})" for name, acronym, sec in partners if sec]),
        "supporters": [f"{name} ({acronym})" for name, acronym, sec in partners if not sec],
        "organisers": _and_list([f"{name} ({acronym})" for name, acronym in facts["organisers"]]),
        "introduction": facts["introduction"],
        "objectives": facts["objectives"],
        "programme": [
            {"time": s["time"], "title": s["title"], "restricted": s["restricted"]} for s in sessions
        ],
        "sessions": [_session_entry(f"3.{n}", s) for n, s in enumerate(discussed, start=1)],
        # As in MR 4: the closing words, without the moderator line of a discussion session.
        "closing": {**_session_entry("4", closing), "moderator": ""} if closing else None,
        "other_decisions": [
            {"kind": _choice(MeetingDecision.Kind.choices, d["kind"]), "text": d["text"]}
            for d in facts["other_decisions"]
        ],
        "closure": facts["closure"],
        "participants": {
            attendance: [
                {"name": n, "organisation": o, "country": c}
                for n, o, c, a in facts["participants"]
                if a == attendance
            ]
            for attendance in ("onsite", "online")
        },
        "workplan": workplan,
    }


def report_data(*, meeting: Meeting, draft: bool) -> dict:
    """Every value that goes into the report now, in the active language (its hash is the content
    version)."""
    return report_localised(report_facts(meeting=meeting, draft=draft), meeting=meeting)


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


def report_pdf(*, meeting: Meeting, facts: dict | None = None) -> bytes:
    """The report as published, in English (the original), from `facts` (default: the meeting's
    now). Raises kernel.pdf.PdfUnavailable without Pango."""
    from kernel.pdf import html_to_pdf

    facts = facts if facts is not None else report_facts(meeting=meeting, draft=False)
    with translation.override(settings.LANGUAGE_CODE):
        return html_to_pdf(report_html(report_localised(facts, meeting=meeting)))


def report_published_file(*, meeting: Meeting, language: str | None = None):
    """The published report's PDF in `language` (the reader's): the English one rendered at
    publication, or the one in that language, rendered from the facts kept at publication on its
    first request and kept (a report published before the facts were kept has its one file)."""
    language = language or settings.LANGUAGE_CODE
    if language == settings.LANGUAGE_CODE or not meeting.report_snapshot:
        return meeting.report_file
    from kernel.pdf import html_to_pdf

    with translation.override(language):
        data = report_localised(meeting.report_snapshot, meeting=meeting)
        version = report_content_version(data)
        cached = report_cached(meeting=meeting, variant=PUBLISHED, version=version)
        if cached is None:
            cached = keep_render(
                ReportRender(meeting=meeting, variant=PUBLISHED, language=language, content_version=version),
                name=f"{meeting.slug}-{language}-{version[:12]}.pdf",
                make=lambda: html_to_pdf(report_html(data)),
                existing=lambda: report_cached(meeting=meeting, variant=PUBLISHED, version=version),
                siblings=ReportRender.objects.filter(meeting=meeting, variant=PUBLISHED, language=language),
            )
    return cached.file


def report_render(*, meeting_id: int, language: str | None = None) -> ReportRender | None:
    """Render the draft report of a meeting if the cached PDF is not for the current data, in
    `language` (the reader's; default English). Idempotent."""
    language = language or settings.LANGUAGE_CODE
    with translation.override(language):
        return _report_render(meeting_id=meeting_id, language=language)


def _report_render(*, meeting_id: int, language: str) -> ReportRender | None:
    from kernel.pdf import html_to_pdf

    meeting = Meeting.objects.filter(pk=meeting_id, kind=Meeting.Kind.ANNUAL).first()
    if meeting is None:
        return None
    data = report_data(meeting=meeting, draft=True)
    version = report_content_version(data)
    cached = report_cached(meeting=meeting, variant=DRAFT, version=version)
    if cached is not None:
        return cached
    return keep_render(
        ReportRender(meeting=meeting, variant=DRAFT, language=language, content_version=version),
        name=f"{meeting.slug}-{DRAFT}-{version[:12]}.pdf",
        make=lambda: html_to_pdf(report_html(data)),
        existing=lambda: report_cached(meeting=meeting, variant=DRAFT, version=version),
        siblings=ReportRender.objects.filter(meeting=meeting, variant=DRAFT, language=language),
    )
