"""Services: the only writers of Thematic Group, deliverable and workplan state (ToR 10, 19-22, 34).

Each action is one keyword-only function, atomic, that locks what it reads-then-writes,
asks the rulebook, moves the record through its lifecycle, saves with `update_fields`,
records why in the history and starts tasks on commit.
"""

from __future__ import annotations

import datetime as dt
import hashlib

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.text import slugify
from django.utils.translation import gettext, gettext_noop, pgettext_lazy
from guardian.shortcuts import assign_perm, remove_perm
from simple_history.utils import update_change_reason

from governance.rulebook import RuleDenied, can, forget_principal, require
from kernel import outbox
from kernel.bounds import COMMENT_MAX_CHARS, date_within, not_in_future, text_within
from kernel.content_language import drop_versions, in_reader_language, original_language, versions
from kernel.lifecycle import DomainError, transition
from kernel.queue import enqueue_on_commit
from kernel.renders import keep_render
from kernel.uploads import UploadRejected, inspect_upload
from thematic_groups import reasons as why
from thematic_groups.models import (  # noqa: F401  (the lifecycles are re-exported for callers)
    CALL_LIFECYCLE,
    DELIVERABLE_LIFECYCLE,
    UPLOAD_STATES,
    WORKPLAN_LIFECYCLE,
    CallForExperts,
    ContributionSignup,
    Deliverable,
    DeliverableComment,
    DeliverableVersion,
    ExpertApplication,
    PdfRender,
    TeamMember,
    ThematicGroup,
    Workplan,
    WorkplanInput,
    WorkplanItem,
)

S = Deliverable.Status
W = Workplan.Status

# The texts every published deliverable carries, on its page and in its PDF: marked here
# (gettext_noop), translated where they are shown (gettext), so they stay plain strings.
EDITORIAL_DISCLAIMER = gettext_noop(
    "This deliverable has been through an editorial review to ensure quality control and "
    "factual correctness of the content."
)  # meeting report 3.6
IP_NOTICE = gettext_noop(
    "All the material published based on the work of the U4SSC is the intellectual property of "
    "ITU, UNECE, UN-Habitat and other participating UN agencies, funds and programmes."
)  # ToR 34
FINAL_DRAFT_KINDS = (DeliverableComment.Kind.FACTUAL, DeliverableComment.Kind.EDITORIAL)
FINAL_DRAFT_RULE = gettext_noop(
    "On a final draft, comments are limited to factual corrections and editorial oversights "
    "(meeting report 3.6)."
)
DEFAULT_FINAL_REVIEW_DAYS = 14


def _reason(obj, reason: str) -> None:
    update_change_reason(obj, reason)


def _locked(deliverable: Deliverable) -> Deliverable:
    return Deliverable.objects.select_for_update().get(pk=deliverable.pk)


def _move(deliverable: Deliverable, new: str, *, by=None, fields: list[str], reason: str) -> Deliverable:
    return transition(deliverable, new, lifecycle=DELIVERABLE_LIFECYCLE, by=by, fields=fields, reason=reason)


def _unique_slug(title: str) -> str:
    base = slugify(title)[:100].strip("-") or "deliverable"
    slug, n = base, 1
    while Deliverable.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


# Proposal and approval (ToR 19, 20a, 20g) ------------------------------------------------


@transaction.atomic
def deliverable_propose(
    *,
    by,
    thematic_group: ThematicGroup,
    title: str,
    type: str,
    objectives: str,
    scope: str,
    starts_on: dt.date,
    publication_due: dt.date,
    final_draft_due: dt.date | None = None,
    summary: str = "",
    working_group=None,
) -> Deliverable:
    """A Leader proposes a deliverable for their own group, with its title, type, objectives,
    scope and timeline (ToR 20a, 20g)."""
    require(by, "deliverable.propose", thematic_group)
    title, objectives, scope = title.strip(), objectives.strip(), scope.strip()
    if not (title and objectives and scope):
        raise DomainError(gettext("A proposal states its title, objectives and scope (ToR 20g)."))
    if type not in Deliverable.Type.values:
        raise DomainError(gettext("Choose the type of deliverable."))
    if publication_due < starts_on:
        raise DomainError(gettext("The planned publication cannot come before the start of the work."))
    if final_draft_due and not (starts_on <= final_draft_due <= publication_due):
        raise DomainError(
            gettext("The final draft is due between the start of the work and the publication.")
        )
    if working_group is not None and working_group.thematic_group_id != thematic_group.pk:
        raise DomainError(gettext("That working group belongs to another Thematic Group."))
    with original_language():  # the words typed are the English original, whatever the page's language
        deliverable = Deliverable.objects.create(
            thematic_group=thematic_group,
            working_group=working_group,
            title=title,
            slug=_unique_slug(title),
            type=type,
            summary=summary.strip(),
            objectives=objectives,
            scope=scope,
            status=S.PROPOSED,
            proposed_by=by,
            starts_on=starts_on,
            final_draft_due=final_draft_due,
            publication_due=publication_due,
        )
    _reason(deliverable, why.PROPOSED())
    return deliverable


