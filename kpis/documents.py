"""The verification report and the certificate of a verified cycle, as PDFs (WeasyPrint through
kernel.pdf), rendered by a task (kpis.tasks.render_cycle_documents) and kept with a hash of what
they show, so a render is skipped while nothing changed. Both are private to the city's stewards,
its verifier and the Secretariat: they show every verified value, whatever the consent."""

from __future__ import annotations

import hashlib
import json

from django.core.files.base import ContentFile
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from kernel.pdf import html_to_pdf
from kpis import selectors
from kpis.models import CycleDocument, ReportingCycle

LAYOUT_VERSION = "1"


def document_context(cycle: ReportingCycle) -> dict:
    kpis = selectors.catalogue()
    values = selectors.cycle_values(cycle)
    card = selectors.cycle_scorecard(kpis, values)
    rows = [{"kpi": kpi, "value": values.get(kpi.pk), "score": card.kpis.get(kpi.code)} for kpi in kpis]
    return {
        "cycle": cycle,
        "city": cycle.city,
        "rows": rows,
        "card": card,
        "dimensions": list(card.dimensions.items()),
        "progress": selectors.progress_by_dimension(kpis, values),
        "today": timezone.localdate(),
    }


def _version(cycle: ReportingCycle, context: dict) -> str:
    facts = [
        LAYOUT_VERSION,
        cycle.pk,
        str(cycle.verified_at),
        [
            (
                r["kpi"].code,
                str(r["value"].value) if r["value"] else "",
                r["value"].verdict if r["value"] else "",
            )
            for r in context["rows"]
        ],
    ]
    return hashlib.sha256(json.dumps(facts, default=str).encode()).hexdigest()


def cycle_documents_render(*, cycle_id: int) -> list[int]:
    cycle = ReportingCycle.objects.select_related("city", "verifier").filter(pk=cycle_id).first()
    if cycle is None or cycle.verified_at is None:
        return []
    context = document_context(cycle)
    version = _version(cycle, context)
    done = []
    for kind, template in (
        (CycleDocument.Kind.REPORT, "kpis/pdf/report.html"),
        (CycleDocument.Kind.CERTIFICATE, "kpis/pdf/certificate.html"),
    ):
        current = CycleDocument.objects.filter(cycle=cycle, kind=kind).first()
        if current is not None and current.version == version and current.file:
            done.append(current.pk)
            continue
        pdf = html_to_pdf(render_to_string(template, context))
        with transaction.atomic():
            document, _created = CycleDocument.objects.select_for_update().get_or_create(
                cycle=cycle, kind=kind, defaults={"version": version}
            )
            document.file.save(f"{cycle.city.slug}-{cycle.year}-{kind}.pdf", ContentFile(pdf), save=False)
            document.version = version
            document.rendered_at = timezone.now()
            document.save()
        done.append(document.pk)
    return done
