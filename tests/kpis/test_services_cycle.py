"""The reporting cycle: open → submitted → under verification → verified (or returned) → published,
the roles that move it, and what each step leaves behind (history, emails, grants)."""

from decimal import Decimal

import pytest

from governance.rulebook import RuleDenied, can
from kernel.lifecycle import DomainError, TransitionNotAllowed
from kernel.outbox import OutboxMessage
from kpis import services
from kpis.models import KpiValue, Question, ReportingCycle
from tests.kpis.conftest import PCT, PCT2, RATE, entry, published_cycle

S = ReportingCycle.Status


def test_stewards_and_verifiers_are_guardian_grants_read_by_the_rulebook(world):
    assert can(world.steward_a, "kpis.cycle.enter", world.cycle_a)
    assert not can(world.steward_a, "kpis.cycle.enter", world.cycle_b)
    assert can(world.verifier, "kpis.cycle.verify", world.cycle_a)
    assert not can(world.verifier, "kpis.cycle.verify", world.cycle_b)
    assert not can(world.verifier, "kpis.cycle.enter", world.cycle_a)
    assert not can(world.cast.focal_a, "kpis.cycle.view", world.cycle_a)
    assert can(world.secretariat, "kpis.cycle.view", world.cycle_a)
    services.steward_remove(by=world.secretariat, city=world.city_a, person=world.steward_a)
    assert not can(world.steward_a, "kpis.cycle.enter", world.cycle_a)


def test_a_verifier_is_never_one_of_the_citys_stewards(world):
    with pytest.raises(DomainError, match="independent"):
        services.cycle_assign_verifier(by=world.secretariat, cycle=world.cycle_a, verifier=world.steward_a)
    with pytest.raises(DomainError, match="never the city's own staff"):
        services.steward_add(by=world.secretariat, city=world.city_a, person=world.verifier)
    with pytest.raises(RuleDenied):
        services.cycle_assign_verifier(by=world.steward_a, cycle=world.cycle_a, verifier=world.other_verifier)


def test_reassigning_the_verifier_moves_the_grant(world, django_capture_on_commit_callbacks):
    services.cycle_assign_verifier(by=world.secretariat, cycle=world.cycle_a, verifier=world.other_verifier)
    assert not can(world.verifier, "kpis.cycle.verify", world.cycle_a)
    assert can(world.other_verifier, "kpis.cycle.verify", world.cycle_a)
    assert OutboxMessage.objects.filter(
        kind="kpis_verifier_assigned", to_address="other_verifier@example.org"
    ).exists()


def test_one_cycle_per_city_and_year(world):
    with pytest.raises(DomainError, match="already"):
        services.cycle_open(by=world.secretariat, city=world.city_a, year=2024)
    with pytest.raises(RuleDenied):
        services.cycle_open(by=world.steward_a, city=world.city_a, year=2025)


def test_an_empty_cycle_cannot_be_submitted(world):
    with pytest.raises(DomainError, match="at least one"):
        services.cycle_submit(by=world.steward_a, cycle=world.cycle_a)


def test_the_whole_journey_to_publication(world):
    cycle = published_cycle(world, {PCT: "value", PCT2: "score", RATE: "private"})
    assert cycle.status == S.PUBLISHED and cycle.verified_at and cycle.published_at
    statuses = [h.status for h in cycle.history.order_by("history_date")]
    moves = [s for i, s in enumerate(statuses) if i == 0 or s != statuses[i - 1]]
    assert moves == [S.OPEN, S.SUBMITTED, S.UNDER_VERIFICATION, S.VERIFIED, S.PUBLISHED]
    kinds = set(OutboxMessage.objects.values_list("kind", flat=True))
    assert {"kpis_submitted", "kpis_verified"} <= kinds
    value = KpiValue.objects.get(cycle=cycle, kpi__code=PCT)
    assert value.value == Decimal("81") and value.history.count() >= 3


def test_data_cannot_change_once_submitted_and_can_after_return(world):
    cycle = world.cycle_a
    services.values_save(
        by=world.steward_a, cycle=cycle, entries={PCT: entry(numerator="5", denominator="10")}
    )
    services.cycle_submit(by=world.steward_a, cycle=cycle)
    with pytest.raises(TransitionNotAllowed, match="cannot change"):
        services.values_save(by=world.steward_a, cycle=cycle, entries={PCT: entry(value="7")})
    with pytest.raises(RuleDenied):
        services.cycle_return(by=world.steward_a, cycle=cycle, reason="no")
    with pytest.raises(DomainError, match="why"):
        services.cycle_return(by=world.verifier, cycle=cycle, reason=" ")
    services.cycle_return(by=world.verifier, cycle=cycle, reason="Give the source of 1C.")
    cycle.refresh_from_db()
    assert cycle.status == S.RETURNED
    services.values_save(
        by=world.steward_a, cycle=cycle, entries={PCT: entry(numerator="6", denominator="10")}
    )
    services.cycle_submit(by=world.steward_a, cycle=cycle)


