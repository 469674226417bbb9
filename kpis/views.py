"""Pages of the KPI web-tool: the public catalogue and city profiles, and the private pages of a
reporting cycle (entry by dimension, the spreadsheet round trip, verification, consent).

Private pages answer 404 to anyone who may not read the cycle (selectors.cycle_for); actions ask
the rulebook in their service and are offered from the lifecycle (`CYCLE_LIFECYCLE.available`)."""

from __future__ import annotations

import csv
import hashlib
import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from governance.rulebook import can
from kernel.cache import Fragments
from kernel.downloads import private_file_response
from kernel.pdf import PdfUnavailable
from kernel.refusals import attempt
from kpis import documents, selectors, services, sheets
from kpis import forms as kforms
from kpis.entries import ENTRY_COLUMNS
from kpis.models import CYCLE_LIFECYCLE, CycleDocument, Evidence, KpiValue, Question

# Public ------------------------------------------------------------------------------------------


def kpi_list(request):
    kpis = selectors.catalogue()
    return render(request, "kpis/kpi_list.html", {"tree": selectors.catalogue_tree(kpis), "count": len(kpis)})


def kpi_detail(request, slug):
    kpi = selectors.kpi_by_slug(slug)
    return render(request, "kpis/kpi_detail.html", {"kpi": kpi, "values": selectors.kpi_public_values(kpi)})


def _part(name: str, compute):
    """A public part, the same for everyone, cached for signed-in visitors too (kernel.cache.Fragments,
    stamped with the content generation: a change of consent drops it at once); keyed by language."""
    key = f"kpis:{get_language()}:{name}"
    parts = Fragments([key])
    value = parts.get(key, compute)
    parts.save()
    return value


def city_list(request):
    query = request.GET.get("q", "")[:100].strip()
    country = request.GET.get("country", "")[:100].strip()
    region = request.GET.get("region", "")[:100].strip()
    page_number = request.GET.get("page", "")[:12]

    def compute() -> str:
        cities = selectors.cities_public(query=query, country=country, region=region)
        everyone = selectors.cities_public()
        page = Paginator(cities, 50).get_page(page_number)
        return render_to_string(
            "kpis/_city_list.html",
            {
                "page": page,
                "query": query,
                "country": country,
                "region": region,
                "countries": sorted(set(everyone.values_list("country", flat=True))),
                "regions": sorted({r for r in everyone.values_list("region", flat=True) if r}),
            },
        )

    digest = hashlib.sha256(f"{query}\x00{country}\x00{region}\x00{page_number}".encode()).hexdigest()[:32]
    return render(request, "kpis/city_list.html", {"body": mark_safe(_part(f"cities:{digest}", compute))})  # noqa: S308  (our template's output)


def city_detail(request, slug):
    def compute() -> tuple[str, str] | None:
        city = selectors.cities_public().filter(slug=slug).first()
        if city is None:
            return None
        profile = selectors.city_profile(city)
        return city.name, render_to_string("kpis/_city_profile.html", {"city": city, "profile": profile})

    found = _part(f"city:{slug}", compute)
    if found is None:
        raise Http404("No such city.")
    name, body = found
    return render(request, "kpis/city_detail.html", {"body": mark_safe(body), "name": name})  # noqa: S308


