"""The verification report and the certificate of a verified cycle, as PDFs (WeasyPrint through
kernel.pdf), rendered on the first request in each reader's language and kept with a hash of what
they show, so a render is skipped while nothing changed (issue 13: no PDF frozen in the language of
whoever verified the cycle). Both are private to the city's stewards,
its verifier and the Secretariat: they show every verified value, whatever the consent."""

from __future__ import annotations

import hashlib
import json

from django.template.loader import render_to_string
from django.utils import timezone, translation

from kernel.pdf import html_to_pdf
from kernel.renders import keep_render
from kpis import selectors
from kpis.models import CycleDocument, ReportingCycle

LAYOUT_VERSION = "2"
TEMPLATES = {
    CycleDocument.Kind.REPORT: "kpis/pdf/report.html",
    CycleDocument.Kind.CERTIFICATE: "kpis/pdf/certificate.html",
}


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


def cycle_document(*, cycle: ReportingCycle, kind: str, language: str) -> CycleDocument:
    """The PDF `kind` of a verified cycle in `language`: the one kept if what it shows is unchanged,
    otherwise rendered now and kept (the older render in that language goes). Raises
    kernel.pdf.PdfUnavailable without Pango (nothing stored)."""
    template = TEMPLATES[kind]
    with translation.override(language):
        context = document_context(cycle)
        version = _version(cycle, context)
        kept = CycleDocument.objects.filter(cycle=cycle, kind=kind, language=language, version=version)
        found = kept.first()
        if found is not None and found.file:
            return found
        return keep_render(
            CycleDocument(cycle=cycle, kind=kind, language=language, version=version),
            name=f"{cycle.city.slug}-{cycle.year}-{kind}-{language}.pdf",
            make=lambda: html_to_pdf(render_to_string(template, context)),
            existing=kept.first,
            siblings=CycleDocument.objects.filter(cycle=cycle, kind=kind, language=language),
        )
