"""Every HTML form a person submits on the portal (not the admin), fed generated input
(issue #18): text of every length around its bound, right-to-left and control characters, NULs,
dates far in the past and future, huge and negative numbers, valid and invalid choices, good and
hostile files. Each is posted through HTTP, signed in with the role that may use the form.

What must hold for every example:
- no 5xx;
- a refused form (any answer but a redirect) leaves every row count of the project's models,
  history included, unchanged;
- a value longer than its field's stated bound is never saved (counts unchanged, whatever the answer).

The table FORMS is the list of forms; a test checks that it covers every form class the portal's
views use, so a new form cannot be forgotten.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django import forms
from django.apps import apps
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from governance import forms as gov_forms
from governance import services as gov
from kpis import forms as kpi_forms
from meetings import forms as meeting_forms
from people import forms as people_forms
from reminders import forms as reminder_forms
from tests.governance.test_rulebook_http import World, world  # noqa: F401  (the fixture)
from tests.kernel import packages
from thematic_groups import forms as tg_forms
from thematic_groups import services as tg

pytestmark = pytest.mark.django_db

PROJECT_APPS = (
    "kernel",
    "people",
    "governance",
    "thematic_groups",
    "kpis",
    "meetings",
    "reminders",
    "portal",
)
EXAMPLES = 6  # per form, in the "ci" profile; HYPOTHESIS_PROFILE=thorough multiplies them
FUZZ = hypothesis_settings(
    max_examples=EXAMPLES if hypothesis_settings().max_examples <= 25 else 100,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    deadline=None,
)


@dataclass
class Fuzzed:
    """One form: where it is posted, by whom, and an unbound instance to read its fields from."""

    url: str
    args: Callable[[Fuzzed.Ctx], list]
    role: str
    form: Callable[[Fuzzed.Ctx], forms.Form]
    prefix: Callable[[Fuzzed.Ctx], str] = lambda ctx: ""
    fixed: Callable[[Fuzzed.Ctx], dict] = lambda ctx: {}

    @dataclass
    class Ctx:
        world: World
        extra: dict = field(default_factory=dict)

        @property
        def cast(self):
            return self.world.cast


def _scopes(ctx):
    return [(f"group:{ctx.cast.group_x.pk}", "x"), (f"deliverable:{ctx.cast.draft_x.pk}", "d"), ("ip", "ip")]


def _clause(ctx):
    return ctx.world.draft.clauses.order_by("position").first()


FORMS: dict[str, Fuzzed] = {
    # Thematic Groups and deliverables
    "deliverable proposal": Fuzzed(
        "thematic_groups:deliverable_propose",
        lambda c: [c.cast.group_x.slug],
        "leader_x",
        lambda c: tg_forms.DeliverableProposalForm(group=c.cast.group_x),
    ),
    "deliverable approval": Fuzzed(
        "thematic_groups:deliverable_approve",
        lambda c: [c.extra["proposed"].slug],
        "secretariat",
        lambda c: tg_forms.ApprovalForm(),
    ),
    "final draft": Fuzzed(
        "thematic_groups:deliverable_final_draft",
        lambda c: [c.cast.draft_y.slug],
        "leader_y",
        lambda c: tg_forms.FinalDraftForm(),
    ),
    "withdrawal": Fuzzed(
        "thematic_groups:deliverable_withdraw",
        lambda c: [c.cast.draft_y.slug],
        "secretariat",
        lambda c: tg_forms.WithdrawForm(),
    ),
    "published text": Fuzzed(
        "thematic_groups:deliverable_text",
        lambda c: [c.cast.published_x.slug],
        "secretariat",
        lambda c: tg_forms.TextForm(),
    ),
    "draft version": Fuzzed(
        "thematic_groups:version_upload",
        lambda c: [c.cast.draft_x.slug],
        "team_x",
        lambda c: tg_forms.VersionUploadForm(),
    ),
    "draft comment": Fuzzed(
        "thematic_groups:comment_add",
        lambda c: [c.cast.draft_x.slug],
        "focal_a",
        lambda c: tg_forms.CommentForm(deliverable=c.cast.draft_x),
    ),
    "call for experts": Fuzzed(
        "thematic_groups:call_open",
        lambda c: [c.cast.draft_x.slug],
        "leader_x",
        lambda c: tg_forms.CallForm(),
    ),
    "expert application": Fuzzed(
        "thematic_groups:call_detail",
        lambda c: [c.extra["call"].pk],
        "participant",
        lambda c: tg_forms.ApplicationForm(),
    ),
    "contribution sign-up": Fuzzed(
        "thematic_groups:sign_up",
        lambda c: [c.cast.draft_x.slug],
        "participant",
        lambda c: tg_forms.SignupForm(),
    ),
    "team member": Fuzzed(
        "thematic_groups:team_add",
        lambda c: [c.cast.draft_x.slug, c.extra["signup"].pk],
        "leader_x",
        lambda c: tg_forms.TeamAddForm(),
    ),
    "workplan": Fuzzed(
        "thematic_groups:workplan_create", lambda c: [], "secretariat", lambda c: tg_forms.WorkplanForm()
    ),
    "workplan input": Fuzzed(
        "thematic_groups:workplan_action",
        lambda c: [c.extra["workplan"].pk, "input"],
        "focal_a",
        lambda c: tg_forms.WorkplanInputForm(),
    ),
    "workplan item": Fuzzed(
        "thematic_groups:workplan_action",
        lambda c: [c.extra["workplan"].pk, "item"],
        "secretariat",
        lambda c: tg_forms.WorkplanItemForm(),
    ),
    "workplan review": Fuzzed(
        "thematic_groups:workplan_action",
        lambda c: [c.extra["reviewing"].pk, "review"],
        "chair",
        lambda c: tg_forms.WorkplanReviewForm(),
    ),
    "workplan presented": Fuzzed(
        "thematic_groups:workplan_action",
        lambda c: [c.extra["reviewing"].pk, "presented"],
        "secretariat",
        lambda c: tg_forms.WorkplanPresentedForm(),
    ),
    "workplan agreed": Fuzzed(
        "thematic_groups:workplan_action",
        lambda c: [c.extra["reviewing"].pk, "agreed"],
        "secretariat",
        lambda c: tg_forms.WorkplanAgreedForm(),
    ),
    # Meetings
    "meeting registration": Fuzzed(
        "meetings:meeting_register",
        lambda c: [c.world.annual.slug],
        "participant",
        lambda c: meeting_forms.RegistrationForm(),
    ),
    "meeting decision": Fuzzed(
        "meetings:decision_create",
        lambda c: [c.world.annual.slug],
        "secretariat",
        lambda c: meeting_forms.MeetingDecisionForm(meeting=c.world.annual),
    ),
    "e-meeting": Fuzzed(
        "meetings:emeeting_create",
        lambda c: [],
        "leader_x",
        lambda c: meeting_forms.EMeetingForm(scopes=_scopes(c)),
    ),
    "minutes": Fuzzed(
        "meetings:minutes_upload",
        lambda c: [c.world.emeeting.slug],
        "leader_x",
        lambda c: meeting_forms.MinutesForm(),
    ),
    "e-meeting held": Fuzzed(
        "meetings:emeeting_held",
        lambda c: [c.extra["scheduled"].slug],
        "leader_x",
        lambda c: meeting_forms.MarkHeldForm(),
    ),
    # People
    "invitation": Fuzzed(
        "governance:invitation_create", lambda c: [], "secretariat", lambda c: gov_forms.InvitationForm()
    ),
    "profile": Fuzzed("people:profile", lambda c: [], "participant", lambda c: people_forms.ProfileForm()),
    "invitation acceptance": Fuzzed(
        "people:invitation_accept",
        lambda c: [c.extra["token"]],
        "",
        lambda c: people_forms.AcceptInvitationForm(invitation=c.extra["invitation"]),
    ),
    "account deletion": Fuzzed(
        "people:delete_account",
        lambda c: [],
        "member_x",
        lambda c: people_forms.DeleteAccountForm(user=c.cast.member_x),
    ),
    "reminder preferences": Fuzzed(
        "reminders:preferences",
        lambda c: [],
        "participant",
        lambda c: reminder_forms.ReminderPreferencesForm(),
    ),
    # Governance
    "ballot": Fuzzed(
        "governance:decision_vote",
        lambda c: [c.world.decision.pk],
        "focal_a",
        lambda c: gov_forms.BallotForm(decision=c.world.decision),
        prefix=lambda c: f"p{c.cast.partner_a.pk}-",
        fixed=lambda c: {f"p{c.cast.partner_a.pk}-partner": c.cast.partner_a.pk},
    ),
    "decision": Fuzzed(
        "governance:decision_open", lambda c: [], "secretariat", lambda c: gov_forms.DecisionOpenForm()
    ),
    "ballot extended": Fuzzed(
        "governance:decision_extend",
        lambda c: [c.world.decision.pk],
        "secretariat",
        lambda c: gov_forms.DecisionExtendForm(prefix="extend"),
        prefix=lambda c: "extend-",
    ),
    "ballot withdrawn": Fuzzed(
        "governance:decision_withdraw",
        lambda c: [c.world.decision.pk],
        "secretariat",
        lambda c: gov_forms.DecisionWithdrawForm(prefix="withdraw"),
        prefix=lambda c: "withdraw-",
    ),
    "clause comment": Fuzzed(
        "governance:tor_clause_comment",
        lambda c: [c.world.draft.number, _clause(c).pk],
        "focal_a",
        lambda c: gov_forms.ClauseCommentForm(),
    ),
    "Leader proposal": Fuzzed(
        "governance:leader_propose",
        lambda c: [c.cast.group_y.slug],
        "chair",
        lambda c: gov_forms.LeaderProposalForm(),
    ),
    "Leader declined": Fuzzed(
        "governance:leader_decline",
        lambda c: [c.extra["leader_proposal"].pk],
        "secretariat",
        lambda c: gov_forms.LeaderDeclineForm(),
    ),
    "nomination": Fuzzed(
        "governance:nomination_create", lambda c: [], "focal_a", lambda c: gov_forms.NominationForm()
    ),
    "logo use": Fuzzed(
        "governance:logo_request_create", lambda c: [], "ip_leader", lambda c: gov_forms.LogoUseRequestForm()
    ),
    "Hub": Fuzzed(
        "governance:hub_request_create", lambda c: [], "participant", lambda c: gov_forms.HubRequestForm()
    ),
    "engagement notice": Fuzzed(
        "governance:engagement_notice_create",
        lambda c: [],
        "participant",
        lambda c: gov_forms.EngagementNoticeForm(),
    ),
    "ToR draft": Fuzzed(
        "governance:tor_draft_create", lambda c: [], "secretariat", lambda c: gov_forms.DraftCreateForm()
    ),
    "ToR clause edit": Fuzzed(
        "governance:tor_clause_edit",
        lambda c: [c.extra["editable"].number, c.extra["editable_clause"].pk],
        "secretariat",
        lambda c: gov_forms.ClauseEditForm(),
    ),
    "ToR clause renumber": Fuzzed(
        "governance:tor_clause_renumber",
        lambda c: [c.extra["editable"].number, c.extra["editable_clause"].pk],
        "secretariat",
        lambda c: gov_forms.ClauseRenumberForm(),
    ),
    "ToR clause move": Fuzzed(
        "governance:tor_clause_move",
        lambda c: [c.extra["editable"].number, c.extra["editable_clause"].pk],
        "secretariat",
        lambda c: gov_forms.ClauseMoveForm(version=c.extra["editable"], clause=c.extra["editable_clause"]),
    ),
    "ToR clause insert": Fuzzed(
        "governance:tor_clause_insert",
        lambda c: [c.extra["editable"].number],
        "secretariat",
        lambda c: gov_forms.ClauseInsertForm(version=c.extra["editable"]),
    ),
    "ToR comment period": Fuzzed(
        "governance:tor_comment_period",
        lambda c: [c.extra["editable"].number],
        "secretariat",
        lambda c: gov_forms.CommentPeriodForm(),
    ),
    "ToR comment": Fuzzed(
        "governance:tor_comments",
        lambda c: [c.world.draft.number],
        "focal_a",
        lambda c: gov_forms.ToRCommentForm(version=c.world.draft),
    ),
    "ToR comment handling": Fuzzed(
        "governance:tor_comment_handle",
        lambda c: [c.extra["tor_comment"].pk],
        "secretariat",
        lambda c: gov_forms.CommentHandleForm(),
    ),
    "ToR ballot": Fuzzed(
        "governance:tor_ballot",
        lambda c: [c.world.draft.number],
        "secretariat",
        lambda c: gov_forms.ToRBallotForm(),
    ),
    # The KPI web-tool: `participant` stewards the city, `member_x` verifies its 2024 cycle.
    "KPI evidence": Fuzzed(
        "kpis:value",
        lambda c: [c.extra["kpi_city"].slug, 2025, c.extra["kpi_slug"]],
        "participant",
        lambda c: kpi_forms.EvidenceForm(),
        fixed=lambda c: {"what": "evidence"},
    ),
    "KPI sheet upload": Fuzzed(
        "kpis:upload",
        lambda c: [c.extra["kpi_city"].slug, 2025],
        "participant",
        lambda c: kpi_forms.SheetUploadForm(),
    ),
    "KPI question": Fuzzed(
        "kpis:value",
        lambda c: [c.extra["kpi_city"].slug, 2024, c.extra["kpi_slug"]],
        "member_x",
        lambda c: kpi_forms.QuestionForm(),
        fixed=lambda c: {"what": "question"},
    ),
    "KPI reply": Fuzzed(
        "kpis:value",
        lambda c: [c.extra["kpi_city"].slug, 2024, c.extra["kpi_slug"]],
        "participant",
        lambda c: kpi_forms.ReplyForm(),
        fixed=lambda c: {"what": "reply", "question": c.extra["kpi_question"].pk},
    ),
    "KPI verdict": Fuzzed(
        "kpis:value",
        lambda c: [c.extra["kpi_city"].slug, 2024, c.extra["kpi_slug"]],
        "member_x",
        lambda c: kpi_forms.VerdictForm(),
        fixed=lambda c: {"what": "verdict"},
    ),
    "KPI return": Fuzzed(
        "kpis:cycle_action",
        lambda c: [c.extra["kpi_city"].slug, 2024, "return"],
        "member_x",
        lambda c: kpi_forms.ReturnForm(),
    ),
}


# Strategies, one per kind of field ------------------------------------------------------------

RTL_AND_CONTROL = st.sampled_from(
    [
        "مدن ذكية مستدامة",  # Arabic
        "עיר חכמה",  # Hebrew
        "\u202egnp.exe\u202c",  # right-to-left override
        "a\x00b",  # NUL
        "\r\n\t",
        "<script>alert(1)</script>",
        "'; DROP TABLE people_person; --",
        "\ufeff\u200b\u200d",
        "𝔘𝟜𝔖𝔖ℭ 🏙️",
    ]
)
ANY_TEXT = st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=40)
FAR_DATES = st.one_of(
    st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)),
    st.dates(min_value=dt.date(2019, 1, 1), max_value=dt.date(2031, 12, 31)),
)
GARBAGE = st.one_of(ANY_TEXT, st.sampled_from(["", "0", "-1", "9" * 30, "null", "[]", "2020-02-30", "99:99"]))


PLAIN = st.text(alphabet="abcdefghij klmnopqrstuvwxyz", min_size=1, max_size=30).filter(str.strip)
NEAR_DATES = st.dates(
    min_value=dt.date.today() - dt.timedelta(days=60), max_value=dt.date.today() + dt.timedelta(days=400)
)


def _text(field) -> st.SearchStrategy:
    bound = getattr(field, "max_length", None)
    around = (st.integers(max(0, bound - 2), bound + 3) if bound else st.integers(0, 6000)).map(
        lambda n: "ب" * n
    )  # a letter that counts as one character and three bytes
    way_over = st.integers(1, 3).map(lambda k: "x" * ((bound or 5000) * k + 7))
    return st.one_of(PLAIN, ANY_TEXT, RTL_AND_CONTROL, around, way_over, st.just(""))


def _choices(field) -> list:
    values = []
    for value, label in field.choices:
        if isinstance(label, list | tuple):
            values += [v for v, _ in label]
        else:
            values.append(value)
    return [getattr(v, "value", v) for v in values]


def _file() -> st.SearchStrategy:
    builders = [
        lambda: ("minutes.pdf", packages.pdf()),
        lambda: ("draft.docx", packages.docx()),
        lambda: ("macro.docx", packages.docx(extra=[("word/vbaProject.bin", b"VBA")])),
        lambda: ("js.pdf", packages.pdf(b"<< /S /JavaScript /JS (app.alert(1)) >>")),
        lambda: ("empty.pdf", b""),
        lambda: ("photo.png", packages.png(10, 10)),
    ]
    made = st.sampled_from(builders).map(lambda build: build())
    raw = st.tuples(
        st.sampled_from(["a.pdf", "b.docx", "../../etc/passwd", "ملف.odt"]), st.binary(max_size=300)
    )
    return st.one_of(made, raw).map(lambda pair: SimpleUploadedFile(pair[0], pair[1]))


def strategy_for(field) -> st.SearchStrategy:
    missing = st.none()
    if isinstance(field, forms.FileField):
        value = _file()
    elif isinstance(field, forms.BooleanField):
        value = st.sampled_from(["on", "false", "0", "yes"])
    elif isinstance(field, forms.ModelChoiceField):
        pks = [str(pk) for pk in field.queryset.values_list("pk", flat=True)[:20]]
        value = st.one_of(st.sampled_from(pks), GARBAGE) if pks else GARBAGE
    elif isinstance(field, forms.ChoiceField):
        values = [str(v) for v in _choices(field) if v not in ("", None)]
        value = st.one_of(st.sampled_from(values), GARBAGE) if values else GARBAGE
    elif isinstance(field, forms.DateTimeField):
        value = st.one_of(
            st.datetimes(min_value=dt.datetime(1, 1, 1), max_value=dt.datetime(9999, 12, 31)).map(
                lambda d: d.strftime("%Y-%m-%dT%H:%M")
            ),
            GARBAGE,
        )
    elif isinstance(field, forms.DateField):
        value = st.one_of(
            NEAR_DATES.map(dt.date.isoformat),
            FAR_DATES.map(lambda d: f"{d.year:04d}-{d.month:02d}-{d.day:02d}"),
            GARBAGE,
        )
    elif isinstance(field, forms.TimeField):
        value = st.one_of(st.times().map(lambda t: t.strftime("%H:%M")), GARBAGE)
    elif isinstance(field, forms.IntegerField):
        value = st.one_of(st.integers(-(10**30), 10**30).map(str), st.integers(-5, 700).map(str), GARBAGE)
    elif isinstance(field, forms.EmailField):
        value = st.one_of(st.emails(), _text(field))
    elif isinstance(field, forms.URLField):
        value = st.one_of(
            st.sampled_from(["https://meet.example.org/x", "javascript:alert(1)", "http://[::1", "ftp://x"]),
            _text(field),
        )
    else:
        value = _text(field)
    return st.one_of(value, missing) if not field.required else st.one_of(value, value, value, missing)


# The world the forms act on -----------------------------------------------------------------


def _extra(w: World) -> dict:
    cast = w.cast
    now = timezone.now()
    proposed = tg.deliverable_propose(
        by=cast.leader_x,
        thematic_group=cast.group_x,
        title="A guide proposed for approval",
        type="guideline",
        objectives="Objectives",
        scope="Scope",
        starts_on=timezone.localdate(),
        publication_due=timezone.localdate() + dt.timedelta(days=300),
    )
    call = tg.call_open(
        by=cast.leader_x,
        deliverable=cast.draft_x,
        title="Experts on urban data",
        description="Help us.",
        closes_on=timezone.localdate() + dt.timedelta(days=30),
    )
    signup = tg.contribution_sign_up(by=cast.participant, deliverable=cast.draft_x, message="I can help")
    workplan = tg.workplan_create(by=cast.secretariat, title="Plan 2027", period="2027")
    reviewing = tg.workplan_create(by=cast.secretariat, title="Plan 2026", period="2026")
    tg.workplan_item_add(by=cast.secretariat, workplan=reviewing, kind="event", title="Annual meeting")
    tg.workplan_submit_for_review(by=cast.secretariat, workplan=reviewing)
    from meetings import services as meetings

    scheduled = meetings.emeeting_schedule(
        by=cast.leader_x, title="Today's call", starts_at=now, thematic_group=cast.group_x
    )
    editable = gov.tor_revision_create(by=cast.secretariat, summary="Another revision")
    from governance.models import ToRComment

    gov.tor_comment_add(by=cast.focal_a, tor_version=w.draft, text="Clause 9 should say more.")
    invitation, token = _invitation(cast)
    leader_proposal = gov.mandate_propose_leader(
        by=cast.chair, person=cast.participant, thematic_group=cast.group_y
    )
    return _kpi_extra(cast) | {
        "leader_proposal": leader_proposal,
        "proposed": proposed,
        "call": call,
        "signup": signup,
        "workplan": workplan,
        "reviewing": reviewing,
        "scheduled": scheduled,
        "editable": editable,
        "editable_clause": editable.clauses.order_by("position").first(),
        "tor_comment": ToRComment.objects.first(),
        "invitation": invitation,
        "token": token,
    }


def _kpi_extra(cast) -> dict:
    """A city stewarded by `participant`: its 2025 cycle open, its 2024 cycle under verification
    by `member_x`, with a question on one KPI."""
    from kpis import services as kpis

    kpis.catalogue_load()
    city = kpis.city_create(by=cast.secretariat, name="Fuzzton", slug="fuzzton", country="Norway")
    kpis.steward_add(by=cast.secretariat, city=city, person=cast.participant)
    code = "EC: ICT: ICT: 1C"
    typed = {"numerator": "5", "denominator": "10", "data_quality": "measured"}
    kpis.cycle_open(by=cast.secretariat, city=city, year=2025)
    checked = kpis.cycle_open(by=cast.secretariat, city=city, year=2024)
    kpis.values_save(by=cast.participant, cycle=checked, entries={code: typed})
    open_ = city.cycles.get(year=2025)
    kpis.values_save(by=cast.participant, cycle=open_, entries={code: typed})
    kpis.cycle_assign_verifier(by=cast.secretariat, cycle=checked, verifier=cast.member_x)
    kpis.cycle_submit(by=cast.participant, cycle=checked)
    kpis.cycle_start_verification(by=cast.member_x, cycle=checked)
    question = kpis.question_ask(by=cast.member_x, value=checked.values.get(), text="Which survey?")
    return {"kpi_city": city, "kpi_slug": "ec-ict-ict-1c", "kpi_question": question}


def _invitation(cast):
    """An invitation and its link's token (the email carries it; the test takes a fresh one)."""
    from people import services as people
    from people.models import Invitation

    invitation = gov.invitation_send(
        by=cast.secretariat,
        email="new.person@example.org",
        role=Invitation.Role.FOCAL_POINT,
        partner=cast.partner_a,
    )
    token = people.invitation_new_token(invitation)
    invitation.save(update_fields=["token_hash", "expires_at"])
    return invitation, token