@transaction.atomic
def deliverable_record_approval(
    *, deliverable: Deliverable, decision=None, meeting=None, by=None
) -> Deliverable:
    """Record that a deliverable was approved at an annual meeting or by a Partners Board
    decision (ToR 19).

    The Secretariat records an annual meeting's approval (`by` and `meeting`). The decisions
    service calls it with the adopted `decision` and no `by` when a deliverable-approval ballot
    is adopted. Calling it again with the same decision changes nothing."""
    if (decision is None) == (meeting is None):
        raise DomainError(
            gettext("Say how it was approved: at an annual meeting or by a Partners Board decision.")
        )
    if by is not None:
        require(by, "deliverable.record_approval", deliverable)
    elif meeting is not None:
        raise DomainError(gettext("The Secretariat records an annual meeting's approval."))
    deliverable = _locked(deliverable)
    if decision is not None:
        if deliverable.status == S.APPROVED and deliverable.approval_decision_id == decision.pk:
            return deliverable
        _check_approving_decision(decision, deliverable)
        approved_on = timezone.localdate(decision.closed_at) if decision.closed_at else timezone.localdate()
        reason = why.APPROVED_BY_DECISION(decision=decision.pk)
    else:
        if not meeting.is_annual:
            raise DomainError(
                gettext("Deliverables are approved at the annual meeting, not at an e-meeting (ToR 19).")
            )
        approved_on = meeting.held_on or timezone.localdate(meeting.starts_at)
        if approved_on > timezone.localdate():
            raise DomainError(gettext("That annual meeting has not taken place yet."))
        reason = why.APPROVED_AT_MEETING(day=approved_on)
    deliverable.approved_on = approved_on
    deliverable.approval_decision = decision
    deliverable.approval_meeting = meeting
    return _move(
        deliverable,
        S.APPROVED,
        by=by,
        fields=["approved_on", "approval_decision", "approval_meeting"],
        reason=reason,
    )


def _check_approving_decision(decision, deliverable: Deliverable) -> None:
    from governance.models import Decision

    if decision.kind != Decision.Kind.DELIVERABLE_APPROVAL or decision.deliverable_id != deliverable.pk:
        raise DomainError(gettext("That decision is not about approving this deliverable."))
    if decision.status != Decision.Status.CLOSED or decision.result != Decision.Result.ADOPTED:
        raise DomainError(gettext("The Partners Board has not adopted that decision."))


# Moving through drafting, final draft, editorial review, publication ---------------------


@transaction.atomic
def deliverable_start_drafting(*, by, deliverable: Deliverable) -> Deliverable:
    require(by, "deliverable.manage", deliverable)
    deliverable = _locked(deliverable)
    deliverable.drafting_started_on = timezone.localdate()
    return _move(
        deliverable, S.DRAFTING, by=by, fields=["drafting_started_on"], reason=why.DRAFTING_STARTED()
    )


@transaction.atomic
def deliverable_mark_final_draft(
    *, by, deliverable: Deliverable, review_deadline: dt.datetime | None = None
) -> Deliverable:
    """The Leader declares the latest version the final draft: from now on comments are
    factual or editorial only (MR 3.6), until the review deadline."""
    require(by, "deliverable.manage", deliverable)
    deliverable = _locked(deliverable)
    DELIVERABLE_LIFECYCLE.check(deliverable.status, S.FINAL_DRAFT)
    latest = deliverable.versions.order_by("-number").first()
    if latest is None:
        raise DomainError(gettext("Upload the final draft before opening its review."))
    now = timezone.now()
    review_deadline = review_deadline or now + dt.timedelta(days=DEFAULT_FINAL_REVIEW_DAYS)
    if review_deadline <= now:
        raise DomainError(gettext("The review deadline must be in the future."))
    deliverable.versions.filter(is_final=True).exclude(pk=latest.pk).update(is_final=False)
    if not latest.is_final:
        latest.is_final = True
        latest.save(update_fields=["is_final"])
        _reason(latest, why.MARKED_FINAL_DRAFT())
    deliverable.final_draft_on = timezone.localdate()
    deliverable.final_review_deadline = review_deadline
    return _move(
        deliverable,
        S.FINAL_DRAFT,
        by=by,
        fields=["final_draft_on", "final_review_deadline"],
        reason=why.FINAL_DRAFT(),
    )


@transaction.atomic
def deliverable_return_to_drafting(*, by, deliverable: Deliverable) -> Deliverable:
    require(by, "deliverable.manage", deliverable)
    deliverable = _locked(deliverable)
    return _move(deliverable, S.DRAFTING, by=by, fields=[], reason=why.RETURNED_TO_DRAFTING())


@transaction.atomic
def deliverable_start_editorial_review(*, by, deliverable: Deliverable) -> Deliverable:
    require(by, "deliverable.editorial_review", deliverable)
    deliverable = _locked(deliverable)
    deliverable.editorial_review_on = timezone.localdate()
    return _move(
        deliverable, S.EDITORIAL_REVIEW, by=by, fields=["editorial_review_on"], reason=why.EDITORIAL_REVIEW()
    )


