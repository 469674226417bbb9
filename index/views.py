"""Public pages of the U4SSC Index: editions (ranks with robustness ranges), the methodology
generated from its record, the comparison of cities with SVG charts, and the open-data downloads."""

from __future__ import annotations

import re

from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from index import charts, comparison, opendata, selectors
from index.models import Aggregation, Missing, Normalisation

SLUG = re.compile(
    r"[-a-zA-Z0-9_]{1,80}"
)  # anything else cannot be a city (PostgreSQL refuses null characters)


def _base(request) -> str:
    return request.build_absolute_uri("/").rstrip("/")


@require_safe
def index_home(request):
    editions = list(selectors.editions_public())
    latest = editions[0] if editions else None
    ranked, not_ranked = selectors.edition_rows(latest) if latest else ([], [])
    return render(
        request,
        "index/home.html",
        {
            "editions": editions,
            "latest": latest,
            "ranked": ranked[:10],
            "methodology": selectors.current_methodology(),
        },
    )


@require_safe
def edition_detail(request, slug):
    edition = selectors.edition_for(request.user, slug)
    ranked, not_ranked = selectors.edition_rows(edition)
    dimensions = list(dict.fromkeys(k["dimension"] for k in edition.kpis))
    for row in ranked:  # in the columns' order (PostgreSQL's jsonb does not keep the keys' order)
        row.dimension_scores = [row.dimensions.get(d) for d in dimensions]
    return render(
        request,
        "index/edition.html",
        {
            "edition": edition,
            "ranked": ranked,
            "not_ranked": not_ranked,
            "dimensions": dimensions,
            "method": edition.method,
            "runs": edition.method.get("runs"),
        },
    )


@require_safe
def edition_download(request, slug, name):
    edition = selectors.edition_for(request.user, slug)
    text = opendata.edition_file(edition, name, base_url=_base(request))
    kind = "application/json" if name.endswith(".json") else "text/csv"
    response = HttpResponse(text, content_type=f"{kind}; charset=utf-8")
    if name.endswith(".csv"):
        response["Content-Disposition"] = f'attachment; filename="u4ssc-index-{edition.slug}-{name}"'
    return response


def _methodology_page(request, methodology):
    weights = methodology.weights or {}
    return render(
        request,
        "index/methodology.html",
        {
            "methodology": methodology,
            "normalisation": Normalisation(methodology.normalisation).label,
            "aggregation": Aggregation(methodology.aggregation).label,
            "missing": Missing(methodology.missing).label,
            "alternative_normalisations": [
                Normalisation(v).label for v in methodology.alternative_normalisations
            ],
            "alternative_aggregations": [Aggregation(v).label for v in methodology.alternative_aggregations],
            "weights": [(level, name, w) for level, table in weights.items() for name, w in table.items()],
            "kpis": selectors.indexed_kpis(),
            "versions": selectors.methodologies_public(),
        },
    )


@require_safe
def methodology_current(request):
    methodology = selectors.current_methodology()
    if methodology is None:
        raise Http404("No methodology published yet.")
    return _methodology_page(request, methodology)


@require_safe
def methodology_detail(request, version):
    return _methodology_page(request, selectors.methodology_for(request.user, version))


@require_safe
def compare(request, slug):
    city = selectors.city_public(slug)
    chosen = [s for s in request.GET.getlist("with") if SLUG.fullmatch(s)][: comparison.MAX_CHOSEN]
    peers = [p for p in request.GET.getlist("peers") if p in comparison.PEER_KINDS]
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        year = None
    result = comparison.compare(city, chosen=chosen, peer_kinds=peers, year=year)
    columns = result.columns
    series = [charts.Series(c.name, []) for c in columns]
    dimensions = list(result.tree)
    for s, column in zip(series, columns, strict=False):
        s.values = [column.dimension(d) for d in dimensions]
    subs = [(d, sub) for d, subtree in result.tree.items() for sub in subtree]
    wheel_series = [charts.Series(c.name, [c.sub_dimension(k) for k in subs]) for c in columns]
    kpis = {k.code: k for k in result.kpis}
    timeseries = [
        (
            kpis[code],
            charts.timeseries(
                f"ts-{kpis[code].slug}",
                _("%(kpi)s: progress towards the target by year") % {"kpi": kpis[code].name},
                result.years,
                [charts.Series(name, points) for name, points in lines],
            ),
            [name for name, _points in lines],
            [(year, [points[i] for _name, points in lines]) for i, year in enumerate(result.years)],
        )
        for code, lines in result.series.items()
    ]
    return render(
        request,
        "index/compare.html",
        {
            "city": city,
            "result": result,
            "rows": comparison.table_rows(result),
            "wheel": charts.wheel("wheel", _("Dimension wheel"), [sub for _d, sub in subs], wheel_series),
            "bars": charts.bars("bars", _("The city against its peers, by dimension"), dimensions, series),
            "timeseries": timeseries,
            "peer_kinds": comparison.PEER_KINDS.items(),
            "peers": peers,
            "chosen": chosen,
            "others": selectors.cities_for_choice(exclude=city.pk),
            "truncated": len(columns) > charts.MAX_SERIES,
        },
    )


@require_safe
def open_data(request):
    return render(
        request,
        "index/open_data.html",
        {"editions": selectors.editions_public(), "licence": opendata.LICENCE},
    )


@require_safe
def values_download(request):
    response = StreamingHttpResponse(
        opendata.values_csv_lines(selectors.open_data_values()), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="u4ssc-kpi-values.csv"'
    return response


@require_safe
def values_datapackage(request):
    import json

    return HttpResponse(
        json.dumps(opendata.values_package(base_url=_base(request)), indent=2, ensure_ascii=False),
        content_type="application/json; charset=utf-8",
    )
