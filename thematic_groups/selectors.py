"""Reads of Thematic Groups, deliverables and workplans, with the visibility filter built in
(ToR 8, 31, 33, 35). Pages, the API, the feed, search and PDFs all read through here."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.db import connection
from django.db.models import (
    Case,
    Expression,
    IntegerField,
    Prefetch,
    Q,
    QuerySet,
    Value,
    When,
    prefetch_related_objects,
)
from django.http import Http404
from django.utils import timezone, translation

from governance.rulebook import principal_for, visibility
from kernel.content_language import in_any_language
from kernel.i18n import search_config
from thematic_groups.models import (
    CallForExperts,
    ContributionSignup,
    Deliverable,
    DeliverableComment,
    DeliverableVersion,
    ExpertApplication,
    TeamMember,
    ThematicGroup,
    Workplan,
    WorkplanItem,
)

PUBLIC_Q = Q(status=Deliverable.Status.PUBLISHED) | Q(
    status=Deliverable.Status.WITHDRAWN, published_on__isnull=False
)
PAGE_SIZE = 20


def deliverable_list_public() -> QuerySet[Deliverable]:
    """Published deliverables (and withdrawn ones that were published), newest first."""
    return (
        Deliverable.objects.filter(PUBLIC_Q)
        .select_related("thematic_group")
        .order_by("-published_on", "title_en")
    )


def _unpublished_q(user) -> Q:
    """Unpublished deliverables `user` may read: Partners, Secretariat and MT all of them; a
    Leader their group's; a team member their deliverable (ToR 33, 35)."""
    # No Partner owns a deliverable: a focal point's Visibility is Partner-wide here.
    return visibility(user, "unpublished.view").q(group="thematic_group_id", deliverable="pk")


def deliverable_list_visible(*, user) -> QuerySet[Deliverable]:
    """Everything `user` may see: published material, and unpublished material of their audience."""
    return (
        Deliverable.objects.filter(PUBLIC_Q | _unpublished_q(user))
        .select_related("thematic_group")
        .order_by("-published_on", "-proposed_on", "title")
    )


def deliverable_get_visible(*, user, slug: str) -> Deliverable:
    """The deliverable at `slug` if `user` may see it; 404 otherwise (never 403: no hint it exists)."""
    rows = (
        deliverable_list_visible(user=user)
        .select_related("working_group", "proposed_by")
        .filter(slug=slug)
        .order_by()[:1]  # the slug is unique: no ordering to compile
    )
    deliverable = next(iter(rows), None)
    if deliverable is None:
        raise Http404("No such deliverable.")
    if deliverable.approval_meeting_id:
        # read after the row, only when there is one: joining the meeting's ~100 columns (every
        # translated field in six languages) made compiling the query ~3 ms of every visit of a
        # deliverable's page, approved or not (issue 17); the page shows the decision's existence
        prefetch_related_objects([deliverable], "approval_meeting")
    return deliverable


def deliverable_published_get(*, slug: str) -> Deliverable:
    deliverable = Deliverable.objects.filter(slug=slug, status=Deliverable.Status.PUBLISHED).first()
    if deliverable is None:
        raise Http404("No such published deliverable.")
    return deliverable


# Search and filters ---------------------------------------------------------------------------


@dataclass(frozen=True)
class DeliverableFilters:
    q: str = ""
    group: str = ""
    type: str = ""
    year: int | None = None

    @classmethod
    def from_params(cls, params) -> DeliverableFilters:
        year = params.get("year", "")
        return cls(
            q=(params.get("q") or "").strip()[:200],
            group=(params.get("group") or "").strip()[:80],
            type=(params.get("type") or "").strip()[:20],
            year=int(year) if str(year).isdigit() and 1900 < int(year) < 3000 else None,
        )

    @property
    def active(self) -> bool:
        return bool(self.q or self.group or self.type or self.year)


class StoredSearchVector(Expression):
    """The deliverable's `search_vector` column on PostgreSQL: kept by a database trigger from the
    titles (weight A), summaries (B) of every language and the body (C), GIN-indexed
    (thematic_groups migrations 0003, 0008).
    Not a model field, so it is named here, against the query's own table alias."""

    def __init__(self):
        from django.contrib.postgres.search import SearchVectorField

        super().__init__(output_field=SearchVectorField())

    def as_sql(self, compiler, connection):
        alias = compiler.query.get_initial_alias()
        return f"{compiler.quote_name_unless_alias(alias)}.search_vector", []


