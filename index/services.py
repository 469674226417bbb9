"""The Secretariat keeps the Index's methodology and publishes its editions (MR 3.5, issue 15).

Every write takes the acting person (`by=`), asks the rulebook ("index.keep") and records why.
A published methodology never changes; a published edition is frozen.
"""

from __future__ import annotations

import datetime as dt
import time
from decimal import Decimal

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import update_change_reason

from governance.rulebook import require
from index import compute
from index import reasons as why
from index.models import WEIGHT_LEVELS, Aggregation, Edition, EditionCity, Methodology, Normalisation
from index.selectors import as_indexed, edition_inputs, fingerprint, indexed_kpis
from kernel.lifecycle import DomainError
from kernel.queue import enqueue_on_commit


def methodology_check(methodology: Methodology) -> None:
    """Refuse a method that cannot be computed, with a sentence saying why."""
    if (
        methodology.normalisation == Normalisation.Z_SCORE
        and methodology.aggregation == Aggregation.GEOMETRIC
    ):
        raise DomainError(_("A z-score has negative values: it cannot be aggregated by a geometric mean."))
    weights = methodology.weights or {}
    if not isinstance(weights, dict) or set(weights) - set(WEIGHT_LEVELS):
        raise DomainError(
            _("Weights are grouped by level: %(levels)s.") % {"levels": ", ".join(WEIGHT_LEVELS)}
        )
    for level, table in weights.items():
        if not isinstance(table, dict):
            raise DomainError(
                _("The weights of %(level)s must be a table of names and numbers.") % {"level": level}
            )
        for name, weight in table.items():
            if isinstance(weight, bool) or not isinstance(weight, (int, float)) or not 0 < weight <= 1000:
                raise DomainError(
                    _("The weight of %(name)s must be a number above 0 and at most 1000.") % {"name": name}
                )
    for field, choices in (
        ("alternative_normalisations", Normalisation.values),
        ("alternative_aggregations", Aggregation.values),
    ):
        value = getattr(methodology, field)
        if not isinstance(value, list) or any(v not in choices for v in value):
            raise DomainError(
                _("Alternatives must be a list among: %(choices)s.") % {"choices": ", ".join(choices)}
            )


def method_of(methodology: Methodology) -> compute.Method:
    return compute.Method(
        normalisation=methodology.normalisation,
        aggregation=methodology.aggregation,
        missing=methodology.missing,
        progress_cap=float(methodology.progress_cap),
        coverage_threshold=float(methodology.coverage_threshold),
        weights=methodology.weights or {},
        alternative_normalisations=tuple(methodology.alternative_normalisations),
        alternative_aggregations=tuple(methodology.alternative_aggregations),
        weight_perturbation=float(methodology.weight_perturbation),
        runs=methodology.robustness_runs,
        seed=methodology.seed,
    )


@transaction.atomic
def methodology_create(*, by, **fields) -> Methodology:
    """A new draft version (the defaults of the OECD/JRC Handbook unless told otherwise)."""
    require(by, "index.keep")
    version = (Methodology.objects.select_for_update().aggregate(v=Max("version"))["v"] or 0) + 1
    fields.setdefault("alternative_normalisations", [Normalisation.Z_SCORE, Normalisation.TARGET])
    fields.setdefault("alternative_aggregations", [Aggregation.GEOMETRIC])
    methodology = Methodology(version=version, **fields)
    methodology_check(methodology)
    methodology.save()
    update_change_reason(methodology, why.METHODOLOGY_DRAFTED())
    return methodology


@transaction.atomic
def methodology_save(*, by, methodology: Methodology) -> Methodology:
    """Save the edits of a draft; a published methodology never changes (make a new version)."""
    require(by, "index.keep")
    stored = Methodology.objects.select_for_update().get(pk=methodology.pk)
    if stored.is_published:
        raise DomainError(_("A published methodology never changes: make a new version of it."))
    methodology_check(methodology)
    methodology.status = stored.status
    methodology.save()
    update_change_reason(methodology, why.METHODOLOGY_EDITED())
    return methodology


@transaction.atomic
def methodology_publish(*, by, methodology: Methodology) -> Methodology:
    require(by, "index.keep")
    methodology = Methodology.objects.select_for_update().get(pk=methodology.pk)
    if methodology.is_published:
        raise DomainError(_("This methodology is already published."))
    methodology_check(methodology)
    methodology.status = Methodology.Status.PUBLISHED
    methodology.published_at = timezone.now()
    methodology.published_by = by
    methodology.save(update_fields=["status", "published_at", "published_by"])
    update_change_reason(methodology, why.METHODOLOGY_PUBLISHED())
    return methodology


@transaction.atomic
def methodology_new_version(*, by, methodology: Methodology) -> Methodology:
    """A draft copy of a methodology, to be edited and published as the next version."""
    fields = {
        f.name: getattr(methodology, f.name)
        for f in Methodology._meta.concrete_fields
        if f.name not in ("id", "version", "status", "published_at", "published_by")
    }
    return methodology_create(by=by, **fields)