@transaction.atomic
def deliverable_update_text(*, by, deliverable: Deliverable, summary: str, body: str) -> Deliverable:
    """Edit the web text (summary and body): the Leader while drafting, the Secretariat in
    editorial review. Published text changes only through a new edition."""
    deliverable = _locked(deliverable)
    action = DELIVERABLE_LIFECYCLE.check_action("edit_text", deliverable)
    require(by, action.rule, deliverable)  # the Leader while drafting, the Secretariat in editorial review
    with original_language():  # the English original; its versions in other languages no longer match it
        fields = ["summary", "summary_en", "body"]
        if summary.strip() != (deliverable.summary or ""):
            fields += drop_versions(deliverable, "summary")
        deliverable.summary, deliverable.body = summary.strip(), body.strip()
        deliverable.save(update_fields=fields)
    _reason(deliverable, why.TEXT_EDITED())
    return deliverable


@transaction.atomic
def deliverable_publish(*, by, deliverable: Deliverable) -> Deliverable:
    """The Secretariat publishes after editorial review (ToR 23c, 34; MR 3.6). The public PDF,
    carrying the disclaimer and the IP notice, is rendered once for this edition."""
    require(by, "deliverable.publish", deliverable)
    deliverable = _locked(deliverable)
    DELIVERABLE_LIFECYCLE.check(deliverable.status, S.PUBLISHED)
    if not (deliverable.summary.strip() and deliverable.body.strip()):
        raise DomainError(gettext("Write the summary and the published text before publishing."))
    deliverable.published_on = timezone.localdate()
    deliverable.edition += 1
    deliverable = _move(
        deliverable, S.PUBLISHED, by=by, fields=["published_on", "edition"], reason=why.PUBLISHED()
    )
    _keep_edition_facts(deliverable)
    from thematic_groups import tasks

    enqueue_on_commit(tasks.render_deliverable_pdf, deliverable.pk)
    return deliverable


@transaction.atomic
def deliverable_withdraw(*, by, deliverable: Deliverable, note: str) -> Deliverable:
    """Withdraw a deliverable. A published one keeps its URL, with the notice (ToR 23c)."""
    require(by, "deliverable.withdraw", deliverable)
    note = note.strip()
    if not note:
        raise DomainError(gettext("Say why the deliverable is withdrawn: the note is shown on its page."))
    deliverable = _locked(deliverable)
    deliverable.withdrawn_on = timezone.localdate()
    deliverable.withdrawal_note = note
    return _move(
        deliverable, S.WITHDRAWN, by=by, fields=["withdrawn_on", "withdrawal_note"], reason=why.WITHDRAWN()
    )


# The public PDF ----------------------------------------------------------------------------


def _cached(field_file) -> bool:
    """A cached file that is really there (storage moved or emptied: render it again)."""
    return bool(field_file) and field_file.storage.exists(field_file.name)


# Each published PDF keeps what was published (its facts, language-neutral: dates as ISO text,
# choices as their codes, translated texts in every language) and is rendered from them in the
# reader's language: English is the record's own file, rendered once; another language is rendered
# on its first request and kept (PdfRender, by content version).


def _iso(value) -> str:
    return value.isoformat() if value else ""


def _date(iso: str):
    return dt.date.fromisoformat(iso) if iso else None


def edition_facts(deliverable: Deliverable) -> dict:
    """What the published edition says, language-neutral (kept at publication)."""
    return {
        "edition": deliverable.edition,
        "published_on": _iso(deliverable.published_on),
        "type": deliverable.type,
        "title": versions(deliverable, "title"),
        "summary": versions(deliverable, "summary"),
        "body": deliverable.body,
        "group": versions(deliverable.thematic_group, "title"),
    }


def _keep_edition_facts(deliverable: Deliverable) -> None:
    """Keep the facts of the edition just published (a column the history leaves out)."""
    deliverable.published_snapshot = edition_facts(deliverable)
    Deliverable.objects.filter(pk=deliverable.pk).update(published_snapshot=deliverable.published_snapshot)


def _edition_context(deliverable: Deliverable) -> dict:
    """The PDF's values in the active language, from the facts kept for this edition (an edition
    published before they were kept: its text now, which a published edition no longer changes)."""
    facts = deliverable.published_snapshot
    if not facts or facts.get("edition") != deliverable.edition:
        facts = edition_facts(deliverable)
    group = deliverable.thematic_group
    return {
        "d": {
            "title": in_reader_language(facts["title"], versions(deliverable, "title")),
            "summary": in_reader_language(facts["summary"], versions(deliverable, "summary")),
            "body": facts["body"],
            "type": str(dict(Deliverable.Type.choices).get(facts["type"], facts["type"])),
            "group": in_reader_language(facts["group"], versions(group, "title")),
            "published_on": _date(facts["published_on"]),
            "edition": facts["edition"],
        },
        "disclaimer": gettext(EDITORIAL_DISCLAIMER),
        "ip_notice": gettext(IP_NOTICE),
    }


def _pdf_in(language: str, *, render_for: dict, template: str, context, name: str) -> PdfRender:
    """The record's PDF in `language`, rendered now unless the kept one is of the same content
    (its version is the hash of the HTML it is made from: the words, the dates, the layout)."""
    from kernel.pdf import html_to_pdf

    with translation.override(language):
        html = render_to_string(template, context())
        version = hashlib.sha256(f"{language}\n{html}".encode()).hexdigest()
        kept = PdfRender.objects.filter(**render_for, content_version=version)
        found = kept.first()
        if found is not None and _cached(found.file):
            return found
        if found is not None:  # its file is gone (storage moved or emptied): render it again
            found.delete()
        return keep_render(
            PdfRender(**render_for, language=language, content_version=version),
            name=f"{name}-{language}-{version[:12]}.pdf",
            make=lambda: html_to_pdf(html),
            existing=kept.first,
            siblings=PdfRender.objects.filter(**render_for, language=language),
        )


