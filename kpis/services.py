"""The only writes of the KPI web-tool. Each service takes the acting person (`by=`), asks the
rulebook, locks what it reads then writes, records why in the history and queues emails through
the outbox in the same transaction.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterable
from pathlib import Path

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from guardian.shortcuts import assign_perm, get_users_with_perms, remove_perm

from governance.rulebook import forget_principal, require
from kernel import outbox
from kernel.bounds import COMMENT_MAX_CHARS, text_within
from kernel.cache import CONTENT_KEY, bump_now_and_after_commit
from kernel.lifecycle import DomainError, save_with_reason, transition
from kernel.queue import enqueue_on_commit
from kernel.uploads import UploadRejected, inspect_upload
from kpis import reasons as why_
from kpis import scoring
from kpis.entries import Entry, clean_entry
from kpis.models import (
    CYCLE_LIFECYCLE,
    City,
    CycleScore,
    Evidence,
    Kpi,
    KpiValue,
    Question,
    Reply,
    ReportingCycle,
    kpi_slug,
)

CATALOGUE_CSV = Path(__file__).resolve().parent / "data" / "u4ssc-kpis.csv"
CYCLE_EVENT = "kpis/email/cycle_event"
_S = ReportingCycle.Status


# The catalogue -----------------------------------------------------------------------------------

LOWER_IS_BETTER_WORDS = (
    "unemployment",
    "poverty",
    "pollution",
    "emissions",
    "noise",
    "fatalities",
    "crime",
    "response time",
    "travel time",
    "losses",
    "deaths",
    "mortality",
    "informal settlements",
    "disaster-prone",
    "gini",
    "water loss",
    "expenditure",  # housing expenditure (a share of income)
)


def catalogue_rows(path: Path = CATALOGUE_CSV) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _catalogue_defaults(row: dict) -> dict:
    """What the CSV does not say, derived from its unit and name (the Secretariat corrects it in
    the admin, with history): percentages and rates are computed from a numerator and a denominator."""
    unit = (row.get("unit") or "").strip()
    lowered = unit.lower()
    name = (row.get("name") or "").lower()
    if lowered == "percentage":
        computed, multiplier = True, 100
    elif "100 000" in lowered or "100,000" in lowered:
        computed, multiplier = True, 100_000
    else:
        computed, multiplier = False, 1
    lower = any(word in name for word in LOWER_IS_BETTER_WORDS) and "cultural expenditure" not in name
    return {
        "computed": computed,
        "multiplier": multiplier,
        "direction": Kpi.Direction.LOWER if lower else Kpi.Direction.HIGHER,
    }


@transaction.atomic
def catalogue_load(*, by=None, rows: Iterable[dict] | None = None) -> tuple[int, int]:
    """Create the catalogue's KPIs from CSV rows (code, dimension, sub_dimension, category, name,
    unit, core_or_advanced, type); a KPI already there keeps what the Secretariat set (direction,
    target, computed) and only its names and unit follow the file. Returns (created, updated)."""
    if by is not None:
        require(by, "kpis.catalogue.keep")
    rows = catalogue_rows() if rows is None else list(rows)
    existing = {k.code: k for k in Kpi.objects.select_for_update()}
    created = updated = 0
    for position, row in enumerate(rows, start=1):
        code = (row.get("code") or "").strip()
        if not code:
            raise DomainError(_("Row %(row)s of the catalogue has no code.") % {"row": position})
        level = (row.get("core_or_advanced") or "").strip().lower()
        if level not in Kpi.Level.values:
            raise DomainError(_("%(code)s: core or advanced must be “Core” or “Advanced”.") % {"code": code})
        fields = {
            "position": position,
            "dimension": row["dimension"].strip(),
            "sub_dimension": row["sub_dimension"].strip(),
            "category": row["category"].strip(),
            "name": row["name"].strip(),
            "unit": (row.get("unit") or "").strip(),
            "level": level,
            "kind": (row.get("type") or "").strip(),
        }
        kpi = existing.get(code)
        if kpi is None:
            kpi = Kpi(code=code, slug=kpi_slug(code), **fields, **_catalogue_defaults(row))
            save_with_reason(kpi, why_.KPI_LOADED(), by=by)
            created += 1
            continue
        changed = [name for name, value in fields.items() if getattr(kpi, name) != value]
        if changed:
            for name in changed:
                setattr(kpi, name, fields[name])
            save_with_reason(kpi, why_.KPI_UPDATED(), update_fields=changed, by=by)
            updated += 1
    if created or updated:
        scores_stale()  # new KPIs are counted as left out; renamed groups are renamed in the cards
    return created, updated


@transaction.atomic
def kpi_set_benchmark(
    *, by, kpi: Kpi, target=None, direction: str | None = None, sdg_targets: str | None = None
):
    require(by, "kpis.catalogue.keep")
    kpi = Kpi.objects.select_for_update().get(pk=kpi.pk)
    changed = []
    for name, value in (("target", target), ("direction", direction), ("sdg_targets", sdg_targets)):
        if value is not None and getattr(kpi, name) != value:
            setattr(kpi, name, value)
            changed.append(name)
    if changed:
        save_with_reason(kpi, why_.BENCHMARK_SET(), update_fields=changed, by=by)
        if {"target", "direction"} & set(changed):
            scores_stale()
    return kpi


# Cities, stewards, cycles ------------------------------------------------------------------------


@transaction.atomic
def city_create(*, by, name: str, slug: str, country: str, **fields) -> City:
    require(by, "kpis.city.keep")
    if City.objects.filter(slug=slug).exists():
        raise DomainError(_("A city with the address “%(slug)s” exists already.") % {"slug": slug})
    city = City(name=name, slug=slug, country=country, **fields)
    city.full_clean()
    save_with_reason(city, why_.CITY_ADDED(), by=by)
    return city


def stewards_of(city: City):
    return get_users_with_perms(
        city, only_with_perms_in=["steward_city"], with_superusers=False, with_group_users=False
    )


@transaction.atomic
def steward_add(*, by, city: City, person) -> None:
    """Make `person` a data steward of `city` (the guardian grant the rulebook reads)."""
    require(by, "kpis.city.keep")
    city = City.objects.select_for_update().get(pk=city.pk)
    if ReportingCycle.objects.filter(city=city, verifier=person).exists():
        raise DomainError(
            _("%(person)s verifies a cycle of %(city)s: a verifier is never the city's own staff.")
            % {"person": person, "city": city}
        )
    assign_perm("kpis.steward_city", person, city)
    forget_principal(person)
    _touch(city, by, why_.STEWARD_ADDED(who=person.get_username()))


@transaction.atomic
def steward_remove(*, by, city: City, person) -> None:
    require(by, "kpis.city.keep")
    remove_perm("kpis.steward_city", person, city)
    forget_principal(person)
    _touch(city, by, why_.STEWARD_REMOVED(who=person.get_username()))


def _touch(city: City, by, why: str) -> None:
    """Record a fact about the city (its stewards) in its history."""
    save_with_reason(city, why, update_fields=["name"], by=by)


@transaction.atomic
def cycle_open(
    *,
    by,
    city: City,
    year: int,
    submission_deadline: dt.datetime | None = None,
    verification_deadline: dt.datetime | None = None,
) -> ReportingCycle:
    require(by, "kpis.city.keep")
    if not 1990 <= int(year) <= timezone.localdate().year + 1:
        raise DomainError(_("Enter a year from 1990 to next year."))
    if ReportingCycle.objects.filter(city=city, year=year).exists():
        raise DomainError(
            _("%(city)s has a reporting cycle for %(year)s already.") % {"city": city, "year": year}
        )
    if submission_deadline and verification_deadline and verification_deadline < submission_deadline:
        raise DomainError(_("The verification cannot be due before the data."))
    cycle = ReportingCycle(
        city=city,
        year=year,
        submission_deadline=submission_deadline,
        verification_deadline=verification_deadline,
    )
    save_with_reason(cycle, why_.CYCLE_OPENED(), by=by)
    return cycle


@transaction.atomic
def cycle_set_deadlines(*, by, cycle: ReportingCycle, submission_deadline=None, verification_deadline=None):
    require(by, "kpis.city.keep")
    cycle = ReportingCycle.objects.select_for_update().get(pk=cycle.pk)
    cycle.submission_deadline = submission_deadline
    cycle.verification_deadline = verification_deadline
    save_with_reason(
        cycle, why_.DEADLINES_SET(), update_fields=["submission_deadline", "verification_deadline"], by=by
    )
    _nudge_reminders()
    return cycle


def _nudge_reminders() -> None:
    from django.utils.module_loading import import_string

    try:
        sweep = import_string("reminders.tasks.sweep")  # above kpis: looked up, never imported
    except ImportError:
        return
    enqueue_on_commit(sweep)


@transaction.atomic
def cycle_assign_verifier(*, by, cycle: ReportingCycle, verifier) -> ReportingCycle:
    """The Secretariat names the cycle's verifier: never one of the city's stewards (independence)."""
    require(by, "kpis.cycle.assign_verifier", cycle)
    cycle = ReportingCycle.objects.select_for_update().select_related("city").get(pk=cycle.pk)
    CYCLE_LIFECYCLE.check_action("assign_verifier", cycle)
    if verifier is None or not verifier.is_active:
        raise DomainError(_("Choose an active account as the verifier."))
    if (
        verifier.has_perm("kpis.steward_city", cycle.city)
        or stewards_of(cycle.city).filter(pk=verifier.pk).exists()
    ):
        raise DomainError(
            _("%(person)s is a data steward of %(city)s: the verifier must be independent of the city.")
            % {"person": verifier, "city": cycle.city}
        )
    previous = cycle.verifier
    if previous is not None and previous.pk == verifier.pk:
        return cycle
    if previous is not None:
        remove_perm("kpis.verify_cycle", previous, cycle)
        forget_principal(previous)
    cycle.verifier = verifier
    save_with_reason(
        cycle, why_.VERIFIER_ASSIGNED(who=verifier.get_username()), update_fields=["verifier"], by=by
    )
    assign_perm("kpis.verify_cycle", verifier, cycle)
    forget_principal(verifier)
    _tell(cycle, "verifier_assigned", [verifier])
    return cycle


def _tell(cycle: ReportingCycle, event: str, people, **extra) -> None:
    """One email per person about an event of the cycle (kpis/emails.py words it at send time)."""
    for person in people:
        if person is None or not person.email:
            continue
        outbox.enqueue(
            to=person,
            template=CYCLE_EVENT,
            kind=f"kpis_{event}",
            context={"cycle_id": cycle.pk, "event": event, **extra},
            dedupe_key=f"kpis:{event}:{cycle.pk}:{person.pk}:{extra.get('key', '')}",
        )


def _secretariat():
    from governance.models import FocalPoint

    return [
        fp.person for fp in FocalPoint.objects.secretariat(on=timezone.localdate()).select_related("person")
    ]


# Entering data -----------------------------------------------------------------------------------


def _locked_editable_cycle(by, cycle: ReportingCycle) -> ReportingCycle:
    require(by, "kpis.cycle.enter", cycle)
    cycle = ReportingCycle.objects.select_for_update().select_related("city").get(pk=cycle.pk)
    CYCLE_LIFECYCLE.check_action("enter", cycle)
    return cycle


def _apply(cycle: ReportingCycle, kpi: Kpi, entry: Entry, by, existing: KpiValue | None, why: str):
    if entry.empty and existing is None:
        return None
    value = existing or KpiValue(cycle=cycle, kpi=kpi)
    changed = [name for name, new in entry.fields.items() if getattr(value, name) != new]
    if existing is not None and not changed:
        return value
    for name in changed:
        setattr(value, name, entry.fields[name])
    if existing is not None and value.verdict != KpiValue.Verdict.PENDING:
        value.verdict, value.verdict_reason, value.verified_by, value.verified_at = (
            KpiValue.Verdict.PENDING,
            "",
            None,
            None,
        )  # a changed value is verified again
        changed += ["verdict", "verdict_reason", "verified_by", "verified_at"]
    value.updated_at = timezone.now()
    save_with_reason(value, why, update_fields=None if existing is None else [*changed, "updated_at"], by=by)
    return value


@transaction.atomic
def value_save(*, by, cycle: ReportingCycle, kpi: Kpi, data: dict) -> KpiValue | None:
    """Save one KPI's entry; a refusal names the first problem (the form shows them all)."""
    cycle = _locked_editable_cycle(by, cycle)
    entry = clean_entry(kpi, data)
    if not entry.ok:
        column, message = next(iter(entry.errors.items()))
        raise DomainError(f"{kpi.code} · {column}: {message}")
    existing = KpiValue.objects.select_for_update().filter(cycle=cycle, kpi=kpi).first()
    scores_stale([cycle.pk])
    return _apply(cycle, kpi, entry, by, existing, why_.ENTERED_ONLINE())


