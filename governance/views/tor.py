"""The Terms of Reference: the version in force, every earlier version with its diff, and the
Secretariat's drafting pages (edit, insert, delete, move and renumber clauses; comment period;
put to a ballot). Drafts are for the Partners, the Management Team and the Secretariat only."""

from __future__ import annotations

import hashlib

from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from governance import selectors, services
from governance.forms import (
    ClauseCommentForm,
    ClauseEditForm,
    ClauseInsertForm,
    ClauseMoveForm,
    ClauseRenumberForm,
    CommentHandleForm,
    CommentPeriodForm,
    DraftCreateForm,
    ToRBallotForm,
    ToRCommentForm,
    default_deadline,
)
from governance.models import TOR_LIFECYCLE, Clause, Decision, ToRComment, ToRVersion
from governance.rulebook import can
from governance.services.decisions import RULE_EXPLANATIONS
from governance.services.tor import unhandled_comments_count
from kernel.cache import Fragments
from kernel.pdf import PdfUnavailable, html_to_pdf
from kernel.ratelimit import rate_limited
from kernel.refusals import attempt

PDF_CACHE_SECONDS = 60 * 60 * 24


def _require_secretariat(request) -> None:
    if not can(request.user, "tor.propose_revision"):
        raise PermissionDenied(
            gettext("Only the Secretariat drafts revisions of the Terms of Reference (ToR 9).")
        )


def _draft_for_secretariat(request, number: int) -> ToRVersion:
    version = selectors.tor_version_for_user(request.user, number)
    _require_secretariat(request)
    if version.is_public:
        raise Http404("This version is not a draft.")
    return version


def _clause_of(version: ToRVersion, pk: int) -> Clause:
    return get_object_or_404(Clause, pk=pk, tor_version=version)


def pdf_response(html: str, filename: str) -> HttpResponse:
    """A PDF of `html`, cached by its content: WeasyPrint runs once per distinct document."""
    key = "pdf:" + hashlib.sha256(html.encode()).hexdigest()
    pdf = cache.get(key)
    if pdf is None:
        try:
            pdf = html_to_pdf(html)
        except PdfUnavailable as exc:
            return HttpResponse(
                gettext("PDFs cannot be made on this server: %(exc)s") % {"exc": exc},
                status=503,
                content_type="text/plain",
            )
        cache.set(key, pdf, PDF_CACHE_SECONDS)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


# Public pages --------------------------------------------------------------------------


def _version_page(request, version: ToRVersion, *, current: bool):
    context = {
        "version": version,
        "clauses": selectors.tor_clauses(version),
        "current": current,
        "next_version": selectors.tor_next_version(version) if version.is_public else None,
        "base_version": selectors.tor_diff_base(version),
        "is_draft": not version.is_public,
        "may_draft": can(request.user, "tor.propose_revision"),
    }
    return render(request, "governance/tor/version.html", context)


def tor_current(request):
    version = selectors.tor_in_force()
    if version is None:
        return render(request, "governance/tor/none.html", status=404)
    return _version_page(request, version, current=True)


def tor_versions(request):
    versions = list(selectors.tor_versions_for_user(request.user))
    return render(
        request,
        "governance/tor/versions.html",
        {
            "versions": versions,
            "may_draft": can(request.user, "tor.propose_revision"),
            "form": DraftCreateForm(),
        },
    )


def tor_version_detail(request, number: int):
    version = selectors.tor_version_for_user(request.user, number)
    if version.is_in_force:
        return redirect("governance:tor")
    return _version_page(request, version, current=False)


def _diff_context(request, number: int, version: ToRVersion | None = None) -> dict:
    version = version or selectors.tor_version_for_user(request.user, number)
    if version.is_public and (following := selectors.tor_next_version(version)):
        old, new = version, following
    else:
        old, new = selectors.tor_diff_base(version), version
    if old is None:
        raise Http404("There is no earlier version to compare this one with.")
    diff = selectors.tor_diff(old, new)
    return {"version": version, "old": old, "new": new, "diff": diff, "summary": diff.summary}


