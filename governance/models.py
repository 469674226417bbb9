"""Governance registers: Partners, focal points, mandates, the ToR, decisions and ballots,
Hubs, logo use, external engagement, communication reviews and join requests."""

from __future__ import annotations

import datetime as dt
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from guardian.models import UserObjectPermissionBase
from simple_history.models import HistoricalRecords

from kernel.lifecycle import Action, Lifecycle

TENURE_YEARS = 2  # ToR 28


def add_years(day: dt.date, years: int) -> dt.date:
    """The same calendar day `years` later; 29 February falls back to 28 February."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


class PartnerQuerySet(models.QuerySet):
    @staticmethod
    def current_q(on: dt.date, prefix: str = "") -> Q:
        """A Partner is current from the day it joined up to the day before it left (ToR 12)."""
        return (Q(**{f"{prefix}joined_on__isnull": True}) | Q(**{f"{prefix}joined_on__lte": on})) & (
            Q(**{f"{prefix}left_on__isnull": True}) | Q(**{f"{prefix}left_on__gt": on})
        )

    def current(self, *, on: dt.date | None = None):
        """The Partners on a day (today by default), Annex II."""
        return self.filter(self.current_q(on or timezone.localdate()))


class FocalPointQuerySet(models.QuerySet):
    def current(self, *, on: dt.date | None = None):
        """Current focal points of current Partners on a day (ToR 42, Annex III)."""
        on = on or timezone.localdate()
        return self.filter(
            PartnerQuerySet.current_q(on, "partner__"),
            Q(ended_on__isnull=True) | Q(ended_on__gt=on),
            started_on__lte=on,
        )

    def acting(self, *, on: dt.date | None = None):
        """Current focal points who hold their Partner's grant (act_for_partner): the PARTNER role."""
        granted = PartnerUserObjectPermission.objects.filter(
            user_id=OuterRef("person_id"),
            content_object_id=OuterRef("partner_id"),
            permission__codename="act_for_partner",
        )
        return self.current(on=on).filter(Exists(granted))

    def secretariat(self, *, on: dt.date | None = None):
        """The people who act as the Secretariat: active staff acting for a Secretariat Partner."""
        return self.acting(on=on).filter(
            partner__is_secretariat=True, person__is_staff=True, person__is_active=True
        )


class MandateQuerySet(models.QuerySet):
    def active(self, *, on: dt.date | None = None):
        """Mandates holding the powers on a day (today by default), ToR 28."""
        return self.filter(Mandate.active_q(on or timezone.localdate()))