class SheetRefused(DomainError):
    """A sheet with problems: nothing was saved. `problems` lists (code, column, message)."""

    def __init__(self, problems: list[tuple[str, str, str]]):
        self.problems = problems
        super().__init__(
            _("Nothing was saved: %(count)s problem(s) to correct, listed by KPI code and column.")
            % {"count": len(problems)}
        )


@transaction.atomic
def values_save(
    *, by, cycle: ReportingCycle, entries: dict[str, dict], why: str = why_.ENTERED_ONLINE(), problems=()
) -> int:
    """Save many entries at once (a dimension's page, a whole sheet): every entry is checked and
    nothing is saved unless all are valid. `entries` maps KPI codes to what was typed.
    Returns how many values changed."""
    cycle = _locked_editable_cycle(by, cycle)
    kpis = {k.code: k for k in Kpi.objects.filter(code__in=list(entries))}
    problems: list[tuple[str, str, str]] = list(problems)
    checked: dict[str, Entry] = {}
    for code, raw in entries.items():
        kpi = kpis.get(code)
        if kpi is None:
            problems.append((code, "code", _("No KPI of the catalogue has this code.")))
            continue
        entry = clean_entry(kpi, raw)
        checked[code] = entry
        problems += [(code, column, message) for column, message in entry.errors.items()]
    if problems:
        raise SheetRefused(problems)
    existing = {
        v.kpi.code: v
        for v in KpiValue.objects.select_for_update()
        .filter(cycle=cycle, kpi__code__in=list(checked))
        .select_related("kpi")
    }
    count = 0
    for code, entry in checked.items():
        before = existing.get(code)
        snapshot = None if before is None else {n: getattr(before, n) for n in entry.fields}
        saved = _apply(cycle, kpis[code], entry, by, before, why)
        if saved is not None and snapshot != {n: getattr(saved, n) for n in entry.fields}:
            count += 1
    if count:
        scores_stale([cycle.pk])
    return count


