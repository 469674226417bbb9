"""Pages of Thematic Groups, deliverables, calls for experts and the workplan. Thin: parse
input, call one selector or service, render. Hidden objects answer 404; visible objects
whose action the person may not take answer 403 (the rulebook's RuleDenied)."""

from __future__ import annotations

import csv

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from governance.rulebook import RuleDenied, principal_for, require
from kernel.downloads import private_file_response
from kernel.pdf import PdfUnavailable
from kernel.ratelimit import rate_limited
from kernel.refusals import attempt
from thematic_groups import forms, selectors, services
from thematic_groups.models import (
    CALL_LIFECYCLE,
    DELIVERABLE_LIFECYCLE,
    WORKPLAN_LIFECYCLE,
    ContributionSignup,
    Deliverable,
    ExpertApplication,
    TeamMember,
    ThematicGroup,
    Workplan,
    WorkplanItem,
)
from thematic_groups.services import EDITORIAL_DISCLAIMER, IP_NOTICE

# Thematic Groups -------------------------------------------------------------------------------


@require_GET
def group_list(request):
    return render(request, "thematic_groups/group_list.html", {"groups": selectors.group_list()})


@require_GET
def group_detail(request, slug):
    group = selectors.group_get(slug=slug)
    context = {"group": group, **selectors.group_deliverables(group=group, user=request.user)}
    context["can_propose"] = principal_for(request.user).can("deliverable.propose", group)
    return render(request, "thematic_groups/group_detail.html", context)


@login_required
def deliverable_propose(request, slug):
    group = get_object_or_404(ThematicGroup, slug=slug)
    require(request.user, "deliverable.propose", group)
    form = forms.DeliverableProposalForm(request.POST or None, group=group)
    if request.method == "POST" and form.is_valid():
        done = attempt(
            request,
            services.deliverable_propose,
            form=form,
            by=request.user,
            thematic_group=group,
            **form.cleaned_data,
        )
        if done:
            messages.success(request, gettext("Your proposal is recorded. It now awaits approval (ToR 19)."))
            return redirect(done.value)
    status = 400 if request.method == "POST" else 200
    return render(
        request, "thematic_groups/deliverable_propose.html", {"group": group, "form": form}, status=status
    )


# The public list, search and the feed -----------------------------------------------------------


@require_GET
def deliverable_list(request):
    groups = list(ThematicGroup.objects.order_by("title"))
    form = forms.DeliverableSearchForm(
        request.GET or None, groups=groups, years=selectors.deliverable_years_public()
    )
    params = request.GET.copy()
    for name in form.errors if form.is_bound else ():  # a value the form rejects is left out, and said so
        params.pop(name, None)
    filters = selectors.DeliverableFilters.from_params(params)
    page = Paginator(selectors.deliverable_search_public(filters), selectors.PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "thematic_groups/deliverable_list.html",
        {"form": form, "page": page, "filters": filters, "querystring": query.urlencode()},
    )


# One deliverable ---------------------------------------------------------------------------------


def _actions(user, deliverable: Deliverable):
    """What this person may do to the deliverable now: its lifecycle (state) × the rulebook."""
    return DELIVERABLE_LIFECYCLE.available(deliverable, user)


def _offers_sign_up(user, deliverable: Deliverable, actions) -> bool:
    """The "contribute" box: for those who may sign up and do not already work on it."""
    p = principal_for(user)
    return (
        bool(actions.sign_up)
        and deliverable.pk not in p.team_deliverable_ids
        and not p.can("deliverable.manage", deliverable)
    )


def _render_detail(request, deliverable: Deliverable, extra: dict | None = None, status: int = 200):
    context = {
        "d": deliverable,
        "disclaimer": gettext(EDITORIAL_DISCLAIMER),
        "ip_notice": gettext(IP_NOTICE),
        "actions": (actions := _actions(request.user, deliverable)),
        "offer_sign_up": _offers_sign_up(request.user, deliverable, actions),
        **selectors.deliverable_workspace(deliverable=deliverable, user=request.user),
    }
    if context["audience"]:
        on = request.GET.get("comment_on", "")
        chosen = next((v.pk for v in context["versions"] if on.isdigit() and v.number == int(on)), None)
        context.setdefault(
            "comment_form", forms.CommentForm(deliverable=deliverable, initial={"version": chosen})
        )
        context.setdefault("upload_form", forms.VersionUploadForm())
        context.setdefault("call_form", forms.CallForm())
        context.setdefault("withdraw_form", forms.WithdrawForm())
        context.setdefault("final_draft_form", forms.FinalDraftForm())
        context.setdefault("team_form", forms.TeamAddForm())
        if actions.approve:
            context.setdefault("approval_form", forms.ApprovalForm())
        context["my_signup"] = any(s.person_id == request.user.pk for s in context["signups"])
    context.setdefault("signup_form", forms.SignupForm())
    context.update(extra or {})
    return render(request, "thematic_groups/deliverable_detail.html", context, status=status)