class Partner(models.Model):
    """A UN agency, entity or programme (ToR 12, Annex II)."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    acronym = models.CharField(_("acronym"), max_length=30, unique=True)
    slug = models.SlugField(_("short name in addresses"), max_length=40, unique=True)
    is_secretariat = models.BooleanField(
        _("Secretariat Partner"),
        default=False,
        help_text=_("ITU, UNECE and UN-Habitat jointly operate the Secretariat (ToR 23)."),
    )
    joined_on = models.DateField(_("joined on"), null=True, blank=True)
    left_on = models.DateField(_("left on"), null=True, blank=True)
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(_("description"), blank=True)

    objects = PartnerQuerySet.as_manager()
    history = HistoricalRecords()

    class Membership(models.TextChoices):
        """The states of PARTNER_LIFECYCLE (not a column: a Partner has left once `left_on` is set)."""

        MEMBER = "member", pgettext_lazy("Partner membership", "Member")
        LEFT = "left", pgettext_lazy("Partner membership", "Left")

    class Meta:
        verbose_name = _("Partner")
        verbose_name_plural = _("Partners")
        ordering = ["acronym"]
        permissions = [("act_for_partner", "Act and vote for this Partner (focal point)")]
        constraints = [
            models.CheckConstraint(
                condition=Q(left_on__isnull=True)
                | Q(joined_on__isnull=True)
                | Q(left_on__gte=models.F("joined_on")),
                name="partner_left_after_joined",
                violation_error_message=_("A Partner cannot leave before it joined."),
            )
        ]

    def __str__(self) -> str:
        return self.acronym

    def is_current(self, on: dt.date | None = None) -> bool:
        on = on or timezone.localdate()
        return (self.joined_on is None or self.joined_on <= on) and (
            self.left_on is None or self.left_on > on
        )

    @property
    def membership(self) -> str:
        return self.Membership.LEFT if self.left_on is not None else self.Membership.MEMBER

    def get_absolute_url(self) -> str:
        return reverse("governance:partner_detail", args=[self.slug])


class PartnerUserObjectPermission(UserObjectPermissionBase):
    content_object = models.ForeignKey(Partner, on_delete=models.CASCADE, verbose_name=_("Partner"))

    class Meta(UserObjectPermissionBase.Meta):
        verbose_name = _("Partner grant")
        verbose_name_plural = _("Partner grants")


class FocalPoint(models.Model):
    """A person who represents a Partner in U4SSC (ToR 42, Annex III)."""

    partner = models.ForeignKey(
        Partner, on_delete=models.PROTECT, related_name="focal_points", verbose_name=_("Partner")
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="focal_points",
        verbose_name=_("person"),
    )
    title = models.CharField(
        _("title"), max_length=200, blank=True, help_text=_("Position in the Partner organisation.")
    )
    is_secretariat_contact = models.BooleanField(
        _("Secretariat contact"),
        default=False,
        help_text=_("Point of contact for the Secretariat (Annex III)."),
    )
    started_on = models.DateField(_("started on"), default=timezone.localdate)
    ended_on = models.DateField(_("ended on"), null=True, blank=True)

    objects = FocalPointQuerySet.as_manager()
    history = HistoricalRecords()

    class Tenure(models.TextChoices):
        """The states of FOCAL_POINT_LIFECYCLE (not a column: ended once `ended_on` is set)."""

        SERVING = "serving", pgettext_lazy("focal point tenure", "Serving")
        ENDED = "ended", pgettext_lazy("focal point tenure", "Ended")

    class Meta:
        verbose_name = _("focal point")
        verbose_name_plural = _("focal points")
        ordering = ["partner__acronym", "person__last_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["partner", "person"],
                condition=Q(ended_on__isnull=True),
                name="one_current_focal_point_per_partner_person",
                violation_error_message=_("This person is already a current focal point of this Partner."),
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=models.F("started_on")),
                name="focal_point_ends_after_start",
                violation_error_message=_("A focal point cannot end before it started."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.partner})"

    @property
    def tenure(self) -> str:
        return self.Tenure.ENDED if self.ended_on is not None else self.Tenure.SERVING

    def is_current(self, on: dt.date | None = None) -> bool:
        on = on or timezone.localdate()
        return self.started_on <= on and (self.ended_on is None or self.ended_on > on)


class Mandate(models.Model):
    """An appointment with tenure (ToR 15, 19, 28, Annex I).

    Powers last from `starts_on` up to the day before `ends_on`: a Chair appointed on
    1 March 2025 holds the powers on 28 February 2027 and not on 1 March 2027.
    """

    class Role(models.TextChoices):
        CHAIR = "chair", _("Chair")
        VICE_CHAIR = "vice_chair", _("Vice-Chair")
        LEADER = "leader", _("Thematic Group Leader")
        IP_LEADER = "ip_leader", _("IP Leader")

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        ACTIVE = "active", _("Active")
        ENDED = "ended", _("Ended early")
        RENEWED = "renewed", _("Renewed")
        DECLINED = "declined", _("Declined by the Secretariat")

    class State(models.TextChoices):
        """The one truthful state of a mandate on a day, from its status and its dates (the admin's
        column and filter): a mandate whose term is over is expired, whatever its stored status."""

        PROPOSED = "proposed", _("Proposed (waiting for the Secretariat)")
        DECLINED = "declined", _("Declined")
        UPCOMING = "upcoming", _("Starts later")
        ACTIVE = "active", _("Active")
        ENDED = "ended", _("Ended early")
        RENEWED = "renewed", _("Renewed (followed by its renewal)")
        EXPIRED = "expired", _("Expired")

    class DecidedBy(models.TextChoices):
        ANNUAL_MEETING = "annual_meeting", _("Annual meeting")
        ELECTRONIC = "electronic", _("Electronic decision of the Partners Board")
        CHAIR_WITH_SECRETARIAT = "chair_secretariat", _("Chair in consultation with the Secretariat")

    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="mandates", verbose_name=_("person")
    )
    thematic_group = models.ForeignKey(
        "thematic_groups.ThematicGroup",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="mandates",
        verbose_name=_("Thematic Group"),
    )
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(
        _("ends on"),
        blank=True,
        help_text=_("First day without the powers; two years after the start by default (ToR 28)."),
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PROPOSED)
    decided_by = models.CharField(_("decided by"), max_length=30, choices=DecidedBy.choices, blank=True)
    decision = models.ForeignKey(
        "governance.Decision",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="mandates",
        verbose_name=_("decision"),
    )
    meeting = models.ForeignKey(
        "meetings.Meeting",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="mandates",
        verbose_name=_("meeting"),
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("proposed by"),
    )
    concurred_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Secretariat member who concurred (Leaders, ToR 19)."),
        verbose_name=_("concurred by"),
    )
    renewal_of = models.OneToOneField(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="renewed_by",
        verbose_name=_("renewal of"),
    )
    ended_on = models.DateField(
        _("ended early on"), null=True, blank=True, help_text=_("Set when a mandate ends before its term.")
    )
    notes = models.TextField(_("notes"), blank=True)

    objects = MandateQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("mandate")
        verbose_name_plural = _("mandates")
        ordering = ["-starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gt=models.F("starts_on")),
                name="mandate_ends_after_start",
                violation_error_message=_("A mandate must end after it starts."),
            ),
            models.CheckConstraint(
                condition=Q(role="leader", thematic_group__isnull=False)
                | (~Q(role="leader") & Q(thematic_group__isnull=True)),
                name="mandate_group_only_for_leaders",
                violation_error_message=_(
                    "A Leader's mandate names its Thematic Group; other mandates do not."
                ),
            ),
        ]
        indexes = [models.Index(fields=["role", "status", "ends_on"])]

    def __str__(self) -> str:
        words = {
            "role": self.get_role_display(),
            "thematic_group": self.thematic_group if self.thematic_group_id else "",
            "person": self.person,
            "starts_on": date_format(self.starts_on, "DATE_FORMAT"),
            "last_day": date_format(self.last_day, "DATE_FORMAT"),
        }
        if self.thematic_group_id:
            return (
                gettext("%(role)s of %(thematic_group)s: %(person)s (%(starts_on)s – %(last_day)s)") % words
            )
        return gettext("%(role)s: %(person)s (%(starts_on)s – %(last_day)s)") % words

    def save(self, *args, **kwargs):
        if not self.ends_on and self.starts_on:
            self.ends_on = add_years(self.starts_on, TENURE_YEARS)
        super().save(*args, **kwargs)

    def clean(self):
        if self.starts_on and self.ends_on and self.ends_on <= self.starts_on:
            raise ValidationError({"ends_on": _("A mandate must end after it starts.")})
        if self.role == self.Role.LEADER and not self.thematic_group_id:
            raise ValidationError({"thematic_group": _("A Leader's mandate names its Thematic Group.")})

    @property
    def last_day(self) -> dt.date:
        end = self.ended_on or self.ends_on
        return end - dt.timedelta(days=1)

    @property
    def is_proposed(self) -> bool:
        """Proposed by the Chair, waiting for the Secretariat's concurrence (ToR 19)."""
        return self.status == self.Status.PROPOSED

    def is_active(self, on: dt.date | None = None) -> bool:
        on = on or timezone.localdate()
        end = self.ended_on or self.ends_on
        return self.status in (self.Status.ACTIVE, self.Status.RENEWED) and self.starts_on <= on < end

    def state(self, on: dt.date | None = None) -> str:
        """The mandate's state on `on` (today by default): see `Mandate.State`."""
        on = on or timezone.localdate()
        S = self.State
        if self.status == self.Status.PROPOSED:
            return S.PROPOSED
        if self.status == self.Status.DECLINED:
            return S.DECLINED
        if self.status == self.Status.ENDED:  # ended early: the powers went that day
            return S.ENDED
        if on < self.starts_on:
            return S.UPCOMING
        if on < self.ends_on:
            return S.ACTIVE
        return S.RENEWED if self.status == self.Status.RENEWED else S.EXPIRED

    @classmethod
    def state_q(cls, state: str, on: dt.date) -> Q:
        """The rows in `state` on `on`, for a filter: the same answer as `state()`, row by row."""
        S, St = cls.State, cls.Status
        held = Q(status__in=[St.ACTIVE, St.RENEWED])
        return {
            S.PROPOSED: Q(status=St.PROPOSED),
            S.DECLINED: Q(status=St.DECLINED),
            S.ENDED: Q(status=St.ENDED),
            S.UPCOMING: held & Q(starts_on__gt=on),
            S.ACTIVE: held & Q(starts_on__lte=on, ends_on__gt=on),
            S.RENEWED: Q(status=St.RENEWED, starts_on__lte=on, ends_on__lte=on),
            S.EXPIRED: Q(status=St.ACTIVE, starts_on__lte=on, ends_on__lte=on),
        }[state]

    @classmethod
    def active_q(cls, on: dt.date) -> Q:
        return Q(status__in=[cls.Status.ACTIVE, cls.Status.RENEWED], starts_on__lte=on, ends_on__gt=on) & (
            Q(ended_on__isnull=True) | Q(ended_on__gt=on)
        )


