"""Services: the only writers of meetings, e-meetings, registrations, decisions and minutes.

Each action is keyword-only and atomic, checks the rulebook, locks what it reads-then-writes,
saves with `update_fields` and records why in the history (see CONVENTIONS.md).
"""

from __future__ import annotations

import datetime as dt
import secrets
import zoneinfo
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import slugify
from django.utils.translation import gettext
from simple_history.utils import update_change_reason

from governance.models import Mandate
from governance.rulebook import RuleDenied, can, require
from kernel import outbox
from kernel.bounds import COMMENT_MAX_CHARS, date_within, text_within
from kernel.content_language import original_language
from kernel.lifecycle import DomainError, Lifecycle, transition
from kernel.uploads import KINDS, UploadRejected, inspect_upload
from meetings import reasons as why
from meetings.models import (  # noqa: F401  (the lifecycles live beside the models)
    ADDRESS_CHECK_VALID_DAYS,
    AGENDA_LIFECYCLE,
    MEETING_LIFECYCLE,
    REGISTRATION_LIFECYCLE,
    AddressCheck,
    Audience,
    Meeting,
    MeetingDecision,
    Minutes,
    Presentation,
    Registration,
    Session,
    Speaker,
)

# Paths under /meetings/ that a meeting slug must not shadow.
RESERVED_SLUGS = frozenset(
    {"minutes-overdue", "calendar", "e-meetings", "minutes", "presentations", "registrations"}
)
PRESENTATION_TYPES = KINDS["presentation"].formats


def _reason(obj, reason: str) -> None:
    update_change_reason(obj, reason)


def _locked(meeting: Meeting) -> Meeting:
    return Meeting.objects.select_for_update().get(pk=meeting.pk)


def _full_clean(obj, **kwargs) -> None:
    try:
        obj.full_clean(**kwargs)
    except ValidationError as exc:
        messages = [
            f"{field}: {' '.join(errs)}" if field != "__all__" else " ".join(errs)
            for field, errs in exc.message_dict.items()
        ]
        raise DomainError(" ".join(messages)) from exc


def meeting_shape_problems(
    *,
    kind: str,
    slug: str = "",
    audience: str = "",
    thematic_group=None,
    deliverable=None,
    is_ip_quarterly: bool = False,
) -> list[str]:
    """What is wrong with a meeting of this shape, in words for the person who typed it: the
    rules the services follow, checked also where the Secretariat types a meeting in the admin.
    (That a meeting ends after it starts is the model's constraint `meeting_ends_after_start`.)"""
    problems = []
    if slug in RESERVED_SLUGS:
        problems.append(
            gettext("“%(slug)s” is reserved for a portal page; choose another web address.") % {"slug": slug}
        )
    if kind == Meeting.Kind.ANNUAL:
        if audience and audience != Audience.OPEN:
            problems.append(gettext("The annual meeting is open to all interested participants (ToR 8)."))
        if thematic_group is not None or deliverable is not None or is_ip_quarterly:
            problems.append(
                gettext(
                    "An annual meeting belongs to the whole Initiative, not to a Thematic Group, "
                    "a deliverable or the IP quarterly meetings."
                )
            )
    elif (
        kind == Meeting.Kind.E_MEETING
        and sum([thematic_group is not None, deliverable is not None, bool(is_ip_quarterly)]) != 1
    ):
        problems.append(
            gettext("An e-meeting is for one Thematic Group, one deliverable, or the IP quarterly meeting.")
        )
    return problems


# Annual meetings and their programme -------------------------------------------------------


@transaction.atomic
def meeting_create(
    *,
    by,
    title: str,
    slug: str,
    starts_at: dt.datetime,
    ends_at: dt.datetime | None = None,
    ordinal: int | None = None,
    format: str = Meeting.Format.ONLINE,
    place: str = "",
    timezone_name: str = "Europe/Zurich",
    online_link: str = "",
    organisers: Iterable = (),
    agenda: str = "",
    introduction: str = "",
    objectives: str = "",
    closure: str = "",
    report_version_date: dt.date | None = None,
    workplan=None,
) -> Meeting:
    """The Secretariat creates an annual meeting; its agenda starts as a draft (ToR 8, 23e)."""
    require(by, "meeting.manage")
    if problems := meeting_shape_problems(kind=Meeting.Kind.ANNUAL, slug=slug):
        raise DomainError(" ".join(problems))
    if Meeting.objects.filter(slug=slug).exists():
        raise DomainError(gettext("A meeting already uses the web address “%(slug)s”.") % {"slug": slug})
    with original_language():  # the title typed is the English original, whatever the page's language
        meeting = Meeting(
            kind=Meeting.Kind.ANNUAL,
            title=title,
            slug=slug,
            ordinal=ordinal,
            starts_at=starts_at,
            ends_at=ends_at,
            timezone=timezone_name,
            format=format,
            place=place,
            online_link=online_link,
            audience=Audience.OPEN,
            agenda=agenda,
            introduction=introduction,
            objectives=objectives,
            closure=closure,
            report_version_date=report_version_date,
            workplan=workplan,
            scheduled_by=by,
        )
    _full_clean(meeting, exclude=["organisers", "workplan", "thematic_group", "deliverable", "scheduled_by"])
    meeting.save()
    if organisers:
        meeting.organisers.set(organisers)
    _reason(meeting, why.ANNUAL_MEETING_CREATED())
    return meeting


