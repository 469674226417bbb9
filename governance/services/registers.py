"""Smaller registers the Secretariat keeps: logo use (ToR 36, Annex I), Hubs (ToR 30) and
external-engagement notices (ToR 37-38).

Anyone signed in makes a request from the portal (`logo_use_request`, `hub_request`,
`engagement_notify`); the Secretariat is told by email exactly once, through the outbox
(`_tell_secretariat`, kernel/outbox.py). A Hub is approved by the Partners Board (a
`hub_approval` decision, see `decision_close`); the Secretariat decides logo use and records
that an approved Hub has closed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.utils import update_change_reason

from governance import reasons as why
from governance.models import (
    HUB_LIFECYCLE,
    LOGO_USE_LIFECYCLE,
    Decision,
    ExternalEngagementNotice,
    FocalPoint,
    Hub,
    LogoUseRequest,
    Mandate,
    Partner,
)
from governance.rulebook import require
from kernel import outbox
from kernel.lifecycle import DomainError, transition

L = LogoUseRequest.Status
H = Hub.Status


def _reason(obj, reason: str) -> None:
    update_change_reason(obj, reason)


def _is_ip_leader(person, on) -> bool:
    return Mandate.objects.active(on=on).filter(person=person, role=Mandate.Role.IP_LEADER).exists()


@transaction.atomic
def logo_use_approve(*, by, logo_request: LogoUseRequest, written_agreement: bool = False) -> LogoUseRequest:
    """The Secretariat approves a use of the U4SSC logo (ToR 36). The IP Leader also needs the
    Secretariat's prior written agreement (Annex I): pass `written_agreement=True` to record it."""
    require(by, "logo.approve")
    logo_request = LogoUseRequest.objects.select_for_update().get(pk=logo_request.pk)
    LOGO_USE_LIFECYCLE.check(logo_request.status, L.APPROVED)
    today = timezone.localdate()
    if logo_request.use_from and logo_request.use_until and logo_request.use_until < logo_request.use_from:
        raise DomainError(gettext("The use cannot end before it starts: correct the dates first."))
    agreed = written_agreement or logo_request.written_agreement
    if not agreed and _is_ip_leader(logo_request.requester, today):
        raise DomainError(
            gettext(
                "The IP Leader uses the logo only with the Secretariat's prior written agreement (Annex I): "
                "approve it with the written agreement."
            )
        )
    logo_request.written_agreement = agreed
    logo_request.decided_by = by
    logo_request.decided_on = today
    return transition(
        logo_request,
        L.APPROVED,
        lifecycle=LOGO_USE_LIFECYCLE,
        by=by,
        reason=why.LOGO_APPROVED_WITH_AGREEMENT() if agreed else why.LOGO_APPROVED(),
        fields=["written_agreement", "decided_by", "decided_on"],
    )


@transaction.atomic
def logo_use_refuse(*, by, logo_request: LogoUseRequest) -> LogoUseRequest:
    """The Secretariat refuses a use of the U4SSC logo (ToR 36)."""
    require(by, "logo.approve")
    logo_request = LogoUseRequest.objects.select_for_update().get(pk=logo_request.pk)
    LOGO_USE_LIFECYCLE.check(logo_request.status, L.REFUSED)
    logo_request.decided_by = by
    logo_request.decided_on = timezone.localdate()
    return transition(
        logo_request,
        L.REFUSED,
        lifecycle=LOGO_USE_LIFECYCLE,
        by=by,
        reason=why.LOGO_REFUSED(),
        fields=["decided_by", "decided_on"],
    )


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
    if adopted:
        hub.approved_on = on
    return transition(
        hub,
        target,
        lifecycle=HUB_LIFECYCLE,
        reason=(why.HUB_APPROVED if adopted else why.HUB_REJECTED)(decision=decision.pk),
        fields=["approved_on"],
    )