@transaction.atomic
def edition_request(*, by, year: int, methodology: Methodology) -> Edition:
    """An edition of `year` under a published methodology, computed by a task after commit."""
    require(by, "index.keep")
    if not methodology.is_published:
        raise DomainError(_("An edition is computed with a published methodology only."))
    if Edition.objects.filter(year=year, methodology=methodology).exists():
        raise DomainError(
            _(
                "The %(year)s edition under methodology %(version)s exists; a new methodology makes a new edition."
            )
            % {"year": year, "version": methodology.version}
        )
    edition = Edition.objects.create(
        year=year, methodology=methodology, slug=f"{year}-v{methodology.version}", requested_by=by
    )
    update_change_reason(edition, why.EDITION_REQUESTED())
    from index import tasks

    enqueue_on_commit(tasks.compute_edition, edition.pk)
    return edition


@transaction.atomic
def edition_compute(*, edition_id: int) -> Edition:
    """(Re)compute an edition that is not published; idempotent. A published edition is frozen."""
    edition = Edition.objects.select_for_update().select_related("methodology").get(pk=edition_id)
    if edition.is_published:
        return edition
    started = time.perf_counter()
    kpis = indexed_kpis()
    cycles, progress = edition_inputs(edition.year)
    method = method_of(edition.methodology)
    by_slug = {c.city.slug: c for c in cycles}
    results = compute.compute(as_indexed(kpis), {c.city.slug: progress[c.pk] for c in cycles}, method)
    edition.rows.all().delete()
    EditionCity.objects.bulk_create(
        [_row(edition, by_slug[r.key], r, progress[by_slug[r.key].pk]) for r in results], batch_size=500
    )
    edition.cycles.set(cycles)
    edition.method = {**method.as_dict(), "version": edition.methodology.version}
    edition.kpis = [
        {
            "code": k.code,
            "name": k.name,
            "dimension": k.dimension,
            "sub_dimension": k.sub_dimension,
            "category": k.category,
            "direction": k.direction,
            "target": str(k.target),
        }
        for k in kpis
    ]
    edition.fingerprint = fingerprint(kpis, progress)
    edition.status = Edition.Status.COMPUTED
    edition.computed_at = timezone.now()
    edition.seconds = round(time.perf_counter() - started, 3)
    edition.save()
    update_change_reason(edition, why.EDITION_COMPUTED())
    return edition


def _row(edition: Edition, cycle, result: compute.CityResult, progress: dict[str, float]) -> EditionCity:
    city = cycle.city
    return EditionCity(
        edition=edition,
        city=city,
        city_slug=city.slug,
        city_name=city.name,
        country=city.country,
        region=city.region,
        reported=result.reported,
        coverage=Decimal(str(result.coverage)),
        rank=result.rank,
        score=result.score,
        rank_low=result.rank_low,
        rank_high=result.rank_high,
        rank_median=result.rank_median,
        reason=result.reason,
        dimensions=result.dimensions,
        indicators={code: [p, result.normalised.get(code)] for code, p in progress.items()},
    )


@transaction.atomic
def edition_publish(*, by, edition: Edition) -> Edition:
    """Freeze a computed edition. Refused when the data changed since it was computed (a consent
    withdrawn, a cycle published or unpublished): recompute it first, so nothing withdrawn enters."""
    require(by, "index.keep")
    edition = Edition.objects.select_for_update().get(pk=edition.pk)
    if edition.is_published:
        raise DomainError(_("This edition is already published; it never changes."))
    if not edition.is_computed:
        raise DomainError(_("This edition is still being computed."))
    _cycles, progress = edition_inputs(edition.year)
    if fingerprint(indexed_kpis(), progress) != edition.fingerprint:
        raise DomainError(
            _("The published data changed since this edition was computed: recompute it first.")
        )
    edition.status = Edition.Status.PUBLISHED
    edition.published_at = timezone.now()
    edition.published_by = by
    edition.save(update_fields=["status", "published_at", "published_by"])
    update_change_reason(edition, why.EDITION_PUBLISHED())
    return edition


@transaction.atomic
def edition_recompute(*, by, edition: Edition) -> Edition:
    require(by, "index.keep")
    edition = Edition.objects.select_for_update().get(pk=edition.pk)
    if edition.is_published:
        raise DomainError(_("A published edition is frozen: a new methodology makes a new edition."))
    edition.status = Edition.Status.COMPUTING
    edition.save(update_fields=["status"])
    update_change_reason(edition, why.EDITION_RECOMPUTE())
    from index import tasks

    enqueue_on_commit(tasks.compute_edition, edition.pk)
    return edition


STUCK_AFTER = dt.timedelta(minutes=5)


def editions_sweep(*, now=None) -> list[int]:
    """Compute the editions still waiting for their task (the broker was down when they were
    requested, or a worker died): run by the beat every ten minutes. Idempotent."""
    now = now or timezone.now()
    waiting = Edition.objects.filter(status=Edition.Status.COMPUTING, requested_at__lte=now - STUCK_AFTER)
    return [edition_compute(edition_id=pk).pk for pk in waiting.values_list("pk", flat=True)]
