"""The digest email: one person's due reminders, in HTML and plain text, with links to act.

Each reminder becomes an `Item` (what, by when, the link to act) built from its subject,
loaded with one query per kind of subject; the vacant-roles list is computed once per email.
Links are absolute, from settings.SITE_URL.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from governance.models import Decision, Hub, Mandate, ToRVersion
from kpis.models import ReportingCycle
from meetings.models import Meeting
from reminders.milestones import day_of, quarter_of
from reminders.models import Kind, Reminder
from thematic_groups.models import Deliverable, Workplan

SUBJECT_PREFIX = "[U4SSC] "

HOW_TO_RENEW = {
    Mandate.Role.CHAIR: (
        "Partners nominate candidates and the Partners Board appoints the Chair, at the annual "
        "meeting or electronically (ToR 13a, 15, 28); the Secretariat opens the decision and records it."
    ),
    Mandate.Role.VICE_CHAIR: (
        "Partners nominate candidates and the Partners Board appoints the Vice-Chairs, at the annual "
        "meeting or electronically (ToR 13a, 15, 28); the Secretariat opens the decision and records it."
    ),
    Mandate.Role.LEADER: (
        "The Chair proposes the renewal (or a new Leader) and the Secretariat concurs (ToR 19, 28)."
    ),
    Mandate.Role.IP_LEADER: (
        "The annual meeting elects the IP Leader, at least every two years, and the Secretariat "
        "records it (Annex I)."
    ),
}


def absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def path_to(name: str | None = None, args=(), *, obj=None, fallback: str = "/") -> str:
    """The page to act on; a fallback while a page is not routed."""
    try:
        if obj is not None and hasattr(obj, "get_absolute_url"):
            return obj.get_absolute_url()
        if name:
            return reverse(name, args=args)
    except NoReverseMatch:
        pass
    return fallback


def when(moment) -> str:
    if isinstance(moment, dt.datetime):
        moment = timezone.localtime(moment)
        return f"{date_format(moment, 'j F Y')} at {moment:%H:%M} ({settings.TIME_ZONE})"
    return date_format(moment, "j F Y")


@dataclass
class Item:
    kind: str
    kind_label: str
    title: str
    lines: list[str]
    url: str
    action: str
    required: bool
    reminders: list[Reminder] = field(default_factory=list)


def vacant_roles(on: dt.date | None = None) -> list[str]:
    """Roles without an active mandate today: Chair, Vice-Chair, IP Leader, each active
    Thematic Group's Leader. Two queries."""
    from thematic_groups.models import ThematicGroup

    on = on or timezone.localdate()
    held = set(Mandate.objects.active(on=on).values_list("role", "thematic_group_id"))
    roles = {role for role, _ in held}
    vacant = [
        label
        for role, label in (
            (Mandate.Role.CHAIR, "Chair"),
            (Mandate.Role.VICE_CHAIR, "Vice-Chair"),
            (Mandate.Role.IP_LEADER, "IP Leader"),
        )
        if role not in roles
    ]
    led = {group for role, group in held if role == Mandate.Role.LEADER}
    for group_id, title in ThematicGroup.objects.filter(status=ThematicGroup.Status.ACTIVE).values_list(
        "id", "title"
    ):
        if group_id not in led:
            vacant.append(f"Leader of the Thematic Group “{title}”")
    return vacant


def _subjects(reminders: list[Reminder]) -> dict[tuple[int, int], object]:
    """The subject objects, one query per kind of subject."""
    related = {
        Mandate: ("person", "thematic_group"),
        Meeting: ("thematic_group", "deliverable"),
        Hub: ("partner", "contact"),
        ReportingCycle: ("city",),
        Decision: (),
    }
    ids: dict[object, set[int]] = defaultdict(set)
    for reminder in reminders:
        ids[reminder.subject_type].add(reminder.subject_id)
    found = {}
    for content_type, subject_ids in ids.items():
        model = content_type.model_class()
        queryset = model._default_manager.select_related(*related.get(model, ()))
        for pk, obj in queryset.in_bulk(subject_ids).items():
            found[(content_type.pk, pk)] = obj
    return found


