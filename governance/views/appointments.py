"""Leaders' appointments (ToR 19, 28): the Chair proposes a Leader on the group's page
(/groups/<slug>/leaders/propose/); the Secretariat concurs or declines with a reason on
/leaders/proposals/. The services check the rulebook, the renewal rule and tell those concerned."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from governance import selectors, services
from governance.forms import LeaderDeclineForm, LeaderProposalForm
from governance.groups import thematic_groups
from governance.models import MANDATE_LIFECYCLE, Mandate
from governance.rulebook import require
from kernel.refusals import attempt

TEMPLATES = "governance/appointments"


def _group(slug: str):
    # Thematic Groups sit above governance: their app installs them (governance/groups.py).
    return get_object_or_404(thematic_groups(), slug=slug)


@login_required
def leader_propose(request, slug: str):
    """The Chair's page: the group's Leaders and waiting proposals, and the form to propose one."""
    require(request.user, "mandate.propose_leader")
    group = _group(slug)
    form = LeaderProposalForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        done = attempt(
            request,
            services.mandate_propose_leader,
            form=form,
            by=request.user,
            person=form.nominee,
            thematic_group=group,
            starts_on=data["starts_on"],
            renew=data["renew"],
            notes=data["notes"],
        )
        if done:
            mandate = done.value
            messages.success(
                request,
                gettext(
                    "You proposed %(person)s as Leader of %(group)s. The Secretariat has been asked to concur (ToR 19); the mandate starts when it does, and you will be told."
                )
                % {"person": mandate.person, "group": group},
            )
            return redirect("governance:leader_propose", slug=group.slug)
    context = {
        "group": group,
        "form": form,
        "mandates": list(selectors.group_leader_mandates(group.pk, timezone.localdate())),
        "today": timezone.localdate(),
    }
    return render(request, f"{TEMPLATES}/propose.html", context, status=400 if form.errors else 200)


@login_required
def leader_proposals(request):
    """The Secretariat's page: every proposal waiting for its concurrence."""
    require(request.user, "mandate.concur_leader")
    proposals = list(selectors.leader_proposals_waiting()[:200])
    for mandate in proposals:  # the Concur / Decline buttons each proposal offers now
        mandate.actions = MANDATE_LIFECYCLE.available(mandate, request.user)
    context = {"proposals": proposals, "today": timezone.localdate()}
    return render(request, f"{TEMPLATES}/proposals.html", context)


def _proposal(pk: int) -> Mandate:
    return get_object_or_404(Mandate, pk=pk, role=Mandate.Role.LEADER)


@login_required
@require_POST
def leader_concur(request, pk: int):
    require(request.user, "mandate.concur_leader")
    done = attempt(request, services.mandate_concur, by=request.user, mandate=_proposal(pk))
    if done:
        mandate = done.value
        messages.success(
            request,
            gettext(
                "%(person)s is Leader of %(thematic_group)s from %(starts_on)s to %(last_day)s. The Leader, the Chair and the Secretariat are told."
            )
            % {
                "person": mandate.person,
                "thematic_group": mandate.thematic_group,
                "starts_on": date_format(mandate.starts_on, "DATE_FORMAT"),
                "last_day": date_format(mandate.last_day, "DATE_FORMAT"),
            },
        )
    return redirect("governance:leader_proposals")


@login_required
@require_POST
def leader_decline(request, pk: int):
    require(request.user, "mandate.concur_leader")
    mandate = _proposal(pk)
    form = LeaderDeclineForm(request.POST)
    if not form.is_valid():
        messages.error(
            request, gettext("Say why the Secretariat declines: the Chair and the person proposed are told.")
        )
        return redirect("governance:leader_proposals")
    if attempt(
        request,
        services.mandate_decline,
        by=request.user,
        mandate=mandate,
        reason=form.cleaned_data["reason"],
    ):
        messages.success(
            request,
            gettext("The proposal of %(person)s is declined; the Chair and the person are told.")
            % {"person": mandate.person},
        )
    return redirect("governance:leader_proposals")


urlpatterns = [
    path("groups/<slug:slug>/leaders/propose/", leader_propose, name="leader_propose"),
    path("leaders/proposals/", leader_proposals, name="leader_proposals"),
    path("leaders/proposals/<int:pk>/concur/", leader_concur, name="leader_concur"),
    path("leaders/proposals/<int:pk>/decline/", leader_decline, name="leader_decline"),
]
