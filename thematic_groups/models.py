"""Thematic Groups, their working groups and members, deliverables and the workplan (ToR 10, 19-22)."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from guardian.models import UserObjectPermissionBase
from simple_history.models import HistoricalRecords

from kernel.bounds import COMMENT_MAX_CHARS
from kernel.lifecycle import Action, Lifecycle


class ThematicGroup(models.Model):
    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        CLOSED = "closed", _("Closed")

    title = models.CharField(_("title"), max_length=250, unique=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    objectives = models.TextField(_("objectives"), blank=True)
    scope = models.TextField(_("scope"), blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.ACTIVE)
    started_on = models.DateField(_("started on"), null=True, blank=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        through="Membership",
        related_name="thematic_groups",
        blank=True,
        verbose_name=_("members"),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Thematic Group")
        verbose_name_plural = _("Thematic Groups")
        ordering = ["title"]
        permissions = [("lead_group", "Lead this Thematic Group")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("thematic_groups:group_detail", args=[self.slug])

    @property
    def is_closed(self) -> bool:
        return self.status == self.Status.CLOSED


class ThematicGroupUserObjectPermission(UserObjectPermissionBase):
    content_object = models.ForeignKey(
        ThematicGroup, on_delete=models.CASCADE, verbose_name=_("Thematic Group")
    )

    class Meta(UserObjectPermissionBase.Meta):
        verbose_name = _("permission on a Thematic Group")
        verbose_name_plural = _("permissions on Thematic Groups")


class WorkingGroup(models.Model):
    """A working group inside a Thematic Group (MR 3.5 shows four in City Platforms)."""

    thematic_group = models.ForeignKey(
        ThematicGroup,
        on_delete=models.CASCADE,
        related_name="working_groups",
        verbose_name=_("Thematic Group"),
    )
    number = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=250)
    description = models.TextField(_("description"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("working group")
        verbose_name_plural = _("working groups")
        ordering = ["thematic_group", "number"]
        constraints = [
            models.UniqueConstraint(fields=["thematic_group", "number"], name="working_group_number_unique")
        ]

    def __str__(self) -> str:
        return f"WG{self.number}: {self.title}"


class Membership(models.Model):
    thematic_group = models.ForeignKey(
        ThematicGroup, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("Thematic Group")
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="group_memberships",
        verbose_name=_("person"),
    )
    working_group = models.ForeignKey(
        WorkingGroup,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="memberships",
        verbose_name=_("working group"),
    )
    joined_on = models.DateField(_("joined on"), default=timezone.localdate)
    left_on = models.DateField(_("left on"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["thematic_group", "person__last_name"]
        constraints = [
            models.UniqueConstraint(fields=["thematic_group", "person"], name="one_membership_per_group")
        ]

    def __str__(self) -> str:
        return gettext("%(person)s in %(thematic_group)s") % {
            "person": self.person,
            "thematic_group": self.thematic_group,
        }


def public_pdf_upload_to(instance: Deliverable, filename: str) -> str:
    return f"published/{instance.pk}/{filename}"


class Deliverable(models.Model):
    """A report, study, policy paper… produced by a Thematic Group (ToR 19-20, MR 3.6)."""

    class Type(models.TextChoices):
        REPORT = "report", _("Report")
        STUDY = "study", _("Study")
        POLICY_PAPER = "policy_paper", _("Policy paper")
        GUIDELINE = "guideline", _("Guideline")
        FRAMEWORK = "framework", _("Framework")
        ISSUE_PAPER = "issue_paper", _("Issue paper")
        CASE_STUDY = "case_study", _("Case study")
        OTHER = "other", _("Other")

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        APPROVED = "approved", _("Approved")
        DRAFTING = "drafting", _("Drafting")
        FINAL_DRAFT = "final_draft", _("Final draft")
        EDITORIAL_REVIEW = "editorial_review", _("Editorial review")
        PUBLISHED = "published", _("Published")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    thematic_group = models.ForeignKey(
        ThematicGroup, on_delete=models.PROTECT, related_name="deliverables", verbose_name=_("Thematic Group")
    )
    working_group = models.ForeignKey(
        WorkingGroup,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="deliverables",
        verbose_name=_("working group"),
    )
    title = models.CharField(_("title"), max_length=300)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    type = models.CharField(_("type"), max_length=20, choices=Type.choices, default=Type.REPORT)
    summary = models.TextField(
        _("summary"), blank=True, help_text=_("Abstract shown in lists and search results.")
    )
    objectives = models.TextField(_("objectives"), blank=True)
    scope = models.TextField(_("scope"), blank=True)
    body = models.TextField(_("published text"), blank=True, help_text=_("The published text (web version)."))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PROPOSED)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("proposed by"),
    )
    proposed_on = models.DateField(_("proposed on"), default=timezone.localdate)
    starts_on = models.DateField(
        _("starts on"), null=True, blank=True, help_text=_("Planned start of the work.")
    )
    final_draft_due = models.DateField(_("final draft due"), null=True, blank=True)
    final_review_deadline = models.DateTimeField(
        _("end of the final-draft review"),
        null=True,
        blank=True,
        help_text=_("End of the final-draft review."),
    )
    publication_due = models.DateField(_("publication due"), null=True, blank=True)
    approved_on = models.DateField(_("approved on"), null=True, blank=True)
    approval_decision = models.ForeignKey(
        "governance.Decision",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The Partners Board decision that approved it (ToR 19)."),
        verbose_name=_("approving decision"),
    )
    approval_meeting = models.ForeignKey(
        "meetings.Meeting",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The annual meeting that approved it (ToR 19)."),
        verbose_name=_("approving meeting"),
    )
    drafting_started_on = models.DateField(_("drafting started on"), null=True, blank=True)
    final_draft_on = models.DateField(_("final draft on"), null=True, blank=True)
    editorial_review_on = models.DateField(_("editorial review started on"), null=True, blank=True)
    published_on = models.DateField(_("published on"), null=True, blank=True)
    edition = models.PositiveIntegerField(
        _("edition"),
        default=0,
        help_text=_("How many times it has been published; a new edition gets a new PDF."),
    )
    public_pdf = models.FileField(upload_to=public_pdf_upload_to, blank=True, editable=False)
    public_pdf_edition = models.PositiveIntegerField(
        default=0, editable=False, help_text=_("The edition the cached public PDF was rendered from.")
    )
    # What the published edition says, language-neutral (services.edition_facts): the PDF in each
    # reader's language is rendered from it, so the edition stays as published.
    published_snapshot = models.JSONField(null=True, blank=True, editable=False)
    withdrawn_on = models.DateField(_("withdrawn on"), null=True, blank=True)
    withdrawal_note = models.TextField(_("withdrawal note"), blank=True)
    team = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        through="TeamMember",
        related_name="deliverables",
        blank=True,
        verbose_name=_("team"),
    )

    history = HistoricalRecords(excluded_fields=["published_snapshot"])  # kept on the deliverable

    class Meta:
        verbose_name = _("deliverable")
        verbose_name_plural = _("deliverables")
        ordering = ["-published_on", "-proposed_on", "title"]
        permissions = [("work_on_deliverable", "Member of this deliverable's team")]
        indexes = [models.Index(fields=["status", "-published_on"])]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="published") | Q(published_on__isnull=False),
                name="published_deliverable_has_date",
                violation_error_message=_("A published deliverable has a publication date."),
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("thematic_groups:deliverable_detail", args=[self.slug])

    @property
    def is_public(self) -> bool:
        """Published, or withdrawn after publication (the URL stays with a notice)."""
        return self.status == self.Status.PUBLISHED or (
            self.status == self.Status.WITHDRAWN and self.published_on is not None
        )

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    @property
    def is_withdrawn(self) -> bool:
        return self.status == self.Status.WITHDRAWN

    @property
    def is_final_draft(self) -> bool:
        """Comments are factual or editorial only (MR 3.6)."""
        return self.status == self.Status.FINAL_DRAFT

    @property
    def stages(self) -> list[tuple[str, bool]]:
        """The workflow as (label, is the current stage); "Withdrawn" only once it happened."""
        return [
            (label, value == self.status)
            for value, label in self.Status.choices
            if value != self.Status.WITHDRAWN or self.is_withdrawn
        ]


class DeliverableUserObjectPermission(UserObjectPermissionBase):
    content_object = models.ForeignKey(Deliverable, on_delete=models.CASCADE, verbose_name=_("deliverable"))

    class Meta(UserObjectPermissionBase.Meta):
        verbose_name = _("permission on a deliverable")
        verbose_name_plural = _("permissions on deliverables")


class TeamMember(models.Model):
    class Role(models.TextChoices):
        AUTHOR = "author", _("Author")
        EDITOR = "editor", _("Editor")
        CONTRIBUTOR = "contributor", _("Contributor")

    deliverable = models.ForeignKey(
        Deliverable, on_delete=models.CASCADE, related_name="team_members", verbose_name=_("deliverable")
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="team_memberships",
        verbose_name=_("person"),
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.CONTRIBUTOR)
    joined_on = models.DateField(_("joined on"), default=timezone.localdate)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("team member")
        verbose_name_plural = _("team members")
        ordering = ["deliverable", "role", "person__last_name"]
        constraints = [models.UniqueConstraint(fields=["deliverable", "person"], name="one_team_membership")]

    def __str__(self) -> str:
        return gettext("%(person)s (%(role)s) on %(deliverable)s") % {
            "person": self.person,
            "role": self.get_role_display(),
            "deliverable": self.deliverable,
        }


def deliverable_upload_to(instance: DeliverableVersion, filename: str) -> str:
    return f"deliverables/{instance.deliverable_id}/{instance.number}/{filename}"


class DeliverableVersion(models.Model):
    """A version of a deliverable's document. Files live in private storage."""

    deliverable = models.ForeignKey(
        Deliverable, on_delete=models.CASCADE, related_name="versions", verbose_name=_("deliverable")
    )
    number = models.PositiveIntegerField(_("number"))
    file = models.FileField(_("file"), upload_to=deliverable_upload_to)
    content_type = models.CharField(_("content type"), max_length=100)
    size = models.PositiveBigIntegerField(_("size (bytes)"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    is_final = models.BooleanField(
        _("final version"), default=False, help_text=_("The version that is (or will be) published.")
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), default=timezone.now)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("deliverable version")
        verbose_name_plural = _("deliverable versions")
        ordering = ["deliverable", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["deliverable", "number"], name="deliverable_version_number_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.deliverable} v{self.number}"


class DeliverableComment(models.Model):
    """A comment on a draft. On a final draft only factual or editorial comments (MR 3.6)."""

    class Kind(models.TextChoices):
        SUBSTANTIVE = "substantive", _("Substantive input")
        FACTUAL = "factual", _("Factual correction")
        EDITORIAL = "editorial", _("Editorial oversight")

    deliverable = models.ForeignKey(
        Deliverable, on_delete=models.CASCADE, related_name="comments", verbose_name=_("deliverable")
    )
    version = models.ForeignKey(
        DeliverableVersion,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="comments",
        verbose_name=_("version commented on"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="deliverable_comments",
        verbose_name=_("author"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.SUBSTANTIVE)
    location = models.CharField(
        _("where in the document"),
        max_length=200,
        blank=True,
        help_text=_("Where in the document: a section, page or paragraph (drafts are files, not clauses)."),
    )
    text = models.TextField(
        _("text"), max_length=COMMENT_MAX_CHARS, validators=[MaxLengthValidator(COMMENT_MAX_CHARS)]
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    resolution = models.TextField(_("resolution"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("comment on a deliverable")
        verbose_name_plural = _("comments on deliverables")
        ordering = ["created_at"]

    def __str__(self) -> str:
        return gettext("%(kind)s by %(author)s on %(deliverable)s") % {
            "kind": self.get_kind_display(),
            "author": self.author,
            "deliverable": self.deliverable,
        }


class CallForExperts(models.Model):
    """A Leader's call for experts for a deliverable (ToR 20c)."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")

    deliverable = models.ForeignKey(
        Deliverable, on_delete=models.CASCADE, related_name="calls", verbose_name=_("deliverable")
    )
    title = models.CharField(_("title"), max_length=250)
    description = models.TextField(_("description"))
    expertise_sought = models.TextField(_("expertise sought"), blank=True)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("opened by"),
    )
    opens_on = models.DateField(_("opens on"), default=timezone.localdate)
    closes_on = models.DateField(_("closes on"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.OPEN)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("call for experts")
        verbose_name_plural = _("calls for experts")
        ordering = ["-opens_on"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("thematic_groups:call_detail", args=[self.pk])

    @property
    def is_open(self) -> bool:
        """Taking applications: open and not past its closing day."""
        return self.status == self.Status.OPEN and self.closes_on >= timezone.localdate()


class ExpertApplication(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Pending vetting")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")

    call = models.ForeignKey(
        CallForExperts,
        on_delete=models.CASCADE,
        related_name="applications",
        verbose_name=_("call for experts"),
    )
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="expert_applications",
        verbose_name=_("applicant"),
    )
    motivation = models.TextField(_("motivation"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PENDING)
    vetted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("vetted by"),
    )
    vetted_on = models.DateField(_("vetted on"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("expert application")
        verbose_name_plural = _("expert applications")
        ordering = ["-created_at"]
        constraints = [models.UniqueConstraint(fields=["call", "applicant"], name="one_application_per_call")]

    def __str__(self) -> str:
        return f"{self.applicant} → {self.call}"

    @property
    def is_pending(self) -> bool:
        return self.status == self.Status.PENDING


class ContributionSignup(models.Model):
    """A participant signs up to contribute to a deliverable; Leader and Secretariat are told (ToR 22a)."""

    deliverable = models.ForeignKey(
        Deliverable, on_delete=models.CASCADE, related_name="signups", verbose_name=_("deliverable")
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="contribution_signups",
        verbose_name=_("person"),
    )
    message = models.TextField(_("message"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("contribution sign-up")
        verbose_name_plural = _("contribution sign-ups")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["deliverable", "person"], name="one_signup_per_deliverable")
        ]

    def __str__(self) -> str:
        return f"{self.person} → {self.deliverable}"


def workplan_pdf_upload_to(instance: Workplan, filename: str) -> str:
    return f"workplans/{instance.pk}/{filename}"


class Workplan(models.Model):
    """The U4SSC workplan (ToR 10): compiled, reviewed by the MT, presented, agreed."""

    class Status(models.TextChoices):
        COMPILING = "compiling", _("Compiling inputs")
        MT_REVIEW = "mt_review", _("Management Team review")
        PRESENTED = "presented", _("Presented at the annual meeting")
        AGREED = "agreed", _("Agreed by the Partners")

    title = models.CharField(_("title"), max_length=200)
    period = models.CharField(_("period"), max_length=40, help_text=_('e.g. "2020-2021"'))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.COMPILING)
    inputs_deadline = models.DateTimeField(_("deadline for inputs"), null=True, blank=True)
    compiled_on = models.DateField(_("compiled on"), null=True, blank=True)
    reviewed_on = models.DateField(_("reviewed on"), null=True, blank=True)
    presented_on = models.DateField(_("presented on"), null=True, blank=True)
    agreed_on = models.DateField(_("agreed on"), null=True, blank=True)
    presented_at = models.ForeignKey(
        "meetings.Meeting",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("presented at (meeting)"),
    )
    review_note = models.TextField(_("review note"), blank=True, help_text=_("The Management Team's review."))
    agreed_note = models.CharField(
        _("how it was agreed"),
        max_length=300,
        blank=True,
        help_text=_("How the Partners agreed it (meeting or decision)."),
    )
    pdf = models.FileField(upload_to=workplan_pdf_upload_to, blank=True, editable=False)
    # What the agreed workplan says, language-neutral (services.workplan_facts): the PDF in each
    # reader's language is rendered from it.
    agreed_snapshot = models.JSONField(null=True, blank=True, editable=False)

    history = HistoricalRecords(excluded_fields=["agreed_snapshot"])  # kept on the workplan

    class Meta:
        verbose_name = _("workplan")
        verbose_name_plural = _("workplans")
        ordering = ["-period"]

    def __str__(self) -> str:
        return self.title

    @property
    def is_agreed(self) -> bool:
        return self.status == self.Status.AGREED

    @property
    def stage_reached_on(self):
        """The day it reached its current stage (sent for review, presented, agreed), if any."""
        return {
            self.Status.MT_REVIEW: self.compiled_on,
            self.Status.PRESENTED: self.presented_on,
            self.Status.AGREED: self.agreed_on,
        }.get(self.status)


class WorkplanItem(models.Model):
    class Kind(models.TextChoices):
        DELIVERABLE = "deliverable", _("Deliverable")
        ACTIVITY = "activity", _("Activity")
        EVENT = "event", _("Event")

    workplan = models.ForeignKey(
        Workplan, on_delete=models.CASCADE, related_name="items", verbose_name=_("workplan")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.DELIVERABLE)
    deliverable = models.ForeignKey(
        Deliverable,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="workplan_items",
        verbose_name=_("deliverable"),
    )
    thematic_group = models.ForeignKey(
        ThematicGroup,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("Thematic Group"),
    )
    title = models.CharField(_("title"), max_length=300)
    owner = models.CharField(_("owner"), max_length=200, blank=True, help_text=_("Who is responsible."))
    starts_on = models.DateField(_("starts on"), null=True, blank=True)
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    position = models.PositiveIntegerField(_("position"), default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("workplan item")
        verbose_name_plural = _("workplan items")
        ordering = ["workplan", "position", "starts_on"]

    def __str__(self) -> str:
        return self.title


class WorkplanInput(models.Model):
    """An input to the workplan by a Partner, a Leader or the IP Leader (ToR 10a)."""

    workplan = models.ForeignKey(
        Workplan, on_delete=models.CASCADE, related_name="inputs", verbose_name=_("workplan")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("author")
    )
    capacity = models.CharField(
        _("capacity"),
        max_length=200,
        blank=True,
        help_text=_('In which role it was given, e.g. "Partner (WMO)".'),
    )
    text = models.TextField(
        _("text"), max_length=COMMENT_MAX_CHARS, validators=[MaxLengthValidator(COMMENT_MAX_CHARS)]
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("workplan input")
        verbose_name_plural = _("workplan inputs")
        ordering = ["created_at"]

    def __str__(self) -> str:
        return gettext("Input by %(author)s to %(workplan)s") % {
            "author": self.author,
            "workplan": self.workplan,
        }


# Lifecycles: the states, the moves between them, and what may be done in each (kernel/lifecycle.py).
# Each action names its rulebook action and the service that performs it; pages render their
# buttons from `LIFECYCLE.available(record, person)`.


def render_upload_to(instance: PdfRender, filename: str) -> str:
    return f"published/renders/{instance.language}/{filename}"


class PdfRender(models.Model):
    """A published deliverable edition's or an agreed workplan's PDF in a language other than
    English (issue 13), rendered from what was published on the first request in that language
    and kept; cached by the version of what went into it (which includes the language). The
    English PDF is the record's own (`Deliverable.public_pdf`, `Workplan.pdf`)."""

    deliverable = models.ForeignKey(
        Deliverable,
        null=True,
        on_delete=models.CASCADE,
        related_name="renders",
        verbose_name=_("deliverable"),
    )
    workplan = models.ForeignKey(
        Workplan, null=True, on_delete=models.CASCADE, related_name="renders", verbose_name=_("workplan")
    )
    language = models.CharField(_("language"), max_length=10)
    content_version = models.CharField(_("content version"), max_length=64)
    file = models.FileField(_("file"), upload_to=render_upload_to)
    size = models.PositiveBigIntegerField(_("size (bytes)"))
    rendered_at = models.DateTimeField(_("rendered at"), auto_now_add=True)

    class Meta:
        verbose_name = _("rendered PDF")
        verbose_name_plural = _("rendered PDFs")
        constraints = [
            models.UniqueConstraint(
                fields=["deliverable", "content_version"], name="pdf_render_deliverable_unique"
            ),
            models.UniqueConstraint(
                fields=["workplan", "content_version"], name="pdf_render_workplan_unique"
            ),
            models.CheckConstraint(
                condition=Q(deliverable__isnull=False, workplan__isnull=True)
                | Q(deliverable__isnull=True, workplan__isnull=False),
                name="pdf_render_of_one_record",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.deliverable or self.workplan} ({self.language}, {self.content_version[:8]})"


_D = Deliverable.Status
_SERVICES = "thematic_groups.services."
DRAFT_STATES = (_D.PROPOSED, _D.APPROVED, _D.DRAFTING, _D.FINAL_DRAFT)
UPLOAD_STATES = (_D.APPROVED, _D.DRAFTING, _D.FINAL_DRAFT, _D.EDITORIAL_REVIEW)
DELIVERABLE_LIFECYCLE = Lifecycle.of(
    "deliverable",
    _D,
    {
        _D.PROPOSED: {_D.APPROVED, _D.WITHDRAWN},
        _D.APPROVED: {_D.DRAFTING, _D.WITHDRAWN},
        _D.DRAFTING: {_D.FINAL_DRAFT, _D.WITHDRAWN},
        _D.FINAL_DRAFT: {_D.EDITORIAL_REVIEW, _D.DRAFTING, _D.WITHDRAWN},
        _D.EDITORIAL_REVIEW: {_D.PUBLISHED, _D.FINAL_DRAFT, _D.WITHDRAWN},
        _D.PUBLISHED: {_D.WITHDRAWN},
    },
    actions=[
        Action(
            "approve",
            _("Record the approval"),
            rule="deliverable.record_approval",
            to=_D.APPROVED,
            service=_SERVICES + "deliverable_record_approval",
            needs_form=True,
        ),
        Action(
            "start_drafting",
            _("Start drafting"),
            rule="deliverable.manage",
            to=_D.DRAFTING,
            when={_D.APPROVED},
            service=_SERVICES + "deliverable_start_drafting",
        ),
        Action(
            "final_draft",
            _("Mark the latest version as final draft"),
            rule="deliverable.manage",
            to=_D.FINAL_DRAFT,
            when={_D.DRAFTING},
            service=_SERVICES + "deliverable_mark_final_draft",
            needs_form=True,
        ),
        Action(
            "return_to_drafting",
            _("Return to drafting"),
            rule="deliverable.manage",
            to=_D.DRAFTING,
            when={_D.FINAL_DRAFT},
            service=_SERVICES + "deliverable_return_to_drafting",
        ),
        Action(
            "editorial_review",
            _("Start the editorial review"),
            rule="deliverable.editorial_review",
            to=_D.EDITORIAL_REVIEW,
            service=_SERVICES + "deliverable_start_editorial_review",
        ),
        Action(
            "publish",
            _("Publish"),
            rule="deliverable.publish",
            to=_D.PUBLISHED,
            service=_SERVICES + "deliverable_publish",
        ),
        Action(
            "withdraw",
            _("Withdraw the deliverable"),
            rule="deliverable.withdraw",
            to=_D.WITHDRAWN,
            service=_SERVICES + "deliverable_withdraw",
            needs_form=True,
        ),
        # Acting within a state: the text, drafts, comments, calls, the team.
        Action(
            "edit_text",
            _("Edit the summary and the published text"),
            rule="deliverable.manage",
            when=DRAFT_STATES,
            service=_SERVICES + "deliverable_update_text",
            needs_form=True,
            refusal=_("The text of a {state} deliverable cannot change."),
        ),
        Action(
            "edit_text",
            _("Edit the summary and the published text"),
            rule="deliverable.editorial_review",
            when={_D.EDITORIAL_REVIEW},
            service=_SERVICES + "deliverable_update_text",
            needs_form=True,
            refusal=_("The text of a {state} deliverable cannot change."),
        ),
        Action(
            "upload",
            _("Upload a new version"),
            rule="deliverable.upload_draft",
            when=UPLOAD_STATES,
            service=_SERVICES + "draft_upload",
            needs_form=True,
            refusal=_("Drafts cannot be uploaded to a {state} deliverable."),
        ),
        Action(
            "comment",
            _("Add a comment"),
            rule="deliverable.comment",
            when={_D.DRAFTING, _D.FINAL_DRAFT},
            service=_SERVICES + "comment_add",
            needs_form=True,
            refusal=_("Comments are taken while the deliverable is a draft or a final draft."),
        ),
        Action(
            "open_call",
            _("Open a call for experts"),
            rule="call.open",
            when={_D.APPROVED, _D.DRAFTING},
            service=_SERVICES + "call_open",
            needs_form=True,
            refusal=_("Calls for experts are opened for an approved deliverable, before the final draft."),
        ),
        Action(
            "manage_team",
            _("Add to or remove from the team"),
            rule="deliverable.manage",
            when=(*DRAFT_STATES, _D.EDITORIAL_REVIEW),
            service=_SERVICES + "team_member_add",
            refusal=_("The team of a published or withdrawn deliverable is closed."),
        ),
        Action("vet", _("Vet applications"), rule="call.vet", service=_SERVICES + "application_vet"),
        Action(
            "sign_up",
            _("Sign up to contribute"),
            rule="deliverable.sign_up",
            when={_D.APPROVED, _D.DRAFTING, _D.FINAL_DRAFT},
            service=_SERVICES + "contribution_sign_up",
            needs_form=True,
            refusal=_("Contributions are welcome while the deliverable is being drafted."),
        ),
    ],
)

_C = CallForExperts.Status
CALL_LIFECYCLE = Lifecycle.of(
    "call for experts",
    _C,
    {_C.OPEN: {_C.CLOSED}},
    actions=[
        Action(
            "close", _("Close the call"), rule="call.open", to=_C.CLOSED, service=_SERVICES + "call_close"
        ),
    ],
)

_W = Workplan.Status
WORKPLAN_LIFECYCLE = Lifecycle.of(
    "workplan",
    _W,
    {
        _W.COMPILING: {_W.MT_REVIEW},
        _W.MT_REVIEW: {_W.COMPILING, _W.PRESENTED},
        _W.PRESENTED: {_W.AGREED, _W.COMPILING},
    },
    actions=[
        Action(
            "input",
            _("Give an input"),
            rule="workplan.input",
            when={_W.COMPILING},
            service=_SERVICES + "workplan_input_add",
            needs_form=True,
            on_record=False,
            refusal=_("The workplan no longer takes inputs: it has gone to the Management Team."),
        ),
        Action(
            "compile",
            _("Compile an item"),
            rule="workplan.compile",
            when={_W.COMPILING},
            service=_SERVICES + "workplan_item_add",
            needs_form=True,
            on_record=False,
            refusal=_("Items can change only while the workplan is being compiled."),
        ),
        Action(
            "submit",
            _("Send to the Management Team"),
            rule="workplan.compile",
            to=_W.MT_REVIEW,
            service=_SERVICES + "workplan_submit_for_review",
            on_record=False,
        ),
        Action(
            "review",
            _("Review the workplan"),
            rule="workplan.review",
            when={_W.MT_REVIEW},
            service=_SERVICES + "workplan_review",
            needs_form=True,
            on_record=False,
            refusal=_("The workplan is not waiting for the Management Team's review."),
        ),
        Action(
            "present",
            _("Record the presentation at the annual meeting"),
            rule="workplan.record",
            to=_W.PRESENTED,
            when={_W.MT_REVIEW},
            guard=lambda workplan: workplan.reviewed_on is not None,
            service=_SERVICES + "workplan_record_presented",
            needs_form=True,
            on_record=False,
        ),
        Action(
            "agree",
            _("Record the Partners' agreement"),
            rule="workplan.record",
            to=_W.AGREED,
            service=_SERVICES + "workplan_record_agreed",
            needs_form=True,
            on_record=False,
        ),
    ],
)