@transaction.atomic
def evidence_upload(*, by, value: KpiValue, file) -> Evidence:
    """Attach an evidence file, checked by content (kernel.uploads, kind "evidence")."""
    cycle = _locked_editable_cycle(by, value.cycle)
    try:
        info = inspect_upload(file, "evidence")
    except UploadRejected as exc:
        raise DomainError(exc.message) from exc
    file.seek(0)
    evidence = Evidence(
        value=value,
        original_name=Path(getattr(file, "name", "evidence")).name[:255],
        content_type=info.content_type,
        extension=info.extension,
        size=info.size,
        sha256=info.sha256,
        uploaded_by=by,
    )
    evidence.file.save("evidence" + info.extension, ContentFile(file.read()), save=False)
    save_with_reason(
        evidence, why_.EVIDENCE_ADDED(kpi=value.kpi.code, year=cycle.year, city=cycle.city), by=by
    )
    return evidence


@transaction.atomic
def cycle_submit(*, by, cycle: ReportingCycle) -> ReportingCycle:
    require(by, "kpis.cycle.submit", cycle)
    cycle = ReportingCycle.objects.select_for_update().select_related("city").get(pk=cycle.pk)
    CYCLE_LIFECYCLE.check_action("submit", cycle)
    if not KpiValue.objects.filter(cycle=cycle, not_reported=False, value__isnull=False).exists():
        raise DomainError(_("Report at least one KPI before submitting."))
    cycle.submitted_at = timezone.now()
    transition(
        cycle,
        _S.SUBMITTED,
        lifecycle=CYCLE_LIFECYCLE,
        by=by,
        reason=why_.DATA_SUBMITTED(),
        fields=["submitted_at"],
    )
    _tell(cycle, "submitted", [cycle.verifier, *_secretariat()], key=cycle.submitted_at.isoformat())
    return cycle


