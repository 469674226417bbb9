"""Annual meetings (open to all, ToR 8) and e-meetings (ToR 20d-e, Annex I), with their
sessions, participants, decisions, minutes and report."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from kernel.lifecycle import Action, Lifecycle


class Audience(models.TextChoices):
    OPEN = "open", _("Open to all")
    PARTNERS = "partners", _("U4SSC Partners only")
    GROUP = "group", _("Members of the Thematic Group")


class Meeting(models.Model):
    class Kind(models.TextChoices):
        ANNUAL = "annual", _("Annual meeting")
        E_MEETING = "e_meeting", _("E-meeting")

    class Format(models.TextChoices):
        ONSITE = "onsite", _("Onsite")
        ONLINE = "online", _("Online")
        HYBRID = "hybrid", _("Hybrid")

    class AgendaStatus(models.TextChoices):
        DRAFT = "draft", _("Draft (Secretariat)")
        AGREED = "agreed", _("Agreed by the Chair")
        PUBLISHED = "published", _("Published")

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled")
        HELD = "held", _("Held")
        CANCELLED = "cancelled", _("Cancelled")

    class ReportStatus(models.TextChoices):
        DRAFT = "draft", _("Draft (Partners, Management Team and Secretariat)")
        PUBLISHED = "published", _("Published (public in full)")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=300)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    ordinal = models.PositiveSmallIntegerField(
        _("ordinal number"), null=True, blank=True, help_text=_("5 for the Fifth meeting.")
    )
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"), null=True, blank=True)
    timezone = models.CharField(_("time zone"), max_length=64, default="Europe/Zurich")
    format = models.CharField(_("format"), max_length=20, choices=Format.choices, default=Format.ONLINE)
    place = models.CharField(_("place"), max_length=200, blank=True)
    online_link = models.URLField(_("online link"), blank=True)
    organisers = models.ManyToManyField(
        "governance.Partner", blank=True, related_name="organised_meetings", verbose_name=_("organisers")
    )
    audience = models.CharField(_("audience"), max_length=20, choices=Audience.choices, default=Audience.OPEN)
    agenda_status = models.CharField(
        _("agenda status"), max_length=20, choices=AgendaStatus.choices, default=AgendaStatus.DRAFT
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.SCHEDULED)
    held_on = models.DateField(_("held on"), null=True, blank=True)
    agenda = models.TextField(_("agenda"), blank=True)
    introduction = models.TextField(_("introduction"), blank=True)
    objectives = models.TextField(_("objectives"), blank=True, help_text=_("One objective per line."))
    closure = models.TextField(_("closure"), blank=True)
    report_version_date = models.DateField(
        _("report version date"),
        null=True,
        blank=True,
        help_text=_('"Meeting Report - version 9 November 2020".'),
    )
    # The report of an annual meeting is a document the Secretariat reviews (the draft, read by the
    # Partners' audience) and publishes: the published PDF is rendered once, kept, and public in full.
    report_status = models.CharField(
        _("report status"), max_length=20, choices=ReportStatus.choices, default=ReportStatus.DRAFT
    )
    report_file = models.FileField(_("report file"), upload_to="reports/published/", blank=True)
    report_published_at = models.DateTimeField(_("report published at"), null=True, blank=True)
    # What the published report says, language-neutral (meetings.report.report_facts): each reader's
    # language is rendered from it, so the report stays as published whatever changes later.
    report_snapshot = models.JSONField(null=True, blank=True, editable=False)
    # E-meetings belong to a group or a deliverable; the IP Leader's quarterly e-meetings to neither.
    thematic_group = models.ForeignKey(
        "thematic_groups.ThematicGroup",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="meetings",
        verbose_name=_("Thematic Group"),
    )
    deliverable = models.ForeignKey(
        "thematic_groups.Deliverable",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="meetings",
        verbose_name=_("deliverable"),
    )
    is_ip_quarterly = models.BooleanField(
        _("IP Leader's quarterly e-meeting"),
        default=False,
        help_text=_("IP Leader's quarterly e-meeting with the Secretariat (Annex I)."),
    )
    workplan = models.ForeignKey(
        "thematic_groups.Workplan",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Attached as Annex 2 of the report."),
        verbose_name=_("workplan"),
    )
    scheduled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("scheduled by"),
    )

    history = HistoricalRecords(excluded_fields=["report_snapshot"])  # kept on the meeting

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-starts_at"]
        indexes = [models.Index(fields=["kind", "starts_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__isnull=True) | Q(ends_at__gt=models.F("starts_at")),
                name="meeting_ends_after_start",
                violation_error_message=_("A meeting must end after it starts."),
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("meetings:meeting_detail", args=[self.slug])

    @property
    def is_annual(self) -> bool:
        return self.kind == self.Kind.ANNUAL

    @property
    def is_scheduled(self) -> bool:
        return self.status == self.Status.SCHEDULED

    @property
    def is_held(self) -> bool:
        return self.status == self.Status.HELD

    @property
    def is_cancelled(self) -> bool:
        return self.status == self.Status.CANCELLED

    @property
    def agenda_is_published(self) -> bool:
        return self.agenda_status == self.AgendaStatus.PUBLISHED


class Session(models.Model):
    """A session of a meeting's programme, with its moderator, speakers and audience (MR 3.x)."""

    class Kind(models.TextChoices):
        OPENING = "opening", _("Opening")
        WELCOME = "welcome", _("Welcome remarks")
        SESSION = "session", _("Session")
        CLOSING = "closing", _("Closure")

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="sessions", verbose_name=_("meeting")
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.SESSION)
    title = models.CharField(_("title"), max_length=300)
    starts_at = models.DateTimeField(_("starts at"), null=True, blank=True)
    ends_at = models.DateTimeField(_("ends at"), null=True, blank=True)
    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("moderator"),
    )
    moderator_name = models.CharField(
        _("moderator's name"),
        max_length=300,
        blank=True,
        help_text=_('e.g. "Ms. Kari Eik, Secretary-General of the OiER"'),
    )
    audience = models.CharField(
        _("audience"),
        max_length=20,
        choices=[Audience.choices[0], Audience.choices[1]],
        default=Audience.OPEN,
    )
    questions = models.TextField(
        _("questions"), blank=True, help_text=_("Questions the session addressed, one per line.")
    )
    highlights = models.TextField(
        _("highlights"), blank=True, help_text=_("Highlights of the discussion, for the report.")
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["meeting", "position"]

    def __str__(self) -> str:
        return self.title


class Speaker(models.Model):
    session = models.ForeignKey(
        Session, on_delete=models.CASCADE, related_name="speakers", verbose_name=_("session")
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("person"),
    )
    name = models.CharField(_("name"), max_length=200)
    affiliation = models.CharField(_("affiliation"), max_length=300, blank=True)
    summary = models.TextField(
        _("summary"), blank=True, help_text=_("What the speaker presented, for the report.")
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("speaker")
        verbose_name_plural = _("speakers")
        ordering = ["session", "position"]

    def __str__(self) -> str:
        return self.name


def presentation_upload_to(instance: Presentation, filename: str) -> str:
    return f"presentations/{instance.session.meeting_id}/{filename}"


class Presentation(models.Model):
    session = models.ForeignKey(
        Session, on_delete=models.CASCADE, related_name="presentations", verbose_name=_("session")
    )
    speaker = models.ForeignKey(
        Speaker,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="presentations",
        verbose_name=_("speaker"),
    )
    title = models.CharField(_("title"), max_length=300)
    file = models.FileField(_("file"), upload_to=presentation_upload_to, blank=True)
    url = models.URLField(_("link"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("presentation")
        verbose_name_plural = _("presentations")
        ordering = ["session", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(file="") | ~Q(url=""),
                name="presentation_has_file_or_link",
                violation_error_message=_("A presentation needs a file or a link."),
            )
        ]

    def __str__(self) -> str:
        return self.title


class Registration(models.Model):
    """A participant of a meeting (Annex 1 of the report)."""

    class Attendance(models.TextChoices):
        ONSITE = "onsite", _("Onsite")
        ONLINE = "online", _("Online")

    class Status(models.TextChoices):
        PENDING = "pending", _("Awaiting confirmation")
        CONFIRMED = "confirmed", _("Confirmed")
        DECLINED = "declined", _("Declined")

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="registrations", verbose_name=_("meeting")
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="registrations",
        verbose_name=_("person"),
    )
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("email address"))
    organisation = models.CharField(_("organisation"), max_length=200)
    country = models.CharField(_("country"), max_length=100, blank=True)
    attendance = models.CharField(
        _("attendance"), max_length=20, choices=Attendance.choices, default=Attendance.ONLINE
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PENDING)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    # When the registrant showed the address is theirs (the link in the address check, or an address
    # verified on their account): the portal emails a registration only once this is set (DESIGN.md).
    email_confirmed_at = models.DateTimeField(_("address confirmed at"), null=True, blank=True)
    # A participant the Secretariat recorded itself (Annex 1 of a past meeting): never emailed.
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("recorded by"),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["meeting", "name"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "email"], name="one_registration_per_email")
        ]

    def __str__(self) -> str:
        return f"{self.shown_name} ({self.organisation})"

    @property
    def shown_name(self) -> str:
        """The name, or "Former participant" in the reader's language once the person had their
        data deleted (the row keeps its place in the lists; no English is stored for it)."""
        return self.name or gettext("Former participant")


