"""Smaller registers the Secretariat keeps: logo use (ToR 36, Annex I), Hubs (ToR 30) and
external-engagement notices (ToR 37-38).

Anyone signed in makes a request from the portal (`logo_use_request`, `hub_request`,
`engagement_notify`); the Secretariat is told by email exactly once (`request_notify`, with a
sweep for what a broker outage left untold). A Hub is approved by the Partners Board (a
`hub_approval` decision, see `decision_close`); the Secretariat decides logo use and records
that an approved Hub has closed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone
from simple_history.utils import update_change_reason

from governance.models import Decision, ExternalEngagementNotice, Hub, LogoUseRequest, Mandate, Partner
from governance.rulebook import require
from kernel.lifecycle import DomainError, Lifecycle
from kernel.queue import enqueue_on_commit

L = LogoUseRequest.Status
LOGO_USE_LIFECYCLE = Lifecycle.of(
    "logo-use request",
    L,
    {L.PENDING: {L.APPROVED, L.REFUSED}},
)
H = Hub.Status
# Requested → approved/rejected follows the Partners Board's decision; closing is recorded here.
HUB_LIFECYCLE = Lifecycle.of(
    "Hub",
    H,
    {H.REQUESTED: {H.APPROVED, H.REJECTED}, H.APPROVED: {H.CLOSED}},
)


def _reason(obj, reason: str) -> None:
    update_change_reason(obj, reason[:100])


def _is_ip_leader(person, on) -> bool:
    return Mandate.objects.filter(Mandate.active_q(on), person=person, role=Mandate.Role.IP_LEADER).exists()


@transaction.atomic
def logo_use_approve(*, by, logo_request: LogoUseRequest, written_agreement: bool = False) -> LogoUseRequest:
    """The Secretariat approves a use of the U4SSC logo (ToR 36). The IP Leader also needs the
    Secretariat's prior written agreement (Annex I): pass `written_agreement=True` to record it."""
    require(by, "logo.approve")
    logo_request = LogoUseRequest.objects.select_for_update().get(pk=logo_request.pk)
    LOGO_USE_LIFECYCLE.check(logo_request.status, L.APPROVED)
    today = timezone.localdate()
    if logo_request.use_from and logo_request.use_until and logo_request.use_until < logo_request.use_from:
        raise DomainError("The use cannot end before it starts: correct the dates first.")
    agreed = written_agreement or logo_request.written_agreement
    if not agreed and _is_ip_leader(logo_request.requester, today):
        raise DomainError(
            "The IP Leader uses the logo only with the Secretariat's prior written agreement (Annex I): "
            "approve it with the written agreement."
        )
    logo_request.status = L.APPROVED
    logo_request.written_agreement = agreed
    logo_request.decided_by = by
    logo_request.decided_on = today
    logo_request.save(update_fields=["status", "written_agreement", "decided_by", "decided_on"])
    _reason(logo_request, "Logo use approved with written agreement" if agreed else "Logo use approved")
    return logo_request


@transaction.atomic
def logo_use_refuse(*, by, logo_request: LogoUseRequest) -> LogoUseRequest:
    """The Secretariat refuses a use of the U4SSC logo (ToR 36)."""
    require(by, "logo.approve")
    logo_request = LogoUseRequest.objects.select_for_update().get(pk=logo_request.pk)
    LOGO_USE_LIFECYCLE.check(logo_request.status, L.REFUSED)
    logo_request.status = L.REFUSED
    logo_request.decided_by = by
    logo_request.decided_on = timezone.localdate()
    logo_request.save(update_fields=["status", "decided_by", "decided_on"])
    _reason(logo_request, "Logo use refused")
    return logo_request