def _language_vector(config: str):
    """Title (A), summary (B) and body (C) as the reader sees them: the active language's version
    where the model has one and it is filled in, else the English original; read with `config`."""
    from django.contrib.postgres.search import SearchVector
    from django.db.models import F, TextField
    from django.db.models.functions import Coalesce, NullIf

    suffix = (translation.get_language() or "").replace("-", "_")
    names = {field.name for field in Deliverable._meta.get_fields()}
    vector = None
    for name, weight in (("title", "A"), ("summary", "B"), ("body", "C")):
        original = F(f"{name}_en") if f"{name}_en" in names else F(name)
        if f"{name}_{suffix}" in names and suffix != "en":
            text = Coalesce(NullIf(F(f"{name}_{suffix}"), Value("")), original, output_field=TextField())
        else:
            text = original
        part = SearchVector(text, config=config, weight=weight)  # (SearchVector coalesces NULLs)
        vector = part if vector is None else vector + part
    return vector


def deliverable_search(queryset: QuerySet[Deliverable], filters: DeliverableFilters) -> QuerySet[Deliverable]:
    """Filter by group, type and year, and search the text. On PostgreSQL, full-text search
    ranked by where the words are found (title A, summary B, body C); on SQLite a simpler
    match that still puts title matches first."""
    if filters.group:
        queryset = queryset.filter(thematic_group__slug=filters.group)
    if filters.type:
        queryset = queryset.filter(type=filters.type)
    if filters.year:
        queryset = queryset.filter(published_on__year=filters.year)
    if not filters.q:
        return queryset
    if settings.ON_POSTGRES:
        from django.contrib.postgres.search import SearchQuery, SearchRank

        # The stored, GIN-indexed vector (title A, summary B, body C; migration 0003), in English.
        vector = StoredSearchVector()
        # English words stemmed (the original), and the words of the versions in other languages
        # as written ('simple'; thematic_groups migration 0008).
        query = SearchQuery(filters.q, search_type="websearch", config="english") | SearchQuery(
            filters.q, search_type="websearch", config="simple"
        )
        config = search_config()
        if config == "english":
            return (
                queryset.annotate(search=vector, rank=SearchRank(vector, query))
                .filter(search=query)
                .order_by("-rank", "-published_on", "title_en")
            )
        # Another language: the words are also read with that language's configuration (French,
        # Russian, Spanish, Arabic stemming; "simple" for Chinese) against the text in it (its
        # translated columns where the model has them), computed per row: a few hundred
        # deliverables, not worth an index per language yet.
        local_vector = _language_vector(config)
        local_query = SearchQuery(filters.q, search_type="websearch", config=config)
        return (
            queryset.annotate(
                search=vector,
                local_search=local_vector,
                rank=SearchRank(vector, query) + SearchRank(local_vector, local_query),
            )
            .filter(Q(search=query) | Q(local_search=local_query))
            .order_by("-rank", "-published_on", "title_en")
        )
    words = filters.q.split()
    match = Q()
    for word in words:
        match &= (
            in_any_language("title", "icontains", word)
            | in_any_language("summary", "icontains", word)
            | Q(body__icontains=word)
        )
    first = words[0] if words else filters.q
    return (
        queryset.filter(match)
        .annotate(
            rank=Case(
                When(in_any_language("title", "icontains", first), then=Value(3)),
                When(in_any_language("summary", "icontains", first), then=Value(2)),
                default=Value(1),
                output_field=IntegerField(),
            )
        )
        .order_by("-rank", "-published_on", "title_en")
    )


def deliverable_search_public(filters: DeliverableFilters) -> QuerySet[Deliverable]:
    return deliverable_search(deliverable_list_public(), filters)


def deliverable_years_public() -> list[int]:
    """The years with a public deliverable, newest first (the list's year filter).

    On PostgreSQL one recursive query walks down the index on published_on a year at a time (a
    "loose index scan": one probe per year, whatever the number of deliverables; issue 17: the
    plain DISTINCT read every published row, 11 ms of each list page at 50,000). Its condition
    is PUBLIC_Q's, compiled by the ORM. Elsewhere (SQLite) the ORM's `dates()`."""
    public = Deliverable.objects.filter(PUBLIC_Q)
    if connection.vendor != "postgresql":
        return sorted({d.year for d in public.dates("published_on", "year")}, reverse=True)
    where, params = _where_sql(public)
    table = connection.ops.quote_name(Deliverable._meta.db_table)
    sql = f"""
        WITH RECURSIVE years(day) AS (
            SELECT max(published_on) FROM {table} WHERE {where}
            UNION ALL
            SELECT (
                SELECT max(published_on) FROM {table}
                WHERE ({where}) AND published_on < make_date(extract(year FROM years.day)::int, 1, 1)
            )
            FROM years WHERE years.day IS NOT NULL
        )
        SELECT extract(year FROM day)::int FROM years WHERE day IS NOT NULL
    """
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, *params])
        return [year for (year,) in cursor.fetchall()]