# Verification ------------------------------------------------------------------------------------


def _locked_cycle(by, cycle: ReportingCycle, rule: str, action: str) -> ReportingCycle:
    require(by, rule, cycle)
    cycle = ReportingCycle.objects.select_for_update().select_related("city").get(pk=cycle.pk)
    CYCLE_LIFECYCLE.check_action(action, cycle)
    return cycle


@transaction.atomic
def cycle_start_verification(*, by, cycle: ReportingCycle) -> ReportingCycle:
    cycle = _locked_cycle(by, cycle, "kpis.cycle.verify", "start_verification")
    return transition(
        cycle, _S.UNDER_VERIFICATION, lifecycle=CYCLE_LIFECYCLE, by=by, reason=why_.VERIFICATION_STARTED()
    )


@transaction.atomic
def cycle_return(*, by, cycle: ReportingCycle, reason: str) -> ReportingCycle:
    cycle = _locked_cycle(by, cycle, "kpis.cycle.verify", "return")
    reason = text_within((reason or "").strip(), COMMENT_MAX_CHARS, what=_("The reason"))
    if not reason:
        raise DomainError(_("Say why the data goes back to the city."))
    cycle.return_reason = reason
    transition(
        cycle,
        _S.RETURNED,
        lifecycle=CYCLE_LIFECYCLE,
        by=by,
        reason=why_.RETURNED_TO_CITY(),
        fields=["return_reason"],
    )
    _tell(cycle, "returned", stewards_of(cycle.city), key=timezone.now().isoformat())
    return cycle