@transaction.atomic
def session_add(
    *,
    by,
    meeting: Meeting,
    title: str,
    kind: str = Session.Kind.SESSION,
    position: int | None = None,
    starts_at: dt.datetime | None = None,
    ends_at: dt.datetime | None = None,
    moderator=None,
    moderator_name: str = "",
    audience: str = Audience.OPEN,
    questions: str = "",
    highlights: str = "",
) -> Session:
    """Add a session to an annual meeting's programme (Secretariat)."""
    require(by, "meeting.manage")
    meeting = _locked(meeting)
    if meeting.kind != Meeting.Kind.ANNUAL:
        raise DomainError(gettext("Only annual meetings have a programme of sessions."))
    if audience not in (Audience.OPEN, Audience.PARTNERS):
        raise DomainError(gettext("A session is open to all or to U4SSC Partners only."))
    if position is None:
        position = (meeting.sessions.aggregate(m=Max("position"))["m"] or 0) + 1
    session = Session(
        meeting=meeting,
        title=title,
        kind=kind,
        position=position,
        starts_at=starts_at,
        ends_at=ends_at,
        moderator=moderator,
        moderator_name=moderator_name,
        audience=audience,
        questions=questions,
        highlights=highlights,
    )
    _full_clean(session, exclude=["meeting", "moderator"])
    session.save()
    _reason(session, why.SESSION_ADDED())
    return session


@transaction.atomic
def speaker_add(
    *, by, session: Session, name: str, affiliation: str = "", summary: str = "", person=None
) -> Speaker:
    require(by, "meeting.manage")
    position = (session.speakers.aggregate(m=Max("position"))["m"] or 0) + 1
    speaker = Speaker.objects.create(
        session=session, name=name, affiliation=affiliation, summary=summary, person=person, position=position
    )
    _reason(speaker, why.SPEAKER_ADDED())
    return speaker


def presentation_add(
    *, by, session: Session, title: str, speaker: Speaker | None = None, file=None, url: str = ""
) -> Presentation:
    """A speaker's presentation: a checked file (PDF, DOCX, ODT, PPTX, ODP) or a link."""
    stored: list[str] = []
    try:
        return _presentation_add(
            by=by, session=session, title=title, speaker=speaker, file=file, url=url, stored=stored
        )
    except BaseException:
        for name in stored:
            default_storage.delete(name)
        raise


@transaction.atomic
def _presentation_add(*, by, session, title, speaker, file, url, stored: list[str]) -> Presentation:
    require(by, "meeting.manage")
    if not file and not url:
        raise DomainError(gettext("A presentation needs a file or a link."))
    info = None
    if file:
        try:
            info = inspect_upload(file, "presentation")
        except UploadRejected as exc:
            raise DomainError(exc.message) from exc
    presentation = Presentation(session=session, speaker=speaker, title=title, url=url)
    if file:
        name = f"{slugify(title)[:60] or 'presentation'}{info.extension}"
        presentation.file.save(name, file, save=False)
        stored.append(presentation.file.name)
    presentation.save()
    _reason(presentation, why.PRESENTATION_ADDED())
    return presentation


# Agenda lifecycle: draft → agreed by the Chair → published ----------------------------------


def _move_agenda(meeting: Meeting, new: str, reason: str, *, by=None) -> Meeting:
    return transition(meeting, new, lifecycle=AGENDA_LIFECYCLE, by=by, reason=reason)


@transaction.atomic
def meeting_agenda_agree(*, by, meeting: Meeting) -> Meeting:
    """The Chair (or the Vice-Chair acting for the Chair) agrees the draft agenda (ToR 16a, 18)."""
    require(by, "meeting.frame_agenda")
    meeting = _locked(meeting)
    if meeting.kind != Meeting.Kind.ANNUAL:
        raise DomainError(gettext("Only annual meetings have an agenda framed by the Chair."))
    return _move_agenda(meeting, Meeting.AgendaStatus.AGREED, why.AGENDA_AGREED(), by=by)