def _where_sql(queryset: QuerySet) -> tuple[str, list]:
    """The WHERE condition of a one-table queryset, as SQL and parameters (columns unqualified by
    the table's name, so the condition reads the same inside another query on that table)."""
    query = queryset.query
    compiler = query.get_compiler(connection=connection)
    sql, params = query.where.as_sql(compiler, connection)
    return sql.replace(f"{connection.ops.quote_name(query.model._meta.db_table)}.", ""), list(params)


def deliverable_feed_items(limit: int = 30) -> QuerySet[Deliverable]:
    """The Atom feed: published deliverables only (a withdrawn one leaves the feed)."""
    return (
        Deliverable.objects.filter(status=Deliverable.Status.PUBLISHED)
        .select_related("thematic_group")
        .order_by("-published_on", "-pk")[:limit]
    )


# Thematic Groups -----------------------------------------------------------------------------


def _active_leaders_prefetch() -> Prefetch:
    from governance.models import Mandate

    return Prefetch(
        "mandates",
        queryset=Mandate.objects.active(on=timezone.localdate())
        .filter(role=Mandate.Role.LEADER)
        .select_related("person")
        .order_by("starts_on"),
        to_attr="active_leader_mandates",
    )


def group_list() -> QuerySet[ThematicGroup]:
    return ThematicGroup.objects.prefetch_related(_active_leaders_prefetch(), "working_groups").order_by(
        "status", "title"
    )


def group_get(*, slug: str) -> ThematicGroup:
    group = group_list().filter(slug=slug).first()
    if group is None:
        raise Http404("No such Thematic Group.")
    return group


def group_deliverables(*, group: ThematicGroup, user) -> dict[str, list[Deliverable]]:
    """The group's deliverables `user` may see, split into published and in progress."""
    rows = list(deliverable_list_visible(user=user).filter(thematic_group=group).select_related(None))
    return {
        "published": [d for d in rows if d.is_public],
        "in_progress": [d for d in rows if not d.is_public],
    }


# One deliverable's workspace ------------------------------------------------------------------


def deliverable_workspace(*, deliverable: Deliverable, user) -> dict:
    """What the audience of an unpublished (or any) deliverable sees: versions, comments,
    team, calls, sign-ups. Call only after deliverable_get_visible."""
    principal = principal_for(user)
    audience = principal.can("unpublished.view", deliverable)
    context: dict = {"audience": audience}
    if not audience:
        return context
    context["versions"] = list(
        DeliverableVersion.objects.filter(deliverable=deliverable)
        .select_related("uploaded_by")
        .order_by("-number")
    )
    context["comments"] = list(
        DeliverableComment.objects.filter(deliverable=deliverable).select_related("author", "version")
    )
    context["comments_by_version"] = comments_by_version(context["versions"], context["comments"])
    context["team"] = list(TeamMember.objects.filter(deliverable=deliverable).select_related("person"))
    context["calls"] = list(
        CallForExperts.objects.filter(deliverable=deliverable).prefetch_related(
            Prefetch("applications", queryset=ExpertApplication.objects.select_related("applicant"))
        )
    )
    context["signups"] = list(
        ContributionSignup.objects.filter(deliverable=deliverable).select_related("person")
    )
    return context


def comments_by_version(versions, comments) -> list[dict]:
    """Comments grouped by the version they are about (newest version first, then those on no
    version), each group in document order of the place they name, then by date. No query."""
    groups = {v.pk: {"version": v, "comments": []} for v in versions}
    loose = {"version": None, "comments": []}
    for comment in comments:
        groups.get(comment.version_id, loose)["comments"].append(comment)
    ordered = [*groups.values(), loose]
    for group in ordered:
        group["comments"].sort(key=lambda c: (c.location == "", c.location.casefold(), c.created_at, c.pk))
    return [group for group in ordered if group["comments"]]