@transaction.atomic
def hub_record_decision(*, decision: Decision, on: dt.date) -> Hub:
    """The Partners Board decided on a Hub (ToR 30): an adopted decision approves it, any other
    result rejects it. Called by `decision_close` in its transaction; a Hub no longer requested
    (closed meanwhile) is left as it is."""
    hub = Hub.objects.select_for_update().get(pk=decision.hub_id)
    adopted = decision.result == Decision.Result.ADOPTED
    target = H.APPROVED if adopted else H.REJECTED
    if hub.status != H.REQUESTED:
        return hub
    HUB_LIFECYCLE.check(hub.status, target)
    hub.status = target
    if adopted:
        hub.approved_on = on
    hub.save(update_fields=["status", "approved_on"])
    _reason(hub, f"{'Approved' if adopted else 'Rejected'} by decision {decision.pk}")
    return hub


@transaction.atomic
def hub_close(*, by, hub: Hub) -> Hub:
    """The Secretariat records that an approved Hub has stopped working with U4SSC."""
    require(by, "registers.keep")
    hub = Hub.objects.select_for_update().get(pk=hub.pk)
    HUB_LIFECYCLE.check(hub.status, H.CLOSED)
    hub.status = H.CLOSED
    hub.save(update_fields=["status"])
    _reason(hub, "Hub closed")
    return hub


# Requests from the portal: logo use (ToR 36, Annex I), Hubs (ToR 30), external engagement (ToR 37-38)