@transaction.atomic
def meeting_agenda_return(*, by, meeting: Meeting) -> Meeting:
    """An agreed agenda goes back to draft for changes (Chair or Secretariat)."""
    if not (can(by, "meeting.frame_agenda") or can(by, "meeting.manage")):
        raise RuleDenied("meeting.frame_agenda")
    meeting = _locked(meeting)
    return _move_agenda(meeting, Meeting.AgendaStatus.DRAFT, why.AGENDA_TO_DRAFT(), by=by)


@transaction.atomic
def meeting_agenda_publish(*, by, meeting: Meeting) -> Meeting:
    """The Secretariat publishes the programme the Chair agreed; the meeting becomes public."""
    require(by, "meeting.manage")
    meeting = _locked(meeting)
    if meeting.agenda_status == Meeting.AgendaStatus.DRAFT:
        raise DomainError(
            gettext("The Chair must agree the agenda before the Secretariat publishes it (ToR 16a).")
        )
    return _move_agenda(meeting, Meeting.AgendaStatus.PUBLISHED, why.PROGRAMME_PUBLISHED(), by=by)


# Registration (Annex 1) --------------------------------------------------------------------


def registration_is_open(meeting: Meeting, *, now: dt.datetime | None = None) -> bool:
    now = now or timezone.now()
    return (
        meeting.kind == Meeting.Kind.ANNUAL
        and meeting.agenda_status == Meeting.AgendaStatus.PUBLISHED
        and meeting.audience == Audience.OPEN
        and meeting.status == Meeting.Status.SCHEDULED
        and (meeting.ends_at or meeting.starts_at) > now
    )


def _registration_add(
    *,
    meeting: Meeting,
    name,
    email,
    organisation,
    country,
    attendance,
    person,
    status,
    email_confirmed_at: dt.datetime | None = None,
    recorded_by=None,
) -> Registration:
    email = normalise_email(email)
    if Registration.objects.filter(meeting=meeting, email__iexact=email).exists():
        raise DomainError(
            gettext(
                "%(email)s is already registered for this meeting. The Secretariat will confirm the registration."
            )
            % {"email": email}
        )
    registration = Registration(
        meeting=meeting,
        person=person if person is not None and person.is_authenticated else None,
        name=name.strip(),
        email=email,
        organisation=organisation.strip(),
        country=country.strip(),
        attendance=attendance,
        status=status,
        email_confirmed_at=email_confirmed_at,
        recorded_by=recorded_by,
    )
    _full_clean(registration, exclude=["meeting", "person", "recorded_by"])
    try:
        with transaction.atomic():
            registration.save()
    except IntegrityError as exc:
        raise DomainError(
            gettext("%(email)s is already registered for this meeting.") % {"email": email}
        ) from exc
    return registration


def normalise_email(email: str) -> str:
    """Addresses are compared and stored in lower case: Ann@X.org and ann@x.org are one address
    (for the one-registration-per-meeting rule and the one-email-a-day bound alike)."""
    return (email or "").strip().lower()


# What registration_create did about the address (`registration.address_check`), for the page.
ADDRESS_VERIFIED = "verified"  # an address verified on the registrant's account: confirmed at once
ADDRESS_CHECK_SENT = "sent"  # the day's "please confirm your address" email is queued
ADDRESS_CHECK_ALREADY_SENT = "already_sent"  # the address had its email today: nothing more is sent
ADDRESS_CHECK_USED_TODAY = (
    "used_today"  # ... and its link was used already: the Secretariat may ask again tomorrow
)


def _address_verified_on_account(person, email: str) -> bool:
    from allauth.account.models import EmailAddress

    if person is None or not person.is_authenticated:
        return False
    return EmailAddress.objects.filter(user=person, email__iexact=email, verified=True).exists()


@transaction.atomic
def registration_create(
    *,
    meeting: Meeting,
    name: str,
    email: str,
    organisation: str,
    country: str = "",
    attendance: str = Registration.Attendance.ONLINE,
    person=None,
) -> Registration:
    """Anyone registers to attend an open meeting (ToR 8); the Secretariat confirms.

    The portal emails the registrant only at an address they showed is theirs (DESIGN.md): one
    verified on their account counts at once; otherwise the day's "please confirm your address"
    email is queued (at most one per address per day, whatever the meeting). The returned
    registration's `address_check` says which (ADDRESS_VERIFIED, ADDRESS_CHECK_SENT,
    ADDRESS_CHECK_ALREADY_SENT, ADDRESS_CHECK_USED_TODAY)."""
    require(person, "meeting.register", meeting)
    meeting = _locked(meeting)
    if not registration_is_open(meeting):
        raise DomainError(gettext("Registration for this meeting is closed."))
    if meeting.format == Meeting.Format.ONLINE and attendance == Registration.Attendance.ONSITE:
        raise DomainError(gettext("This meeting takes place online only; please register to attend online."))
    verified = _address_verified_on_account(person, normalise_email(email))
    registration = _registration_add(
        meeting=meeting,
        name=name,
        email=email,
        organisation=organisation,
        country=country,
        attendance=attendance,
        person=person,
        status=Registration.Status.PENDING,
        email_confirmed_at=timezone.now() if verified else None,
    )
    if verified:
        _reason(registration, why.REGISTERED_VERIFIED())
        registration.address_check = ADDRESS_VERIFIED
    else:
        _reason(registration, why.REGISTERED())
        registration.address_check = _address_check_send(registration)
    return registration