def deliverable_public_pdf(*, deliverable: Deliverable, language: str | None = None):
    """The PDF of the published edition in `language` (the reader's; default English), rendered
    once from what was published and stored in private storage. Returns the FieldFile; raises
    DomainError if the deliverable is not published."""
    if deliverable.status != S.PUBLISHED:
        raise DomainError(gettext("Only a published deliverable has a public PDF."))
    if language and language != settings.LANGUAGE_CODE:
        return _pdf_in(
            language,
            render_for={"deliverable": deliverable},
            template="thematic_groups/pdf/deliverable.html",
            context=lambda: _edition_context(deliverable),
            name=f"{deliverable.slug}-edition-{deliverable.edition}",
        ).file
    if _cached(deliverable.public_pdf) and deliverable.public_pdf_edition == deliverable.edition:
        return deliverable.public_pdf
    with transaction.atomic():
        locked = (
            Deliverable.objects.select_for_update().select_related("thematic_group").get(pk=deliverable.pk)
        )
        if locked.status != S.PUBLISHED:
            raise DomainError(gettext("Only a published deliverable has a public PDF."))
        if not (_cached(locked.public_pdf) and locked.public_pdf_edition == locked.edition):
            from kernel.pdf import html_to_pdf

            with translation.override(settings.LANGUAGE_CODE):  # the English original
                html = render_to_string("thematic_groups/pdf/deliverable.html", _edition_context(locked))
            old = locked.public_pdf.name if locked.public_pdf else ""
            locked.public_pdf.save(
                f"{locked.slug}-edition-{locked.edition}.pdf", ContentFile(html_to_pdf(html)), save=False
            )
            locked.public_pdf_edition = locked.edition
            locked.save(update_fields=["public_pdf", "public_pdf_edition"])
            _reason(locked, why.PUBLIC_PDF_RENDERED(edition=locked.edition))
            if old and old != locked.public_pdf.name:
                transaction.on_commit(lambda: locked.public_pdf.storage.delete(old))
    deliverable.public_pdf, deliverable.public_pdf_edition = locked.public_pdf, locked.public_pdf_edition
    return locked.public_pdf


# The team (guardian grant and TeamMember row kept in step) -------------------------------


@transaction.atomic
def team_member_add(*, deliverable: Deliverable, person, role: str = TeamMember.Role.CONTRIBUTOR, by=None):
    """Put `person` on the deliverable's team: the row and the `work_on_deliverable` grant."""
    if by is not None:
        require(by, "deliverable.manage", deliverable)
    if role not in TeamMember.Role.values:
        raise DomainError(gettext("Choose the person's role in the team."))
    deliverable = _locked(deliverable)
    DELIVERABLE_LIFECYCLE.check_action("manage_team", deliverable)
    if TeamMember.objects.filter(deliverable=deliverable, person=person).exists():
        raise DomainError(gettext("%(person)s is already in the team.") % {"person": person})
    member = TeamMember.objects.create(deliverable=deliverable, person=person, role=role)
    _reason(member, why.JOINED_TEAM())
    assign_perm("thematic_groups.work_on_deliverable", person, deliverable)
    forget_principal(person)
    return member


@transaction.atomic
def team_member_remove(*, member: TeamMember, by=None) -> None:
    """Take a person off the team: the row goes (its history stays) and so does the grant."""
    if by is not None:
        require(by, "deliverable.manage", member.deliverable)
    callers_person = member.person
    member = TeamMember.objects.select_for_update().select_related("deliverable", "person").get(pk=member.pk)
    member._change_reason = why.LEFT_TEAM()
    person, deliverable = member.person, member.deliverable
    member.delete()
    remove_perm("thematic_groups.work_on_deliverable", person, deliverable)
    forget_principal(person)
    forget_principal(callers_person)


# Calls for experts (ToR 20c) and sign-ups (ToR 22a) ---------------------------------------


@transaction.atomic
def call_open(
    *,
    by,
    deliverable: Deliverable,
    title: str,
    description: str,
    closes_on: dt.date,
    expertise_sought: str = "",
) -> CallForExperts:
    require(by, "call.open", deliverable)
    DELIVERABLE_LIFECYCLE.check_action("open_call", deliverable)
    if not (title.strip() and description.strip()):
        raise DomainError(gettext("A call for experts has a title and a description."))
    if closes_on <= timezone.localdate():
        raise DomainError(gettext("The call must close after today."))
    call = CallForExperts.objects.create(
        deliverable=deliverable,
        title=title.strip(),
        description=description.strip(),
        expertise_sought=expertise_sought.strip(),
        opened_by=by,
        closes_on=closes_on,
    )
    _reason(call, why.CALL_OPENED())
    return call


