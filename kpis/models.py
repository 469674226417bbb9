"""The U4SSC KPI web-tool (MR 3.3, issue 14): the KPI catalogue, cities, their yearly reporting
cycles, the values a city enters, the verifier's questions and verdicts, and the city's consent.

Roles are guardian grants, given and taken by the services: `kpis.steward_city` on a City (its data
stewards) and `kpis.verify_cycle` on a ReportingCycle (the verifier the Secretariat assigned). The
rulebook (governance.rulebook) reads them as the city steward and verifier roles.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from guardian.models import UserObjectPermissionBase
from simple_history.models import HistoricalRecords

from kernel.lifecycle import Action, Lifecycle


def kpi_slug(code: str) -> str:
    """`EC: ICT: ICT: 1C` → `ec-ict-ict-1c`."""
    return slugify(code.replace(":", " "))


class Kpi(models.Model):
    """One KPI of the catalogue the Secretariat keeps (the 91 U4SSC KPIs, kpis/data/u4ssc-kpis.csv)."""

    class Level(models.TextChoices):
        CORE = "core", _("Core")
        ADVANCED = "advanced", _("Advanced")

    class Direction(models.TextChoices):
        HIGHER = "higher", _("Higher is better")
        LOWER = "lower", _("Lower is better")

    code = models.CharField(_("code"), max_length=40, unique=True)
    slug = models.SlugField(_("URL slug"), max_length=60, unique=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    dimension = models.CharField(_("dimension"), max_length=80)
    sub_dimension = models.CharField(_("sub-dimension"), max_length=80)
    category = models.CharField(_("category"), max_length=120)
    name = models.CharField(_("name"), max_length=200)
    unit = models.CharField(_("unit"), max_length=120, blank=True)
    level = models.CharField(_("core or advanced"), max_length=10, choices=Level.choices)
    kind = models.CharField(
        _("type"), max_length=20, blank=True, help_text=_("Smart, Sustainable or Structural.")
    )
    direction = models.CharField(
        _("direction"), max_length=10, choices=Direction.choices, default=Direction.HIGHER
    )
    computed = models.BooleanField(
        _("computed from a numerator and a denominator"),
        default=False,
        help_text=_("The value is numerator ÷ denominator × multiplier; it is never typed."),
    )
    multiplier = models.DecimalField(
        _("multiplier"),
        max_digits=12,
        decimal_places=2,
        default=Decimal("1"),
        help_text=_("100 for a percentage, 100000 for a rate per 100 000 inhabitants."),
    )
    target = models.DecimalField(
        _("U4SSC benchmark target"), max_digits=20, decimal_places=4, null=True, blank=True
    )
    sdg_targets = models.CharField(_("SDG targets"), max_length=200, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "code"]
        verbose_name = _("KPI")
        verbose_name_plural = _("KPI catalogue")
        constraints = [
            models.CheckConstraint(condition=Q(multiplier__gt=0), name="kpi_multiplier_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    def get_absolute_url(self) -> str:
        return reverse("kpis:kpi_detail", args=[self.slug])

    @property
    def is_lower_better(self) -> bool:
        return self.direction == self.Direction.LOWER

    @property
    def dimension_slug(self) -> str:
        return slugify(self.dimension)


class City(models.Model):
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("URL slug"), max_length=80, unique=True)
    country = models.CharField(_("country"), max_length=100)
    region = models.CharField(_("region"), max_length=100, blank=True)
    population = models.PositiveBigIntegerField(_("population"), null=True, blank=True)
    partner = models.ForeignKey(
        "governance.Partner",
        verbose_name=_("Partner it works with"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="kpi_cities",
    )
    hub = models.ForeignKey(
        "governance.Hub",
        verbose_name=_("Hub it works with"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="kpi_cities",
    )
    contact_name = models.CharField(_("contact name"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact email"), blank=True)
    illustrative = models.BooleanField(
        _("illustrative (demo) data"),
        default=False,
        help_text=_("Demo data: its values are illustrative, never measurements of a real city."),
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("city")
        verbose_name_plural = _("cities")
        permissions = [("steward_city", "Data steward of this city")]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("kpis:city_detail", args=[self.slug])

    def rulebook_target(self):
        from governance.rulebook import Target

        return Target(city_id=self.pk)


class CityUserObjectPermission(UserObjectPermissionBase):
    content_object = models.ForeignKey(City, verbose_name=_("city"), on_delete=models.CASCADE)

    class Meta(UserObjectPermissionBase.Meta):
        verbose_name = _("data steward grant")
        verbose_name_plural = _("data steward grants")


class ReportingCycle(models.Model):
    """A city's report for one year: open → submitted → under verification → verified (or returned
    to the city) → published."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open for data entry")
        SUBMITTED = "submitted", _("Data submitted")
        UNDER_VERIFICATION = "under_verification", _("Under verification")
        RETURNED = "returned", _("Returned to the city")
        VERIFIED = "verified", _("Verified")
        PUBLISHED = "published", _("Published")

    city = models.ForeignKey(City, verbose_name=_("city"), on_delete=models.CASCADE, related_name="cycles")
    year = models.PositiveSmallIntegerField(_("year"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.OPEN)
    submission_deadline = models.DateTimeField(_("data due"), null=True, blank=True)
    verification_deadline = models.DateTimeField(_("verification due"), null=True, blank=True)
    verifier = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("verifier"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="verified_cycles",
    )
    submitted_at = models.DateTimeField(_("submitted on"), null=True, blank=True)
    verified_at = models.DateTimeField(_("verified on"), null=True, blank=True)
    published_at = models.DateTimeField(_("published on"), null=True, blank=True)
    return_reason = models.TextField(_("why it was returned"), blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["city__name", "-year"]
        verbose_name = _("reporting cycle")
        verbose_name_plural = _("reporting cycles")
        permissions = [("verify_cycle", "Verifier of this reporting cycle")]
        constraints = [
            models.UniqueConstraint(fields=["city", "year"], name="one_reporting_cycle_per_city_year"),
            models.CheckConstraint(condition=Q(year__gte=1990, year__lte=2100), name="cycle_year_plausible"),
        ]

    def __str__(self) -> str:
        return _("%(city)s, %(year)s") % {"city": self.city, "year": self.year}

    def get_absolute_url(self) -> str:
        return reverse("kpis:cycle", args=[self.city.slug, self.year])

    def rulebook_target(self):
        from governance.rulebook import Target

        return Target(city_id=self.city_id, cycle_id=self.pk)

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE_STATES

    @property
    def is_under_verification(self) -> bool:
        return self.status == self.Status.UNDER_VERIFICATION


class CycleUserObjectPermission(UserObjectPermissionBase):
    content_object = models.ForeignKey(
        ReportingCycle, verbose_name=_("reporting cycle"), on_delete=models.CASCADE
    )

    class Meta(UserObjectPermissionBase.Meta):
        verbose_name = _("verifier grant")
        verbose_name_plural = _("verifier grants")


class KpiValue(models.Model):
    """What a city reports for one KPI in one cycle."""

    class Quality(models.TextChoices):
        # VM22 §10.1, column T: the six options of the Data Collection Template.
        MEASURED = "measured", _("Based on accurate measurements")
        SURVEY = "survey", _("Extrapolated from a survey of inhabitants")
        HIGHER_LEVEL = "higher_level", _("Extrapolated from higher-level data")
        ESTIMATED = "estimated", _("Estimation based on certain assumptions")
        PERSONAL = "personal", _("Personal estimation")
        UNKNOWN = "unknown", _("Unknown methodology, not traceable")

    class Consent(models.TextChoices):
        PRIVATE = "private", _("Private")
        SCORE = "score", _("Score only")
        VALUE = "value", _("Value and score")

    class Verdict(models.TextChoices):
        PENDING = "pending", _("Not verified yet")
        YES = "yes", _("Verified")
        NO = "no", _("Not verified")

    cycle = models.ForeignKey(
        ReportingCycle, verbose_name=_("reporting cycle"), on_delete=models.CASCADE, related_name="values"
    )
    kpi = models.ForeignKey(Kpi, verbose_name=_("KPI"), on_delete=models.PROTECT, related_name="values")
    not_reported = models.BooleanField(_("not reported"), default=False)
    numerator = models.DecimalField(_("numerator"), max_digits=24, decimal_places=6, null=True, blank=True)
    denominator = models.DecimalField(
        _("denominator"), max_digits=24, decimal_places=6, null=True, blank=True
    )
    value = models.DecimalField(_("value"), max_digits=24, decimal_places=6, null=True, blank=True)
    data_quality = models.CharField(_("data quality"), max_length=20, choices=Quality.choices, blank=True)
    source = models.CharField(_("data source"), max_length=500, blank=True)
    data_year = models.PositiveSmallIntegerField(_("year of the data"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    sensitive = models.BooleanField(
        _("sensitive"), default=False, help_text=_("Sensitive data is never public, whatever the consent.")
    )
    consent = models.CharField(
        _("publication consent"), max_length=10, choices=Consent.choices, default=Consent.PRIVATE
    )
    verdict = models.CharField(
        _("verification"), max_length=10, choices=Verdict.choices, default=Verdict.PENDING
    )
    verdict_reason = models.TextField(_("reason"), blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("verified by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    verified_at = models.DateTimeField(_("verified on"), null=True, blank=True)
    updated_at = models.DateTimeField(_("last changed on"), default=timezone.now)

    history = HistoricalRecords()

    class Meta:
        ordering = ["kpi__position", "kpi__code"]
        verbose_name = _("KPI value")
        verbose_name_plural = _("KPI values")
        constraints = [
            models.UniqueConstraint(fields=["cycle", "kpi"], name="one_value_per_kpi_per_cycle"),
            models.CheckConstraint(
                condition=Q(not_reported=False) | Q(value__isnull=True, numerator__isnull=True),
                name="not_reported_has_no_value",
            ),
            models.CheckConstraint(
                condition=Q(denominator__isnull=True) | ~Q(denominator=0), name="denominator_not_zero"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.cycle} · {self.kpi.code}"

    def rulebook_target(self):
        from governance.rulebook import Target

        return Target(city_id=self.cycle.city_id, cycle_id=self.cycle_id)

    @property
    def is_reported(self) -> bool:
        return not self.not_reported and self.value is not None

    @property
    def is_verified(self) -> bool:
        return self.verdict == self.Verdict.YES

    @property
    def shows_value(self) -> bool:
        """The city consented to publish the value (not only its score)."""
        return self.consent == self.Consent.VALUE

    @property
    def is_refused(self) -> bool:
        return self.verdict == self.Verdict.NO


def evidence_path(instance, filename: str) -> str:
    return f"private/kpi-evidence/{instance.value.cycle_id}/{instance.sha256[:16]}{instance.extension}"


class Evidence(models.Model):
    """A file backing a value. Evidence is never public (issue 14)."""

    value = models.ForeignKey(
        KpiValue, verbose_name=_("KPI value"), on_delete=models.CASCADE, related_name="evidence"
    )
    file = models.FileField(_("file"), upload_to=evidence_path, max_length=300)
    original_name = models.CharField(_("original file name"), max_length=255)
    content_type = models.CharField(_("content type"), max_length=120)
    extension = models.CharField(_("file extension"), max_length=10)
    size = models.PositiveBigIntegerField(_("size (bytes)"))
    sha256 = models.CharField(_("SHA-256 checksum"), max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"), on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded on"), default=timezone.now)

    history = HistoricalRecords()

    class Meta:
        ordering = ["uploaded_at", "pk"]
        verbose_name = _("evidence file")
        verbose_name_plural = _("evidence files")

    def __str__(self) -> str:
        return self.original_name


class Question(models.Model):
    """A verifier's question on one KPI of a cycle; the thread keeps every message."""

    value = models.ForeignKey(
        KpiValue, verbose_name=_("KPI value"), on_delete=models.CASCADE, related_name="questions"
    )
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("asked by"), on_delete=models.PROTECT, related_name="+"
    )
    asked_at = models.DateTimeField(_("asked on"), default=timezone.now)
    text = models.TextField(_("question"))
    resolved_at = models.DateTimeField(_("resolved on"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["asked_at", "pk"]
        verbose_name = _("verifier question")
        verbose_name_plural = _("verifier questions")

    def __str__(self) -> str:
        return self.text[:60]

    @property
    def is_open(self) -> bool:
        return self.resolved_at is None


class Reply(models.Model):
    question = models.ForeignKey(
        Question, verbose_name=_("question"), on_delete=models.CASCADE, related_name="replies"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("author"), on_delete=models.PROTECT, related_name="+"
    )
    written_at = models.DateTimeField(_("written on"), default=timezone.now)
    text = models.TextField(_("reply"))

    history = HistoricalRecords()

    class Meta:
        ordering = ["written_at", "pk"]
        verbose_name = _("reply")
        verbose_name_plural = _("replies")

    def __str__(self) -> str:
        return self.text[:60]


class CycleDocument(models.Model):
    """The verification report and the certificate of a verified cycle, as a PDF in one language:
    rendered on the first request in each language and kept while what it shows is unchanged
    (kpis.documents.cycle_document, kernel.renders.keep_render)."""

    class Kind(models.TextChoices):
        REPORT = "report", _("Verification report")
        CERTIFICATE = "certificate", _("Certificate")

    cycle = models.ForeignKey(
        ReportingCycle, verbose_name=_("reporting cycle"), on_delete=models.CASCADE, related_name="documents"
    )
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    file = models.FileField(_("file"), upload_to="private/kpi-documents/", max_length=300)
    language = models.CharField(_("language"), max_length=12, default="en")
    version = models.CharField(_("version"), max_length=64, help_text=_("A hash of what the PDF shows."))
    size = models.PositiveBigIntegerField(_("size"), default=0)
    rendered_at = models.DateTimeField(_("rendered on"), default=timezone.now)

    class Meta:
        verbose_name = _("cycle document")
        verbose_name_plural = _("cycle documents")
        constraints = [
            models.UniqueConstraint(
                fields=["cycle", "kind", "language", "version"], name="one_document_per_cycle_kind_language"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.cycle}"


class CycleScore(models.Model):
    """A cycle's scorecards as last computed (issue 14, "Scale"): written only by
    kpis.services.scores_recompute (in the task kpis.tasks.scores_recompute); a change of the
    values, verdicts, consent, publication or targets deletes the row in the same transaction and
    queues the task, so a page never shows a stale score (it computes while there is none)."""

    cycle = models.OneToOneField(
        ReportingCycle, verbose_name=_("reporting cycle"), on_delete=models.CASCADE, related_name="score"
    )
    own = models.JSONField(
        _("scorecard of everything reported"),
        help_text=_("The scorecard of everything reported, verified or not."),
    )
    public = models.JSONField(
        _("public scorecard"),
        null=True,
        help_text=_("The scorecard of the public values; empty unless published."),
    )
    version = models.CharField(_("version"), max_length=64, help_text=_("A hash of the data scored."))
    computed_at = models.DateTimeField(_("computed on"), default=timezone.now)

    class Meta:
        verbose_name = _("cycle score")
        verbose_name_plural = _("cycle scores")

    def __str__(self) -> str:
        return f"{self.cycle} · {self.computed_at:%Y-%m-%d %H:%M}"


# The lifecycle ------------------------------------------------------------------------------------

_C = ReportingCycle.Status
_SERVICES = "kpis.services."
EDITABLE_STATES = frozenset({_C.OPEN, _C.RETURNED})
CYCLE_LIFECYCLE = Lifecycle.of(
    "reporting cycle",
    _C,
    {
        _C.OPEN: {_C.SUBMITTED},
        _C.RETURNED: {_C.SUBMITTED},
        _C.SUBMITTED: {_C.UNDER_VERIFICATION, _C.RETURNED},
        _C.UNDER_VERIFICATION: {_C.VERIFIED, _C.RETURNED},
        _C.VERIFIED: {_C.PUBLISHED},
        _C.PUBLISHED: {_C.VERIFIED},
    },
    actions=[
        Action(
            "submit",
            _("Submit the data for verification"),
            rule="kpis.cycle.submit",
            to=_C.SUBMITTED,
            service=_SERVICES + "cycle_submit",
        ),
        Action(
            "start_verification",
            _("Start the verification"),
            rule="kpis.cycle.verify",
            to=_C.UNDER_VERIFICATION,
            service=_SERVICES + "cycle_start_verification",
        ),
        Action(
            "return",
            _("Return the data to the city"),
            rule="kpis.cycle.verify",
            to=_C.RETURNED,
            service=_SERVICES + "cycle_return",
            needs_form=True,
        ),
        Action(
            "publish",
            _("Publish (within the consent given)"),
            rule="kpis.cycle.publish",
            to=_C.PUBLISHED,
            service=_SERVICES + "cycle_publish",
        ),
        Action(
            "unpublish",
            _("Unpublish"),
            rule="kpis.cycle.publish",
            to=_C.VERIFIED,
            service=_SERVICES + "cycle_unpublish",
        ),
        # Acting within a state.
        Action(
            "enter",
            _("Enter data"),
            rule="kpis.cycle.enter",
            when=EDITABLE_STATES,
            service=_SERVICES + "value_save",
            needs_form=True,
            refusal=_("The data of a cycle that is {state} cannot change."),
        ),
        Action(
            "verify_kpi",
            _("Verify a KPI"),
            rule="kpis.cycle.verify",
            when={_C.UNDER_VERIFICATION},
            service=_SERVICES + "value_verify",
            needs_form=True,
            refusal=_("KPIs are verified while the cycle is under verification, not {state}."),
        ),
        Action(
            "ask",
            _("Ask a question"),
            rule="kpis.cycle.verify",
            when={_C.SUBMITTED, _C.UNDER_VERIFICATION},
            service=_SERVICES + "question_ask",
            needs_form=True,
            refusal=_("Questions are asked during the verification, not when the cycle is {state}."),
        ),
        Action(
            "reply",
            _("Reply"),
            rule="kpis.cycle.discuss",
            when={_C.SUBMITTED, _C.UNDER_VERIFICATION, _C.RETURNED},
            service=_SERVICES + "question_reply",
            needs_form=True,
            refusal=_("Questions are answered during the verification, not when the cycle is {state}."),
        ),
        Action(
            "consent",
            _("Decide what is published"),
            rule="kpis.cycle.publish",
            when=frozenset(_C),
            service=_SERVICES + "consent_set",
            needs_form=True,
        ),
        Action(
            "assign_verifier",
            _("Assign the verifier"),
            rule="kpis.cycle.assign_verifier",
            when={_C.OPEN, _C.SUBMITTED, _C.RETURNED, _C.UNDER_VERIFICATION},
            service=_SERVICES + "cycle_assign_verifier",
            needs_form=True,
            refusal=_("A verifier cannot be assigned to a cycle that is {state}."),
        ),
    ],
)
