"""Charts as server-rendered SVG: no script, no CDN. Each is an image with a title and a
description (`role="img"`, `aria-labelledby`), drawn in the Okabe-Ito colour-blind-safe palette
with a second cue (dash pattern, marker shape), and the page gives the same numbers as a table.
Text is escaped (`format_html`); coordinates are numbers computed here."""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal

from django.utils.html import conditional_escape, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

OKABE_ITO = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442")
DASHES = ("", "6 3", "2 3", "8 3 2 3", "1 2", "10 4", "4 4", "3 6")
MAX_SERIES = len(OKABE_ITO)


@dataclass
class Series:
    name: str
    values: list  # floats or None, one per axis / point


def _svg(template: str, *args, **kwargs) -> SafeString:
    """format_html that keeps numbers as numbers (so `{:.1f}` works) and escapes everything else."""

    def clean(value):
        return value if isinstance(value, (int, float, Decimal)) else conditional_escape(value)

    return mark_safe(  # noqa: S308  every argument escaped
        template.format(*map(clean, args), **{k: clean(v) for k, v in kwargs.items()})
    )


def _frame(chart_id: str, title: str, desc: str, width: int, height: int, body: SafeString) -> SafeString:
    return _svg(
        '<svg class="chart" id="{id}" role="img" aria-labelledby="{id}-t {id}-d" viewBox="0 0 {w} {h}" '
        'width="100%" preserveAspectRatio="xMidYMid meet" xmlns="http://www.w3.org/2000/svg">'
        '<title id="{id}-t">{title}</title><desc id="{id}-d">{desc}</desc>{body}</svg>',
        id=chart_id,
        w=width,
        h=height,
        title=title,
        desc=desc,
        body=body,
    )


def _legend(series: list[Series], x: int, y: int) -> SafeString:
    return format_html_join(
        "",
        '<g><line x1="{x}" y1="{y}" x2="{x2}" y2="{y}" stroke="{c}" stroke-width="3" stroke-dasharray="{d}"/>'
        '<text x="{tx}" y="{ty}" font-size="12" fill="#1a1a1a">{name}</text></g>',
        (
            {
                "x": x,
                "x2": x + 24,
                "y": y + 18 * i,
                "c": OKABE_ITO[i],
                "d": DASHES[i],
                "tx": x + 30,
                "ty": y + 18 * i + 4,
                "name": s.name,
            }
            for i, s in enumerate(series)
        ),
    )


def wheel(chart_id: str, title: str, axes: list[str], series: list[Series]) -> SafeString:
    """The dimension wheel: one axis per sub-dimension, 0 at the centre, 100 % at the rim."""
    series = series[:MAX_SERIES]
    size, cx, cy, radius = 520, 260, 250, 170
    n = max(len(axes), 1)
    parts = []
    for ring in (25, 50, 75, 100):
        parts.append(
            _svg(
                '<circle cx="{}" cy="{}" r="{:.1f}" fill="none" stroke="#bbb" stroke-width="1"/>',
                cx,
                cy,
                radius * ring / 100,
            )
        )
    for i, label in enumerate(axes):
        angle = -math.pi / 2 + 2 * math.pi * i / n
        x, y = cx + radius * math.cos(angle), cy + radius * math.sin(angle)
        lx, ly = cx + (radius + 14) * math.cos(angle), cy + (radius + 14) * math.sin(angle)
        anchor = "middle" if abs(math.cos(angle)) < 0.3 else ("start" if math.cos(angle) > 0 else "end")
        parts.append(
            _svg(
                '<line x1="{}" y1="{}" x2="{:.1f}" y2="{:.1f}" stroke="#999"/>'
                '<text x="{:.1f}" y="{:.1f}" font-size="11" text-anchor="{}" fill="#1a1a1a">{}</text>',
                cx,
                cy,
                x,
                y,
                lx,
                ly + 4,
                anchor,
                label,
            )
        )
    for k, s in enumerate(series):
        points = []
        for i, value in enumerate(s.values):
            angle = -math.pi / 2 + 2 * math.pi * i / n
            r = radius * max(0.0, min(float(value or 0), 100.0)) / 100
            points.append(f"{cx + r * math.cos(angle):.1f},{cy + r * math.sin(angle):.1f}")
        parts.append(
            _svg(
                '<polygon points="{}" fill="{}" fill-opacity="0.08" stroke="{}" stroke-width="2.5" '
                'stroke-dasharray="{}"/>',
                " ".join(points),
                OKABE_ITO[k],
                OKABE_ITO[k],
                DASHES[k],
            )
        )
    height = size + 18 * len(series)
    parts.append(_legend(series, 20, size - 10))
    desc = _(
        "Score in %% of the U4SSC benchmark by sub-dimension, for: %(names)s. The table below gives the numbers."
    ) % {"names": ", ".join(s.name for s in series)}
    return _frame(chart_id, title, desc, size, height, mark_safe("".join(parts)))  # noqa: S308  escaped above


