"""Decisions of the Partners Board: the list, the ballot page, voting, the public record (page
and PDF), the Secretariat's form to open a ballot, and nominations for Chair and Vice-Chair."""

from __future__ import annotations

import datetime as dt
from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import path
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from governance import selectors, services
from governance.forms import (
    BallotForm,
    DecisionExtendForm,
    DecisionOpenForm,
    DecisionWithdrawForm,
    NominationForm,
    default_deadline,
)
from governance.models import BALLOT_LIFECYCLE, DECISION_LIFECYCLE, Decision, Partner, PartnerBallot
from governance.rulebook import can, principal_for
from governance.selectors import with_related
from governance.services.decisions import RULE_EXPLANATIONS, _when, allowed_choices, explain_tally, vote_label
from governance.views.tor import pdf_response
from kernel.cache import CONTENT_KEY, Fragments, ballot_key, shows
from kernel.paging import ShortListPaginator
from kernel.ratelimit import rate_limited
from kernel.refusals import attempt

PAGE_SIZE = 25
TEMPLATES = "governance/decisions"
# A ballot card lists this many of the Partner's latest changes of vote, and links to the rest
# (issue 17: a ballot changed a few hundred times made the page list them all).
HISTORY_SHOWN = 10


@shows("content", "voters")  # how many Partners voted, and whether theirs has: no choice shown
def decision_list(request):
    """Open decisions awaiting the person's Partner's vote, then every decision they may see."""
    page = ShortListPaginator(selectors.decision_list_for_user(request.user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    is_focal_point = bool(principal_for(request.user).partner_ids)
    context = {
        # nothing to compile for someone who votes for no Partner (Django compiles an empty
        # queryset whole before finding it empty: issue 17)
        "awaiting": list(selectors.decisions_awaiting_vote(request.user)[:PAGE_SIZE])
        if is_focal_point
        else [],
        "page": page,
        "decisions": page.object_list,
        "sees_running": selectors.sees_running(request.user),
        "is_focal_point": is_focal_point,
        "may_open": can(request.user, "decision.open"),
    }
    return render(request, "governance/decisions/list.html", context)


def _record_context(decision: Decision) -> dict:
    """The decision's facts, the count if closed and the votes: the same for everyone who may see
    the decision (the page and the PDF)."""
    return {**_facts_context(decision), **_votes_context(decision)}


def _facts_context(decision: Decision) -> dict:
    """The decision, its related records, its extensions and, once closed, its count: no ballot
    (the ballot page keeps this part through votes)."""
    with_related(decision)
    return {
        "decision": decision,
        "closed": decision.is_closed,
        "withdrawn": decision.is_withdrawn,
        "extensions": selectors.decision_extensions(decision),
        # the tally stores facts; its explanation is worded here, in the reader's language
        "tally": {**decision.tally, "explanation": explain_tally(decision.tally)},
        "rule_explanation": RULE_EXPLANATIONS.get(decision.rule, ""),
        "choices": allowed_choices(decision.rule),
    }


def _votes_context(decision: Decision) -> dict:
    """The votes: the running ballots, or the count's record once closed (all a vote changes of
    the record: the ballot page re-renders this part alone after a vote, issue 17)."""
    closed = decision.is_closed
    votes = (
        [
            # the choice is worded now, in the reader's language (older tallies also stored a label)
            {
                **vote,
                "choice_label": vote_label(decision.rule, vote["choice"]),
                "cast_at": parse_datetime(vote["cast_at"]),
            }
            for vote in decision.tally.get("votes", [])
        ]
        if closed
        else None
    )
    return {
        "decision": decision,
        "closed": closed,
        "withdrawn": decision.is_withdrawn,
        "ballots": [] if closed else selectors.decision_ballots(decision),
        "votes": votes,
    }


def _ballot_card(decision: Decision, partner_id: int, *, every_change: bool = False) -> dict:
    """A Partner's ballot on its page, the same for each of its focal points: the vote so far,
    the form's fields with that vote chosen, and the latest changes (all of them when asked)."""
    partner = Partner.objects.only("pk", "name", "acronym").get(pk=partner_id)
    ballot = selectors.partner_ballot(decision, partner_id)
    history = selectors.ballot_history(ballot) if ballot else None
    changes = [] if history is None else list(history if every_change else history[: HISTORY_SHOWN + 1])
    count = len(changes)
    if not every_change and count > HISTORY_SHOWN:
        changes, count = changes[:HISTORY_SHOWN], history.count()
    context = {
        "decision": decision,
        "partner": partner,
        "ballot": ballot,
        "history": changes,
        "changes_count": count,
        "every_change": every_change,
    }
    form = BallotForm(
        decision=decision,
        initial={"partner": partner_id, "choice": ballot.choice if ballot else None},
        prefix=f"p{partner_id}",
    )
    return {
        "partner": partner,
        "vote": render_to_string("governance/decisions/_ballot_vote.html", context),
        "fields": form.as_div(),  # shown when the lifecycle offers a vote (decision_detail)
        "voted": ballot is not None,
        "history": render_to_string("governance/decisions/_ballot_history.html", context),
    }


def _with_vote_action(card: dict, decision: Decision, person) -> dict:
    """The card with the vote the lifecycle offers this person now ("vote", "change_vote" or
    None): asked at each visit, not cached, since the deadline passes without a write."""
    place = PartnerBallot(decision, card["partner"].pk, voted=card.get("voted", False))
    actions = BALLOT_LIFECYCLE.available(place, person)
    return {**card, "vote_action": actions.vote or actions.change_vote}


def decision_detail(request, pk: int):
    """The ballot page. What it shows alike to everyone who may see it (the decision, its
    record, each Partner's ballot card) is cached until the next write to the registers
    (kernel.cache.Fragments): a signed-in visit reads the person and nothing else from the
    database. Who may see the page is decided before any of it is shown or computed."""
    principal = principal_for(request.user)
    partner_ids = sorted(principal.partner_ids)
    runs_ballots = principal.can("decision.remind")  # the Secretariat: who has not voted, and its actions
    every_change = request.GET.get("changes") == "all"  # the card's link to all of a ballot's changes
    prefix = f"decision:{pk}"
    # What each part shows, so that a vote re-renders only what it changes (issue 17): the
    # decision and its facts no ballot (a vote that closes the ballot saves the decision); a
    # Partner's card that Partner's ballot alone; the count, who has not voted and the running
    # table every ballot (the default: every content generation).
    content = (CONTENT_KEY,)
    parts = Fragments(
        [
            prefix,
            f"{prefix}:facts",
            f"{prefix}:votes",
            f"{prefix}:progress",
            *([f"{prefix}:not_voted"] if runs_ballots else []),
            *(f"{prefix}:ballot:{pid}" for pid in partner_ids),
        ],
        depends={
            prefix: content,
            f"{prefix}:facts": content,
            **{f"{prefix}:ballot:{pid}": (CONTENT_KEY, ballot_key(pk, pid)) for pid in partner_ids},
        },
    )
    decision = selectors.decision_visible_to(
        request.user, parts.get(prefix, lambda: Decision.objects.filter(pk=pk).first())
    )
    open_for_votes = decision.is_open
    # Remind, extend, withdraw, close: the lifecycle answers (state × deadline × rulebook).
    actions = DECISION_LIFECYCLE.available(decision, request.user)
    # Progress and who has not voted change with every ballot and Partner: any write to the
    # governance registers moves the content generation, so these parts are never stale.
    progress = (
        parts.get(
            f"{prefix}:progress",
            lambda: render_to_string(
                f"{TEMPLATES}/_progress.html",
                {"decision": decision, "progress": selectors.ballot_progress(decision)},
            ),
        )
        if open_for_votes
        else ""
    )
    not_voted = (
        parts.get(
            f"{prefix}:not_voted",
            lambda: render_to_string(
                f"{TEMPLATES}/_not_voted.html",
                {"decision": decision, "partners": selectors.partners_not_voted(decision)},
            ),
        )
        if open_for_votes and runs_ballots
        else ""
    )
    context = {
        "progress": progress,
        "not_voted": not_voted,
        "actions": actions,
        "extend_form": DecisionExtendForm(
            prefix="extend",
            initial={"deadline": decision.deadline + dt.timedelta(days=7) if decision.deadline else None},
        ),
        "withdraw_form": DecisionWithdrawForm(prefix="withdraw"),
        "decision": decision,
        "closed": decision.is_closed,
        "withdrawn": decision.is_withdrawn,
        "facts": parts.get(
            f"{prefix}:facts", lambda: render_to_string(f"{TEMPLATES}/_facts.html", _facts_context(decision))
        ),
        "votes": parts.get(
            f"{prefix}:votes",
            lambda: render_to_string(f"{TEMPLATES}/_record_votes.html", _votes_context(decision)),
        ),
        "my_ballots": sorted(
            (
                _with_vote_action(
                    _ballot_card(decision, pid, every_change=True)
                    if every_change
                    else parts.get(f"{prefix}:ballot:{pid}", partial(_ballot_card, decision, pid)),
                    decision,
                    request.user,
                )
                for pid in partner_ids
            ),
            key=lambda card: card["partner"].acronym,
        ),
    }
    parts.save()
    return render(request, "governance/decisions/detail.html", context)


@login_required
@require_POST
@rate_limited("vote")
def decision_vote(request, pk: int):
    # who may see it (its status) and its options (its rule); the service reads the whole row under its lock (issue 17:
    # reading and compiling all of its columns twice was a tenth of a vote)
    decision = selectors.decision_visible_to(
        request.user, Decision.objects.only("pk", "status", "rule").filter(pk=pk).first()
    )
    partner_id = next((v for k, v in request.POST.items() if k.endswith("partner")), None)
    partner = Partner.objects.filter(pk=partner_id).first() if str(partner_id or "").isdigit() else None
    if partner is None:
        messages.error(request, gettext("Say which Partner you vote for."))
        return redirect(decision.get_absolute_url())
    form = BallotForm(request.POST, decision=decision, prefix=f"p{partner.pk}")
    if not form.is_valid():
        messages.error(request, gettext("Choose one of the options on the ballot."))
        return redirect(decision.get_absolute_url())
    ballot, ok = attempt(
        request,
        services.ballot_cast,
        decision=decision,
        partner=partner,
        by=request.user,
        choice=form.cleaned_data["choice"],
        comment=form.cleaned_data["comment"],
    )
    if ok:
        messages.success(
            request,
            gettext(
                "%(partner)s's vote is recorded: %(choice)s. Receipt code %(receipt_code)s; a confirmation was sent to each of its focal points."
            )
            % {
                "partner": partner,
                "choice": ballot.get_choice_display(),
                "receipt_code": ballot.receipt_code,
            },
        )
        closed = ballot.decision  # the row the vote locked, closed by it if it was the last one
        if closed.is_closed:
            messages.info(
                request,
                gettext("Every current Partner has now voted: the ballot is closed. Result: %(result)s.")
                % {"result": closed.get_result_display()},
            )
    return redirect(decision.get_absolute_url())


@login_required
@require_POST
def decision_close_now(request, pk: int):
    """The Secretariat counts a ballot whose deadline has passed, or on which every current
    Partner has voted, without waiting for the job."""
    decision = selectors.decision_for_user(request.user, pk)
    if not can(request.user, "decision.close"):
        raise PermissionDenied(gettext("Only the Secretariat closes a ballot."))
    closed, ok = attempt(request, services.decision_close, by=request.user, decision=decision)
    if ok:
        messages.success(
            request, gettext("The ballot is closed: %(result)s.") % {"result": closed.get_result_display()}
        )
    return redirect(decision.get_absolute_url())


@login_required
@require_POST
def decision_extend(request, pk: int):
    decision = selectors.decision_for_user(request.user, pk)
    if not can(request.user, "decision.extend"):
        raise PermissionDenied(gettext("Only the Secretariat extends a ballot."))
    form = DecisionExtendForm(request.POST, prefix="extend")
    if not form.is_valid():
        messages.error(request, gettext("Give the new deadline and the reason the Partners are told."))
        return redirect(decision.get_absolute_url())
    extended, ok = attempt(
        request,
        services.decision_extend,
        by=request.user,
        decision=decision,
        deadline=form.cleaned_data["deadline"],
        reason=form.cleaned_data["reason"],
    )
    if ok:
        messages.success(
            request,
            gettext("The ballot now closes at %(deadline)s; every focal point is told why.")
            % {"deadline": _when(extended.deadline)},
        )
    return redirect(decision.get_absolute_url())


@login_required
@require_POST
def decision_withdraw(request, pk: int):
    decision = selectors.decision_for_user(request.user, pk)
    if not can(request.user, "decision.withdraw"):
        raise PermissionDenied(gettext("Only the Secretariat withdraws a ballot."))
    form = DecisionWithdrawForm(request.POST, prefix="withdraw")
    if not form.is_valid():
        messages.error(request, gettext("Say why the ballot is withdrawn: the Partners are told."))
        return redirect(decision.get_absolute_url())
    _, ok = attempt(
        request,
        services.decision_withdraw,
        by=request.user,
        decision=decision,
        reason=form.cleaned_data["reason"],
    )
    if ok:
        messages.success(request, gettext("The ballot is withdrawn; every focal point is told why."))
    return redirect(decision.get_absolute_url())


def decision_record_pdf(request, pk: int):
    decision = selectors.decision_for_user(request.user, pk)
    html = render_to_string("governance/decisions/record_pdf.html", _record_context(decision))
    return pdf_response(html, f"u4ssc-decision-{decision.pk}.pdf")


@login_required
def decision_open(request):
    if not can(request.user, "decision.open"):
        raise PermissionDenied(gettext("Only the Secretariat puts questions to the Partners Board."))
    initial = {"deadline": default_deadline(14), "rule": Decision.Rule.SIMPLE_MAJORITY}
    if kind := request.GET.get("kind"):
        initial["kind"] = kind
    nomination_id = request.GET.get("nomination", "")
    if nomination_id.isdigit() and (
        nomination := selectors.nominations_open().filter(pk=nomination_id).first()
    ):
        initial["nomination"] = nomination.pk
        initial["question"] = gettext("Do the Partners appoint %(nominee)s as %(role)s?") % {
            "nominee": nomination.nominee.get_full_name() or nomination.nominee,
            "role": nomination.get_role_display(),
        }
    form = DecisionOpenForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        decision, ok = attempt(
            request,
            services.decision_open,
            by=request.user,
            kind=data["kind"],
            question=data["question"],
            description=data["description"],
            rule=data["rule"],
            deadline=data["deadline"],
            tor_version=data["tor_version"],
            nomination=data["nomination"],
            deliverable=data["deliverable"],
            hub=data["hub"],
            unhandled_comments_confirmed=data["unhandled_comments_confirmed"],
        )
        if ok:
            messages.success(request, gettext("The ballot is open."))
            return redirect(decision.get_absolute_url())
    return render(request, "governance/decisions/open.html", {"form": form})


def nomination_list(request):
    if not selectors.sees_running(request.user):
        raise PermissionDenied(
            gettext("Nominations are followed by the Partners, the Management Team and the Secretariat.")
        )
    page = Paginator(selectors.nominations_for_user(request.user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "governance/decisions/nominations.html",
        {
            "page": page,
            "nominations": page.object_list,
            "may_nominate": can(request.user, "mandate.nominate"),
            "may_open": can(request.user, "decision.open"),
        },
    )


@login_required
def nomination_create(request):
    partners = selectors.voting_partners_for_user(request.user)
    if not partners or not can(request.user, "mandate.nominate"):
        raise PermissionDenied(
            gettext("Partners nominate candidates for Chair and Vice-Chair, through their focal points.")
        )
    form = NominationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        nomination, ok = attempt(
            request,
            services.nomination_create,
            by=request.user,
            partner=partners[0],
            role=form.cleaned_data["role"],
            nominee=form.nominee,
            statement=form.cleaned_data["statement"],
        )
        if ok:
            messages.success(
                request,
                gettext("%(partners)s nominated %(nominee)s for %(role)s.")
                % {
                    "partners": partners[0],
                    "nominee": nomination.nominee,
                    "role": nomination.get_role_display(),
                },
            )
            return redirect("governance:nominations")
    return render(
        request, "governance/decisions/nomination_form.html", {"form": form, "partner": partners[0]}
    )


urlpatterns = [
    path("decisions/", decision_list, name="decisions"),
    path("decisions/new/", decision_open, name="decision_open"),
    path("decisions/<int:pk>/", decision_detail, name="decision_detail"),
    path("decisions/<int:pk>/vote/", decision_vote, name="decision_vote"),
    path("decisions/<int:pk>/close/", decision_close_now, name="decision_close"),
    path("decisions/<int:pk>/extend/", decision_extend, name="decision_extend"),
    path("decisions/<int:pk>/withdraw/", decision_withdraw, name="decision_withdraw"),
    path("decisions/<int:pk>/record.pdf", decision_record_pdf, name="decision_pdf"),
    path("nominations/", nomination_list, name="nominations"),
    path("nominations/new/", nomination_create, name="nomination_create"),
]