@transaction.atomic
def call_close(*, by, call: CallForExperts) -> CallForExperts:
    require(by, "call.open", call.deliverable)
    call = CallForExperts.objects.select_for_update().get(pk=call.pk)
    if not CALL_LIFECYCLE.can_move(call.status, CallForExperts.Status.CLOSED):
        raise DomainError(gettext("This call is already closed."))
    return transition(
        call, CallForExperts.Status.CLOSED, lifecycle=CALL_LIFECYCLE, by=by, reason=why.CALL_CLOSED()
    )


def call_is_open(call: CallForExperts) -> bool:
    return call.is_open


@transaction.atomic
def expert_apply(*, by, call: CallForExperts, motivation: str) -> ExpertApplication:
    require(by, "call.apply", call)
    call = CallForExperts.objects.select_for_update().get(pk=call.pk)
    if not call_is_open(call):
        raise DomainError(gettext("This call for experts is closed."))
    if not motivation.strip():
        raise DomainError(gettext("Tell the Leader about your expertise and motivation."))
    if ExpertApplication.objects.filter(call=call, applicant=by).exists():
        raise DomainError(gettext("You have already applied to this call."))
    application = ExpertApplication.objects.create(call=call, applicant=by, motivation=motivation.strip())
    _reason(application, why.APPLIED())
    return application


@transaction.atomic
def application_vet(*, by, application: ExpertApplication, accept: bool) -> ExpertApplication:
    """The Secretariat or the Management Team vets an application (ToR 20c); an accepted
    expert joins the deliverable's team."""
    require(by, "call.vet", application.call.deliverable)
    application = (
        ExpertApplication.objects.select_for_update()
        .select_related("call__deliverable", "applicant")
        .get(pk=application.pk)
    )
    if application.status != ExpertApplication.Status.PENDING:
        raise DomainError(gettext("This application has already been vetted."))
    application.status = ExpertApplication.Status.ACCEPTED if accept else ExpertApplication.Status.DECLINED
    application.vetted_by = by
    application.vetted_on = timezone.localdate()
    application.save(update_fields=["status", "vetted_by", "vetted_on"])
    _reason(application, why.APPLICATION_ACCEPTED() if accept else why.APPLICATION_DECLINED())
    deliverable = application.call.deliverable
    if (
        accept
        and not TeamMember.objects.filter(deliverable=deliverable, person=application.applicant).exists()
    ):
        team_member_add(deliverable=deliverable, person=application.applicant)
    return application


@transaction.atomic
def contribution_sign_up(*, by, deliverable: Deliverable, message: str = "") -> ContributionSignup:
    """A participant signs up to contribute; the Leader and the Secretariat are told by email
    once the sign-up is saved (ToR 22a)."""
    require(by, "deliverable.sign_up", deliverable)
    deliverable = _locked(deliverable)
    reachable = can(by, "unpublished.view", deliverable) or any(
        call_is_open(call) for call in deliverable.calls.all()
    )
    if not reachable:
        raise RuleDenied("deliverable.sign_up")
    DELIVERABLE_LIFECYCLE.check_action("sign_up", deliverable)
    if ContributionSignup.objects.filter(deliverable=deliverable, person=by).exists():
        raise DomainError(gettext("You have already signed up to contribute to this deliverable."))
    signup = ContributionSignup.objects.create(deliverable=deliverable, person=by, message=message.strip())
    _reason(signup, why.SIGNED_UP())
    from thematic_groups.emails import SIGNUP
    from thematic_groups.selectors import signup_recipients

    for person in signup_recipients(deliverable):  # told after commit, once each (kernel/outbox.py)
        outbox.enqueue(
            to=person,
            template=SIGNUP,
            kind="contribution_signup",
            context={"signup_id": signup.pk},
            dedupe_key=f"contribution_signup:{signup.pk}:{person.pk}",
            reply_to=by.email or "",
        )
    return signup


# Drafts and comments (ToR 20f, MR 3.6) ----------------------------------------------------