def bars(chart_id: str, title: str, groups: list[str], series: list[Series]) -> SafeString:
    """Grouped horizontal bars (0–100 %): one group per dimension, one bar per city or peer group."""
    series = series[:MAX_SERIES]
    label_w, plot_w, bar_h = 190, 330, 12
    group_h = bar_h * len(series) + 14
    height = 20 + group_h * len(groups) + 18 * len(series) + 10
    parts = []
    for g, group in enumerate(groups):
        top = 10 + g * group_h
        parts.append(_svg('<text x="0" y="{}" font-size="12" fill="#1a1a1a">{}</text>', top + 12, group))
        for k, s in enumerate(series):
            value = s.values[g]
            y = top + k * bar_h
            if value is None:
                parts.append(
                    _svg(
                        '<text x="{}" y="{}" font-size="10" fill="#333">{}</text>',
                        label_w,
                        y + 10,
                        _("no score"),
                    )
                )
                continue
            parts.append(
                _svg(
                    '<rect x="{}" y="{}" width="{:.1f}" height="{}" fill="{}" stroke="#000" stroke-width="0.5" '
                    'stroke-dasharray="{}"/><text x="{:.1f}" y="{}" font-size="10" fill="#1a1a1a">{:.0f} %</text>',
                    label_w,
                    y,
                    plot_w * max(0.0, min(float(value), 100.0)) / 100,
                    bar_h - 2,
                    OKABE_ITO[k],
                    DASHES[k],
                    label_w + plot_w * max(0.0, min(float(value), 100.0)) / 100 + 4,
                    y + 9,
                    float(value),
                )
            )
    parts.append(_legend(series, 10, 20 + group_h * len(groups)))
    desc = _(
        "Score in %% of the U4SSC benchmark by dimension, for: %(names)s. The table below gives the numbers."
    ) % {"names": ", ".join(s.name for s in series)}
    return _frame(chart_id, title, desc, label_w + plot_w + 60, height, mark_safe("".join(parts)))  # noqa: S308


def timeseries(chart_id: str, title: str, years: list[int], series: list[Series]) -> SafeString:
    """Progress towards the target (%) over the years, one line per city or peer group."""
    series = series[:MAX_SERIES]
    width, height, left, top, plot_w, plot_h = 420, 200, 40, 10, 360, 130
    values = [float(v) for s in series for v in s.values if v is not None]
    high = max([100.0, *values]) if values else 100.0
    n = max(len(years) - 1, 1)
    parts = [
        _svg(
            '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="#999"/><line x1="{}" y1="{}" x2="{}" y2="{}" '
            'stroke="#999" stroke-dasharray="4 3"/><text x="0" y="{}" font-size="10" fill="#1a1a1a">0 %</text>'
            '<text x="0" y="{:.1f}" font-size="10" fill="#1a1a1a">100 %</text>',
            left,
            top + plot_h,
            left + plot_w,
            top + plot_h,
            left,
            top + plot_h - plot_h * 100 / high,
            left + plot_w,
            top + plot_h - plot_h * 100 / high,
            top + plot_h + 4,
            top + plot_h - plot_h * 100 / high + 4,
        )
    ]
    for i, year in enumerate(years):
        parts.append(
            _svg(
                '<text x="{:.1f}" y="{}" font-size="10" text-anchor="middle" fill="#1a1a1a">{}</text>',
                left + plot_w * i / n,
                top + plot_h + 16,
                year,
            )
        )
    for k, s in enumerate(series):
        points = [
            (left + plot_w * i / n, top + plot_h - plot_h * float(v) / high)
            for i, v in enumerate(s.values)
            if v is not None
        ]
        if len(points) > 1:
            parts.append(
                _svg(
                    '<polyline points="{}" fill="none" stroke="{}" stroke-width="2.5" stroke-dasharray="{}"/>',
                    " ".join(f"{x:.1f},{y:.1f}" for x, y in points),
                    OKABE_ITO[k],
                    DASHES[k],
                )
            )
        parts.extend(
            _svg('<circle cx="{:.1f}" cy="{:.1f}" r="3.5" fill="{}"/>', x, y, OKABE_ITO[k]) for x, y in points
        )
    parts.append(_legend(series, left, top + plot_h + 34))
    desc = _("Progress towards the U4SSC target in %% by year (%(first)s–%(last)s), for: %(names)s.") % {
        "first": years[0] if years else "",
        "last": years[-1] if years else "",
        "names": ", ".join(s.name for s in series),
    }
    return _frame(
        chart_id,
        title,
        desc,
        width,
        height + 18 * len(series),
        mark_safe("".join(parts)),  # noqa: S308
    )