ADDRESS_CHECK_VALID_DAYS = 14


class AddressCheck(models.Model):
    """The one "please confirm your address" email of a day for an address that registered for a
    meeting (DESIGN.md: one message per address per day at most, so the registration form cannot be
    used to mail strangers). Its link carries a single-use token, stored hashed like an invitation's;
    following it (and pressing the button) confirms the address of the registrations it answers for:
    that address's registrations made on that day."""

    email = models.EmailField(_("email address"), help_text=_("Lower case."))
    day = models.DateField(_("day"), help_text=_("The day the email was queued (the portal's time zone)."))
    registration = models.ForeignKey(
        Registration,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The registration that asked for it (the meeting the email names)."),
        verbose_name=_("registration"),
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    expires_at = models.DateTimeField(_("expires at"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    used_at = models.DateTimeField(_("used at"), null=True, blank=True)

    class Meta:
        verbose_name = _("address check")
        verbose_name_plural = _("address checks")
        ordering = ["-created_at"]
        constraints = [models.UniqueConstraint(fields=["email", "day"], name="one_address_check_per_day")]

    def __str__(self) -> str:
        return gettext("Address check for %(email)s on %(day)s") % {"email": self.email, "day": self.day}

    @staticmethod
    def hash_token(token: str) -> str:
        return hashlib.sha256(token.encode()).hexdigest()


class MeetingDecision(models.Model):
    """A decision taken at a meeting; appointments create the mandate (MR 3.6)."""

    class Kind(models.TextChoices):
        APPOINTMENT = "appointment", _("Appointment agreed")
        IP_LEADER_ELECTED = "ip_leader", _("IP Leader elected")
        WORKPLAN_AGREED = "workplan", _("Workplan agreed")
        DELIVERABLE_APPROVED = "deliverable", _("Deliverable approved")
        OTHER = "other", _("Other decision")

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="meeting_decisions", verbose_name=_("meeting")
    )
    session = models.ForeignKey(
        Session,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="decisions",
        verbose_name=_("session"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.OTHER)
    text = models.TextField(_("text"))
    mandate = models.ForeignKey(
        "governance.Mandate",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("mandate"),
    )
    deliverable = models.ForeignKey(
        "thematic_groups.Deliverable",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("deliverable"),
    )
    workplan = models.ForeignKey(
        "thematic_groups.Workplan",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("workplan"),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("recorded by"),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("meeting decision")
        verbose_name_plural = _("meeting decisions")
        ordering = ["meeting", "id"]

    def __str__(self) -> str:
        return self.text[:80]


def minutes_upload_to(instance: Minutes, filename: str) -> str:
    return f"minutes/{instance.meeting_id}/v{instance.version}/{filename}"


class Minutes(models.Model):
    """Minutes of an e-meeting; each upload is a new version (ToR 20e)."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="minutes", verbose_name=_("meeting")
    )
    version = models.PositiveIntegerField(_("version"))
    file = models.FileField(_("file"), upload_to=minutes_upload_to)
    original_name = models.CharField(_("original file name"), max_length=255)
    content_type = models.CharField(_("content type"), max_length=100)
    size = models.PositiveBigIntegerField(_("size (bytes)"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["meeting", "-version"]
        verbose_name = pgettext_lazy("written record of a meeting", "minutes")
        verbose_name_plural = pgettext_lazy("written record of a meeting", "minutes")
        constraints = [models.UniqueConstraint(fields=["meeting", "version"], name="minutes_version_unique")]

    def __str__(self) -> str:
        return gettext("Minutes of %(meeting)s (v%(version)s)") % {
            "meeting": self.meeting,
            "version": self.version,
        }


def report_upload_to(instance: ReportRender, filename: str) -> str:
    return f"reports/{instance.meeting_id}/{filename}"


class ReportRender(models.Model):
    """A rendered meeting report PDF in one language, cached by the version of the data that went
    into it (which includes the language).

    Two variants per meeting: the draft, read by the Partners-only audience, and the public one,
    the published report in a language other than English (rendered from the facts kept at
    publication). A new render replaces the old file of the same variant and language.
    """

    class Variant(models.TextChoices):
        PUBLIC = "public", _("Public")
        PARTNERS = "partners", _("U4SSC Partners")

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="report_renders", verbose_name=_("meeting")
    )
    variant = models.CharField(_("variant"), max_length=20, choices=Variant.choices)
    language = models.CharField(_("language"), max_length=10, default="en")
    content_version = models.CharField(
        _("content version"), max_length=64, help_text=_("SHA-256 of the report's data and layout.")
    )
    file = models.FileField(_("file"), upload_to=report_upload_to)
    size = models.PositiveBigIntegerField(_("size (bytes)"))
    rendered_at = models.DateTimeField(_("rendered at"), auto_now_add=True)

    class Meta:
        verbose_name = _("rendered report")
        verbose_name_plural = _("rendered reports")
        ordering = ["meeting", "variant", "-rendered_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "variant", "content_version"], name="report_render_version_unique"
            )
        ]

    def __str__(self) -> str:
        return gettext("Report of %(meeting)s (%(variant)s, %(version)s)") % {
            "meeting": self.meeting,
            "variant": self.variant,
            "version": self.content_version[:8],
        }


# Lifecycles: the states, the moves between them, and what may be done in each (kernel/lifecycle.py).
# Each action names its rulebook action and the service that performs it; pages render their
# buttons from `LIFECYCLE.available(record, person)`.

_A = Meeting.AgendaStatus
AGENDA_LIFECYCLE = Lifecycle.of(
    "meeting agenda",
    _A,
    {
        # The Secretariat drafts, the Chair frames (ToR 16a), the Secretariat publishes.
        _A.DRAFT: {_A.AGREED},
        _A.AGREED: {_A.PUBLISHED, _A.DRAFT},
    },
    field="agenda_status",
    actions=[
        Action(
            "agree",
            _("Agree the agenda"),
            rule="meeting.frame_agenda",
            to=_A.AGREED,
            service="meetings.services.meeting_agenda_agree",
            on_record=False,
        ),
        Action(
            "publish",
            _("Publish the programme"),
            rule="meeting.manage",
            to=_A.PUBLISHED,
            service="meetings.services.meeting_agenda_publish",
            on_record=False,
        ),
        # Back to draft: the Chair or the Secretariat (one action, two rules).
        *(
            Action(
                "return",
                _("Return the agenda to draft"),
                rule=rule,
                to=_A.DRAFT,
                service="meetings.services.meeting_agenda_return",
                on_record=False,
            )
            for rule in ("meeting.frame_agenda", "meeting.manage")
        ),
    ],
)
_M = Meeting.Status


def _is_group_emeeting(meeting: Meeting) -> bool:
    return meeting.kind == Meeting.Kind.E_MEETING and not meeting.is_ip_quarterly


def _is_ip_emeeting(meeting: Meeting) -> bool:
    return meeting.kind == Meeting.Kind.E_MEETING and meeting.is_ip_quarterly


def _emeeting_actions():
    """An e-meeting's Leader (or the Secretariat) marks it held, cancels it and uploads its minutes;
    the IP quarterly e-meeting is the IP Leader's (Annex I): the same actions under other rules."""
    for guard, schedule, minutes in (
        (_is_group_emeeting, "emeeting.schedule", "minutes.upload"),
        (_is_ip_emeeting, "emeeting.schedule_ip", "minutes.upload_ip"),
    ):
        yield Action(
            "held",
            _("Mark as held"),
            rule=schedule,
            to=_M.HELD,
            guard=lambda m, guard=guard: guard(m) and m.starts_at <= timezone.now(),
            service="meetings.services.emeeting_mark_held",
            needs_form=True,
        )
        yield Action(
            "cancel",
            _("Cancel this e-meeting"),
            rule=schedule,
            to=_M.CANCELLED,
            guard=guard,
            service="meetings.services.emeeting_cancel",
        )
        yield Action(
            "upload_minutes",
            _("Upload minutes"),
            rule=minutes,
            when={_M.SCHEDULED, _M.HELD},
            guard=guard,
            service="meetings.services.minutes_upload",
            needs_form=True,
            refusal=_("This e-meeting was cancelled; it has no minutes."),
        )


MEETING_LIFECYCLE = Lifecycle.of(
    "meeting",
    _M,
    {_M.SCHEDULED: {_M.HELD, _M.CANCELLED}},
    actions=list(_emeeting_actions()),
)
_R = Registration.Status
REGISTRATION_LIFECYCLE = Lifecycle.of(
    "registration",
    _R,
    {
        _R.PENDING: {_R.CONFIRMED, _R.DECLINED},
        _R.DECLINED: {_R.CONFIRMED},
        _R.CONFIRMED: {_R.DECLINED},
    },
    actions=[
        Action(
            "confirm",
            _("Confirm"),
            rule="meeting.manage",
            to=_R.CONFIRMED,
            service="meetings.services.registration_confirm",
            on_record=False,
        ),
        Action(
            "decline",
            _("Decline"),
            rule="meeting.manage",
            to=_R.DECLINED,
            service="meetings.services.registration_decline",
            on_record=False,
        ),
    ],
)