@transaction.atomic
def draft_upload(*, by, deliverable: Deliverable, file, note: str = "") -> DeliverableVersion:
    """A new version of the document, checked by content (PDF, DOCX, ODT). A bad file stores
    nothing: no row, no file."""
    require(by, "deliverable.upload_draft", deliverable)
    deliverable = _locked(deliverable)
    DELIVERABLE_LIFECYCLE.check_action("upload", deliverable)
    try:
        info = inspect_upload(file, "draft")
    except UploadRejected as exc:
        raise DomainError(exc.message) from exc
    number = (deliverable.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    version = DeliverableVersion(
        deliverable=deliverable,
        number=number,
        content_type=info.content_type,
        size=info.size,
        sha256=info.sha256,
        note=note.strip()[:300],
        uploaded_by=by,
    )
    version.file.save(f"{deliverable.slug}-v{number}{info.extension}", file, save=False)
    try:
        version.save()
    except IntegrityError:
        version.file.storage.delete(version.file.name)
        raise DomainError(
            gettext("Another version was uploaded at the same moment; please try again.")
        ) from None
    except Exception:
        version.file.storage.delete(version.file.name)
        raise
    _reason(version, why.VERSION_UPLOADED(number=number))
    return version


LOCATION_MAX = 200


@transaction.atomic
def comment_add(
    *,
    by,
    deliverable: Deliverable,
    text: str,
    kind: str,
    version: DeliverableVersion | None = None,
    location: str = "",
) -> DeliverableComment:
    """Partners and the team comment on drafts; on a final draft only factual corrections and
    editorial oversights, until the review deadline (MR 3.6)."""
    require(by, "deliverable.comment", deliverable)
    deliverable = _locked(deliverable)
    if kind not in DeliverableComment.Kind.values:
        raise DomainError(gettext("Choose the kind of comment."))
    if not text.strip():
        raise DomainError(gettext("Write the comment."))
    text_within(text.strip(), COMMENT_MAX_CHARS, what=gettext("The comment"))
    if deliverable.status == S.FINAL_DRAFT:
        if kind not in FINAL_DRAFT_KINDS:
            raise DomainError(gettext(FINAL_DRAFT_RULE))
        deadline = deliverable.final_review_deadline
        if deadline and timezone.now() > deadline:
            raise DomainError(
                gettext("The final-draft review closed on %(date)s.")
                % {"date": date_format(timezone.localtime(deadline), "DATETIME_FORMAT")}
            )
    else:
        DELIVERABLE_LIFECYCLE.check_action("comment", deliverable)
    if version is not None and version.deliverable_id != deliverable.pk:
        raise DomainError(gettext("That version belongs to another deliverable."))
    location = " ".join((location or "").split())
    if len(location) > LOCATION_MAX:
        raise DomainError(
            gettext("Say where in the document in at most %(max)s characters.") % {"max": LOCATION_MAX}
        )
    comment = DeliverableComment.objects.create(
        deliverable=deliverable, version=version, author=by, kind=kind, text=text.strip(), location=location
    )
    _reason(comment, why.COMMENT_ADDED(kind=comment.kind))
    return comment


# The workplan (ToR 10) -----------------------------------------------------------------------


def _locked_workplan(workplan: Workplan) -> Workplan:
    return Workplan.objects.select_for_update().get(pk=workplan.pk)


def _move_workplan(workplan: Workplan, new: str, *, by=None, fields: list[str], reason: str) -> Workplan:
    return transition(workplan, new, lifecycle=WORKPLAN_LIFECYCLE, by=by, fields=fields, reason=reason)


@transaction.atomic
def workplan_create(*, by, title: str, period: str, inputs_deadline: dt.datetime | None = None) -> Workplan:
    require(by, "workplan.compile")
    if not (title.strip() and period.strip()):
        raise DomainError(gettext("A workplan has a title and a period."))
    workplan = Workplan.objects.create(
        title=title.strip(), period=period.strip(), inputs_deadline=inputs_deadline
    )
    _reason(workplan, why.WORKPLAN_OPENED())
    return workplan


def _capacity(by) -> str:
    from governance.models import Partner
    from governance.rulebook import principal_for

    principal = principal_for(by)
    roles = []
    if principal.partner_ids:
        acronyms = Partner.objects.filter(pk__in=principal.partner_ids).values_list("acronym", flat=True)
        roles.append(gettext("Partner (%(partners)s)") % {"partners": ", ".join(sorted(acronyms))})
    if principal.leader_group_ids:
        titles = ThematicGroup.objects.filter(pk__in=principal.leader_group_ids).values_list(
            "title", flat=True
        )
        roles.append(gettext("Leader (%(groups)s)") % {"groups": ", ".join(sorted(titles))})
    if principal.ip_leader:
        roles.append("IP Leader")
    return "; ".join(roles)[:200]


@transaction.atomic
def workplan_input_add(*, by, workplan: Workplan, text: str) -> WorkplanInput:
    """Partners, Leaders and the IP Leader give inputs while the Secretariat compiles (ToR 10a)."""
    require(by, "workplan.input")
    workplan = _locked_workplan(workplan)
    WORKPLAN_LIFECYCLE.check_action("input", workplan)
    if workplan.inputs_deadline and timezone.now() > workplan.inputs_deadline:
        raise DomainError(gettext("The deadline for inputs has passed."))
    if not text.strip():
        raise DomainError(gettext("Write your input."))
    text_within(text.strip(), COMMENT_MAX_CHARS, what=gettext("Your input"))
    item = WorkplanInput.objects.create(
        workplan=workplan, author=by, text=text.strip(), capacity=_capacity(by)
    )
    _reason(item, why.INPUT_GIVEN())
    return item


@transaction.atomic
def workplan_item_add(
    *,
    by,
    workplan: Workplan,
    title: str = "",
    kind: str = WorkplanItem.Kind.DELIVERABLE,
    deliverable: Deliverable | None = None,
    thematic_group: ThematicGroup | None = None,
    owner: str = "",
    starts_on: dt.date | None = None,
    ends_on: dt.date | None = None,
    notes: str = "",
) -> WorkplanItem:
    """The Secretariat compiles an item: owner and timeline; a deliverable brings its own."""
    require(by, "workplan.compile")
    workplan = _locked_workplan(workplan)
    WORKPLAN_LIFECYCLE.check_action("compile", workplan)
    if kind not in WorkplanItem.Kind.values:
        raise DomainError(gettext("Choose the kind of item."))
    if deliverable is not None:
        kind = WorkplanItem.Kind.DELIVERABLE
        title = title.strip() or deliverable.title
        thematic_group = thematic_group or deliverable.thematic_group
        starts_on = starts_on or deliverable.starts_on
        ends_on = ends_on or deliverable.publication_due
        owner = owner.strip() or f"Leader, {deliverable.thematic_group.title}"
    if not title.strip():
        raise DomainError(gettext("An item has a title."))
    date_within(starts_on, what=gettext("The start"))
    date_within(ends_on, what=gettext("The end"))
    if starts_on and ends_on and ends_on < starts_on:
        raise DomainError(gettext("An item cannot end before it starts."))
    position = (workplan.items.aggregate(n=Max("position"))["n"] or 0) + 1
    item = WorkplanItem.objects.create(
        workplan=workplan,
        kind=kind,
        deliverable=deliverable,
        thematic_group=thematic_group,
        title=title.strip(),
        owner=owner.strip(),
        starts_on=starts_on,
        ends_on=ends_on,
        notes=notes.strip(),
        position=position,
    )
    _reason(item, why.ITEM_COMPILED())
    return item


@transaction.atomic
def workplan_item_remove(*, by, item: WorkplanItem) -> None:
    require(by, "workplan.compile")
    workplan = _locked_workplan(item.workplan)
    WORKPLAN_LIFECYCLE.check_action("compile", workplan)
    item._change_reason = why.ITEM_REMOVED()
    item.delete()


@transaction.atomic
def workplan_submit_for_review(*, by, workplan: Workplan) -> Workplan:
    """The Secretariat sends the compiled workplan to the Management Team (ToR 10a, 10b)."""
    require(by, "workplan.compile")
    workplan = _locked_workplan(workplan)
    if not workplan.items.exists():
        raise DomainError(gettext("Compile at least one item before sending the workplan for review."))
    workplan.compiled_on = timezone.localdate()
    workplan.reviewed_on = None
    return _move_workplan(
        workplan,
        W.MT_REVIEW,
        by=by,
        fields=["compiled_on", "reviewed_on"],
        reason=why.SENT_TO_MANAGEMENT_TEAM(),
    )


@transaction.atomic
def workplan_review(*, by, workplan: Workplan, note: str = "", approve: bool = True) -> Workplan:
    """The Management Team reviews (ToR 10b): it clears it for the annual meeting or sends it back."""
    require(by, "workplan.review")
    workplan = _locked_workplan(workplan)
    WORKPLAN_LIFECYCLE.check_action("review", workplan)
    workplan.review_note = note.strip()
    if approve:
        workplan.reviewed_on = timezone.localdate()
        workplan.save(update_fields=["reviewed_on", "review_note"])
        _reason(workplan, why.REVIEWED_BY_MANAGEMENT_TEAM())
        return workplan
    if not workplan.review_note:
        raise DomainError(gettext("Say what should change when sending the workplan back."))
    workplan.reviewed_on = None
    return _move_workplan(
        workplan,
        W.COMPILING,
        by=by,
        fields=["reviewed_on", "review_note"],
        reason=why.SENT_BACK(),
    )


WORKPLAN_STAGES = (
    ("compiled", pgettext_lazy("workplan stage", "compiled")),
    ("reviewed", pgettext_lazy("workplan stage", "reviewed by the Management Team")),
    ("presented", pgettext_lazy("workplan stage", "presented")),
    ("agreed", pgettext_lazy("workplan stage", "agreed")),
)


def _stages_in_order(workplan: Workplan, stage: str, on: dt.date) -> None:
    """A stage's date is not in the future and not before the stages it follows (issue #19)."""
    label = dict(WORKPLAN_STAGES)[stage]
    not_in_future(on, what=gettext("The date the workplan was %(stage)s") % {"stage": label})
    for earlier, earlier_label in WORKPLAN_STAGES[: [s for s, _label in WORKPLAN_STAGES].index(stage)]:
        day = getattr(workplan, f"{earlier}_on")
        if day and on < day:
            raise DomainError(
                gettext("The workplan cannot be %(stage)s on %(on)s: it was %(earlier_stage)s on %(day)s.")
                % {
                    "stage": label,
                    "on": date_format(on, "DATE_FORMAT"),
                    "earlier_stage": earlier_label,
                    "day": date_format(day, "DATE_FORMAT"),
                }
            )


@transaction.atomic
def workplan_record_presented(*, by, workplan: Workplan, meeting=None, on: dt.date | None = None) -> Workplan:
    """The Secretariat records that the workplan was presented at the annual meeting (ToR 10c)."""
    require(by, "workplan.record")
    workplan = _locked_workplan(workplan)
    if workplan.status == W.MT_REVIEW and workplan.reviewed_on is None:
        raise DomainError(gettext("The Management Team has not reviewed the workplan yet."))
    if meeting is not None:
        if not meeting.is_annual:
            raise DomainError(gettext("The workplan is presented at the annual meeting (ToR 10)."))
        meeting_day = timezone.localdate(meeting.starts_at)
        if meeting_day > timezone.localdate():
            raise DomainError(
                gettext(
                    "The annual meeting of %(meeting_day)s has not taken place yet: record the presentation after it is held."
                )
                % {"meeting_day": date_format(meeting_day, "DATE_FORMAT")}
            )
        on = on or meeting.held_on or meeting_day
        if on < meeting_day:
            raise DomainError(
                gettext("The workplan cannot be presented before the meeting (%(meeting_day)s).")
                % {"meeting_day": date_format(meeting_day, "DATE_FORMAT")}
            )
    on = on or timezone.localdate()
    _stages_in_order(workplan, "presented", on)
    workplan.presented_on = on
    workplan.presented_at = meeting
    return _move_workplan(
        workplan,
        W.PRESENTED,
        by=by,
        fields=["presented_on", "presented_at"],
        reason=why.PRESENTED(),
    )


@transaction.atomic
def workplan_record_agreed(
    *, workplan: Workplan, by=None, decision=None, note: str = "", on: dt.date | None = None
) -> Workplan:
    """Record the Partners' agreement (ToR 10d): by the Secretariat, or called by the decisions
    service with the adopted workplan decision. The agreed workplan's PDF is rendered once."""
    if by is not None:
        require(by, "workplan.record")
    elif decision is None:
        raise DomainError(gettext("The Secretariat records the Partners' agreement."))
    workplan = _locked_workplan(workplan)
    if decision is not None:
        from governance.models import Decision

        if decision.workplan_id != workplan.pk or decision.result != Decision.Result.ADOPTED:
            raise DomainError(gettext("That decision did not adopt this workplan."))
        if workplan.status == W.AGREED:
            return workplan
        note = note or f"Agreed by Partners Board decision #{decision.pk}"
        on = on or (timezone.localdate(decision.closed_at) if decision.closed_at else None)
    else:  # a date the Secretariat typed
        _stages_in_order(workplan, "agreed", on or timezone.localdate())
    workplan.agreed_on = on or timezone.localdate()
    workplan.agreed_note = note.strip()[:300]
    workplan = _move_workplan(
        workplan, W.AGREED, by=by, fields=["agreed_on", "agreed_note"], reason=why.AGREED()
    )
    _keep_workplan_facts(workplan)
    from thematic_groups import tasks

    enqueue_on_commit(tasks.render_workplan_pdf, workplan.pk)
    return workplan


def workplan_facts(workplan: Workplan) -> dict:
    """What the agreed workplan says, language-neutral (kept at the agreement): the items, each
    deliverable's timeline as it was then."""
    from thematic_groups.selectors import workplan_items

    rows = []
    for row in workplan_items(workplan):
        item = row.item
        group = item.thematic_group or (item.deliverable.thematic_group if item.deliverable else None)
        rows.append(
            {
                "title": row.title,
                "notes": row.notes,
                "kind": item.kind,
                "group": versions(group, "title") if group else {},
                "owner": row.owner,
                **{
                    key: _iso(getattr(row, key))
                    for key in ("starts_on", "ends_on", "final_draft_due", "publication_due")
                },
            }
        )
    return {
        "title": workplan.title,
        "period": workplan.period,
        "agreed_on": _iso(workplan.agreed_on),
        "agreed_note": workplan.agreed_note,
        "presented_on": _iso(workplan.presented_on),
        "items": rows,
    }


def _keep_workplan_facts(workplan: Workplan) -> None:
    workplan.agreed_snapshot = workplan_facts(workplan)
    Workplan.objects.filter(pk=workplan.pk).update(agreed_snapshot=workplan.agreed_snapshot)


def _workplan_context(workplan: Workplan) -> dict:
    """The PDF's values in the active language, from the facts kept at the agreement (a workplan
    agreed before they were kept: its items now)."""
    facts = workplan.agreed_snapshot or workplan_facts(workplan)
    dates = ("agreed_on", "presented_on")
    item_dates = ("starts_on", "ends_on", "final_draft_due", "publication_due")
    kinds = dict(WorkplanItem.Kind.choices)
    return {
        "workplan": {**facts, **{key: _date(facts[key]) for key in dates}},
        "items": [
            {
                **row,
                **{key: _date(row[key]) for key in item_dates},
                "kind": str(kinds.get(row["kind"], row["kind"])),
                "group": in_reader_language(row["group"]) if row["group"] else "",
            }
            for row in facts["items"]
        ],
    }


def workplan_pdf(*, workplan: Workplan, language: str | None = None):
    """The agreed workplan's PDF (Annex 2 shape) in `language` (the reader's; default English),
    rendered once from what was agreed."""
    if workplan.status != W.AGREED:
        raise DomainError(gettext("Only an agreed workplan has a PDF."))
    name = f"workplan-{slugify(workplan.period) or workplan.pk}"
    if language and language != settings.LANGUAGE_CODE:
        return _pdf_in(
            language,
            render_for={"workplan": workplan},
            template="thematic_groups/pdf/workplan.html",
            context=lambda: _workplan_context(workplan),
            name=name,
        ).file
    if _cached(workplan.pdf):
        return workplan.pdf

    with transaction.atomic():
        locked = _locked_workplan(workplan)
        if not _cached(locked.pdf):
            from kernel.pdf import html_to_pdf

            with translation.override(settings.LANGUAGE_CODE):  # the English original
                html = render_to_string("thematic_groups/pdf/workplan.html", _workplan_context(locked))
            locked.pdf.save(f"{name}.pdf", ContentFile(html_to_pdf(html)), save=False)
            locked.save(update_fields=["pdf"])
            _reason(locked, why.WORKPLAN_PDF_RENDERED())
    workplan.pdf = locked.pdf
    return locked.pdf