def _address_check_send(registration: Registration) -> str:
    """Queue the day's address check for the registration's address, unless it had one today.
    The unique (email, day) constraint holds the bound when two registrations race."""
    from meetings.emails import ADDRESS_CHECK

    now = timezone.now()
    day = timezone.localdate(now)
    email = registration.email
    today = AddressCheck.objects.filter(email=email, day=day).values_list("used_at", flat=True).first()
    if today is not None:
        return ADDRESS_CHECK_USED_TODAY
    if AddressCheck.objects.filter(email=email, day=day).exists():
        return ADDRESS_CHECK_ALREADY_SENT
    token = secrets.token_urlsafe(32)
    check = AddressCheck(
        email=email,
        day=day,
        registration=registration,
        token_hash=AddressCheck.hash_token(token),
        expires_at=now + dt.timedelta(days=ADDRESS_CHECK_VALID_DAYS),
    )
    try:
        with transaction.atomic():  # a savepoint: a registration racing for the same address wins
            check.save()
    except IntegrityError:
        return ADDRESS_CHECK_ALREADY_SENT
    outbox.enqueue(
        to=email,
        template=ADDRESS_CHECK,
        kind="registration_address_check",
        context={"address_check_id": check.pk, "days": ADDRESS_CHECK_VALID_DAYS},
        secrets={"token": token},
        dedupe_key=f"registration_address_check:{email}:{day.isoformat()}",
    )
    return ADDRESS_CHECK_SENT


@transaction.atomic
def registration_address_check_resend(*, by, registration: Registration) -> Registration:
    """The Secretariat sends the address check again (a link lost or expired), within the same
    bound: at most one such email per address per day."""
    require(by, "meeting.manage")
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.recorded_by_id is not None:
        raise DomainError(
            gettext("The Secretariat recorded this participant: the portal does not email them.")
        )
    if registration.email_confirmed_at is not None:
        raise DomainError(gettext("%(email)s is confirmed already.") % {"email": registration.email})
    if _address_check_send(registration) != ADDRESS_CHECK_SENT:
        raise DomainError(
            gettext(
                "An email asking to confirm %(email)s was already sent today (at most one a day): try again tomorrow."
            )
            % {"email": registration.email}
        )
    return registration


class AddressCheckUnusable(DomainError):
    """The confirmation link cannot be used: unknown, already used or expired."""

    def __init__(self, message: str, *, kind: str):
        super().__init__(message)
        self.kind = kind


def address_check_for_token(token: str, *, lock: bool = False) -> AddressCheck:
    """The address check a link points to, or AddressCheckUnusable with a sentence for the person."""
    queryset = AddressCheck.objects.all()
    if lock:
        queryset = queryset.select_for_update()
    check = queryset.filter(token_hash=AddressCheck.hash_token(token or "")).first()
    if check is None:
        raise AddressCheckUnusable(
            gettext(
                "This confirmation link is not valid. Check that you copied the whole link from the email."
            ),
            kind="unknown",
        )
    if check.used_at is not None:
        raise AddressCheckUnusable(
            gettext(
                "This link has already been used: the address was confirmed on %(date)s. Each link works once; there is nothing more to do."
            )
            % {"date": date_format(timezone.localtime(check.used_at), "DATE_FORMAT")},
            kind="used",
        )
    if check.expires_at <= timezone.now():
        raise AddressCheckUnusable(
            gettext(
                "This link expired on %(date)s. Links are valid for %(days)s days: if you still wish to attend, ask the U4SSC Secretariat to send it again."
            )
            % {
                "date": date_format(timezone.localtime(check.expires_at), "DATE_FORMAT"),
                "days": ADDRESS_CHECK_VALID_DAYS,
            },
            kind="expired",
        )
    return check


def address_check_registrations(check: AddressCheck):
    """The registrations a check answers for: its address's registrations made on its day (the ones
    the day's single email was for) and the one it was sent for (sent again by the Secretariat),
    whose address is not confirmed yet; never a participant the Secretariat recorded itself."""
    start = timezone.make_aware(dt.datetime.combine(check.day, dt.time.min))
    that_day = Q(created_at__gte=start, created_at__lt=start + dt.timedelta(days=1))
    return (
        Registration.objects.filter(
            that_day | Q(pk=check.registration_id),
            email__iexact=check.email,
            email_confirmed_at__isnull=True,
            recorded_by__isnull=True,
        )
        .select_related("meeting")
        .order_by("pk")
    )