@require_GET
def deliverable_detail(request, slug):
    deliverable = selectors.deliverable_get_visible(user=request.user, slug=slug)
    return _render_detail(request, deliverable)


def _done(request, deliverable, call, success: str, *, form_name: str | None = None, form=None):
    """Run one service call; a refusal becomes a clear message and nothing changes."""
    done = attempt(request, call, form=form)
    if done:
        messages.success(request, success)
    elif form is not None:
        return _render_detail(request, deliverable, {form_name: form}, status=400)
    return redirect(deliverable)


def _visible(request, slug) -> Deliverable:
    return selectors.deliverable_get_visible(user=request.user, slug=slug)


@require_POST
def deliverable_transition(request, slug, action):
    """The lifecycle buttons without a form: approval is separate (it names the meeting)."""
    deliverable = _visible(request, slug)
    successes = {
        "start_drafting": gettext("Drafting has started."),
        "return_to_drafting": gettext("Back to drafting."),
        "editorial_review": gettext("Editorial review has started."),
        "publish": gettext("Published. The PDF carries the disclaimer and the IP notice."),
    }
    name = action.replace("-", "_")
    if name not in successes:
        raise Http404("No such action.")
    service = DELIVERABLE_LIFECYCLE.service(name)
    return _done(
        request, deliverable, lambda: service(by=request.user, deliverable=deliverable), successes[name]
    )


@require_POST
def deliverable_approve(request, slug):
    deliverable = _visible(request, slug)
    require(request.user, "deliverable.record_approval", deliverable)
    form = forms.ApprovalForm(request.POST)
    if not form.is_valid():
        return _render_detail(request, deliverable, {"approval_form": form}, status=400)
    return _done(
        request,
        deliverable,
        lambda: services.deliverable_record_approval(
            deliverable=deliverable, meeting=form.cleaned_data["meeting"], by=request.user
        ),
        gettext("The approval is recorded."),
        form_name="approval_form",
        form=form,
    )


@require_POST
def deliverable_final_draft(request, slug):
    deliverable = _visible(request, slug)
    require(request.user, "deliverable.manage", deliverable)
    form = forms.FinalDraftForm(request.POST)
    if not form.is_valid():
        return _render_detail(request, deliverable, {"final_draft_form": form}, status=400)
    return _done(
        request,
        deliverable,
        lambda: services.deliverable_mark_final_draft(
            by=request.user, deliverable=deliverable, review_deadline=form.cleaned_data["review_deadline"]
        ),
        gettext("The final draft is open for factual and editorial comments."),
        form_name="final_draft_form",
        form=form,
    )


@require_POST
def deliverable_withdraw(request, slug):
    deliverable = _visible(request, slug)
    require(request.user, "deliverable.withdraw", deliverable)
    form = forms.WithdrawForm(request.POST)
    if not form.is_valid():
        return _render_detail(request, deliverable, {"withdraw_form": form}, status=400)
    return _done(
        request,
        deliverable,
        lambda: services.deliverable_withdraw(
            by=request.user, deliverable=deliverable, note=form.cleaned_data["note"]
        ),
        gettext("The deliverable is withdrawn; its page stays with the notice."),
        form_name="withdraw_form",
        form=form,
    )


@login_required
def deliverable_edit_text(request, slug):
    deliverable = _visible(request, slug)
    if not _actions(request.user, deliverable).edit_text:
        refusal = DELIVERABLE_LIFECYCLE.refused("edit_text", deliverable)
        if refusal is None:  # the state allows it: the rulebook says no (403)
            raise RuleDenied(DELIVERABLE_LIFECYCLE.action("edit_text", deliverable.status).rule)
        messages.error(request, refusal)
        return redirect(deliverable)
    form = forms.TextForm(  # the English original, whatever the page's language
        request.POST or None, initial={"summary": deliverable.summary_en or "", "body": deliverable.body}
    )
    if (
        request.method == "POST"
        and form.is_valid()
        and attempt(
            request,
            services.deliverable_update_text,
            form=form,
            by=request.user,
            deliverable=deliverable,
            **form.cleaned_data,
        )
    ):
        messages.success(request, gettext("The text is saved."))
        return redirect(deliverable)
    status = 400 if request.method == "POST" else 200
    return render(
        request, "thematic_groups/deliverable_text.html", {"d": deliverable, "form": form}, status=status
    )