class RequestRefused(DomainError):
    """A request the rules refuse; `field` names the form field the message belongs to, if any."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.field = field


def _text(value, *, field: str, label: str, max_length: int | None = None, required: bool = True) -> str:
    value = (value or "").strip()
    if required and not value:
        raise RequestRefused(f"{label} is required.", field)
    if max_length is not None and len(value) > max_length:
        raise RequestRefused(f"{label} is too long: at most {max_length} characters.", field)
    return value


@transaction.atomic
def logo_use_request(
    *, by, organisation: str, purpose: str, use_from: dt.date | None = None, use_until: dt.date | None = None
) -> LogoUseRequest:
    """Anyone signed in asks the Secretariat to use the U4SSC logo (ToR 36); the Secretariat is
    told by email once the request is saved. The IP Leader's use needs the Secretariat's written
    agreement (Annex I), given when it is approved."""
    require(by, "logo.request")
    organisation = _text(organisation, field="organisation", label="The organisation", max_length=200)
    purpose = _text(purpose, field="purpose", label="The purpose")
    today = timezone.localdate()
    if use_from and use_from < today:
        raise RequestRefused("The use cannot start in the past: give today or a later date.", "use_from")
    if use_until and use_until < today:
        raise RequestRefused("The use cannot end in the past: give today or a later date.", "use_until")
    if use_from and use_until and use_until < use_from:
        raise RequestRefused("The use cannot end before it starts.", "use_until")
    logo_request = LogoUseRequest.objects.create(
        requester=by, organisation=organisation, purpose=purpose, use_from=use_from, use_until=use_until
    )
    ip_leader = _is_ip_leader(by, today)
    _reason(
        logo_request,
        "Logo use requested by the IP Leader (written agreement needed)"
        if ip_leader
        else "Logo use requested",
    )
    _tell_secretariat(REQUEST_LOGO, logo_request.pk)
    return logo_request


@transaction.atomic
def hub_request(
    *, by, name: str, country: str, city: str = "", partner: Partner, description: str = "", contact=None
) -> Hub:
    """Anyone signed in asks for a U4SSC (Country/City) Hub working with one current Partner
    (ToR 30); the Partners approve it by a Board decision. The person asking is its contact, unless
    the Secretariat types a request on someone's behalf in the admin (`contact`). The Secretariat
    and the focal points of that Partner are told (DESIGN.md)."""
    require(by, "hub.request")
    name = _text(name, field="name", label="The Hub's name", max_length=200)
    country = _text(country, field="country", label="The country", max_length=100)
    city = _text(city, field="city", label="The city", max_length=100, required=False)
    description = _text(description, field="description", label="The description", required=False)
    today = timezone.localdate()
    partner = Partner.objects.select_for_update().filter(pk=getattr(partner, "pk", None)).first()
    if partner is None or not partner.is_current(today):
        raise RequestRefused(
            "A Hub works with one of the current U4SSC Partners (ToR 30): choose one.", "partner"
        )
    same = Hub.objects.filter(name__iexact=name, country__iexact=country)
    if same.filter(status=H.REQUESTED).exists():
        raise RequestRefused(
            f"A request for “{name}” in {country} is already waiting for the Partners' decision.", "name"
        )
    if same.filter(status=H.APPROVED).exists():
        raise RequestRefused(f"“{name}” in {country} is already an approved U4SSC Hub.", "name")
    try:
        with transaction.atomic():  # two identical requests at once: the constraint keeps one
            hub = Hub.objects.create(
                name=name,
                country=country,
                city=city,
                partner=partner,
                contact=contact or by,
                description=description,
                status=H.REQUESTED,
            )
    except IntegrityError:
        raise RequestRefused(
            f"A request for “{name}” in {country} is already waiting for the Partners' decision.", "name"
        ) from None
    _reason(hub, f"Hub requested, to work with {partner.acronym}")
    _tell_secretariat(REQUEST_HUB, hub.pk)
    return hub


@transaction.atomic
def engagement_notify(
    *,
    by,
    kind: str,
    event: str,
    takes_place_on: dt.date | None = None,
    venue: str = "",
    description: str = "",
) -> ExternalEngagementNotice:
    """A Leader or participant tells the Secretariat in advance that they will present U4SSC work
    elsewhere (ToR 37), or at once of work shared or replicated elsewhere (ToR 38)."""
    require(by, "engagement.notify")
    if kind not in ExternalEngagementNotice.Kind.values:
        raise RequestRefused("Say whether you will present U4SSC work or report shared work.", "kind")
    event = _text(event, field="event", label="The event or publication", max_length=200)
    venue = _text(venue, field="venue", label="The venue", max_length=200, required=False)
    description = _text(description, field="description", label="The description", required=False)
    if (
        kind == ExternalEngagementNotice.Kind.PRESENTATION
        and takes_place_on
        and takes_place_on < timezone.localdate()
    ):
        raise RequestRefused(
            "A presentation is announced in advance (ToR 37): its date cannot be in the past. "
            "For work already shared elsewhere, choose “shared or replicated work”.",
            "takes_place_on",
        )
    notice = ExternalEngagementNotice.objects.create(
        person=by,
        kind=kind,
        event=event,
        takes_place_on=takes_place_on,
        venue=venue,
        description=description,
    )
    _reason(
        notice,
        "Presentation announced"
        if kind == ExternalEngagementNotice.Kind.PRESENTATION
        else "Shared work reported",
    )
    _tell_secretariat(REQUEST_ENGAGEMENT, notice.pk)
    return notice


# Telling the Secretariat, exactly once --------------------------------------------------------
#
# The saved request is the durable record; its `notified_at` says whether the Secretariat was
# told. The task enqueued after commit is only a nudge: if the broker is down, the sweep
# (`requests_notify_pending`, every ten minutes) sends what is still untold.

REQUEST_LOGO, REQUEST_HUB, REQUEST_ENGAGEMENT = "logo", "hub", "engagement"


@dataclass(frozen=True)
class _RequestKind:
    model: type
    related: tuple[str, ...]
    waiting: Q  # still waiting for the Secretariat (a decided request needs no email)
    is_waiting: Callable[[object], bool]  # the same, of a loaded row
    requester: str  # the attribute naming who asked


REQUEST_KINDS = {
    REQUEST_LOGO: _RequestKind(
        LogoUseRequest, ("requester",), Q(status=L.PENDING), lambda r: r.status == L.PENDING, "requester"
    ),
    REQUEST_HUB: _RequestKind(
        Hub, ("partner", "contact"), Q(status=H.REQUESTED), lambda h: h.status == H.REQUESTED, "contact"
    ),
    REQUEST_ENGAGEMENT: _RequestKind(
        ExternalEngagementNotice,
        ("person",),
        Q(acknowledged_by__isnull=True),
        lambda n: n.acknowledged_by_id is None,
        "person",
    ),
}


def _tell_secretariat(kind: str, pk: int) -> None:
    from governance import tasks

    enqueue_on_commit(tasks.notify_request, kind, pk)


def secretariat_emails(on: dt.date) -> list[str]:
    """The addresses of everyone who acts as the Secretariat today (as the rulebook counts them)."""
    from django.contrib.auth import get_user_model

    from reminders.audiences import secretariat_ids

    ids = secretariat_ids(on)
    if not ids:
        return []
    emails = get_user_model().objects.filter(pk__in=ids).exclude(email="").values_list("email", flat=True)
    return sorted(set(emails))


def partner_focal_emails(partner_id: int, on: dt.date) -> list[str]:
    """The addresses of the Partner's current focal points (told of a Hub request, DESIGN.md)."""
    from governance.models import FocalPoint

    emails = (
        FocalPoint.objects.filter(partner_id=partner_id, started_on__lte=on, person__is_active=True)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gt=on))
        .exclude(person__email="")
        .values_list("person__email", flat=True)
    )
    return sorted(set(emails))