@transaction.atomic
def registration_address_confirm(*, token: str) -> list[Registration]:
    """The registrant pressed the button behind the link: the address of every registration the
    link answers for is confirmed, and a decision the Secretariat took already is emailed now.
    The token is the capability (no rulebook action); it works once."""
    check = address_check_for_token(token, lock=True)
    now = timezone.now()
    check.used_at = now
    check.save(update_fields=["used_at"])
    registrations = list(address_check_registrations(check).select_for_update(of=("self",)))
    for registration in registrations:
        registration.email_confirmed_at = now
        registration.save(update_fields=["email_confirmed_at"])
        _reason(registration, why.ADDRESS_CONFIRMED())
        _queue_decision_email(registration)
    return registrations


def _queue_decision_email(registration: Registration) -> None:
    """The Secretariat's decision goes to a confirmed address only, once per registration and
    outcome: whichever of the two (address confirmed, decision taken) comes second queues it."""
    from meetings.emails import REGISTRATION_CONFIRMED, REGISTRATION_DECLINED

    if registration.email_confirmed_at is None or registration.recorded_by_id is not None:
        return
    template = {
        Registration.Status.CONFIRMED: REGISTRATION_CONFIRMED,
        Registration.Status.DECLINED: REGISTRATION_DECLINED,
    }.get(registration.status)
    if template is None:
        return
    outbox.enqueue(
        to=registration.email,
        template=template,
        kind=f"registration_{registration.status}",
        context={"registration_id": registration.pk},
        dedupe_key=f"registration_{registration.status}:{registration.pk}",
    )


@transaction.atomic
def participant_record(
    *,
    by,
    meeting: Meeting,
    name: str,
    email: str,
    organisation: str,
    country: str = "",
    attendance: str = Registration.Attendance.ONLINE,
    person=None,
) -> Registration:
    """The Secretariat records a participant directly (e.g. the list of a past meeting), confirmed.
    Nobody is emailed: the address was not confirmed by its owner."""
    require(by, "meeting.manage")
    meeting = _locked(meeting)
    if meeting.kind != Meeting.Kind.ANNUAL:
        raise DomainError(gettext("Participant lists (Annex 1) are kept for annual meetings."))
    registration = _registration_add(
        meeting=meeting,
        name=name,
        email=email,
        organisation=organisation,
        country=country,
        attendance=attendance,
        person=person,
        status=Registration.Status.CONFIRMED,
        recorded_by=by,
    )
    _reason(registration, why.PARTICIPANT_RECORDED())
    return registration


def _move_registration(*, by, registration: Registration, new: str, reason: str) -> Registration:
    require(by, "meeting.manage")
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    registration = transition(registration, new, lifecycle=REGISTRATION_LIFECYCLE, by=by, reason=reason)
    _queue_decision_email(registration)
    return registration


@transaction.atomic
def registration_confirm(*, by, registration: Registration) -> Registration:
    return _move_registration(
        by=by,
        registration=registration,
        new=Registration.Status.CONFIRMED,
        reason=why.REGISTRATION_CONFIRMED(),
    )


@transaction.atomic
def registration_decline(*, by, registration: Registration) -> Registration:
    return _move_registration(
        by=by,
        registration=registration,
        new=Registration.Status.DECLINED,
        reason=why.REGISTRATION_DECLINED(),
    )


# Decisions taken at a meeting ---------------------------------------------------------------

# Elected at the annual meeting (ToR 13a, 15); Leaders are the Chair's (ToR 19), IP Leader below.
APPOINTABLE_ROLES = (Mandate.Role.CHAIR, Mandate.Role.VICE_CHAIR)