def tor_version_diff(request, number: int):
    """The comparison, the same for everyone who may see the version: cached until the next write
    to the registers other than a vote (issue 17: 130 clauses compared and rendered per visit)."""
    version = selectors.tor_version_for_user(request.user, number)  # who may see it, first
    show_all = request.GET.get("all") == "1"
    key = f"tor:{version.pk}:diff:{int(show_all)}"
    parts = Fragments([key], scopes=("content",))

    def compute() -> dict:
        context = _diff_context(request, number, version)
        context["show_all"] = show_all
        return {
            "old_number": context["old"].number,
            "new_number": context["new"].number,
            "body": render_to_string("governance/tor/_diff_body.html", context),
        }

    context = parts.get(key, compute)
    parts.save()
    return render(request, "governance/tor/diff.html", {**context, "body": mark_safe(context["body"])})  # noqa: S308 (rendered by a template)


def tor_version_diff_pdf(request, number: int):
    context = _diff_context(request, number)
    html = render_to_string("governance/tor/diff_pdf.html", context)
    return pdf_response(html, f"u4ssc-tor-v{context['old'].number}-to-v{context['new'].number}.pdf")


# Drafting (Secretariat) ----------------------------------------------------------------


@require_POST
def tor_draft_create(request):
    _require_secretariat(request)
    form = DraftCreateForm(request.POST)
    if not form.is_valid():
        messages.error(request, gettext("The summary could not be read."))
        return redirect("governance:tor_versions")
    draft, ok = attempt(
        request, services.tor_revision_create, by=request.user, summary=form.cleaned_data["summary"]
    )
    if not ok:
        return redirect("governance:tor_versions")
    messages.success(
        request,
        gettext("Draft version %(number)s created from the version in force.") % {"number": draft.number},
    )
    return redirect("governance:tor_draft", number=draft.number)


def tor_draft(request, number: int):
    """The drafting desk: every clause with its actions, the comment period and the ballot."""
    version = selectors.tor_version_for_user(request.user, number)
    if version.is_public:
        return redirect("governance:tor_version", number=number)
    actions = TOR_LIFECYCLE.available(version, request.user)  # what this person may do now
    # The text with its comments, the same for everyone with the same two actions: cached until
    # the next write to the registers other than a vote (issue 17: 130 clauses per visit).
    editing, may_comment = "edit" in actions, "comment" in actions
    key = f"tor:{version.pk}:draft-text:{int(editing)}{int(may_comment)}"
    parts = Fragments([key], scopes=("content",))

    def text() -> str:
        clauses, whole_draft_comments = selectors.tor_clauses_with_comments(version)
        return render_to_string(
            "governance/tor/_draft_text.html",
            {
                "version": version,
                "clauses": clauses,
                "whole_draft_comments": whole_draft_comments,
                "show_comments": True,
                "editing": editing,
                "may_comment": may_comment,
            },
        )

    context = {
        "version": version,
        "text": mark_safe(parts.get(key, text)),  # noqa: S308 (rendered by a template)
        "base_version": selectors.tor_diff_base(version),
        "actions": actions,
        "may_draft": can(request.user, "tor.propose_revision"),
        "period_form": CommentPeriodForm(initial={"deadline": default_deadline(14)}),
        "decisions": version.decisions.order_by("-pk"),
    }
    parts.save()
    return render(request, "governance/tor/draft.html", context)