def _request_email(kind: str, obj, to: list[str], audience: str = "secretariat") -> EmailMultiAlternatives:
    from django.conf import settings
    from django.urls import reverse

    from people.emails import SUBJECT_PREFIX, email_context

    requester = getattr(obj, REQUEST_KINDS[kind].requester)
    context = email_context(
        item=obj,
        requester=requester,
        ip_leader=kind == REQUEST_LOGO and _is_ip_leader(requester, timezone.localdate()),
        audience=audience,
        admin_url=settings.SITE_URL.rstrip("/")
        + reverse(f"admin:governance_{obj._meta.model_name}_change", args=[obj.pk]),
    )
    if kind == REQUEST_HUB:
        context["decision_url"] = (
            settings.SITE_URL.rstrip("/")
            + reverse("governance:decision_open")
            + f"?kind={Decision.Kind.HUB_APPROVAL}"
        )
    name = f"governance/email/request_{kind}"
    subject = " ".join(render_to_string(f"{name}_subject.txt", context).split())
    message = EmailMultiAlternatives(
        subject=(SUBJECT_PREFIX + subject)[:200],
        body=render_to_string(f"{name}_message.txt", context).strip(),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=to,
        reply_to=[requester.email] if requester is not None and requester.email else None,
    )
    message.attach_alternative(render_to_string(f"{name}_message.html", context).strip(), "text/html")
    return message


def request_notify(*, kind: str, pk: int) -> bool:
    """Email the Secretariat about a new request, exactly once (HTML and text). Returns False when
    there was nothing to send: already told, no longer waiting, or gone. Called by the task after
    commit and by the sweep; an SMTP error rolls back, so the task's retry or the sweep sends it."""
    spec = REQUEST_KINDS[kind]
    with transaction.atomic():
        obj = (
            spec.model.objects.select_for_update(of=("self",))
            .select_related(*spec.related)
            .filter(pk=pk, notified_at__isnull=True)
            .first()
        )
        if obj is None:
            return False
        waiting = spec.is_waiting(obj)
        today = timezone.localdate()
        recipients = secretariat_emails(today) if waiting else []
        if recipients:
            _request_email(kind, obj, recipients).send()
        partners = []
        if waiting and kind == REQUEST_HUB:  # the Partner the Hub would work with (ToR 30)
            partners = [e for e in partner_focal_emails(obj.partner_id, today) if e not in recipients]
            if partners:
                _request_email(kind, obj, partners, audience="partner").send()
        recipients = recipients + partners
        obj.notified_at = timezone.now()
        obj.save(update_fields=["notified_at"])
        _reason(obj, f"Secretariat told ({len(recipients)} recipients)" if waiting else "Decided before told")
    return bool(recipients)


def requests_notify_pending() -> int:
    """The sweep: tell the Secretariat of every waiting request it has not heard of (the broker was
    down when it was saved). Idempotent; returns how many emails went."""
    sent = 0
    for kind, spec in REQUEST_KINDS.items():
        pending = spec.model.objects.filter(spec.waiting, notified_at__isnull=True).values_list(
            "pk", flat=True
        )
        sent += sum(request_notify(kind=kind, pk=pk) for pk in list(pending))
    return sent
