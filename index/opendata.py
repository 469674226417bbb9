"""Open data (issue 15): the CSV files and the Frictionless Data Packages (Table Schema, licence
CC BY 4.0, citation) of every published value and of every published edition. An edition's files
never change once it is published, so they are cached by edition for good."""

from __future__ import annotations

import csv
import io
import json

from django.core.cache import cache
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from index.models import Edition

LICENCE = {
    "name": "CC-BY-4.0",
    "title": "Creative Commons Attribution 4.0",
    "path": "https://creativecommons.org/licenses/by/4.0/",
}
PUBLISHER = "United for Smart Sustainable Cities (U4SSC)"

RANKING_FIELDS = [
    ("city_slug", "string", _l("The city's identifier on the portal.")),
    ("city", "string", _l("The city's name when the edition was published.")),
    ("country", "string", _l("Country.")),
    ("region", "string", _l("Region.")),
    ("status", "string", _l("ranked, or not_ranked.")),
    ("reason", "string", _l("Why not ranked: coverage (below the threshold) or no_values.")),
    ("rank", "integer", _l("Rank (1 is the highest score; equal scores share a rank).")),
    ("score", "number", _l("Index score under the edition's methodology.")),
    ("rank_p5", "integer", _l("Robustness: 5th percentile of the Monte Carlo ranks.")),
    ("rank_p95", "integer", _l("Robustness: 95th percentile of the Monte Carlo ranks.")),
    ("rank_median", "number", _l("Robustness: median of the Monte Carlo ranks.")),
    ("reported", "integer", _l("Indexed KPIs with a published score.")),
    ("coverage_percent", "number", _l("reported ÷ indexed KPIs, in %.")),
]
INDICATOR_FIELDS = [
    ("city_slug", "string", _l("The city's identifier on the portal.")),
    ("code", "string", _l("U4SSC KPI code.")),
    ("dimension", "string", _l("Dimension of the KPI.")),
    ("sub_dimension", "string", _l("Sub-dimension of the KPI.")),
    ("category", "string", _l("Category of the KPI.")),
    (
        "progress_percent",
        "number",
        _l("Progress towards the U4SSC target in % (direction respected), to 0.01."),
    ),
    ("normalised", "number", _l("Normalised value used by the Index (empty for cities not ranked).")),
]
VALUE_FIELDS = [
    ("city_slug", "string", _l("The city's identifier on the portal.")),
    ("city", "string", _l("City.")),
    ("country", "string", _l("Country.")),
    ("year", "integer", _l("Year of the reporting cycle.")),
    ("code", "string", _l("U4SSC KPI code.")),
    ("kpi", "string", _l("KPI name.")),
    ("value", "number", _l("The verified value; empty when the city consented to publish the score only.")),
    ("unit", "string", _l("Unit.")),
    ("data_year", "integer", _l("Year of the data.")),
    ("progress_percent", "number", _l("Progress towards the U4SSC target in %; empty without a target.")),
    ("points", "integer", _l("U4SSC benchmark points (1–4); empty without a target.")),
    ("illustrative", "boolean", _l("true: demo figures, never a real city's measurements.")),
]


def _csv(header: list[str], rows) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def _num(value) -> str:
    return "" if value is None else repr(float(value))


def _schema(fields) -> dict:
    return {"fields": [{"name": n, "type": t, "description": str(d)} for n, t, d in fields]}


def ranking_csv(edition: Edition) -> str:
    rows = edition.rows.order_by("rank", "city_name")
    return _csv(
        [f[0] for f in RANKING_FIELDS],
        (
            [
                r.city_slug,
                r.city_name,
                r.country,
                r.region,
                "ranked" if r.is_ranked else "not_ranked",
                r.reason,
                "" if r.rank is None else r.rank,
                _num(r.score),
                "" if r.rank_low is None else r.rank_low,
                "" if r.rank_high is None else r.rank_high,
                _num(r.rank_median),
                r.reported,
                f"{r.coverage:f}",
            ]
            for r in rows
        ),
    )