def city_csv(request, slug):
    """The city's public values and scores (latest published cycle), within its consent."""

    def compute() -> str | None:
        city = selectors.cities_public().filter(slug=slug).first()
        if city is None:
            return None
        profile = selectors.city_profile(city)
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(
            ["city", "year", "code", "kpi", "value", "unit", "data_year", "points", "progress_percent"]
        )
        for row in profile.rows:
            writer.writerow(
                [
                    city.name,
                    profile.cycle.year,
                    row.kpi.code,
                    row.kpi.name,
                    "" if row.value is None else f"{row.value.normalize():f}",
                    row.unit,
                    row.data_year or "",
                    row.points or "",
                    row.progress if row.progress is not None else "",
                ]
            )
        return out.getvalue()

    text = _part(f"csv:{slug}", compute)
    if text is None:
        raise Http404("No such city.")
    response = HttpResponse(text, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{slug}-kpis.csv"'
    return response


# Private: a person's cycles ----------------------------------------------------------------------


@login_required
def my_work(request):
    return render(request, "kpis/my_work.html", {"work": selectors.my_work(request.user)})


def _cycle(request, slug, year):
    return selectors.cycle_for(request.user, city_slug=slug, year=year)


@login_required
def cycle_detail(request, slug, year):
    cycle = _cycle(request, slug, year)
    kpis = selectors.catalogue()
    values = selectors.cycle_values(cycle)
    actions = CYCLE_LIFECYCLE.available(cycle, request.user)
    reported = [v for v in values.values() if v.is_reported]
    return render(
        request,
        "kpis/cycle_detail.html",
        {
            "cycle": cycle,
            "actions": actions,
            "progress": selectors.progress_by_dimension(kpis, values),
            "reported_count": len(reported),
            "verified_count": sum(v.is_verified for v in reported),
            "open_questions": sum(bool(v.open_questions) for v in values.values()),
            "total": len(kpis),
            "card": selectors.cycle_scorecard(kpis, values, cycle),
            "upload_form": kforms.SheetUploadForm(),
            "return_form": kforms.ReturnForm(),
            "documents": CycleDocument.Kind.choices if cycle.verified_at else [],
            "problems": [],
        },
    )


@login_required
@require_POST
def cycle_action(request, slug, year, action):
    cycle = _cycle(request, slug, year)
    names = {"submit", "start_verification", "return", "publish", "unpublish"}
    if action not in names:
        raise Http404("No such action.")
    kwargs = {}
    if action == "return":
        form = kforms.ReturnForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Say why the data goes back to the city."))
            return redirect(cycle.get_absolute_url())
        kwargs["reason"] = form.cleaned_data["reason"]
    done = attempt(
        request, CYCLE_LIFECYCLE.service(action), by=request.user, cycle=cycle, denied=True, **kwargs
    )
    if done:
        messages.success(request, _("Done: %(action)s.") % {"action": CYCLE_LIFECYCLE.action(action).label})
    return redirect(cycle.get_absolute_url())


def _dimension_kpis(dimension_slug):
    kpis = [k for k in selectors.catalogue() if k.dimension_slug == dimension_slug]
    if not kpis:
        raise Http404("No such dimension.")
    return kpis


def _typed_of(value: KpiValue | None) -> dict:
    if value is None:
        return {c: "" for c in ENTRY_COLUMNS}
    shown = lambda n: "" if n is None else f"{n.normalize():f}"  # noqa: E731
    return {
        "not_reported": value.not_reported,
        "numerator": shown(value.numerator),
        "denominator": shown(value.denominator),
        "value": "" if (value.kpi.computed and value.numerator is not None) else shown(value.value),
        "data_quality": value.data_quality,
        "source": value.source,
        "data_year": value.data_year or "",
        "notes": value.notes,
        "sensitive": value.sensitive,
    }


@login_required
def dimension_entry(request, slug, year, dimension):
    """A dimension's KPIs on one page (phone-friendly: one stacked card per KPI), saved together."""
    cycle = _cycle(request, slug, year)
    kpis = _dimension_kpis(dimension)
    actions = CYCLE_LIFECYCLE.available(cycle, request.user)
    values = selectors.cycle_values(cycle)
    problems: dict[str, dict[str, str]] = {}
    typed = {k.code: _typed_of(values.get(k.pk)) for k in kpis}
    if request.method == "POST":
        if not actions.enter:
            raise Http404("This cycle cannot be edited by you now.")
        typed = {
            k.code: {
                c: (
                    request.POST.get(f"{k.pk}-{c}") == "on"
                    if c in ("not_reported", "sensitive")
                    else request.POST.get(f"{k.pk}-{c}", "")
                )
                for c in ENTRY_COLUMNS
            }
            for k in kpis
        }
        done = attempt(request, services.values_save, by=request.user, cycle=cycle, entries=typed)
        if done:
            messages.success(request, _("Saved: %(count)s KPI(s) changed.") % {"count": done.value})
            return redirect(request.path)
        for code, column, message in getattr(done.error, "problems", []):
            problems.setdefault(code, {})[column] = message
    progress = selectors.progress_by_dimension(selectors.catalogue(), values)
    rows = [
        {
            "kpi": k,
            "typed": typed[k.code],
            "errors": problems.get(k.code, {}),
            "value": values.get(k.pk),
        }
        for k in kpis
    ]
    return render(
        request,
        "kpis/dimension_entry.html",
        {
            "cycle": cycle,
            "dimension": kpis[0].dimension,
            "rows": rows,
            "actions": actions,
            "progress": progress,
            "qualities": KpiValue.Quality.choices,
        },
        status=422 if problems else 200,
    )


@login_required
def cycle_sheet(request, slug, year, fmt):
    cycle = _cycle(request, slug, year)
    name = f"{cycle.city.slug}-{cycle.year}-kpis"
    if fmt == "xlsx":
        response = HttpResponse(
            sheets.xlsx_bytes(cycle),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
    else:
        response = HttpResponse(sheets.csv_bytes(cycle), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_POST
def cycle_upload(request, slug, year):
    cycle = _cycle(request, slug, year)
    form = kforms.SheetUploadForm(request.POST, request.FILES)
    problems = []
    if form.is_valid():
        done = attempt(
            request,
            sheets.sheet_upload,
            by=request.user,
            cycle=cycle,
            file=form.cleaned_data["sheet"],
            denied=True,
        )
        if done:
            messages.success(
                request, _("The sheet is saved: %(count)s KPI(s) changed.") % {"count": done.value}
            )
            return redirect(cycle.get_absolute_url())
        problems = getattr(done.error, "problems", [])
    kpis = selectors.catalogue()
    values = selectors.cycle_values(cycle)
    return render(
        request,
        "kpis/cycle_detail.html",
        {
            "cycle": cycle,
            "actions": CYCLE_LIFECYCLE.available(cycle, request.user),
            "progress": selectors.progress_by_dimension(kpis, values),
            "reported_count": sum(v.is_reported for v in values.values()),
            "verified_count": sum(v.is_verified for v in values.values()),
            "open_questions": sum(bool(v.open_questions) for v in values.values()),
            "total": len(kpis),
            "card": selectors.cycle_scorecard(kpis, values, cycle),
            "upload_form": form,
            "return_form": kforms.ReturnForm(),
            "documents": CycleDocument.Kind.choices if cycle.verified_at else [],
            "problems": problems,
        },
        status=422,
    )


@login_required
def value_detail(request, slug, year, kpi_slug):
    """One KPI of a cycle: its value, evidence, question threads and verdict."""
    cycle = _cycle(request, slug, year)
    kpi = selectors.kpi_by_slug(kpi_slug)
    value = (
        KpiValue.objects.filter(cycle=cycle, kpi=kpi)
        .select_related("verified_by")
        .prefetch_related("evidence", "questions__replies__author", "questions__asked_by")
        .first()
    )
    actions = CYCLE_LIFECYCLE.available(cycle, request.user)
    forms_ = {
        "evidence_form": kforms.EvidenceForm(auto_id="evidence_%s"),
        "question_form": kforms.QuestionForm(auto_id="question_%s"),
        "reply_form": kforms.ReplyForm(),
        "verdict_form": kforms.VerdictForm(auto_id="verdict_%s"),
    }
    if request.method == "POST":
        if value is None:
            raise Http404("Nothing is entered for this KPI.")
        what = request.POST.get("what")
        if what == "evidence" and actions.enter:
            form = forms_["evidence_form"] = kforms.EvidenceForm(
                request.POST, request.FILES, auto_id="evidence_%s"
            )
            if form.is_valid() and attempt(
                request,
                services.evidence_upload,
                form=form,
                by=request.user,
                value=value,
                file=form.cleaned_data["file"],
            ):
                messages.success(request, _("The evidence file is attached."))
                return redirect(request.path)
        elif what == "question" and actions.ask:
            form = forms_["question_form"] = kforms.QuestionForm(request.POST, auto_id="question_%s")
            if form.is_valid() and attempt(
                request,
                services.question_ask,
                form=form,
                by=request.user,
                value=value,
                text=form.cleaned_data["text"],
            ):
                return redirect(request.path)
        elif what == "reply" and actions.reply:
            question = get_object_or_404(Question, pk=request.POST.get("question", "0") or 0, value=value)
            form = forms_["reply_form"] = kforms.ReplyForm(request.POST)
            if form.is_valid() and attempt(
                request,
                services.question_reply,
                form=form,
                by=request.user,
                question=question,
                text=form.cleaned_data["text"],
            ):
                return redirect(request.path)
        elif what == "resolve" and actions.ask:
            question = get_object_or_404(Question, pk=request.POST.get("question", "0") or 0, value=value)
            if attempt(request, services.question_resolve, by=request.user, question=question):
                return redirect(request.path)
        elif what == "verdict" and actions.verify_kpi:
            form = forms_["verdict_form"] = kforms.VerdictForm(request.POST, auto_id="verdict_%s")
            if form.is_valid() and attempt(
                request, services.value_verify, form=form, by=request.user, value=value, **form.cleaned_data
            ):
                messages.success(request, _("Your verdict on %(code)s is saved.") % {"code": kpi.code})
                return redirect(cycle.get_absolute_url() + "#verification")
        else:
            raise Http404("No such action here.")
    return render(
        request,
        "kpis/value_detail.html",
        {"cycle": cycle, "kpi": kpi, "value": value, "actions": actions, **forms_},
    )


@login_required
def evidence_download(request, slug, year, pk):
    cycle = _cycle(request, slug, year)
    evidence = get_object_or_404(Evidence, pk=pk, value__cycle=cycle)
    return private_file_response(
        evidence.file, filename=evidence.original_name, content_type=evidence.content_type
    )


@login_required
def document_download(request, slug, year, kind):
    cycle = _cycle(request, slug, year)
    if kind not in CycleDocument.Kind.values or cycle.verified_at is None:
        raise Http404("Only a verified cycle has its report and certificate.")
    try:
        document = documents.cycle_document(cycle=cycle, kind=kind, language=get_language())
    except PdfUnavailable:
        return HttpResponse(
            _("The PDF cannot be produced at the moment. Please try again later."),
            status=503,
            content_type="text/plain",
        )
    filename = f"{slugify(cycle.city.name)}-{cycle.year}-{kind}.pdf"
    return private_file_response(document.file, filename=filename, content_type="application/pdf")


@login_required
def consent(request, slug, year):
    cycle = _cycle(request, slug, year)
    actions = CYCLE_LIFECYCLE.available(cycle, request.user)
    values = [v for v in selectors.cycle_values(cycle).values() if v.is_reported]
    form = kforms.consent_form(values, data=request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if not actions.consent:
            raise Http404("Only the city's data stewards decide what is published.")
        if form.is_valid() and attempt(
            request, services.consent_set, form=form, by=request.user, cycle=cycle, consents=form.cleaned_data
        ):
            messages.success(request, _("Your publication choices are saved; they apply at once."))
            return redirect(request.path)
    return render(
        request,
        "kpis/consent.html",
        {
            "cycle": cycle,
            "form": form,
            "actions": actions,
            "may": can(request.user, "kpis.cycle.publish", cycle),
        },
    )