@transaction.atomic
def hub_close(*, by, hub: Hub) -> Hub:
    """The Secretariat records that an approved Hub has stopped working with U4SSC."""
    require(by, "registers.keep")
    hub = Hub.objects.select_for_update().get(pk=hub.pk)
    return transition(hub, H.CLOSED, lifecycle=HUB_LIFECYCLE, by=by, reason=why.HUB_CLOSED())


# Requests from the portal: logo use (ToR 36, Annex I), Hubs (ToR 30), external engagement (ToR 37-38)


class RequestRefused(DomainError):
    """A request the rules refuse; `field` names the form field the message belongs to, if any."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.field = field


def _text(value, *, field: str, label: str, max_length: int | None = None, required: bool = True) -> str:
    value = (value or "").strip()
    if required and not value:
        raise RequestRefused(gettext("%(label)s is required.") % {"label": label}, field)
    if max_length is not None and len(value) > max_length:
        raise RequestRefused(
            gettext("%(label)s is too long: at most %(max_length)s characters.")
            % {"label": label, "max_length": max_length},
            field,
        )
    return value


@transaction.atomic
def logo_use_request(
    *, by, organisation: str, purpose: str, use_from: dt.date | None = None, use_until: dt.date | None = None
) -> LogoUseRequest:
    """Anyone signed in asks the Secretariat to use the U4SSC logo (ToR 36); the Secretariat is
    told by email once the request is saved. The IP Leader's use needs the Secretariat's written
    agreement (Annex I), given when it is approved."""
    require(by, "logo.request")
    organisation = _text(organisation, field="organisation", label=_("The organisation"), max_length=200)
    purpose = _text(purpose, field="purpose", label=_("The purpose"))
    today = timezone.localdate()
    if use_from and use_from < today:
        raise RequestRefused(
            gettext("The use cannot start in the past: give today or a later date."), "use_from"
        )
    if use_until and use_until < today:
        raise RequestRefused(
            gettext("The use cannot end in the past: give today or a later date."), "use_until"
        )
    if use_from and use_until and use_until < use_from:
        raise RequestRefused(gettext("The use cannot end before it starts."), "use_until")
    logo_request = LogoUseRequest.objects.create(
        requester=by, organisation=organisation, purpose=purpose, use_from=use_from, use_until=use_until
    )
    ip_leader = _is_ip_leader(by, today)
    _reason(
        logo_request,
        why.LOGO_REQUESTED_BY_IP_LEADER() if ip_leader else why.LOGO_REQUESTED(),
    )
    _tell_secretariat(REQUEST_LOGO, logo_request)
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
    name = _text(name, field="name", label=_("The Hub's name"), max_length=200)
    country = _text(country, field="country", label=_("The country"), max_length=100)
    city = _text(city, field="city", label=_("The city"), max_length=100, required=False)
    description = _text(description, field="description", label=_("The description"), required=False)
    today = timezone.localdate()
    partner = Partner.objects.select_for_update().filter(pk=getattr(partner, "pk", None)).first()
    if partner is None or not partner.is_current(today):
        raise RequestRefused(
            gettext("A Hub works with one of the current U4SSC Partners (ToR 30): choose one."), "partner"
        )
    same = Hub.objects.filter(name__iexact=name, country__iexact=country)
    if same.filter(status=H.REQUESTED).exists():
        raise RequestRefused(
            gettext("A request for “%(name)s” in %(country)s is already waiting for the Partners' decision.")
            % {"name": name, "country": country},
            "name",
        )
    if same.filter(status=H.APPROVED).exists():
        raise RequestRefused(
            gettext("“%(name)s” in %(country)s is already an approved U4SSC Hub.")
            % {"name": name, "country": country},
            "name",
        )
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
            gettext("A request for “%(name)s” in %(country)s is already waiting for the Partners' decision.")
            % {"name": name, "country": country},
            "name",
        ) from None
    _reason(hub, why.HUB_REQUESTED(partner=partner.acronym))
    _tell_secretariat(REQUEST_HUB, hub)
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
        raise RequestRefused(
            gettext("Say whether you will present U4SSC work or report shared work."), "kind"
        )
    event = _text(event, field="event", label=_("The event or publication"), max_length=200)
    venue = _text(venue, field="venue", label=_("The venue"), max_length=200, required=False)
    description = _text(description, field="description", label=_("The description"), required=False)
    if (
        kind == ExternalEngagementNotice.Kind.PRESENTATION
        and takes_place_on
        and takes_place_on < timezone.localdate()
    ):
        raise RequestRefused(
            gettext(
                "A presentation is announced in advance (ToR 37): its date cannot be in the past. "
                "For work already shared elsewhere, choose “shared or replicated work”."
            ),
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
        why.PRESENTATION_ANNOUNCED()
        if kind == ExternalEngagementNotice.Kind.PRESENTATION
        else why.SHARED_WORK_REPORTED(),
    )
    _tell_secretariat(REQUEST_ENGAGEMENT, notice)
    return notice


# Telling the Secretariat, exactly once --------------------------------------------------------
#
# The notice is an outbox row per person who acts as the Secretariat, written in the request's
# transaction (kernel/outbox.py): sent after commit, retried, swept after a broker outage, and
# not sent if the request is decided before it leaves (governance/emails.py).

REQUEST_LOGO, REQUEST_HUB, REQUEST_ENGAGEMENT = "logo", "hub", "engagement"


@dataclass(frozen=True)
class _RequestKind:
    model: type
    related: tuple[str, ...]
    is_waiting: Callable[[object], bool]  # still waiting for the Secretariat (a decided one needs no email)
    requester: str  # the attribute naming who asked


REQUEST_KINDS = {
    REQUEST_LOGO: _RequestKind(LogoUseRequest, ("requester",), lambda r: r.status == L.PENDING, "requester"),
    REQUEST_HUB: _RequestKind(Hub, ("partner", "contact"), lambda h: h.status == H.REQUESTED, "contact"),
    REQUEST_ENGAGEMENT: _RequestKind(
        ExternalEngagementNotice,
        ("person",),
        lambda n: n.acknowledged_by_id is None,
        "person",
    ),
}


def _tell_secretariat(kind: str, obj) -> None:
    """One notice to each Secretariat member; a Hub request also to the focal points of the Partner
    it would work with, in their own wording (DESIGN.md, ToR 30). Queued in the request's transaction."""
    from governance.emails import REQUEST_TEMPLATE

    today = timezone.localdate()
    requester = getattr(obj, REQUEST_KINDS[kind].requester)
    context = {"pk": obj.pk, "ip_leader": kind == REQUEST_LOGO and _is_ip_leader(requester, today)}
    audiences = [("secretariat", secretariat_people(today))]
    if kind == REQUEST_HUB:
        told = {person.pk for person in audiences[0][1]}
        focal_points = (
            FocalPoint.objects.current(on=today)
            .filter(partner_id=obj.partner_id, person__is_active=True)
            .exclude(person__email="")
            .exclude(person_id__in=told)
            .select_related("person")
            .order_by("person_id")
        )
        audiences.append(("partner", list({fp.person_id: fp.person for fp in focal_points}.values())))
    for audience, people in audiences:
        for person in people:
            outbox.enqueue(
                to=person,
                template=REQUEST_TEMPLATE.format(kind=kind),
                kind=f"request_{kind}",
                context={**context, "audience": audience},
                dedupe_key=f"request:{kind}:{obj.pk}:{person.pk}",
                reply_to=getattr(requester, "email", "") or "",
            )


def secretariat_people(on: dt.date) -> list:
    """Everyone who acts as the Secretariat today (as the rulebook counts them) and has an address."""
    from django.contrib.auth import get_user_model

    ids = FocalPoint.objects.secretariat(on=on).values("person_id")
    return list(get_user_model().objects.filter(pk__in=ids).exclude(email="").order_by("pk"))