def tor_clause_edit(request, number: int, pk: int):
    version = _draft_for_secretariat(request, number)
    clause = _clause_of(version, pk)
    # the form edits the English original, whatever the page's language
    form = ClauseEditForm(
        request.POST or None, initial={"section": clause.section_en, "text": clause.text_en}
    )
    if request.method == "POST" and form.is_valid():
        _, ok = attempt(
            request,
            services.clause_edit,
            by=request.user,
            clause=clause,
            text=form.cleaned_data["text"],
            section=form.cleaned_data["section"],
        )
        if ok:
            messages.success(request, gettext("Clause %(label)s saved.") % {"label": clause.label})
            return redirect(reverse("governance:tor_draft", args=[number]) + f"#{clause.anchor}")
    context = {
        "version": version,
        "clause": clause,
        "form": form,
        "renumber_form": ClauseRenumberForm(
            initial={"number": clause.number.removeprefix("fn"), "letter": clause.letter}
        ),
        "move_form": ClauseMoveForm(version=version, clause=clause),
    }
    return render(request, "governance/tor/clause_edit.html", context)


@require_POST
def tor_clause_renumber(request, number: int, pk: int):
    version = _draft_for_secretariat(request, number)
    clause = _clause_of(version, pk)
    form = ClauseRenumberForm(request.POST)
    if form.is_valid():
        old = clause.label
        updated, ok = attempt(
            request,
            services.clause_renumber,
            by=request.user,
            clause=clause,
            number=form.cleaned_data["number"],
            letter=form.cleaned_data["letter"],
        )
        if ok:
            messages.success(
                request, gettext("Clause %(old)s is now %(label)s.") % {"old": old, "label": updated.label}
            )
            return redirect(reverse("governance:tor_draft", args=[number]) + f"#{updated.anchor}")
    else:
        messages.error(request, gettext("Give the new number (and letter for a sub-clause)."))
    return redirect("governance:tor_clause_edit", number=number, pk=pk)


@require_POST
def tor_clause_move(request, number: int, pk: int):
    version = _draft_for_secretariat(request, number)
    clause = _clause_of(version, pk)
    form = ClauseMoveForm(request.POST, version=version, clause=clause)
    if form.is_valid():
        _, ok = attempt(
            request, services.clause_move, by=request.user, clause=clause, after=form.cleaned_data["after"]
        )
        if ok:
            messages.success(request, gettext("Clause %(label)s moved.") % {"label": clause.label})
            return redirect(reverse("governance:tor_draft", args=[number]) + f"#{clause.anchor}")
    else:
        messages.error(request, gettext("Choose where to move the clause."))
    return redirect("governance:tor_clause_edit", number=number, pk=pk)


def tor_clause_delete(request, number: int, pk: int):
    version = _draft_for_secretariat(request, number)
    clause = _clause_of(version, pk)
    if request.method == "POST":
        label = clause.label
        _, ok = attempt(request, services.clause_delete, by=request.user, clause=clause)
        if ok:
            messages.success(request, gettext("Clause %(label)s deleted from the draft.") % {"label": label})
            return redirect("governance:tor_draft", number=number)
        return redirect("governance:tor_clause_edit", number=number, pk=pk)
    subclauses = (
        version.clauses.filter(kind=Clause.Kind.SUBCLAUSE, number=clause.number).count()
        if clause.kind == Clause.Kind.CLAUSE
        else 0
    )
    return render(
        request,
        "governance/tor/clause_delete.html",
        {"version": version, "clause": clause, "subclauses": subclauses},
    )