@transaction.atomic
def value_verify(*, by, value: KpiValue, verified: bool, reason: str = "") -> KpiValue:
    """The verifier's yes or no on one reported KPI (a no needs a reason). When every reported KPI
    is verified, the cycle is verified and its report and certificate are rendered."""
    cycle = _locked_cycle(by, value.cycle, "kpis.cycle.verify", "verify_kpi")
    value = KpiValue.objects.select_for_update().select_related("kpi").get(pk=value.pk)
    if not value.is_reported:
        raise DomainError(
            _("%(code)s is not reported: there is nothing to verify.") % {"code": value.kpi.code}
        )
    reason = text_within((reason or "").strip(), COMMENT_MAX_CHARS, what=_("The reason"))
    if not verified and not reason:
        raise DomainError(_("Say why %(code)s is not verified.") % {"code": value.kpi.code})
    value.verdict = KpiValue.Verdict.YES if verified else KpiValue.Verdict.NO
    value.verdict_reason = reason
    value.verified_by = by
    value.verified_at = timezone.now()
    save_with_reason(
        value,
        why_.VERIFIED() if verified else why_.NOT_VERIFIED(),
        update_fields=["verdict", "verdict_reason", "verified_by", "verified_at"],
        by=by,
    )
    scores_stale([cycle.pk])
    reported = KpiValue.objects.filter(cycle=cycle, not_reported=False, value__isnull=False)
    if not reported.exclude(verdict=KpiValue.Verdict.YES).exists():
        cycle.verified_at = timezone.now()
        transition(
            cycle,
            _S.VERIFIED,
            lifecycle=CYCLE_LIFECYCLE,
            by=by,
            reason=why_.EVERY_KPI_VERIFIED(),
            fields=["verified_at"],
        )
        _tell(cycle, "verified", [*stewards_of(cycle.city), *_secretariat()])
    return value