@transaction.atomic
def meeting_decision_record(
    *,
    by,
    meeting: Meeting,
    kind: str,
    text: str,
    session: Session | None = None,
    person=None,
    role: str = "",
    thematic_group=None,
    starts_on: dt.date | None = None,
    workplan=None,
    deliverable=None,
) -> MeetingDecision:
    """The Secretariat records a decision taken at a meeting; an appointment creates the mandate."""
    require(by, "meeting.manage")
    meeting = _locked(meeting)
    if session is not None and session.meeting_id != meeting.pk:
        raise DomainError(gettext("That session belongs to another meeting."))
    text = text.strip()
    if not text:
        raise DomainError(gettext("Say what was decided."))
    text_within(text, COMMENT_MAX_CHARS, what=gettext("What was decided"))
    if kind not in MeetingDecision.Kind.values:
        raise DomainError(gettext("Choose the kind of decision."))
    starts_on = starts_on or meeting.held_on or timezone.localtime(meeting.starts_at).date()
    mandate = None
    if kind in (MeetingDecision.Kind.APPOINTMENT, MeetingDecision.Kind.IP_LEADER_ELECTED):
        if person is None:
            raise DomainError(gettext("Choose the person appointed."))
        if kind == MeetingDecision.Kind.IP_LEADER_ELECTED:
            require(by, "mandate.record_ip_leader")
            role = Mandate.Role.IP_LEADER
        elif role not in APPOINTABLE_ROLES:
            raise DomainError(
                gettext(
                    "Choose the role elected (Chair or Vice-Chair). The Chair appoints Leaders with the "
                    "Secretariat's concurrence (ToR 19), on the Thematic Group's page."
                )
            )
        mandate = mandate_appoint_at_meeting(
            by=by, role=role, person=person, starts_on=starts_on, meeting=meeting
        )
    if kind == MeetingDecision.Kind.WORKPLAN_AGREED and workplan is None:
        raise DomainError(gettext("Choose the workplan that was agreed."))
    if kind == MeetingDecision.Kind.DELIVERABLE_APPROVED and deliverable is None:
        raise DomainError(gettext("Choose the deliverable that was approved."))
    decision = MeetingDecision.objects.create(
        meeting=meeting,
        session=session,
        kind=kind,
        text=text,
        mandate=mandate,
        workplan=workplan if kind == MeetingDecision.Kind.WORKPLAN_AGREED else None,
        deliverable=deliverable if kind == MeetingDecision.Kind.DELIVERABLE_APPROVED else None,
        recorded_by=by,
    )
    _reason(decision, why.DECISION_RECORDED(kind=decision.kind))
    return decision


def mandate_appoint_at_meeting(*, by, role, person, starts_on, meeting) -> Mandate:
    from governance.services import mandate_record_election

    return mandate_record_election(by=by, meeting=meeting, role=role, person=person, starts_on=starts_on)


# E-meetings (ToR 20d, Annex I) --------------------------------------------------------------


def emeeting_actions(meeting: Meeting) -> tuple[str, str]:
    """(schedule action, minutes action) for an e-meeting."""
    if meeting.is_ip_quarterly:
        return "emeeting.schedule_ip", "minutes.upload_ip"
    return "emeeting.schedule", "minutes.upload"


def _unique_slug(title: str, starts_at: dt.datetime) -> str:
    base = slugify(title)[:80] or "e-meeting"
    return f"{base}-{starts_at:%Y-%m-%d}-{secrets.token_hex(3)}"


@transaction.atomic
def emeeting_schedule(
    *,
    by,
    title: str,
    starts_at: dt.datetime,
    ends_at: dt.datetime | None = None,
    timezone_name: str = "Europe/Zurich",
    online_link: str = "",
    agenda: str = "",
    thematic_group=None,
    deliverable=None,
    is_ip_quarterly: bool = False,
    held: bool = False,
) -> Meeting:
    """A Leader schedules an e-meeting of their group or one of its deliverables (ToR 20d);
    the IP Leader a quarterly e-meeting with the Secretariat (Annex I).

    A date before today is not scheduled (issue #19: a mistyped year made a 'scheduled' meeting
    in 2020): it is refused, unless the person says it already took place (`held=True`), and
    then it is recorded as held on that date, its minutes due from then."""
    if problems := meeting_shape_problems(
        kind=Meeting.Kind.E_MEETING,
        thematic_group=thematic_group,
        deliverable=deliverable,
        is_ip_quarterly=is_ip_quarterly,
    ):
        raise DomainError(" ".join(problems))
    if is_ip_quarterly:
        require(by, "emeeting.schedule_ip")
    else:
        require(by, "emeeting.schedule", deliverable if deliverable is not None else thematic_group)
    if deliverable is not None:
        thematic_group = None  # the deliverable names its group
    try:
        zoneinfo.ZoneInfo(timezone_name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError) as exc:
        raise DomainError(
            gettext("“%(timezone_name)s” is not a time zone.") % {"timezone_name": timezone_name}
        ) from exc
    if ends_at is not None and ends_at <= starts_at:
        raise DomainError(gettext("An e-meeting must end after it starts."))
    date_within(starts_at, what=gettext("The date of the e-meeting"))
    day, today = timezone.localtime(starts_at).date(), timezone.localdate()
    if held and day > today:
        raise DomainError(
            gettext("An e-meeting on %(day)s has not taken place yet: it cannot be recorded as held.")
            % {"day": date_format(day, "DATE_FORMAT")}
        )
    if not held and day < today:
        raise DomainError(
            gettext(
                "%(day)s has passed: an e-meeting is scheduled for today or a later day. If it already took place, say so to record it as held."
            )
            % {"day": date_format(day, "DATE_FORMAT")}
        )
    with original_language():  # the title typed is the English original, whatever the page's language
        meeting = Meeting(
            kind=Meeting.Kind.E_MEETING,
            title=title.strip(),
            slug=_unique_slug(title, starts_at),
            starts_at=starts_at,
            ends_at=ends_at,
            timezone=timezone_name,
            format=Meeting.Format.ONLINE,
            online_link=online_link,
            agenda=agenda,
            audience=Audience.GROUP if not is_ip_quarterly else Audience.PARTNERS,
            agenda_status=Meeting.AgendaStatus.PUBLISHED,
            thematic_group=thematic_group,
            deliverable=deliverable,
            is_ip_quarterly=bool(is_ip_quarterly),
            scheduled_by=by,
        )
    if held:
        meeting.status, meeting.held_on = Meeting.Status.HELD, day
    _full_clean(meeting, exclude=["thematic_group", "deliverable", "workplan", "scheduled_by"])
    meeting.save()
    _reason(meeting, why.EMEETING_HELD_RECORDED() if held else why.EMEETING_SCHEDULED())
    return meeting