@functools.cache
def _count_sql() -> tuple[list[str], str]:
    models = [
        model
        for label in PROJECT_APPS
        if label in apps.app_configs
        for model in apps.get_app_config(label).get_models()
        if model._meta.managed and not model._meta.proxy
    ]
    quote = connection.ops.quote_name
    columns = ", ".join(f"(SELECT COUNT(*) FROM {quote(m._meta.db_table)})" for m in models)
    return [m._meta.label for m in models], f"SELECT {columns}"


def _row_counts() -> dict[str, int]:
    """The row count of every model of the project (history tables included), in one query."""
    labels, sql = _count_sql()
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return dict(zip(labels, cursor.fetchone(), strict=True))


def _bound_exceeded(form: forms.Form, data: dict, prefix: str) -> list[str]:
    over = []
    for name, form_field in form.fields.items():
        value = data.get(prefix + name)
        bound = getattr(form_field, "max_length", None)
        if isinstance(value, str) and bound:
            cleaned = value.strip() if getattr(form_field, "strip", True) else value
            if len(cleaned) > bound:
                over.append(name)
    return over


def _fuzz(client, ctx: Fuzzed.Ctx, name: str) -> None:
    entry = FORMS[name]
    form = entry.form(ctx)
    prefix = entry.prefix(ctx)
    url = reverse(entry.url, args=entry.args(ctx))
    client.logout()
    if entry.role:
        client.force_login(getattr(ctx.cast, entry.role))
    fields = {key: strategy_for(f) for key, f in form.fields.items()}

    @FUZZ
    @given(st.fixed_dictionaries(fields))
    def post(values):
        data = {prefix + key: value for key, value in values.items() if value is not None}
        data.update(entry.fixed(ctx))
        before = _row_counts()
        response = client.post(url, data)
        assert response.status_code < 500, (name, response.status_code)
        if response.status_code not in (301, 302, 303):
            assert _row_counts() == before, f"{name}: refused ({response.status_code}) but rows changed"
        over = _bound_exceeded(form, data, prefix)
        if over:
            assert _row_counts() == before, f"{name}: {over} saved beyond the field's bound"

    post()