def version_get_visible(*, user, slug: str, number: int) -> DeliverableVersion:
    """A draft file, for the audience of its deliverable only (404 for anyone else)."""
    deliverable = deliverable_get_visible(user=user, slug=slug)
    if not principal_for(user).can("unpublished.view", deliverable):
        raise Http404("No such file.")
    version = DeliverableVersion.objects.filter(deliverable=deliverable, number=number).first()
    if version is None:
        raise Http404("No such file.")
    return version


# Calls for experts ---------------------------------------------------------------------------


def call_list_open() -> QuerySet[CallForExperts]:
    """Open calls: shown to everyone signed in, so that experts can apply (ToR 20c)."""
    return (
        CallForExperts.objects.filter(status=CallForExperts.Status.OPEN, closes_on__gte=timezone.localdate())
        .select_related("deliverable__thematic_group")
        .order_by("closes_on", "pk")
    )


def call_get_for_user(*, user, pk: int) -> CallForExperts:
    """An open call for anyone signed in; a closed one only for its deliverable's audience."""
    call = CallForExperts.objects.select_related("deliverable__thematic_group").filter(pk=pk).first()
    if call is None:
        raise Http404("No such call.")
    if not call.is_open and not principal_for(user).can("unpublished.view", call.deliverable):
        raise Http404("No such call.")
    return call


def applications_to_vet() -> QuerySet[ExpertApplication]:
    return (
        ExpertApplication.objects.filter(status=ExpertApplication.Status.PENDING)
        .select_related("call__deliverable__thematic_group", "applicant")
        .order_by("created_at")
    )


# Who is told of a sign-up (ToR 22a) ------------------------------------------------------------


def signup_recipients(deliverable: Deliverable) -> list:
    """The group's current Leaders and the Secretariat, each once, with an address (one query)."""
    from django.contrib.auth import get_user_model

    from governance.models import FocalPoint, Mandate

    today = timezone.localdate()
    leaders = (
        Mandate.objects.active(on=today)
        .filter(role=Mandate.Role.LEADER, thematic_group_id=deliverable.thematic_group_id)
        .values("person_id")
    )
    secretariat = FocalPoint.objects.secretariat(on=today).values("person_id")
    return list(
        get_user_model()
        .objects.filter(Q(pk__in=leaders) | Q(pk__in=secretariat))
        .exclude(email="")
        .order_by("pk")
    )


# Workplans (ToR 10) ----------------------------------------------------------------------------


def workplan_list_visible(*, user) -> QuerySet[Workplan]:
    """Agreed workplans are public; the ones being prepared are for those who take part in
    preparing them (inputs, compilation, review, record)."""
    principal = principal_for(user)
    preparing = any(
        principal.can(action)
        for action in ("workplan.input", "workplan.compile", "workplan.review", "workplan.record")
    )
    queryset = Workplan.objects.select_related("presented_at").order_by("-period", "-pk")
    if preparing:
        return queryset
    return queryset.filter(status=Workplan.Status.AGREED)


def workplan_get_visible(*, user, pk: int) -> Workplan:
    workplan = workplan_list_visible(user=user).filter(pk=pk).first()
    if workplan is None:
        raise Http404("No such workplan.")
    return workplan


@dataclass(frozen=True)
class WorkplanRow:
    """One line of the workplan (Annex 2 of a meeting report): what, who, when."""

    item: WorkplanItem
    title: str
    kind: str
    group: str
    owner: str
    starts_on: object
    ends_on: object
    final_draft_due: object
    publication_due: object
    status: str
    public_url: str
    notes: str


def workplan_items(workplan: Workplan) -> list[WorkplanRow]:
    """The items of a workplan with owner and timeline, each deliverable with its own timeline:
    the shape of Annex 2 of a meeting report. Two queries whatever the number of items; a
    link to a deliverable only when it is published."""
    items = workplan.items.select_related(
        "deliverable", "thematic_group", "deliverable__thematic_group"
    ).order_by("position", "starts_on", "pk")
    rows = []
    for item in items:
        d = item.deliverable
        group = item.thematic_group or (d.thematic_group if d else None)
        rows.append(
            WorkplanRow(
                item=item,
                title=item.title,
                kind=item.get_kind_display(),
                group=group.title if group else "",
                owner=item.owner,
                starts_on=item.starts_on or (d.starts_on if d else None),
                ends_on=item.ends_on or (d.publication_due if d else None),
                final_draft_due=d.final_draft_due if d else None,
                publication_due=d.publication_due if d else None,
                status=d.get_status_display() if d and d.is_public else "",
                public_url=d.get_absolute_url() if d and d.is_public else "",
                notes=item.notes,
            )
        )
    return rows