@transaction.atomic
def emeeting_mark_held(*, by, meeting: Meeting, held_on: dt.date | None = None) -> Meeting:
    """Record that an e-meeting took place; its minutes are due from then."""
    meeting = _locked(meeting)
    if meeting.kind != Meeting.Kind.E_MEETING:
        raise DomainError(gettext("Only e-meetings are marked as held here."))
    require(by, emeeting_actions(meeting)[0], meeting)
    return _record_held(meeting, held_on, "e-meeting")


def _record_held(meeting: Meeting, held_on: dt.date | None, what: str) -> Meeting:
    held_on = held_on or timezone.localdate()
    emeeting = what == "e-meeting"
    if held_on > timezone.localdate():
        raise DomainError(
            gettext("An e-meeting cannot be marked as held on a future date.")
            if emeeting
            else gettext("An annual meeting cannot be marked as held on a future date.")
        )
    if held_on < timezone.localtime(meeting.starts_at).date():
        raise DomainError(
            gettext("An e-meeting cannot be held before the date it was scheduled for.")
            if emeeting
            else gettext("An annual meeting cannot be held before the date it was scheduled for.")
        )
    meeting.held_on = held_on
    return transition(
        meeting,
        Meeting.Status.HELD,
        lifecycle=MEETING_LIFECYCLE,
        fields=["held_on"],
        reason=why.EMEETING_HELD() if emeeting else why.ANNUAL_MEETING_HELD(),
    )


@transaction.atomic
def meeting_mark_held(*, by, meeting: Meeting, held_on: dt.date | None = None) -> Meeting:
    """Record that a meeting took place: an annual meeting by the Secretariat (ToR 23e; its report
    is dated from then), an e-meeting as `emeeting_mark_held` says."""
    if meeting.kind == Meeting.Kind.E_MEETING:
        return emeeting_mark_held(by=by, meeting=meeting, held_on=held_on)
    meeting = _locked(meeting)
    require(by, "meeting.manage")
    return _record_held(meeting, held_on, "annual meeting")


# The report of an annual meeting (draft -> published) ---------------------------------------

REPORT_LIFECYCLE = Lifecycle.of(
    "meeting report",
    Meeting.ReportStatus,
    {
        Meeting.ReportStatus.DRAFT: {Meeting.ReportStatus.PUBLISHED},
        # Published again after a correction: the new PDF replaces the old one.
        Meeting.ReportStatus.PUBLISHED: {Meeting.ReportStatus.PUBLISHED},
    },
)


def meeting_report_publishable(meeting: Meeting) -> bool:
    """An annual meeting's report is published once the meeting has been held."""
    return meeting.kind == Meeting.Kind.ANNUAL and meeting.status == Meeting.Status.HELD


def meeting_report_publish(*, by, meeting: Meeting) -> Meeting:
    """The Secretariat publishes the report it reviewed: its facts are kept and the English PDF is
    rendered now (other languages on their first request, from the same facts), kept as published
    and public in full (Partners-only sessions included: the session was closed, its report is not).
    A refusal, or a render that fails, stores nothing; a new publication replaces the old files."""
    stored: list[str] = []
    try:
        return _meeting_report_publish(by=by, meeting=meeting, stored=stored)
    except BaseException:
        for name in stored:
            default_storage.delete(name)
        raise


