"""The U4SSC Index (MR 3.5, issue 15): a methodology the Secretariat keeps as a versioned record,
and the editions computed with it from the published, verified, consented KPI data of one year.

A methodology is a draft until the Secretariat publishes it; a published methodology never
changes (a change is a new version). An edition is computed in a task and frozen once published:
its rows (`EditionCity`) are never written again, whatever happens to the data afterwards.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Normalisation(models.TextChoices):
    MIN_MAX = "min_max", _("Min-max (0–100 between the lowest and the highest city)")
    Z_SCORE = "z_score", _("Standardisation (z-score)")
    TARGET = "target", _("Distance to the U4SSC target (progress, 100 = target met)")


class Aggregation(models.TextChoices):
    ARITHMETIC = "arithmetic", _("Weighted arithmetic mean")
    GEOMETRIC = "geometric", _("Weighted geometric mean")


class Missing(models.TextChoices):
    AVAILABLE = "available", _("Left out: weights re-scaled over the KPIs the city reported")
    MEAN = "mean", _("Imputed with the mean of the ranked cities")
    MINIMUM = "minimum", _("Imputed with the lowest value of the ranked cities")


WEIGHT_LEVELS = ("kpi", "category", "sub_dimension", "dimension")


class Methodology(models.Model):
    """A version of the Index's method. Defaults follow the OECD/JRC Handbook on Constructing
    Composite Indicators (2008): min-max normalisation, equal weights at every level of the
    framework, linear aggregation, missing values left out, robustness by Monte Carlo."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    version = models.PositiveIntegerField(_("version"), unique=True)
    title = models.CharField(_("title"), max_length=200, default="U4SSC Index methodology")
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    normalisation = models.CharField(
        _("normalisation"), max_length=10, choices=Normalisation.choices, default=Normalisation.MIN_MAX
    )
    aggregation = models.CharField(
        _("aggregation"), max_length=10, choices=Aggregation.choices, default=Aggregation.ARITHMETIC
    )
    missing = models.CharField(
        _("missing values"), max_length=10, choices=Missing.choices, default=Missing.AVAILABLE
    )
    progress_cap = models.DecimalField(
        _("progress cap (percentage of the target)"),
        max_digits=7,
        decimal_places=2,
        default=Decimal("100"),
        validators=[MinValueValidator(Decimal("1")), MaxValueValidator(Decimal("10000"))],
        help_text=_("Progress beyond it counts as the cap (outliers, OECD/JRC Handbook step 3)."),
    )
    coverage_threshold = models.DecimalField(
        _("coverage threshold for ranking (%)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("50"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
        help_text=_("A city with a smaller share of the indexed KPIs is listed as not ranked."),
    )
    weights = models.JSONField(
        _("weights"),
        default=dict,
        blank=True,
        help_text=_(
            'Weights that are not equal, by level: {"kpi": {"EC: ICT: ICT: 1C": 2}, "category": '
            '{"Economy / ICT / ICT Infrastructure": 1.5}, "sub_dimension": {"Economy / ICT": 1}, '
            '"dimension": {"Economy": 1}}. Anything not listed weighs 1.'
        ),
    )
    alternative_normalisations = models.JSONField(
        _("alternative normalisations (robustness)"), default=list, blank=True
    )
    alternative_aggregations = models.JSONField(
        _("alternative aggregations (robustness)"), default=list, blank=True
    )
    weight_perturbation = models.DecimalField(
        _("weight perturbation (±%)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("25"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("99"))],
    )
    robustness_runs = models.PositiveIntegerField(
        _("Monte Carlo runs"), default=200, validators=[MinValueValidator(1), MaxValueValidator(2000)]
    )
    seed = models.PositiveIntegerField(_("random seed"), default=2008)
    notes = models.TextField(_("notes"), blank=True)
    published_at = models.DateTimeField(_("published on"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("published by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["-version"]
        verbose_name = _("Index methodology")
        verbose_name_plural = _("Index methodologies")

    def __str__(self) -> str:
        return _("%(title)s, version %(version)s") % {"title": self.title, "version": self.version}

    def get_absolute_url(self) -> str:
        return reverse("index:methodology", args=[self.version])

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED


class Edition(models.Model):
    """One year of the Index under one methodology version: computed in a task, frozen once
    published (ranks and scores never change; a new methodology makes a new edition)."""

    class Status(models.TextChoices):
        COMPUTING = "computing", _("Being computed")
        COMPUTED = "computed", _("Computed, not published")
        PUBLISHED = "published", _("Published")

    year = models.PositiveSmallIntegerField(_("year"))
    methodology = models.ForeignKey(
        Methodology, verbose_name=_("methodology"), on_delete=models.PROTECT, related_name="editions"
    )
    slug = models.SlugField(_("URL slug"), max_length=40, unique=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.COMPUTING)
    method = models.JSONField(_("method as used"), default=dict, blank=True)
    kpis = models.JSONField(_("indexed KPIs"), default=list, blank=True)
    fingerprint = models.CharField(_("data fingerprint"), max_length=64, blank=True)
    cycles = models.ManyToManyField(
        "kpis.ReportingCycle", verbose_name=_("reporting cycles"), blank=True, related_name="index_editions"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("requested by"), on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField(_("requested on"), auto_now_add=True)
    computed_at = models.DateTimeField(_("computed on"), null=True, blank=True)
    seconds = models.FloatField(_("computing time (seconds)"), null=True, blank=True)
    published_at = models.DateTimeField(_("published on"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("published by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    history = HistoricalRecords(excluded_fields=["method", "kpis"])

    class Meta:
        ordering = ["-year", "-methodology__version"]
        verbose_name = _("Index edition")
        verbose_name_plural = _("Index editions")
        constraints = [
            models.UniqueConstraint(fields=["year", "methodology"], name="one_edition_per_year_and_method"),
            models.CheckConstraint(
                condition=Q(year__gte=1990, year__lte=2100), name="edition_year_plausible"
            ),
        ]

    def __str__(self) -> str:
        return _("U4SSC Index %(year)s (methodology %(version)s)") % {
            "year": self.year,
            "version": self.methodology.version,
        }

    def get_absolute_url(self) -> str:
        return reverse("index:edition", args=[self.slug])

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    @property
    def is_computed(self) -> bool:
        return self.status in (self.Status.COMPUTED, self.Status.PUBLISHED)


class EditionCity(models.Model):
    """A city's line in an edition, with a snapshot of its name (frozen with the edition)."""

    class Reason(models.TextChoices):
        NONE = "", _("Ranked")
        COVERAGE = "coverage", _("Coverage below the methodology's threshold")
        NO_VALUES = "no_values", _("No verified value the city consented to publish")

    edition = models.ForeignKey(
        Edition, verbose_name=_("Index edition"), on_delete=models.CASCADE, related_name="rows"
    )
    city = models.ForeignKey(
        "kpis.City", verbose_name=_("city"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    city_slug = models.SlugField(_("city URL slug"), max_length=80)
    city_name = models.CharField(_("city name"), max_length=200)
    country = models.CharField(_("country"), max_length=100)
    region = models.CharField(_("region"), max_length=100, blank=True)
    reported = models.PositiveIntegerField(_("KPIs reported"))
    coverage = models.DecimalField(_("coverage (per cent)"), max_digits=6, decimal_places=2)
    rank = models.PositiveIntegerField(_("rank"), null=True, blank=True)
    score = models.FloatField(_("score"), null=True, blank=True)
    rank_low = models.PositiveIntegerField(
        _("rank, 5th percentile of the Monte Carlo runs"), null=True, blank=True
    )
    rank_high = models.PositiveIntegerField(
        _("rank, 95th percentile of the Monte Carlo runs"), null=True, blank=True
    )
    rank_median = models.FloatField(_("median rank of the Monte Carlo runs"), null=True, blank=True)
    reason = models.CharField(_("why not ranked"), max_length=12, choices=Reason.choices, blank=True)
    dimensions = models.JSONField(_("scores by dimension"), default=dict)
    # code → [progress %, normalised] (progress is the public score)
    indicators = models.JSONField(_("scores by KPI"), default=dict)

    class Meta:
        verbose_name = _("city in an Index edition")
        verbose_name_plural = _("cities in an Index edition")
        ordering = ["rank", "city_name"]
        constraints = [
            models.UniqueConstraint(fields=["edition", "city_slug"], name="one_row_per_city_per_edition"),
        ]

    def __str__(self) -> str:
        return f"{self.edition.slug} {self.city_name}"

    @property
    def is_ranked(self) -> bool:
        return self.rank is not None

    @property
    def is_below_coverage(self) -> bool:
        return self.reason == self.Reason.COVERAGE