def tor_clause_insert(request, number: int):
    version = _draft_for_secretariat(request, number)
    initial = {}
    if after := request.GET.get("after"):
        initial["after"] = after
    form = ClauseInsertForm(request.POST or None, version=version, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        clause, ok = attempt(
            request,
            services.clause_insert,
            by=request.user,
            tor_version=version,
            after=data["after"],
            kind=data["kind"],
            number=data["number"],
            letter=data["letter"],
            section=data["section"],
            text=data["text"],
        )
        if ok:
            messages.success(request, gettext("Clause %(label)s inserted.") % {"label": clause.label})
            return redirect(reverse("governance:tor_draft", args=[number]) + f"#{clause.anchor}")
    return render(request, "governance/tor/clause_insert.html", {"version": version, "form": form})


@require_POST
def tor_draft_renumber(request, number: int):
    version = _draft_for_secretariat(request, number)
    count, ok = attempt(request, services.tor_draft_renumber, by=request.user, tor_version=version)
    if ok:
        messages.success(
            request, gettext("%(count)s clauses and sub-clauses renumbered in order.") % {"count": count}
        )
    return redirect("governance:tor_draft", number=number)


@require_POST
def tor_withdraw(request, number: int):
    version = _draft_for_secretariat(request, number)
    _, ok = attempt(request, services.tor_revision_withdraw, by=request.user, tor_version=version)
    if ok:
        messages.success(request, gettext("Draft version %(number)s withdrawn.") % {"number": version.number})
    return redirect("governance:tor_draft", number=number)


@require_POST
def tor_comment_period(request, number: int):
    version = _draft_for_secretariat(request, number)
    form = CommentPeriodForm(request.POST)
    if form.is_valid():
        _, ok = attempt(
            request,
            services.tor_comment_period_open,
            by=request.user,
            tor_version=version,
            deadline=form.cleaned_data["deadline"],
        )
        if ok:
            messages.success(request, gettext("The comment period is open."))
    else:
        messages.error(request, gettext("Give the date and time the comment period closes."))
    return redirect("governance:tor_draft", number=number)


@rate_limited("comment")
def tor_comments(request, number: int):
    version = selectors.tor_version_for_user(request.user, number)
    if version.is_public and not selectors.sees_running(request.user):
        raise Http404("Comments on the drafts are not public.")
    form = ToRCommentForm(request.POST or None, version=version)
    if request.method == "POST" and form.is_valid():
        _, ok = attempt(
            request,
            services.tor_comment_add,
            by=request.user,
            tor_version=version,
            clause=form.cleaned_data["clause"],
            text=form.cleaned_data["text"],
        )
        if ok:
            messages.success(request, gettext("Your comment was recorded."))
            return redirect("governance:tor_comments", number=number)
    context = {
        "version": version,
        "comments": selectors.tor_comments(version),
        "form": form,
        "actions": TOR_LIFECYCLE.available(version, request.user),
        "may_handle": can(request.user, "tor.handle_comment"),
        "handle_form": CommentHandleForm(),
    }
    return render(request, "governance/tor/comments.html", context)


@rate_limited("comment")
def tor_clause_comment(request, number: int, pk: int):
    """The comment form for one clause, opened from the clause's own link on the draft."""
    version = selectors.tor_version_for_user(request.user, number)
    if version.is_public:
        raise Http404("Only drafts take comments.")
    clause = _clause_of(version, pk)
    if not can(request.user, "tor.comment"):
        raise PermissionDenied(
            gettext("The Management Team and the Partners comment on a ToR revision (ToR 13b).")
        )
    form = ClauseCommentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        _, ok = attempt(
            request,
            services.tor_comment_add,
            by=request.user,
            tor_version=version,
            clause=clause,
            text=form.cleaned_data["text"],
        )
        if ok:
            messages.success(
                request, gettext("Your comment on clause %(label)s was recorded.") % {"label": clause.label}
            )
            return redirect(reverse("governance:tor_draft", args=[number]) + f"#{clause.anchor}")
    context = {
        "version": version,
        "clause": clause,
        "form": form,
        "open": version.in_comment_period,
        "comments": clause.comments.select_related("author", "partner").order_by("created_at", "pk"),
    }
    return render(request, "governance/tor/clause_comment.html", context)


@require_POST
def tor_comment_handle(request, pk: int):
    comment = get_object_or_404(ToRComment.objects.select_related("tor_version"), pk=pk)
    version = selectors.tor_version_for_user(request.user, comment.tor_version.number)
    form = CommentHandleForm(request.POST)
    if form.is_valid():
        _, ok = attempt(
            request,
            services.tor_comment_handle,
            by=request.user,
            comment=comment,
            handling=form.cleaned_data["handling"],
            note=form.cleaned_data["note"],
        )
        if ok:
            messages.success(request, gettext("The handling of the comment was recorded."))
    else:
        messages.error(request, gettext("Choose how the comment was handled."))
    return redirect(reverse("governance:tor_comments", args=[version.number]) + f"#comment-{comment.pk}")


def tor_ballot(request, number: int):
    """Put the draft to the Partners Board."""
    version = _draft_for_secretariat(request, number)
    if not can(request.user, "decision.open"):
        raise PermissionDenied(gettext("Only the Secretariat opens a ballot."))
    initial = {
        "question": gettext("Do the Partners approve version %(number)s of the Terms of Reference?")
        % {"number": version.number},
        "deadline": default_deadline(14),
        "rule": Decision.Rule.SIMPLE_MAJORITY,
    }
    unhandled = unhandled_comments_count(version)
    form = ToRBallotForm(request.POST or None, initial=initial)
    if not unhandled:
        del form.fields["unhandled_comments_confirmed"]  # nothing to confirm
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        decision, ok = attempt(
            request,
            services.decision_open,
            by=request.user,
            kind=Decision.Kind.TOR_REVISION,
            question=data["question"],
            description=data["description"],
            rule=data["rule"],
            deadline=data["deadline"],
            tor_version=version,
            unhandled_comments_confirmed=data.get("unhandled_comments_confirmed", False),
        )
        if ok:
            messages.success(request, gettext("The ballot is open."))
            return redirect(decision.get_absolute_url())
    return render(
        request,
        "governance/tor/ballot.html",
        {
            "version": version,
            "form": form,
            "explanations": RULE_EXPLANATIONS,
            "unhandled": unhandled,
        },
    )


urlpatterns = [
    path("tor/", tor_current, name="tor"),
    path("tor/versions/", tor_versions, name="tor_versions"),
    path("tor/versions/new/", tor_draft_create, name="tor_draft_create"),
    path("tor/versions/<int:number>/", tor_version_detail, name="tor_version"),
    path("tor/versions/<int:number>/diff/", tor_version_diff, name="tor_diff"),
    path("tor/versions/<int:number>/diff.pdf", tor_version_diff_pdf, name="tor_diff_pdf"),
    path("tor/versions/<int:number>/draft/", tor_draft, name="tor_draft"),
    path("tor/versions/<int:number>/clauses/new/", tor_clause_insert, name="tor_clause_insert"),
    path("tor/versions/<int:number>/clauses/<int:pk>/", tor_clause_edit, name="tor_clause_edit"),
    path(
        "tor/versions/<int:number>/clauses/<int:pk>/renumber/",
        tor_clause_renumber,
        name="tor_clause_renumber",
    ),
    path("tor/versions/<int:number>/clauses/<int:pk>/move/", tor_clause_move, name="tor_clause_move"),
    path("tor/versions/<int:number>/clauses/<int:pk>/delete/", tor_clause_delete, name="tor_clause_delete"),
    path("tor/versions/<int:number>/renumber/", tor_draft_renumber, name="tor_draft_renumber"),
    path("tor/versions/<int:number>/withdraw/", tor_withdraw, name="tor_withdraw"),
    path("tor/versions/<int:number>/comment-period/", tor_comment_period, name="tor_comment_period"),
    path("tor/versions/<int:number>/comments/", tor_comments, name="tor_comments"),
    path(
        "tor/versions/<int:number>/clauses/<int:pk>/comment/", tor_clause_comment, name="tor_clause_comment"
    ),
    path("tor/comments/<int:pk>/handle/", tor_comment_handle, name="tor_comment_handle"),
    path("tor/versions/<int:number>/ballot/", tor_ballot, name="tor_ballot"),
]
