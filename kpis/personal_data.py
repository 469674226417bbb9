"""The KPI web-tool's sections of a person's data ("My data", the download), registered in ready()."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from guardian.shortcuts import get_objects_for_user

from kpis.models import Question, Reply, ReportingCycle
from people import personal_data
from people.personal_data import iso


def _stewarded(person, ask):
    cities = get_objects_for_user(
        person, "kpis.steward_city", use_groups=False, with_superuser=False, accept_global_perms=False
    )
    return [{"city": c.name, "country": c.country} for c in cities.order_by("name")]


def _verified(person, ask):
    return [
        {"city": c.city.name, "year": c.year, "status": c.get_status_display()}
        for c in ReportingCycle.objects.filter(verifier=person).select_related("city").order_by("-year")
    ]


def _questions(person, ask):
    return [
        {"kpi": q.value.kpi.code, "cycle": str(q.value.cycle), "asked_at": iso(q.asked_at), "text": q.text}
        for q in Question.objects.filter(asked_by=person).select_related("value__kpi", "value__cycle__city")
    ]


def _replies(person, ask):
    return [
        {"kpi": r.question.value.kpi.code, "written_at": iso(r.written_at), "text": r.text}
        for r in Reply.objects.filter(author=person).select_related("question__value__kpi")
    ]


def register() -> None:
    personal_data.register("kpi_cities", _("Cities whose KPI data you keep"), position=152, rows=_stewarded)
    personal_data.register(
        "kpi_cycles_verified", _("KPI reporting cycles you verify"), position=153, rows=_verified
    )
    personal_data.register("kpi_questions", _("Your questions on KPI data"), position=154, rows=_questions)
    personal_data.register("kpi_replies", _("Your replies on KPI data"), position=155, rows=_replies)