@require_POST
def version_upload(request, slug):
    deliverable = _visible(request, slug)
    require(request.user, "deliverable.upload_draft", deliverable)
    form = forms.VersionUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return _render_detail(request, deliverable, {"upload_form": form}, status=400)
    return _done(
        request,
        deliverable,
        lambda: services.draft_upload(
            by=request.user,
            deliverable=deliverable,
            file=form.cleaned_data["file"],
            note=form.cleaned_data["note"],
        ),
        gettext("The new version is uploaded."),
        form_name="upload_form",
        form=form,
    )


@require_GET
def version_download(request, slug, number):
    version = selectors.version_get_visible(user=request.user, slug=slug, number=number)
    extension = version.file.name.rsplit(".", 1)[-1] if "." in version.file.name else "bin"
    return private_file_response(
        version.file, filename=f"{slug}-v{version.number}.{extension}", content_type=version.content_type
    )


@login_required  # refused before counting: a visitor never spends the comment allowance
@require_POST
@rate_limited("comment")
def comment_add(request, slug):
    deliverable = _visible(request, slug)
    require(request.user, "deliverable.comment", deliverable)
    form = forms.CommentForm(request.POST, deliverable=deliverable)
    if not form.is_valid():
        return _render_detail(request, deliverable, {"comment_form": form}, status=400)
    return _done(
        request,
        deliverable,
        lambda: services.comment_add(by=request.user, deliverable=deliverable, **form.cleaned_data),
        gettext("Your comment is recorded."),
        form_name="comment_form",
        form=form,
    )


@require_POST
def call_open(request, slug):
    deliverable = _visible(request, slug)
    require(request.user, "call.open", deliverable)
    form = forms.CallForm(request.POST)
    if not form.is_valid():
        return _render_detail(request, deliverable, {"call_form": form}, status=400)
    return _done(
        request,
        deliverable,
        lambda: services.call_open(by=request.user, deliverable=deliverable, **form.cleaned_data),
        gettext("The call for experts is open."),
        form_name="call_form",
        form=form,
    )


@require_POST
def sign_up(request, slug):
    """Sign up to contribute: from the deliverable page (its audience) or from an open call."""
    if not request.user.is_authenticated:
        return redirect(f"{request.build_absolute_uri('/accounts/login/')}?next={request.path}")
    deliverable = Deliverable.objects.filter(slug=slug).first()
    if deliverable is None:
        raise Http404
    visible = principal_for(request.user).can("unpublished.view", deliverable) or deliverable.is_public
    open_call = selectors.call_list_open().filter(deliverable=deliverable).first()
    if not visible and open_call is None:
        raise Http404
    form = forms.SignupForm(request.POST)
    form.is_valid()
    if attempt(
        request,
        services.contribution_sign_up,
        by=request.user,
        deliverable=deliverable,
        message=form.cleaned_data.get("message", ""),
    ):
        messages.success(request, gettext("Thank you: the Leader and the Secretariat have been told."))
    return redirect(deliverable if visible else open_call.get_absolute_url())


@require_POST
def team_add(request, slug, signup_id):
    deliverable = _visible(request, slug)
    require(request.user, "deliverable.manage", deliverable)
    signup = get_object_or_404(
        ContributionSignup.objects.select_related("person"), pk=signup_id, deliverable=deliverable
    )
    form = forms.TeamAddForm(request.POST)
    role = form.cleaned_data["role"] if form.is_valid() else TeamMember.Role.CONTRIBUTOR
    return _done(
        request,
        deliverable,
        lambda: services.team_member_add(
            deliverable=deliverable, person=signup.person, role=role, by=request.user
        ),
        gettext("%(person)s joined the team.") % {"person": signup.person},
    )


@require_POST
def team_remove(request, slug, member_id):
    deliverable = _visible(request, slug)
    require(request.user, "deliverable.manage", deliverable)
    member = get_object_or_404(
        TeamMember.objects.select_related("person"), pk=member_id, deliverable=deliverable
    )
    return _done(
        request,
        deliverable,
        lambda: services.team_member_remove(member=member, by=request.user),
        gettext("%(person)s left the team.") % {"person": member.person},
    )


@require_GET
def deliverable_pdf(request, slug):
    """The public PDF of a published deliverable in the reader's language, rendered once per
    edition and language and kept (the URL has the language's prefix: a shared cache may keep it)."""
    deliverable = selectors.deliverable_published_get(slug=slug)
    try:
        pdf = services.deliverable_public_pdf(deliverable=deliverable, language=translation.get_language())
    except PdfUnavailable:
        return HttpResponse(
            gettext("The PDF cannot be produced at the moment. Please try again later."),
            status=503,
            content_type="text/plain",
        )
    response = private_file_response(
        pdf, filename=f"{deliverable.slug}.pdf", content_type="application/pdf", inline=False
    )
    response["Cache-Control"] = "public, max-age=3600"
    return response