def _describe(reminder: Reminder, subject, recipient, today: dt.date) -> Item | None:
    kind = reminder.kind
    base = dict(kind=kind, kind_label=reminder.get_kind_display(), required=reminder.required)
    if kind == Kind.TOR_COMMENT:
        tor: ToRVersion = subject
        return Item(
            **base,
            title=f"Comment on {tor.title}, version {tor.number}",
            lines=[
                f"The comment period closes on {when(tor.comment_deadline)}.",
                "The Management Team and the Partners comment on ToR revisions (ToR 13b).",
            ],
            url=path_to("governance:tor_version", [tor.number], fallback="/tor/"),
            action="Comment on the draft",
        )
    if kind == Kind.BALLOT:
        decision: Decision = subject
        return Item(
            **base,
            title=f"Vote: {decision.question}",
            lines=[
                f"The ballot closes on {when(decision.deadline)}; your Partner has not voted yet.",
                f"Rule: {decision.get_rule_display()}.",
            ],
            url=path_to(obj=decision, fallback=f"/decisions/{decision.pk}/"),
            action="Cast your Partner's ballot",
        )
    if kind == Kind.BALLOT_CLOSED:
        decision = subject
        tally = ", ".join(f"{key}: {value}" for key, value in (decision.tally or {}).items())
        lines = [
            f"The ballot closed on {when(decision.closed_at or decision.deadline)}.",
            f"Outcome: {decision.get_result_display() or 'not recorded'}.",
        ]
        if tally:
            lines.append(f"Tally: {tally}.")
        return Item(
            **base,
            title=f"Ballot closed: {decision.question}",
            lines=lines,
            url=path_to(obj=decision, fallback=f"/decisions/{decision.pk}/"),
            action="See the result",
        )
    if kind == Kind.FINAL_REVIEW:
        deliverable: Deliverable = subject
        return Item(
            **base,
            title=f"Final-draft review: {deliverable.title}",
            lines=[
                f"The review closes on {when(deliverable.final_review_deadline)}.",
                "On a final draft only factual or editorial comments are taken (MR 3.6).",
            ],
            url=path_to(obj=deliverable, fallback=f"/deliverables/{deliverable.slug}/"),
            action="Review the final draft",
        )
    if kind == Kind.WORKPLAN_INPUTS:
        workplan: Workplan = subject
        return Item(
            **base,
            title=f"Workplan inputs: {workplan.title} ({workplan.period})",
            lines=[
                f"Inputs are due by {when(workplan.inputs_deadline)}.",
                "Partners, Leaders and the IP Leader give inputs; the Secretariat compiles (ToR 10a).",
            ],
            url=path_to("thematic_groups:workplan_detail", [workplan.pk], fallback="/workplan/"),
            action="Give your input",
        )
    if kind == Kind.TENURE:
        mandate: Mandate = subject
        role = mandate.get_role_display()
        if mandate.thematic_group_id:
            role = f"{role} of “{mandate.thematic_group}”"
        days = (mandate.ends_on - today).days
        own = mandate.person_id == recipient.pk
        who = "Your mandate" if own else f"The mandate of {mandate.person}"
        if days > 0:
            first = (
                f"{who} as {role} ends in {days} day{'s' if days != 1 else ''}: "
                f"the last day with its powers is {when(mandate.last_day)}."
            )
        else:
            first = f"{who} as {role} ended on {when(mandate.last_day)}; its powers have gone (ToR 28)."
        return Item(
            **base,
            title=f"{'Your mandate' if own else 'Mandate'} as {role} {'ends' if days > 0 else 'has ended'}",
            lines=[first, f"How to renew: {HOW_TO_RENEW[mandate.role]}"],
            url=path_to("portal:dashboard", fallback="/")
            if own
            else path_to("admin:governance_mandate_change", [mandate.pk], fallback="/admin/"),
            action="See your roles" if own else "Open the mandate",
        )
    if kind == Kind.VACANT_ROLES:
        mandate = subject
        return Item(
            **base,
            title="Roles left vacant",
            lines=[f"{mandate} ended; its powers have gone."],
            url=path_to("admin:governance_mandate_changelist", fallback="/admin/"),
            action="Appoint or renew",
        )
    if kind == Kind.MINUTES_OVERDUE:
        meeting: Meeting = subject
        held = meeting.held_on or day_of(meeting.starts_at)
        due = held + dt.timedelta(days=settings.U4SSC_MINUTES_DUE_DAYS)
        return Item(
            **base,
            title=f"Minutes overdue: {meeting.title}",
            lines=[
                f"The e-meeting was held on {when(held)}; its minutes were due by {when(due)} (ToR 20e).",
            ],
            url=path_to(obj=meeting, fallback=f"/meetings/{meeting.slug}/"),
            action="Upload the minutes",
        )
    if kind == Kind.IP_QUARTERLY:
        first, last = quarter_of(reminder.due_on)
        return Item(
            **base,
            title="IP Leader quarterly e-meeting not held this quarter",
            lines=[
                f"No quarterly e-meeting with the Secretariat is held or scheduled between {when(first)} "
                f"and {when(last)}; the IP Leader convenes at least one each quarter (Annex I).",
            ],
            url=path_to("meetings:meeting_list", fallback="/meetings/"),
            action="Schedule the e-meeting",
        )
    if kind == Kind.HUB_REPORT:
        hub: Hub = subject
        since = hub.last_annual_report_on or hub.approved_on
        label = "last annual report" if hub.last_annual_report_on else "approval"
        return Item(
            **base,
            title=f"Annual report due: {hub.name}",
            lines=[
                f"The Hub's {label} was on {when(since)}; each Hub reports on its activities every year (ToR 30).",
            ],
            url=path_to("admin:governance_hub_change", [hub.pk], fallback="/admin/"),
            action="Record the annual report",
        )
    if kind == Kind.KPI_DATA_DUE:
        cycle: ReportingCycle = subject
        return Item(
            **base,
            title=_("KPI data due: %(cycle)s") % {"cycle": cycle},
            lines=[
                _("The city's U4SSC KPI data for %(year)s is due by %(when)s.")
                % {"year": cycle.year, "when": when(cycle.submission_deadline)}
            ],
            url=path_to(obj=cycle, fallback="/kpis/my-work/"),
            action=_("Enter and submit the data"),
        )
    if kind == Kind.KPI_VERIFICATION_DUE:
        cycle = subject
        return Item(
            **base,
            title=_("KPI verification due: %(cycle)s") % {"cycle": cycle},
            lines=[
                _("The verification of %(cycle)s is due by %(when)s.")
                % {"cycle": cycle, "when": when(cycle.verification_deadline)}
            ],
            url=path_to(obj=cycle, fallback="/kpis/my-work/"),
            action=_("Verify the reported KPIs"),
        )
    return None


