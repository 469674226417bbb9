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
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from governance.models import Decision, Hub, Mandate, ToRVersion
from governance.services.decisions import explain_tally
from kernel import outbox
from kpis.models import ReportingCycle
from meetings.models import Meeting
from reminders.milestones import day_of, quarter_of
from reminders.models import Kind, Reminder
from thematic_groups.models import Deliverable, Workplan

SUBJECT_PREFIX = "[U4SSC] "

HOW_TO_RENEW = {
    Mandate.Role.CHAIR: (
        _(
            "Partners nominate candidates and the Partners Board appoints the Chair, at the annual "
            "meeting or electronically (ToR 13a, 15, 28); the Secretariat opens the decision and records it."
        )
    ),
    Mandate.Role.VICE_CHAIR: (
        _(
            "Partners nominate candidates and the Partners Board appoints the Vice-Chairs, at the annual "
            "meeting or electronically (ToR 13a, 15, 28); the Secretariat opens the decision and records it."
        )
    ),
    Mandate.Role.LEADER: (
        _("The Chair proposes the renewal (or a new Leader) and the Secretariat concurs (ToR 19, 28).")
    ),
    Mandate.Role.IP_LEADER: (
        _(
            "The annual meeting elects the IP Leader, at least every two years, and the Secretariat "
            "records it (Annex I)."
        )
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
        return gettext("%(date)s at %(time)s (%(zone)s)") % {
            "date": date_format(moment, "DATE_FORMAT"),
            "time": f"{moment:%H:%M}",
            "zone": settings.TIME_ZONE,
        }
    return date_format(moment, "DATE_FORMAT")


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
            (Mandate.Role.CHAIR, gettext("Chair")),
            (Mandate.Role.VICE_CHAIR, gettext("Vice-Chair")),
            (Mandate.Role.IP_LEADER, gettext("IP Leader")),
        )
        if role not in roles
    ]
    led = {group for role, group in held if role == Mandate.Role.LEADER}
    for group_id, title in ThematicGroup.objects.filter(status=ThematicGroup.Status.ACTIVE).values_list(
        "id", "title"
    ):
        if group_id not in led:
            vacant.append(gettext("Leader of the Thematic Group “%(title)s”") % {"title": title})
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
            title=gettext("Comment on %(title)s, version %(number)s")
            % {"title": tor.title, "number": tor.number},
            lines=[
                gettext("The comment period closes on %(comment_deadline)s.")
                % {"comment_deadline": when(tor.comment_deadline)},
                gettext("The Management Team and the Partners comment on ToR revisions (ToR 13b)."),
            ],
            url=path_to("governance:tor_version", [tor.number], fallback="/tor/"),
            action=gettext("Comment on the draft"),
        )
    if kind == Kind.BALLOT:
        decision: Decision = subject
        return Item(
            **base,
            title=gettext("Vote: %(question)s") % {"question": decision.question},
            lines=[
                gettext("The ballot closes on %(deadline)s; your Partner has not voted yet.")
                % {"deadline": when(decision.deadline)},
                gettext("Rule: %(rule)s.") % {"rule": decision.get_rule_display()},
            ],
            url=path_to(obj=decision, fallback=f"/decisions/{decision.pk}/"),
            action=gettext("Cast your Partner's ballot"),
        )
    if kind == Kind.BALLOT_CLOSED:
        decision = subject
        tally = explain_tally(decision.tally or {})  # worded from the stored counts, in this email's language
        lines = [
            gettext("The ballot closed on %(closed_on)s.")
            % {"closed_on": when(decision.closed_at or decision.deadline)},
            gettext("Outcome: %(outcome)s.")
            % {"outcome": decision.get_result_display() or gettext("not recorded")},
        ]
        if tally:
            lines.append(tally)
        return Item(
            **base,
            title=gettext("Ballot closed: %(question)s") % {"question": decision.question},
            lines=lines,
            url=path_to(obj=decision, fallback=f"/decisions/{decision.pk}/"),
            action=gettext("See the result"),
        )
    if kind == Kind.FINAL_REVIEW:
        deliverable: Deliverable = subject
        return Item(
            **base,
            title=gettext("Final-draft review: %(title)s") % {"title": deliverable.title},
            lines=[
                gettext("The review closes on %(final_review_deadline)s.")
                % {"final_review_deadline": when(deliverable.final_review_deadline)},
                gettext("On a final draft only factual or editorial comments are taken (MR 3.6)."),
            ],
            url=path_to(obj=deliverable, fallback=f"/deliverables/{deliverable.slug}/"),
            action=gettext("Review the final draft"),
        )
    if kind == Kind.WORKPLAN_INPUTS:
        workplan: Workplan = subject
        return Item(
            **base,
            title=gettext("Workplan inputs: %(title)s (%(period)s)")
            % {"title": workplan.title, "period": workplan.period},
            lines=[
                gettext("Inputs are due by %(inputs_deadline)s.")
                % {"inputs_deadline": when(workplan.inputs_deadline)},
                gettext(
                    "Partners, Leaders and the IP Leader give inputs; the Secretariat compiles (ToR 10a)."
                ),
            ],
            url=path_to("thematic_groups:workplan_detail", [workplan.pk], fallback="/workplan/"),
            action=gettext("Give your input"),
        )
    if kind == Kind.TENURE:
        mandate: Mandate = subject
        role = mandate.get_role_display()
        if mandate.thematic_group_id:
            role = gettext("%(role)s of “%(group)s”") % {"role": role, "group": mandate.thematic_group}
        days = (mandate.ends_on - today).days
        own = mandate.person_id == recipient.pk
        ends_on = when(mandate.last_day)
        if days > 0:
            if own:
                first = ngettext(
                    "Your mandate as %(role)s ends in %(days)s day: the last day with its powers is %(last_day)s.",
                    "Your mandate as %(role)s ends in %(days)s days: the last day with its powers is %(last_day)s.",
                    days,
                ) % {"role": role, "days": days, "last_day": ends_on}
            else:
                first = ngettext(
                    "The mandate of %(person)s as %(role)s ends in %(days)s day: "
                    "the last day with its powers is %(last_day)s.",
                    "The mandate of %(person)s as %(role)s ends in %(days)s days: "
                    "the last day with its powers is %(last_day)s.",
                    days,
                ) % {"person": mandate.person, "role": role, "days": days, "last_day": ends_on}
        elif own:
            first = gettext(
                "Your mandate as %(role)s ended on %(last_day)s; its powers have gone (ToR 28)."
            ) % {
                "role": role,
                "last_day": ends_on,
            }
        else:
            first = gettext(
                "The mandate of %(person)s as %(role)s ended on %(last_day)s; its powers have gone (ToR 28)."
            ) % {"person": mandate.person, "role": role, "last_day": ends_on}
        if own:
            title = (
                gettext("Your mandate as %(role)s ends")
                if days > 0
                else gettext("Your mandate as %(role)s has ended")
            ) % {"role": role}
        else:
            title = (
                gettext("Mandate as %(role)s ends") if days > 0 else gettext("Mandate as %(role)s has ended")
            ) % {"role": role}
        return Item(
            **base,
            title=title,
            lines=[first, gettext("How to renew: %(how)s") % {"how": HOW_TO_RENEW[mandate.role]}],
            url=path_to("portal:dashboard", fallback="/")
            if own
            else path_to("admin:governance_mandate_change", [mandate.pk], fallback="/admin/"),
            action=gettext("See your roles") if own else gettext("Open the mandate"),
        )
    if kind == Kind.VACANT_ROLES:
        mandate = subject
        return Item(
            **base,
            title=gettext("Roles left vacant"),
            lines=[gettext("%(mandate)s ended; its powers have gone.") % {"mandate": mandate}],
            url=path_to("admin:governance_mandate_changelist", fallback="/admin/"),
            action=gettext("Appoint or renew"),
        )
    if kind == Kind.MINUTES_OVERDUE:
        meeting: Meeting = subject
        held = meeting.held_on or day_of(meeting.starts_at)
        due = held + dt.timedelta(days=settings.U4SSC_MINUTES_DUE_DAYS)
        return Item(
            **base,
            title=gettext("Minutes overdue: %(title)s") % {"title": meeting.title},
            lines=[
                gettext("The e-meeting was held on %(held)s; its minutes were due by %(due)s (ToR 20e).")
                % {"held": when(held), "due": when(due)},
            ],
            url=path_to(obj=meeting, fallback=f"/meetings/{meeting.slug}/"),
            action=gettext("Upload the minutes"),
        )
    if kind == Kind.IP_QUARTERLY:
        first, last = quarter_of(reminder.due_on)
        return Item(
            **base,
            title=gettext("IP Leader quarterly e-meeting not held this quarter"),
            lines=[
                gettext(
                    "No quarterly e-meeting with the Secretariat is held or scheduled between %(first)s and %(last)s; the IP Leader convenes at least one each quarter (Annex I)."
                )
                % {"first": when(first), "last": when(last)},
            ],
            url=path_to("meetings:meeting_list", fallback="/meetings/"),
            action=gettext("Schedule the e-meeting"),
        )
    if kind == Kind.HUB_REPORT:
        hub: Hub = subject
        since = hub.last_annual_report_on or hub.approved_on
        if hub.last_annual_report_on:
            line = gettext(
                "The Hub's last annual report was on %(date)s; each Hub reports on its activities every year (ToR 30)."
            )
        else:
            line = gettext(
                "The Hub's approval was on %(date)s; each Hub reports on its activities every year (ToR 30)."
            )
        return Item(
            **base,
            title=gettext("Annual report due: %(name)s") % {"name": hub.name},
            lines=[line % {"date": when(since)}],
            url=path_to("admin:governance_hub_change", [hub.pk], fallback="/admin/"),
            action=gettext("Record the annual report"),
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
            vacant_item.lines.append(
                gettext("%(subject)s ended; its powers have gone.") % {"subject": subject}
            )
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


DIGEST = "reminders/email/digest"  # one template for kernel.outbox: _subject.txt, _message.txt/.html


def digest_context(recipient, items: list[Item], *, vacant: list[str] | None = None) -> dict:
    return {
        "recipient": recipient,
        "items": items,
        "required_items": [item for item in items if item.required],
        "optional_items": [item for item in items if not item.required],
        "vacant_roles": vacant or [],
        "preferences_url": absolute(path_to("reminders:preferences", fallback="/reminders/preferences/")),
    }


def digest_subject(context: dict) -> str:
    return SUBJECT_PREFIX + " ".join(render_to_string(f"{DIGEST}_subject.txt", context).split())


@outbox.context_builder(DIGEST)
def digest_outbox_context(context: dict) -> dict | None:
    """The digest's reminders, described when the email leaves (in the recipient's language);
    None (the row is cancelled) when the person or every subject has gone since."""
    from django.contrib.auth import get_user_model

    recipient = get_user_model().objects.filter(pk=context["recipient_id"], is_active=True).first()
    if recipient is None or recipient.is_former:
        return None
    reminders = list(Reminder.objects.select_related("subject_type").filter(pk__in=context["reminder_ids"]))
    items = digest_items(recipient, reminders, dt.date.fromisoformat(context["day"]))
    if not items:
        return None
    return digest_context(recipient, items, vacant=context.get("vacant"))