def test_a_no_needs_a_reason_and_keeps_the_cycle_under_verification(world):
    cycle = world.cycle_a
    services.values_save(
        by=world.steward_a,
        cycle=cycle,
        entries={
            PCT: entry(numerator="5", denominator="10"),
            PCT2: entry(not_reported="yes", data_quality=""),
        },
    )
    services.cycle_submit(by=world.steward_a, cycle=cycle)
    value = KpiValue.objects.get(cycle=cycle, kpi__code=PCT)
    with pytest.raises(TransitionNotAllowed):
        services.value_verify(by=world.verifier, value=value, verified=True)  # not started
    services.cycle_start_verification(by=world.verifier, cycle=cycle)
    with pytest.raises(DomainError, match="Say why"):
        services.value_verify(by=world.verifier, value=value, verified=False)
    services.value_verify(by=world.verifier, value=value, verified=False, reason="Source missing")
    cycle.refresh_from_db()
    assert cycle.status == S.UNDER_VERIFICATION
    not_reported = KpiValue.objects.get(cycle=cycle, kpi__code=PCT2)
    with pytest.raises(DomainError, match="nothing to verify"):
        services.value_verify(by=world.verifier, value=not_reported, verified=True)
    with pytest.raises(RuleDenied):
        services.value_verify(by=world.other_verifier, value=value, verified=True)
    services.value_verify(by=world.verifier, value=value, verified=True)
    cycle.refresh_from_db()
    assert cycle.status == S.VERIFIED  # every *reported* KPI verified; not-reported ones do not count


def test_question_threads_keep_every_message(world):
    cycle = world.cycle_a
    services.values_save(
        by=world.steward_a, cycle=cycle, entries={PCT: entry(numerator="5", denominator="10")}
    )
    services.cycle_submit(by=world.steward_a, cycle=cycle)
    value = KpiValue.objects.get(cycle=cycle)
    question = services.question_ask(by=world.verifier, value=value, text="Which survey?")
    services.question_reply(by=world.steward_a, question=question, text="The 2023 household survey.")
    services.question_reply(by=world.verifier, question=question, text="Thanks, and its sample size?")
    assert list(question.replies.values_list("author__username", flat=True)) == ["steward_a", "verifier"]
    with pytest.raises(RuleDenied):
        services.question_ask(by=world.steward_a, value=value, text="?")
    with pytest.raises(RuleDenied):
        services.question_reply(by=world.steward_b, question=question, text="!")
    services.question_resolve(by=world.verifier, question=question)
    assert not Question.objects.get(pk=question.pk).is_open
    assert OutboxMessage.objects.filter(kind="kpis_question", to_address="steward_a@example.org").exists()


def test_consent_belongs_to_the_stewards(world):
    cycle = published_cycle(world, {PCT: "value"})
    with pytest.raises(RuleDenied):
        services.consent_set(by=world.verifier, cycle=cycle, consents={PCT: "private"})
    with pytest.raises(DomainError):
        services.consent_set(by=world.steward_a, cycle=cycle, consents={PCT: "everyone"})
    assert services.consent_set(by=world.steward_a, cycle=cycle, consents={PCT: "private"}) == 1


def test_evidence_is_checked_by_content(world):
    from django.core.files.uploadedfile import SimpleUploadedFile

    cycle = world.cycle_a
    value = services.value_save(by=world.steward_a, cycle=cycle, kpi=world.kpi(PCT), data=entry(value="50"))
    pdf = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
    evidence = services.evidence_upload(
        by=world.steward_a, value=value, file=SimpleUploadedFile("survey.pdf", pdf)
    )
    assert evidence.content_type == "application/pdf" and evidence.file.read().startswith(b"%PDF")
    with pytest.raises(DomainError):
        services.evidence_upload(
            by=world.steward_a, value=value, file=SimpleUploadedFile("x.pdf", b"MZ\x90\x00 not a pdf")
        )
    with pytest.raises(RuleDenied):
        services.evidence_upload(by=world.verifier, value=value, file=SimpleUploadedFile("s.pdf", pdf))