@transaction.atomic
def question_ask(*, by, value: KpiValue, text: str) -> Question:
    cycle = _locked_cycle(by, value.cycle, "kpis.cycle.verify", "ask")
    text = text_within((text or "").strip(), COMMENT_MAX_CHARS, what=_("The question"))
    if not text:
        raise DomainError(_("Write the question."))
    question = Question(value=value, asked_by=by, text=text)
    save_with_reason(question, why_.QUESTION_ASKED(kpi=value.kpi.code), by=by)
    _tell(cycle, "question", stewards_of(cycle.city), key=question.pk, kpi=value.kpi.code)
    return question


@transaction.atomic
def question_reply(*, by, question: Question, text: str) -> Reply:
    value = question.value
    cycle = _locked_cycle(by, value.cycle, "kpis.cycle.discuss", "reply")
    text = text_within((text or "").strip(), COMMENT_MAX_CHARS, what=_("The reply"))
    if not text:
        raise DomainError(_("Write the reply."))
    reply = Reply(question=question, author=by, text=text)
    save_with_reason(reply, why_.REPLY_GIVEN(kpi=value.kpi.code), by=by)
    others = [cycle.verifier] if by != cycle.verifier else list(stewards_of(cycle.city))
    _tell(cycle, "reply", others, key=reply.pk, kpi=value.kpi.code)
    return reply


@transaction.atomic
def question_resolve(*, by, question: Question) -> Question:
    _locked_cycle(by, question.value.cycle, "kpis.cycle.verify", "ask")
    question = Question.objects.select_for_update().get(pk=question.pk)
    if question.resolved_at is None:
        question.resolved_at = timezone.now()
        save_with_reason(question, why_.RESOLVED(), update_fields=["resolved_at"], by=by)
    return question


# Consent and publication -------------------------------------------------------------------------


@transaction.atomic
def consent_set(*, by, cycle: ReportingCycle, consents: dict[str, str]) -> int:
    """The city's decision, per KPI, of what is published (private, score only, value and score).
    Takes effect at once on a published cycle, caches included. Returns how many changed."""
    cycle = _locked_cycle(by, cycle, "kpis.cycle.publish", "consent")
    unknown = {c for c in consents.values() if c not in KpiValue.Consent.values}
    if unknown:
        raise DomainError(_("Choose private, score only or value and score."))
    values = (
        KpiValue.objects.select_for_update()
        .filter(cycle=cycle, kpi__code__in=list(consents))
        .select_related("kpi")
    )
    count = 0
    for value in values:
        wanted = consents[value.kpi.code]
        if value.consent != wanted:
            value.consent = wanted
            save_with_reason(value, why_.CONSENT_SET(consent=wanted), update_fields=["consent"], by=by)
            count += 1
    if count:
        scores_stale([cycle.pk])
    bump_now_and_after_commit(CONTENT_KEY)
    return count


@transaction.atomic
def cycle_publish(*, by, cycle: ReportingCycle) -> ReportingCycle:
    cycle = _locked_cycle(by, cycle, "kpis.cycle.publish", "publish")
    cycle.published_at = timezone.now()
    cycle = transition(
        cycle,
        _S.PUBLISHED,
        lifecycle=CYCLE_LIFECYCLE,
        by=by,
        reason=why_.PUBLISHED(),
        fields=["published_at"],
    )
    scores_stale([cycle.pk])
    return cycle


@transaction.atomic
def cycle_unpublish(*, by, cycle: ReportingCycle) -> ReportingCycle:
    cycle = _locked_cycle(by, cycle, "kpis.cycle.publish", "unpublish")
    cycle = transition(cycle, _S.VERIFIED, lifecycle=CYCLE_LIFECYCLE, by=by, reason=why_.UNPUBLISHED())
    scores_stale([cycle.pk])
    return cycle


# Stored scores (issue 14, "Scale") -----------------------------------------------------------------

SCORES_CHUNK = 500  # cycles locked, read and written together


def scores_stale(cycle_ids: Iterable[int] | None = None) -> None:
    """What the scores read changed (values, verdicts, consent, publication, targets): drop the
    stored scores of those cycles (all when None) in the caller's transaction, so pages compute
    until the task has stored them again, and queue the task once the transaction commits."""
    from kpis import tasks

    ids = None if cycle_ids is None else sorted(set(cycle_ids))
    rows = CycleScore.objects.all() if ids is None else CycleScore.objects.filter(cycle_id__in=ids)
    rows.delete()
    enqueue_on_commit(tasks.scores_recompute, ids)