def indicators_csv(edition: Edition) -> str:
    kpis = {k["code"]: k for k in edition.kpis}
    order = {k["code"]: i for i, k in enumerate(edition.kpis)}
    lines = []
    for r in edition.rows.order_by("city_slug"):
        for code in sorted(r.indicators, key=lambda c: order.get(c, 10**6)):
            progress, normalised = r.indicators[code]
            k = kpis[code]
            lines.append(
                [
                    r.city_slug,
                    code,
                    k["dimension"],
                    k["sub_dimension"],
                    k["category"],
                    _num(progress),
                    _num(normalised),
                ]
            )
    return _csv([f[0] for f in INDICATOR_FIELDS], lines)


def citation(edition: Edition) -> str:
    return _("%(publisher)s. U4SSC Index %(year)s, methodology version %(version)s. Published %(date)s.") % {
        "publisher": PUBLISHER,
        "year": edition.year,
        "version": edition.methodology.version,
        "date": edition.published_at.date().isoformat() if edition.published_at else "",
    }


def edition_package(edition: Edition, *, base_url: str) -> dict:
    return {
        "profile": "data-package",
        "name": f"u4ssc-index-{edition.slug}",
        "title": str(edition),
        "version": f"{edition.year}.{edition.methodology.version}",
        "homepage": base_url + edition.get_absolute_url(),
        "licenses": [LICENCE],
        "sources": [{"title": PUBLISHER, "path": base_url + "/open-data/"}],
        "citation": citation(edition),
        "created": (edition.published_at or edition.computed_at).isoformat(),
        "u4ssc:methodology": edition.method,
        "u4ssc:kpis": edition.kpis,
        "resources": [
            {
                "name": "ranking",
                "path": "ranking.csv",
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": {**_schema(RANKING_FIELDS), "primaryKey": ["city_slug"]},
            },
            {
                "name": "indicators",
                "path": "indicators.csv",
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": {**_schema(INDICATOR_FIELDS), "primaryKey": ["city_slug", "code"]},
            },
        ],
    }


def edition_file(edition: Edition, name: str, *, base_url: str = "") -> str:
    """The text of one of an edition's files; a published edition's are cached for good."""
    build = {
        "ranking.csv": lambda: ranking_csv(edition),
        "indicators.csv": lambda: indicators_csv(edition),
        "datapackage.json": lambda: json.dumps(
            edition_package(edition, base_url=base_url), indent=2, ensure_ascii=False
        ),
    }[name]
    if not edition.is_published:
        return build()
    key = f"index:edition:{edition.pk}:{edition.published_at.timestamp()}:{name}:{base_url}:{get_language()}"
    text = cache.get(key)
    if text is None:
        text = build()
        cache.set(key, text, timeout=None)
    return text


class _Echo:
    def write(self, value: str) -> str:
        return value


def values_csv_lines(values):
    """The values CSV line by line (streamed: about 900,000 rows at 1,000 cities × 10 years)."""
    from kpis import scoring

    writer = csv.writer(_Echo(), lineterminator="\n")
    yield writer.writerow([f[0] for f in VALUE_FIELDS])
    for v in values.iterator(chunk_size=2000):
        score = None
        if v.kpi.target is not None:
            score = scoring.score_kpi(
                scoring.KpiInput(
                    v.kpi.code, "", "", "", v.value, v.kpi.target, lower_is_better=v.kpi.is_lower_better
                )
            )
        city = v.cycle.city
        yield writer.writerow(
            [
                city.slug,
                city.name,
                city.country,
                v.cycle.year,
                v.kpi.code,
                v.kpi.name,
                f"{v.value.normalize():f}" if v.shows_value else "",
                v.kpi.unit,
                v.data_year or "",
                "" if score is None else f"{score.progress:f}",
                "" if score is None else score.points,
                "true" if city.illustrative else "false",
            ]
        )


def values_package(*, base_url: str) -> dict:
    return {
        "profile": "data-package",
        "name": "u4ssc-kpi-values",
        "title": "U4SSC KPI values published by cities",
        "homepage": base_url + "/open-data/",
        "licenses": [LICENCE],
        "sources": [{"title": PUBLISHER, "path": base_url + "/open-data/"}],
        "citation": _("%(publisher)s. U4SSC KPI values published by cities, verified and consented.")
        % {"publisher": PUBLISHER},
        "resources": [
            {
                "name": "values",
                "path": "values.csv",
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": {**_schema(VALUE_FIELDS), "primaryKey": ["city_slug", "year", "code"]},
            }
        ],
    }