# Calls for experts (ToR 20c) ---------------------------------------------------------------------


@require_GET
def call_list(request):
    """Open calls are public (DESIGN.md): how experts find what to contribute to (ToR 20c)."""
    p = principal_for(request.user)
    context = {
        "calls": selectors.call_list_open(),
        "to_vet": selectors.applications_to_vet() if p.can("call.vet") else None,
    }
    return render(request, "thematic_groups/call_list.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
def call_detail(request, pk):
    """An open call is public (title, objectives, scope, deadline, how to apply); applying needs an
    account, so a visitor's application goes through sign-in first."""
    call = selectors.call_get_for_user(user=request.user, pk=pk)
    if request.method == "POST" and not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    form = forms.ApplicationForm(request.POST or None)
    if request.method == "POST":
        require(request.user, "call.apply", call)
        if form.is_valid() and attempt(
            request,
            services.expert_apply,
            form=form,
            by=request.user,
            call=call,
            motivation=form.cleaned_data["motivation"],
        ):
            messages.success(
                request,
                gettext("Your application is recorded. The Secretariat and the Management Team vet it."),
            )
            return redirect(call.get_absolute_url())
    p = principal_for(request.user)
    context = {
        "call": call,
        "form": form,
        "is_open": call.is_open,
        "applied": call.applications.filter(applicant=request.user).first()
        if request.user.is_authenticated
        else None,
        "audience": p.can("unpublished.view", call.deliverable),
        "actions": CALL_LIFECYCLE.available(call, request.user),
        "applications": call.applications.select_related("applicant")
        if p.can("call.vet", call.deliverable)
        else None,
        "signup_form": forms.SignupForm(),
    }
    return render(request, "thematic_groups/call_detail.html", context, status=400 if form.errors else 200)


@require_POST
@login_required
def call_close(request, pk):
    call = selectors.call_get_for_user(user=request.user, pk=pk)
    if attempt(request, services.call_close, by=request.user, call=call):
        messages.success(request, gettext("The call is closed."))
    return redirect(call.get_absolute_url())


@require_POST
@login_required
def application_vet(request, pk):
    application = get_object_or_404(ExpertApplication.objects.select_related("call__deliverable"), pk=pk)
    require(request.user, "call.vet", application.call.deliverable)
    accept = request.POST.get("outcome") == "accept"
    if attempt(request, services.application_vet, by=request.user, application=application, accept=accept):
        messages.success(
            request, gettext("Accepted: the expert joined the team.") if accept else gettext("Declined.")
        )
    return redirect(application.call.get_absolute_url())


# The workplan (ToR 10) ---------------------------------------------------------------------------


@require_GET
def workplan_list(request):
    p = principal_for(request.user)
    return render(
        request,
        "thematic_groups/workplan_list.html",
        {
            "workplans": selectors.workplan_list_visible(user=request.user),
            "can_compile": p.can("workplan.compile"),
        },
    )


@login_required
def workplan_create(request):
    require(request.user, "workplan.compile")
    form = forms.WorkplanForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        done = attempt(request, services.workplan_create, form=form, by=request.user, **form.cleaned_data)
        if done:
            messages.success(request, gettext("The workplan is open for inputs."))
            return redirect("thematic_groups:workplan_detail", done.value.pk)
    return render(
        request, "thematic_groups/workplan_create.html", {"form": form}, status=400 if form.errors else 200
    )


def _workplan_context(request, workplan: Workplan, extra: dict | None = None) -> dict:
    context = {
        "workplan": workplan,
        "rows": selectors.workplan_items(workplan),
        "actions": WORKPLAN_LIFECYCLE.available(workplan, request.user),
        "preparing": not workplan.is_agreed,
    }
    if context["preparing"]:
        context["inputs"] = list(workplan.inputs.select_related("author"))
    context["input_form"] = forms.WorkplanInputForm()
    context["item_form"] = forms.WorkplanItemForm()
    context["review_form"] = forms.WorkplanReviewForm()
    context["presented_form"] = forms.WorkplanPresentedForm()
    context["agreed_form"] = forms.WorkplanAgreedForm()
    context.update(extra or {})
    return context


@require_GET
def workplan_detail(request, pk):
    workplan = selectors.workplan_get_visible(user=request.user, pk=pk)
    return render(request, "thematic_groups/workplan_detail.html", _workplan_context(request, workplan))


@require_POST
def workplan_action(request, pk, action):
    workplan = selectors.workplan_get_visible(user=request.user, pk=pk)
    form_classes = {
        "input": ("input_form", forms.WorkplanInputForm),
        "item": ("item_form", forms.WorkplanItemForm),
        "review": ("review_form", forms.WorkplanReviewForm),
        "presented": ("presented_form", forms.WorkplanPresentedForm),
        "agreed": ("agreed_form", forms.WorkplanAgreedForm),
        "submit": (None, None),
    }
    if action not in form_classes:
        raise Http404("No such action.")
    lifecycle_action = {"item": "compile", "presented": "present", "agreed": "agree"}.get(action, action)
    require(request.user, WORKPLAN_LIFECYCLE.action(lifecycle_action).rule)
    form_name, form_class = form_classes[action]
    form = form_class(request.POST) if form_class else None
    if form is not None and not form.is_valid():
        context = _workplan_context(request, workplan, {form_name: form})
        return render(request, "thematic_groups/workplan_detail.html", context, status=400)
    data = form.cleaned_data if form else {}
    by = request.user
    calls = {
        "input": lambda: services.workplan_input_add(by=by, workplan=workplan, text=data["text"]),
        "item": lambda: services.workplan_item_add(by=by, workplan=workplan, **data),
        "submit": lambda: services.workplan_submit_for_review(by=by, workplan=workplan),
        "review": lambda: services.workplan_review(
            by=by, workplan=workplan, note=data["note"], approve=data["decision"] == "approve"
        ),
        "presented": lambda: services.workplan_record_presented(
            by=by, workplan=workplan, meeting=data["meeting"], on=data["on"]
        ),
        "agreed": lambda: services.workplan_record_agreed(
            by=by, workplan=workplan, note=data["note"], on=data["on"]
        ),
    }
    # The refusal is shown at the top of the page, even if this form is not on the page.
    if not attempt(request, calls[action]):
        if form is None:
            return redirect("thematic_groups:workplan_detail", workplan.pk)
        context = _workplan_context(request, workplan, {form_name: form})
        return render(request, "thematic_groups/workplan_detail.html", context, status=400)
    messages.success(request, gettext("Saved."))
    return redirect("thematic_groups:workplan_detail", workplan.pk)


@require_POST
def workplan_item_remove(request, pk, item_id):
    workplan = selectors.workplan_get_visible(user=request.user, pk=pk)
    item = get_object_or_404(WorkplanItem, pk=item_id, workplan=workplan)
    if attempt(request, services.workplan_item_remove, by=request.user, item=item):
        messages.success(request, gettext("The item is removed."))
    return redirect("thematic_groups:workplan_detail", workplan.pk)


CSV_HEADER = [
    pgettext_lazy("abbreviation of number", "No."),
    _("Kind"),
    _("Title"),
    _("Thematic Group"),
    _("Owner"),
    _("Starts on"),
    _("Ends on"),
    _("Final draft due"),
    _("Publication due"),
    _("Notes"),
]


@require_GET
def workplan_csv(request, pk):
    workplan = selectors.workplan_get_visible(user=request.user, pk=pk)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="u4ssc-workplan-{workplan.pk}.csv"'
    writer = csv.writer(response)
    writer.writerow([str(heading) for heading in CSV_HEADER])
    for n, row in enumerate(selectors.workplan_items(workplan), start=1):
        writer.writerow(
            [
                n,
                row.kind,
                _csv_safe(row.title),
                _csv_safe(row.group),
                _csv_safe(row.owner),
                row.starts_on or "",
                row.ends_on or "",
                row.final_draft_due or "",
                row.publication_due or "",
                _csv_safe(row.notes),
            ]
        )
    return response


def _csv_safe(value: str) -> str:
    """No spreadsheet formulas from user text (CSV injection)."""
    return f"'{value}" if value[:1] in ("=", "+", "-", "@") else value


@require_GET
def workplan_pdf(request, pk):
    workplan = selectors.workplan_get_visible(user=request.user, pk=pk)
    if not workplan.is_agreed:
        raise Http404("Only an agreed workplan has a PDF.")
    try:
        pdf = services.workplan_pdf(workplan=workplan, language=translation.get_language())
    except PdfUnavailable:
        return HttpResponse(
            gettext("The PDF cannot be produced at the moment. Please try again later."),
            status=503,
            content_type="text/plain",
        )
    return private_file_response(
        pdf, filename=f"u4ssc-workplan-{workplan.pk}.pdf", content_type="application/pdf"
    )