def _score_inputs(kpis: list[Kpi], figures: dict[int, object]) -> list[scoring.KpiInput]:
    return [
        scoring.KpiInput(
            code=kpi.code,
            dimension=kpi.dimension,
            sub_dimension=kpi.sub_dimension,
            category=kpi.category,
            value=figures.get(kpi.pk),
            target=kpi.target,
            lower_is_better=kpi.is_lower_better,
        )
        for kpi in kpis
    ]


def _scores_version(kpis: list[Kpi], own: dict, public: dict | None) -> str:
    import hashlib

    catalogue = [
        (k.code, k.dimension, k.sub_dimension, k.category, str(k.target), k.is_lower_better) for k in kpis
    ]
    data = repr((catalogue, sorted((i, str(v)) for i, v in own.items()), public and sorted(public.items())))
    return hashlib.sha256(data.encode()).hexdigest()


def _scores_chunk(ids: list[int]) -> int:
    """Lock the cycles (so a service changing their values waits, and we see its commit), read
    their values in one query, store what changed. Returns how many rows were written."""
    public_consents = (KpiValue.Consent.SCORE, KpiValue.Consent.VALUE)
    with transaction.atomic():
        statuses = dict(
            ReportingCycle.objects.select_for_update()
            .filter(pk__in=ids)
            .order_by("pk")
            .values_list("pk", "status")
        )
        kpis = list(Kpi.objects.order_by("position", "code"))
        own: dict[int, dict] = {pk: {} for pk in statuses}
        public: dict[int, dict] = {pk: {} for pk in statuses}
        rows = (
            KpiValue.objects.filter(cycle_id__in=list(statuses), not_reported=False, value__isnull=False)
            .order_by()
            .values_list("cycle_id", "kpi_id", "value", "verdict", "sensitive", "consent")
        )
        for cycle_id, kpi_id, value, verdict, sensitive, consent in rows.iterator(chunk_size=20_000):
            own[cycle_id][kpi_id] = value
            if verdict == KpiValue.Verdict.YES and not sensitive and consent in public_consents:
                public[cycle_id][kpi_id] = value
        stored = dict(
            CycleScore.objects.filter(cycle_id__in=list(statuses)).values_list("cycle_id", "version")
        )
        now = timezone.now()
        fresh = []
        for pk, status in statuses.items():
            shown = public[pk] if status == _S.PUBLISHED else None
            version = _scores_version(kpis, own[pk], shown)
            if stored.get(pk) == version:
                continue
            fresh.append(
                CycleScore(
                    cycle_id=pk,
                    own=scoring.card_to_json(scoring.scorecard(_score_inputs(kpis, own[pk]))),
                    public=None
                    if shown is None
                    else scoring.card_to_json(scoring.scorecard(_score_inputs(kpis, shown))),
                    version=version,
                    computed_at=now,
                )
            )
        CycleScore.objects.bulk_create(
            fresh,
            batch_size=1000,
            update_conflicts=True,
            unique_fields=["cycle"],
            update_fields=["own", "public", "version", "computed_at"],
        )
    return len(fresh)


def scores_recompute(*, by=None, cycle_ids: Iterable[int] | None = None) -> int:
    """Compute and store the scorecards (the city's own and the public one) of these cycles, all
    when None, SCORES_CHUNK cycles per transaction. Idempotent: a cycle whose data did not change
    is not written again. `by` is None when the task runs it. Returns how many were written."""
    if by is not None:
        require(by, "kpis.catalogue.keep")
    cycles = ReportingCycle.objects.order_by("pk")
    if cycle_ids is not None:
        cycles = cycles.filter(pk__in=list(cycle_ids))
    ids = list(cycles.values_list("pk", flat=True))
    return sum(_scores_chunk(ids[start : start + SCORES_CHUNK]) for start in range(0, len(ids), SCORES_CHUNK))