class ChairAbsence(models.Model):
    """The Secretariat records the Chair as absent; a Vice-Chair then acts for the Chair (ToR 18)."""

    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"), help_text=_("Last day of the absence."))
    acting_vice_chair = models.ForeignKey(
        Mandate,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        limit_choices_to={"role": Mandate.Role.VICE_CHAIR},
        help_text=_("Leave empty for every active Vice-Chair to act."),
        verbose_name=_("acting Vice-Chair"),
    )
    reason = models.CharField(_("reason"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("recorded by"),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Chair absence")
        verbose_name_plural = _("Chair absences")
        ordering = ["-starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")),
                name="chair_absence_ends_after_start",
                violation_error_message=_("An absence cannot end before it starts."),
            )
        ]

    def __str__(self) -> str:
        return gettext("Chair absent %(starts_on)s – %(ends_on)s") % {
            "starts_on": self.starts_on,
            "ends_on": self.ends_on,
        }


class ToRVersion(models.Model):
    """A version of the Terms of Reference as numbered clauses. Exactly one is in force."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        COMMENT_PERIOD = "comment_period", _("Comment period")
        BALLOT = "ballot", _("Ballot")
        IN_FORCE = "in_force", _("In force")
        SUPERSEDED = "superseded", _("Superseded")
        REJECTED = "rejected", _("Rejected")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    number = models.PositiveIntegerField(
        _("number"), unique=True, help_text=_("Version number, in order of drafting.")
    )
    title = models.CharField(_("title"), max_length=200, default="Terms of Reference")
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    based_on = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="revisions",
        verbose_name=_("based on"),
    )
    summary = models.TextField(_("summary"), blank=True, help_text=_("What this revision changes and why."))
    comment_deadline = models.DateTimeField(_("comment deadline"), null=True, blank=True)
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)
    adopted_by_decision = models.ForeignKey(
        "governance.Decision",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("adopted by decision"),
    )
    adopted_note = models.CharField(
        _("adoption note"),
        max_length=300,
        blank=True,
        help_text=_("How it was adopted, if not by a decision here."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name_plural = _("ToR versions")
        ordering = ["-number"]
        verbose_name = _("ToR version")
        constraints = [
            models.UniqueConstraint(
                fields=["status"],
                condition=Q(status="in_force"),
                name="one_tor_version_in_force",
                violation_error_message=_("Only one ToR version can be in force."),
            )
        ]

    def __str__(self) -> str:
        return gettext("ToR version %(number)s (%(status)s)") % {
            "number": self.number,
            "status": self.get_status_display(),
        }

    @property
    def is_in_force(self) -> bool:
        return self.status == self.Status.IN_FORCE

    @property
    def is_superseded(self) -> bool:
        return self.status == self.Status.SUPERSEDED

    @property
    def in_comment_period(self) -> bool:
        return self.status == self.Status.COMMENT_PERIOD

    @property
    def is_public(self) -> bool:
        """In force or superseded: a version anyone may read (every other state is a draft's)."""
        return self.status in (self.Status.IN_FORCE, self.Status.SUPERSEDED)

    @property
    def is_editable(self) -> bool:
        """Its clauses may still change (TOR_LIFECYCLE's "edit" action)."""
        return TOR_LIFECYCLE.offered(TOR_LIFECYCLE.action("edit"), self.status)

    @property
    def page_url(self) -> str:
        """Where it is read: the ToR in force, an earlier version, or a draft (its workspace)."""
        if self.is_in_force:
            return reverse("governance:tor")
        if self.is_superseded:
            return reverse("governance:tor_version", args=[self.number])
        return reverse("governance:tor_draft", args=[self.number])


class Clause(models.Model):
    """A numbered clause or lettered sub-clause of a ToR version.

    `number` is "10" for clause 10, "I" for Annex I paragraphs, "fn1" for footnotes;
    `letter` is "a" for sub-clause 10(a) and empty for the clause itself.
    `key` is stable across versions ("10", "10a") and gives the anchor `clause-10a`.
    """

    class Kind(models.TextChoices):
        CLAUSE = "clause", _("Clause")
        SUBCLAUSE = "subclause", _("Sub-clause")
        PARAGRAPH = "paragraph", _("Paragraph")
        FOOTNOTE = "footnote", _("Footnote")

    tor_version = models.ForeignKey(
        ToRVersion, on_delete=models.CASCADE, related_name="clauses", verbose_name=_("ToR version")
    )
    position = models.PositiveIntegerField(_("position"), help_text=_("Order in the document."))
    section = models.CharField(
        _("section"),
        max_length=200,
        help_text=_('The heading it falls under, e.g. "C. Partners of the U4SSC…".'),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.CLAUSE)
    number = models.CharField(_("number"), max_length=20, blank=True)
    letter = models.CharField(_("letter"), max_length=5, blank=True)
    key = models.CharField(_("key"), max_length=40)
    text = models.TextField(_("text"))
    derived_from = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="derivatives",
        help_text=_("The clause of the earlier version this one was copied from (diffs follow it)."),
        verbose_name=_("derived from"),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("clause")
        verbose_name_plural = _("clauses")
        ordering = ["tor_version", "position"]
        constraints = [
            models.UniqueConstraint(fields=["tor_version", "position"], name="clause_position_unique"),
            models.UniqueConstraint(fields=["tor_version", "key"], name="clause_key_unique"),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        if self.kind == self.Kind.SUBCLAUSE:
            return f"{self.number}({self.letter})"
        if self.kind == self.Kind.FOOTNOTE:
            return gettext("Footnote %(number)s") % {"number": self.number.removeprefix("fn")}
        return self.number or self.key

    @property
    def anchor(self) -> str:
        return f"clause-{self.key}"


class ToRComment(models.Model):
    """A comment on a ToR revision, on one clause or on the whole draft (ToR 13b)."""

    class Handling(models.TextChoices):
        PENDING = "pending", _("Not yet handled")
        ACCEPTED = "accepted", _("Accepted")
        PARTLY = "partly", _("Partly accepted")
        NOT_ACCEPTED = "not_accepted", _("Not accepted")
        NOTED = "noted", _("Noted")

    tor_version = models.ForeignKey(
        ToRVersion, on_delete=models.CASCADE, related_name="comments", verbose_name=_("ToR version")
    )
    clause = models.ForeignKey(
        Clause,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="comments",
        verbose_name=_("clause"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="tor_comments",
        verbose_name=_("author"),
    )
    partner = models.ForeignKey(
        Partner, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("Partner")
    )
    text = models.TextField(_("text"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    handling = models.CharField(
        _("handling"), max_length=20, choices=Handling.choices, default=Handling.PENDING
    )
    handling_note = models.TextField(_("handling note"), blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("handled by"),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name_plural = _("ToR comments")
        ordering = ["created_at"]
        verbose_name = _("ToR comment")

    def __str__(self) -> str:
        where = self.clause.label if self.clause_id else gettext("whole draft")
        return gettext("Comment by %(author)s on %(where)s") % {"author": self.author, "where": where}


class Decision(models.Model):
    """A question put to the Partners Board; one ballot per Partner (ToR 9, 13, 15, 19, 30)."""

    class Kind(models.TextChoices):
        TOR_REVISION = "tor_revision", _("ToR revision")
        CHAIR_APPOINTMENT = "chair_appointment", _("Chair appointment")
        VICE_CHAIR_APPOINTMENT = "vice_chair_appointment", _("Vice-Chair appointment")
        DELIVERABLE_APPROVAL = "deliverable_approval", _("Deliverable approval")
        HUB_APPROVAL = "hub_approval", _("Hub approval")
        WORKPLAN = "workplan", _("Workplan agreement")
        OTHER = "other", _("Other question")

    class Rule(models.TextChoices):
        SIMPLE_MAJORITY = "simple_majority", _("Simple majority of ballots cast, quorum of half the Partners")
        TWO_THIRDS = "two_thirds", _("Two-thirds of ballots cast")
        CONSENSUS = "consensus", _("Consensus (no Partner votes no)")
        SILENCE = "silence", _("Silence procedure (adopted at the deadline unless a Partner objects)")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        OPEN = "open", _("Open for votes")
        CLOSED = "closed", _("Closed")
        CANCELLED = "cancelled", _("Cancelled")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    class Result(models.TextChoices):
        ADOPTED = "adopted", _("Adopted")
        REJECTED = "rejected", _("Rejected")
        NO_QUORUM = "no_quorum", _("Not adopted: no quorum")

    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices, default=Kind.OTHER)
    question = models.CharField(_("question"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    rule = models.CharField(
        _("voting rule"), max_length=20, choices=Rule.choices, default=Rule.SIMPLE_MAJORITY
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    opens_at = models.DateTimeField(_("opens at"), null=True, blank=True)
    deadline = models.DateTimeField(_("deadline"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    result = models.CharField(_("result"), max_length=20, choices=Result.choices, blank=True)
    tally = models.JSONField(
        _("tally"), default=dict, blank=True, help_text=_("Counts computed once at closing.")
    )
    change_note = models.TextField(
        _("change note"),
        blank=True,
        help_text=_(
            "Why the Secretariat last extended or withdrew the ballot (each one is kept in its history)."
        ),
    )
    # What the decision is about (at most one is set).
    tor_version = models.ForeignKey(
        ToRVersion,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="decisions",
        verbose_name=_("ToR version"),
    )
    nomination = models.ForeignKey(
        "governance.Nomination",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="decisions",
        verbose_name=_("nomination"),
    )
    deliverable = models.ForeignKey(
        "thematic_groups.Deliverable",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="decisions",
        verbose_name=_("deliverable"),
    )
    hub = models.ForeignKey(
        "governance.Hub",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="decisions",
        verbose_name=_("Hub"),
    )
    workplan = models.ForeignKey(
        "thematic_groups.Workplan",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="decisions",
        verbose_name=_("workplan"),
    )
    meeting = models.ForeignKey(
        "meetings.Meeting",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="decisions",
        help_text=_("Set when the decision was taken at a meeting rather than electronically."),
        verbose_name=_("meeting"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ["-deadline", "-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(deadline__isnull=True)
                | Q(opens_at__isnull=True)
                | Q(deadline__gt=models.F("opens_at")),
                name="decision_deadline_after_opening",
                violation_error_message=_("The deadline must come after the opening."),
            ),
            models.CheckConstraint(
                condition=~Q(status="closed") | ~Q(result=""),
                name="closed_decision_has_result",
                violation_error_message=_("A closed decision has a result."),
            ),
        ]
        indexes = [models.Index(fields=["status", "deadline"])]

    def __str__(self) -> str:
        return self.question

    def get_absolute_url(self) -> str:
        return reverse("governance:decision_detail", args=[self.pk])

    @property
    def is_closed(self) -> bool:
        return self.status == self.Status.CLOSED

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN

    @property
    def is_withdrawn(self) -> bool:
        return self.status == self.Status.WITHDRAWN

    @property
    def before_deadline(self) -> bool:
        """Open and its deadline not reached: past it, an open ballot is only counted."""
        return self.is_open and (self.deadline is None or timezone.now() < self.deadline)


class Nomination(models.Model):
    """A candidate for Chair or Vice-Chair proposed by a Partner (ToR 13a, 15)."""

    role = models.CharField(
        _("role"),
        max_length=20,
        choices=[(Mandate.Role.CHAIR, _("Chair")), (Mandate.Role.VICE_CHAIR, _("Vice-Chair"))],
    )
    nominee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="nominations",
        verbose_name=_("nominee"),
    )
    nominated_by = models.ForeignKey(
        Partner, on_delete=models.PROTECT, related_name="nominations", verbose_name=_("nominated by")
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("proposed by"),
    )
    statement = models.TextField(_("statement"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("nomination")
        verbose_name_plural = _("nominations")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return gettext("%(nominee)s for %(role)s (nominated by %(partner)s)") % {
            "nominee": self.nominee,
            "role": self.get_role_display(),
            "partner": self.nominated_by,
        }


class Ballot(models.Model):
    """A Partner's vote on a decision. One per Partner, held by a constraint; changes kept in history."""

    class Choice(models.TextChoices):
        YES = "yes", _("Yes")
        NO = "no", _("No")
        ABSTAIN = "abstain", _("Abstain")
        OBJECT = "object", _("Object")

    decision = models.ForeignKey(
        Decision, on_delete=models.PROTECT, related_name="ballots", verbose_name=_("decision")
    )
    partner = models.ForeignKey(
        Partner, on_delete=models.PROTECT, related_name="ballots", verbose_name=_("Partner")
    )
    choice = models.CharField(_("vote"), max_length=10, choices=Choice.choices)
    comment = models.TextField(_("comment"), blank=True)
    cast_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="ballots_cast",
        verbose_name=_("cast by"),
    )
    cast_at = models.DateTimeField(_("cast at"), default=timezone.now)
    receipt_code = models.CharField(_("receipt code"), max_length=32, editable=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("ballot")
        verbose_name_plural = _("ballots")
        ordering = ["partner__acronym"]
        constraints = [
            models.UniqueConstraint(
                fields=["decision", "partner"],
                name="one_ballot_per_partner_per_decision",
                violation_error_message=_("This Partner has already cast a ballot on this decision."),
            )
        ]

    def __str__(self) -> str:
        return gettext("%(partner)s: %(choice)s on %(decision)s") % {
            "partner": self.partner,
            "choice": self.get_choice_display(),
            "decision": self.decision,
        }

    @staticmethod
    def new_receipt_code() -> str:
        return secrets.token_hex(6).upper()


class Hub(models.Model):
    """A U4SSC (Country/City) Hub, approved by the Partners and working with one Partner (ToR 30)."""

    class Status(models.TextChoices):
        REQUESTED = "requested", _("Requested")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")
        CLOSED = "closed", _("Closed")

    name = models.CharField(_("name"), max_length=200)
    country = models.CharField(_("country"), max_length=100)
    city = models.CharField(_("city"), max_length=100, blank=True)
    partner = models.ForeignKey(
        Partner, on_delete=models.PROTECT, related_name="hubs", verbose_name=_("Partner")
    )
    contact = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="hubs",
        verbose_name=_("contact"),
    )
    description = models.TextField(_("description"), blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.REQUESTED)
    approved_on = models.DateField(_("approved on"), null=True, blank=True)
    last_annual_report_on = models.DateField(_("last annual report on"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Hub")
        verbose_name_plural = _("Hubs")
        ordering = ["country", "name"]
        constraints = [
            models.UniqueConstraint(
                Lower("name"),
                Lower("country"),
                condition=Q(status="requested"),
                name="one_open_hub_request_per_name_and_country",
                violation_error_message=_(
                    "A Hub of this name in this country is already waiting for the Partners."
                ),
            )
        ]

    def __str__(self) -> str:
        return self.name

    def validate_constraints(self, exclude=None):
        # The status is read-only in the admin's form, yet one waiting request per name and
        # country depends on it: check it all the same, so a duplicate is a form error, not a 500.
        super().validate_constraints(exclude=set(exclude or ()) - {"status"})

    @property
    def is_approved(self) -> bool:
        return self.status == self.Status.APPROVED

    @property
    def is_requested(self) -> bool:
        """Waiting for the Partners' decision."""
        return self.status == self.Status.REQUESTED


class LogoUseRequest(models.Model):
    """A request to use the U4SSC logo; the Secretariat approves (ToR 29, 36, Annex I)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        APPROVED = "approved", _("Approved")
        REFUSED = "refused", _("Refused")

    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="logo_requests",
        verbose_name=_("requester"),
    )
    organisation = models.CharField(_("organisation"), max_length=200)
    purpose = models.TextField(_("purpose"))
    use_from = models.DateField(_("use from"), null=True, blank=True)
    use_until = models.DateField(_("use until"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PENDING)
    written_agreement = models.BooleanField(
        _("written agreement"),
        default=False,
        help_text=_("Written agreement given (required for the IP Leader)."),
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("logo-use request")
        verbose_name_plural = _("logo-use requests")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return gettext("Logo use by %(organisation)s") % {"organisation": self.organisation}

    @property
    def is_approved(self) -> bool:
        return self.status == self.Status.APPROVED

    @property
    def is_refused(self) -> bool:
        return self.status == self.Status.REFUSED


class ExternalEngagementNotice(models.Model):
    """Advance notice of presenting U4SSC work elsewhere, or of shared work (ToR 37-38)."""

    class Kind(models.TextChoices):
        PRESENTATION = "presentation", _("Presenting U4SSC work at an event (ToR 37)")
        SHARED_WORK = "shared_work", _("Shared or replicated work elsewhere (ToR 38)")

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="engagement_notices",
        verbose_name=_("person"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.PRESENTATION)
    event = models.CharField(_("event"), max_length=200)
    takes_place_on = models.DateField(_("takes place on"), null=True, blank=True)
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("acknowledged by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("external engagement notice")
        verbose_name_plural = _("external engagement notices")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.event} ({self.person})"


class CommunicationReview(models.Model):
    """An official communication or press release reviewed by the Secretariat (ToR 23d)."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted")
        CLEARED = "cleared", _("Cleared")
        CHANGES = "changes", _("Changes requested")

    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("text"))
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("submitted by")
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.SUBMITTED)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("reviewed by"),
    )
    review_note = models.TextField(_("review note"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("communication review")
        verbose_name_plural = _("communication reviews")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title


class JoinRequest(models.Model):
    """A request to join the Initiative, as Partner or participant (ToR 12, 24)."""

    class Kind(models.TextChoices):
        PARTNER = "partner", _("UN agency, entity or programme wishing to become a Partner")
        PARTICIPANT = "participant", _("Expert wishing to participate")

    class Status(models.TextChoices):
        NEW = "new", _("New")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("email address"))
    organisation = models.CharField(_("organisation"), max_length=200)
    message = models.TextField(_("message"), blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.NEW)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("handled by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("join request")
        verbose_name_plural = _("join requests")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_kind_display()})"


# Lifecycles: what may happen now to a record (kernel/lifecycle.py) --------------------------
# Each table says which states follow which, and the actions a person may take in each state
# (state × rulebook, `LIFECYCLE.available(record, person)`); pages render buttons from that
# answer and services move records with `kernel.lifecycle.transition(...)`. The governance rules
# are not scoped to one record (the Secretariat's, the Board's), hence `on_record=False`.

_GOV = "governance.services."
_P = Partner.Membership
# A Partner leaves through `partner_leave` (its focal points end that day and are told, ToR 12).
PARTNER_LIFECYCLE = Lifecycle.of(
    pgettext_lazy("lifecycle name", "Partner"),
    _P,
    {_P.MEMBER: {_P.LEFT}},
    field="membership",
    actions=[
        Action(
            "leave",
            _("Record leaving"),
            rule="registers.keep",
            to=_P.LEFT,
            service=_GOV + "partner_leave",
            refusal=_("The Partner has already left."),
            needs_form=True,
            on_record=False,
        ),
    ],
)

_F = FocalPoint.Tenure
# A focal point ends through `focal_point_end` (the Partner's powers go at once; the person is told).
FOCAL_POINT_LIFECYCLE = Lifecycle.of(
    pgettext_lazy("lifecycle name", "focal point"),
    _F,
    {_F.SERVING: {_F.ENDED}},
    field="tenure",
    actions=[
        Action(
            "end",
            _("End this focal point"),
            rule="registers.keep",
            to=_F.ENDED,
            service=_GOV + "focal_point_end",
            on_record=False,
            refusal=_("This focal point has already ended."),
        ),
    ],
)

_T = ToRVersion.Status
TOR_LIFECYCLE = Lifecycle.of(
    pgettext_lazy("lifecycle name", "ToR version"),
    _T,
    {
        _T.DRAFT: {_T.COMMENT_PERIOD, _T.BALLOT, _T.WITHDRAWN},
        _T.COMMENT_PERIOD: {_T.BALLOT, _T.WITHDRAWN},
        _T.BALLOT: {_T.IN_FORCE, _T.REJECTED, _T.DRAFT},  # back to draft when its ballot is withdrawn
        _T.IN_FORCE: {_T.SUPERSEDED},
    },
    actions=[
        Action(
            "edit",
            _("Edit the clauses"),
            rule="tor.propose_revision",
            when={_T.DRAFT, _T.COMMENT_PERIOD},
            service=_GOV + "clause_edit",
            needs_form=True,
            on_record=False,
            refusal=_("A ToR version that is {state} can no longer be edited."),
        ),
        Action(
            "comment_period",
            _("Open the comment period or change its deadline"),
            rule="tor.propose_revision",
            when={_T.DRAFT, _T.COMMENT_PERIOD},
            service=_GOV + "tor_comment_period_open",
            needs_form=True,
            on_record=False,
            refusal=_("A ToR version that is {state} takes no comment period."),
        ),
        Action(
            "ballot",
            _("Put to a ballot"),
            rule="tor.propose_revision",
            to=_T.BALLOT,
            service=_GOV + "decision_open",
            needs_form=True,
            on_record=False,
        ),
        Action(
            "withdraw",
            _("Withdraw this draft"),
            rule="tor.propose_revision",
            to=_T.WITHDRAWN,
            service=_GOV + "tor_revision_withdraw",
            refusal=_("Only a draft not yet on the ballot is withdrawn (this version: {state})."),
            on_record=False,
        ),
        Action(
            "comment",
            _("Comment"),
            rule="tor.comment",
            when={_T.COMMENT_PERIOD},
            service=_GOV + "tor_comment_add",
            needs_form=True,
            on_record=False,
            refusal=_("This draft is not open for comments."),
        ),
    ],
)

_D = Decision.Status


def _before_deadline(decision: Decision) -> bool:
    return decision.before_deadline


DECISION_LIFECYCLE = Lifecycle.of(
    pgettext_lazy("lifecycle name", "decision"),
    _D,
    {
        _D.DRAFT: {_D.OPEN, _D.CANCELLED},
        # OPEN -> OPEN: the deadline extended; WITHDRAWN: the Secretariat took the question back.
        _D.OPEN: {_D.OPEN, _D.CLOSED, _D.WITHDRAWN},
    },
    actions=[
        # Past its deadline an open ballot is only counted (by the job, or "Close and count").
        Action(
            "remind",
            _("Remind the Partners that have not voted"),
            rule="decision.remind",
            when={_D.OPEN},
            guard=_before_deadline,
            needs_form=True,  # reminders.services.ballot_remind_non_voters (an app above this one)
            on_record=False,
        ),
        Action(
            "extend",
            _("Extend the deadline"),
            rule="decision.extend",
            when={_D.OPEN},
            guard=_before_deadline,
            service=_GOV + "decision_extend",
            refusal=_("Only an open ballot is extended (this one: {state})."),
            needs_form=True,
            on_record=False,
        ),
        Action(
            "withdraw",
            _("Withdraw the ballot"),
            rule="decision.withdraw",
            to=_D.WITHDRAWN,
            guard=_before_deadline,
            service=_GOV + "decision_withdraw",
            refusal=_("Only an open ballot is withdrawn (this one: {state})."),
            needs_form=True,
            on_record=False,
        ),
        Action(
            "close",
            _("Close and count"),
            rule="decision.close",
            to=_D.CLOSED,
            service=_GOV + "decision_close",
            refusal=_("Only an open ballot is closed and counted (this one: {state})."),
            on_record=False,
        ),
    ],
)


class PartnerBallot:
    """One Partner's place on a decision's ballot, as its focal points see it: the decision, the
    Partner and whether it has voted. Not a table: the record BALLOT_LIFECYCLE answers for (a
    Ballot row exists only once the Partner voted). Its state is the decision's; the rulebook reads
    it as the Partner's (the vote is the Partner's, cast by any of its focal points)."""

    def __init__(self, decision: Decision, partner_id: int, *, voted: bool):
        self.decision, self.partner_id, self.voted = decision, partner_id, voted

    @property
    def status(self) -> str:
        return self.decision.status

    def rulebook_target(self):
        from governance.rulebook import Target  # the rulebook reads these models

        return Target(partner_id=self.partner_id)


def _may_cast(place: PartnerBallot) -> bool:
    return not place.voted and place.decision.before_deadline


def _may_change(place: PartnerBallot) -> bool:
    return place.voted and place.decision.before_deadline


# A Partner votes on an open ballot until its deadline, and may change its vote until then (ToR 9,
# 13b): `ballot_cast` does both. The transitions are the decision's (the ballot moves nothing).
BALLOT_LIFECYCLE = Lifecycle.of(
    pgettext_lazy("lifecycle name", "ballot"),
    _D,
    {},
    actions=[
        Action(
            "vote",
            _("Cast vote"),
            rule="decision.vote",
            when={_D.OPEN},
            guard=_may_cast,
            service=_GOV + "ballot_cast",
            needs_form=True,
        ),
        Action(
            "change_vote",
            _("Change vote"),
            rule="decision.vote",
            when={_D.OPEN},
            guard=_may_change,
            service=_GOV + "ballot_cast",
            needs_form=True,
        ),
    ],
)

_M = Mandate.Status
MANDATE_LIFECYCLE = Lifecycle.of(
    pgettext_lazy("lifecycle name", "mandate"),
    _M,
    {
        _M.PROPOSED: {_M.ACTIVE, _M.DECLINED, _M.ENDED},
        _M.ACTIVE: {_M.ENDED, _M.RENEWED},
    },
    actions=[
        # A Leader proposed by the Chair: the Secretariat concurs or declines (ToR 19).
        Action(
            "concur",
            _("Concur"),
            rule="mandate.concur_leader",
            to=_M.ACTIVE,
            service=_GOV + "mandate_concur",
            refusal=_("Only a proposed Leader mandate is concurred with (this one: {state})."),
            on_record=False,
        ),
        Action(
            "decline",
            _("Decline"),
            rule="mandate.concur_leader",
            to=_M.DECLINED,
            service=_GOV + "mandate_decline",
            refusal=_("Only a proposed Leader mandate is declined (this one: {state})."),
            needs_form=True,
            on_record=False,
        ),
        Action(
            "end",
            _("End early"),
            rule="registers.keep",
            to=_M.ENDED,
            service=_GOV + "mandate_end",
            refusal=_("Only a proposed or active mandate is ended early (this one: {state})."),
            on_record=False,
        ),
        Action(
            "renew",
            _("Renew"),
            rule="registers.keep",
            to=_M.RENEWED,
            service=_GOV + "mandate_renew",
            refusal=_("Only an active mandate is renewed (this one: {state})."),
            needs_form=True,
            on_record=False,
        ),
    ],
)

_L = LogoUseRequest.Status
LOGO_USE_LIFECYCLE = Lifecycle.of(
    pgettext_lazy("lifecycle name", "logo-use request"),
    _L,
    {_L.PENDING: {_L.APPROVED, _L.REFUSED}},
    actions=[
        Action(
            "approve",
            _("Approve"),
            rule="logo.approve",
            to=_L.APPROVED,
            service=_GOV + "logo_use_approve",
            refusal=_("This request was already decided (now: {state})."),
            on_record=False,
        ),
        Action(
            "refuse",
            _("Refuse"),
            rule="logo.approve",
            to=_L.REFUSED,
            service=_GOV + "logo_use_refuse",
            refusal=_("This request was already decided (now: {state})."),
            on_record=False,
        ),
    ],
)

_H = Hub.Status
# Requested -> approved or rejected follows the Partners Board's hub_approval decision
# (`hub_record_decision`, no person's action): the Secretariat puts a requested Hub to the Board
# (a hub_approval ballot, decision_open) and records that an approved Hub closed.
HUB_LIFECYCLE = Lifecycle.of(
    pgettext_lazy("lifecycle name", "Hub"),
    _H,
    {_H.REQUESTED: {_H.APPROVED, _H.REJECTED}, _H.APPROVED: {_H.CLOSED}},
    actions=[
        Action(
            "put_to_board",
            _("Put this Hub to the Partners Board (ToR 30)"),
            rule="decision.open",
            when={_H.REQUESTED},
            service=_GOV + "decision_open",
            needs_form=True,
            on_record=False,
        ),
        Action(
            "close",
            _("Record that the Hub closed"),
            rule="registers.keep",
            to=_H.CLOSED,
            service=_GOV + "hub_close",
            refusal=_("Only an approved Hub is recorded as closed (this one: {state})."),
            on_record=False,
        ),
    ],
)