# One world per area (building it is most of the cost); each form of the area is fuzzed in turn.
AREAS = {
    area: [name for name, entry in FORMS.items() if entry.url.split(":")[0] == area]
    for area in sorted({entry.url.split(":")[0] for entry in FORMS.values()})
}


@pytest.mark.parametrize("area", sorted(AREAS))
def test_generated_input_never_fails_and_a_refused_form_saves_nothing(client, world, area):  # noqa: F811
    ctx = Fuzzed.Ctx(world=world, extra=_extra(world))
    for name in AREAS[area]:
        _fuzz(client, ctx, name)


# The table covers every form --------------------------------------------------------------------


def _form_classes_used_by_views() -> set[str]:
    used = set()
    for path in Path(settings.BASE_DIR).glob("*/views*.py"):
        used |= set(re.findall(r"\b(\w+Form)\(\s*request\.POST", path.read_text()))
    for path in Path(settings.BASE_DIR).glob("*/views/*.py"):
        used |= set(re.findall(r"\b(\w+Form)\(\s*request\.POST", path.read_text()))
    text = (Path(settings.BASE_DIR) / "thematic_groups" / "views.py").read_text()
    used |= set(re.findall(r'\("\w+_form", forms\.(\w+Form)\)', text))
    return {name for name in used if not name.endswith("SearchForm")}


def test_the_table_covers_every_form_the_portal_posts(world):  # noqa: F811
    ctx = Fuzzed.Ctx(world=world, extra=_extra(world))
    covered = {type(entry.form(ctx)).__name__ for entry in FORMS.values()}
    missing = _form_classes_used_by_views() - covered
    assert not missing, f"forms posted by a view but not fuzzed: {sorted(missing)}"