def digest_items(recipient, reminders: list[Reminder], today: dt.date | None = None) -> list[Item]:
    today = today or timezone.localdate()
    subjects = _subjects(reminders)
    items: list[Item] = []
    vacant_item: Item | None = None
    for reminder in sorted(reminders, key=lambda r: (not r.required, r.kind, r.due_on, r.subject_id)):
        subject = subjects.get((reminder.subject_type_id, reminder.subject_id))
        if subject is None:
            continue
        if reminder.kind == Kind.VACANT_ROLES and vacant_item is not None:
            # Several mandates ended together: one list of vacant roles, each ending named.
            vacant_item.lines.append(f"{subject} ended; its powers have gone.")
            vacant_item.reminders.append(reminder)
            continue
        item = _describe(reminder, subject, recipient, today)
        if item is None:
            continue
        item.url = absolute(item.url)
        item.reminders.append(reminder)
        if reminder.kind == Kind.VACANT_ROLES:
            vacant_item = item
        items.append(item)
    return items


def digest_message(
    recipient, items: list[Item], *, vacant: list[str] | None = None
) -> EmailMultiAlternatives:
    context = {
        "recipient": recipient,
        "items": items,
        "required_items": [item for item in items if item.required],
        "optional_items": [item for item in items if not item.required],
        "vacant_roles": vacant or [],
        "portal_url": settings.SITE_URL.rstrip("/"),
        "preferences_url": absolute(path_to("reminders:preferences", fallback="/reminders/preferences/")),
    }
    subject = render_to_string("reminders/email/digest_subject.txt", context)
    subject = SUBJECT_PREFIX + " ".join(subject.split())
    text = render_to_string("reminders/email/digest_message.txt", context).strip() + "\n"
    html = render_to_string("reminders/email/digest_message.html", context).strip()
    connection = get_connection(timeout=getattr(settings, "EMAIL_TIMEOUT", None) or 30)
    message = EmailMultiAlternatives(
        subject, text, settings.DEFAULT_FROM_EMAIL, [recipient.email], connection=connection
    )
    message.attach_alternative(html, "text/html")
    return message