@transaction.atomic
def _meeting_report_publish(*, by, meeting: Meeting, stored: list[str]) -> Meeting:
    from kernel.pdf import PdfUnavailable
    from meetings import report

    meeting = _locked(meeting)
    require(by, "meeting.report.publish", meeting)
    if meeting.kind != Meeting.Kind.ANNUAL:
        raise DomainError(gettext("E-meetings have minutes, not a report."))
    if meeting.status != Meeting.Status.HELD:
        raise DomainError(gettext("A meeting's report is published once the meeting has been held."))
    REPORT_LIFECYCLE.check(meeting.report_status, Meeting.ReportStatus.PUBLISHED)
    again = meeting.report_status == Meeting.ReportStatus.PUBLISHED
    facts = report.report_facts(meeting=meeting, draft=False)  # kept: every language is rendered from it
    try:
        pdf = report.report_pdf(meeting=meeting, facts=facts)
    except PdfUnavailable as exc:
        raise DomainError(
            gettext("The report cannot be rendered on this server: %(exc)s") % {"exc": exc}
        ) from exc
    previous = meeting.report_file.name
    meeting.report_file.save(f"{meeting.slug}-report.pdf", ContentFile(pdf), save=False)
    stored.append(meeting.report_file.name)
    meeting.report_status = Meeting.ReportStatus.PUBLISHED
    meeting.report_published_at = timezone.now()
    meeting.report_snapshot = facts
    meeting.save(update_fields=["report_status", "report_file", "report_published_at", "report_snapshot"])
    _reason(meeting, why.REPORT_PUBLISHED_AGAIN() if again else why.REPORT_PUBLISHED())
    if previous:
        transaction.on_commit(lambda: default_storage.delete(previous))
    # The renders of the report published before, in other languages, are no longer it.
    superseded = list(meeting.report_renders.filter(variant=report.PUBLISHED))
    for render in superseded:
        render.delete()
    transaction.on_commit(lambda: [default_storage.delete(r.file.name) for r in superseded])
    return meeting


@transaction.atomic
def emeeting_cancel(*, by, meeting: Meeting) -> Meeting:
    meeting = _locked(meeting)
    if meeting.kind != Meeting.Kind.E_MEETING:
        raise DomainError(gettext("Only e-meetings are cancelled here."))
    require(by, emeeting_actions(meeting)[0], meeting)
    return transition(
        meeting, Meeting.Status.CANCELLED, lifecycle=MEETING_LIFECYCLE, by=by, reason=why.EMEETING_CANCELLED()
    )


# Minutes (ToR 20e) ---------------------------------------------------------------------------


def minutes_upload(*, by, meeting: Meeting, file) -> Minutes:
    """Upload the minutes of an e-meeting as a new version.

    Every check runs before anything is written; the file is saved inside the transaction
    and deleted again if the transaction does not commit, so a refused upload stores nothing.
    """
    stored: list[str] = []
    try:
        return _minutes_upload(by=by, meeting=meeting, file=file, stored=stored)
    except BaseException:
        for name in stored:
            default_storage.delete(name)
        raise


@transaction.atomic
def _minutes_upload(*, by, meeting: Meeting, file, stored: list[str]) -> Minutes:
    meeting = _locked(meeting)
    if meeting.kind != Meeting.Kind.E_MEETING:
        raise DomainError(gettext("Minutes are uploaded for e-meetings; annual meetings have a report."))
    require(by, emeeting_actions(meeting)[1], meeting)
    MEETING_LIFECYCLE.check_action("upload_minutes", meeting)
    if timezone.localtime(meeting.starts_at).date() > timezone.localdate():
        raise DomainError(
            gettext("This e-meeting has not taken place yet; upload its minutes after it is held.")
        )
    if file is None:
        raise DomainError(gettext("Choose the file of the minutes."))
    try:
        info = inspect_upload(file, "minutes")
    except UploadRejected as exc:
        raise DomainError(exc.message) from exc
    version = (meeting.minutes.aggregate(m=Max("version"))["m"] or 0) + 1
    if meeting.status == Meeting.Status.SCHEDULED:
        # Minutes show the meeting took place (DESIGN: scheduled → held → minutes uploaded).
        meeting.status = Meeting.Status.HELD
        meeting.held_on = timezone.localtime(meeting.starts_at).date()
        meeting.save(update_fields=["status", "held_on"])
        _reason(meeting, why.HELD_MINUTES_UPLOADED())
    minutes = Minutes(
        meeting=meeting,
        version=version,
        original_name=(getattr(file, "name", "") or "minutes")[:255],
        content_type=info.content_type,
        size=info.size,
        sha256=info.sha256,
        uploaded_by=by,
    )
    minutes.file.save(f"minutes-v{version}{info.extension}", file, save=False)
    stored.append(minutes.file.name)
    minutes.save()
    _reason(minutes, why.MINUTES_UPLOADED(version=version))
    return minutes
