"""Vector bar charts (reportlab.graphics) that read in black and white.

Each series gets a distinct grey level AND a pattern (solid, diagonal hatching,
cross-hatching, horizontal lines), and every bar carries its value as a direct
label, so a chart photocopied in greyscale loses nothing. A value of None draws
no bar and prints the series' label instead (e.g. "fewer than 5").

    bar_chart(["North", "South"], [Series("Hours", [12.5, 40.0], ["12.5", "40.0"])],
              width=doc.width, horizontal=True)
    hours_per_month_chart([date(2025, 1, 1), ...], [600, 845, ...], width=doc.width)
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from reportlab.graphics.shapes import Drawing, Group, Line, Rect, String
from reportlab.lib import colors
from reportlab.lib.units import mm

from .fonts import REGULAR, fit_text, register_fonts, text_width
from .tables import format_hours

AXIS = colors.Color(0.35, 0.35, 0.35)
GRID = colors.Color(0.85, 0.85, 0.85)
HATCH = colors.Color(0.2, 0.2, 0.2)
LABEL_SIZE = 7.5
VALUE_SIZE = 7


@dataclass(frozen=True)
class Fill:
    grey: float  # 0 black .. 1 white
    pattern: str | None = None  # None, "diagonal", "cross", "horizontal"


FILLS = (Fill(0.32), Fill(0.85, "diagonal"), Fill(1.0, "cross"), Fill(0.6),
         Fill(1.0, "horizontal"))


@dataclass(frozen=True)
class Series:
    """One series: bar values (None: no bar) and, optionally, the text printed on
    each bar (defaults to the chart's value_text of the value)."""

    name: str
    values: Sequence[float | None]
    labels: Sequence[str] | None = None


def _hatch(x: float, y: float, w: float, h: float, pattern: str | None,
           spacing: float = 3.5) -> list[Line]:
    """Pattern lines clipped to the rectangle (x, y, w, h)."""
    lines = []
    if pattern in ("diagonal", "cross"):
        c = -h
        while c < w:  # the line through (x + c + t, y + t) for t in [0, h]
            t0, t1 = max(0.0, -c), min(h, w - c)
            if t1 > t0:
                lines.append(Line(x + c + t0, y + t0, x + c + t1, y + t1))
                if pattern == "cross":  # its mirror image
                    lines.append(Line(x + w - c - t0, y + t0, x + w - c - t1, y + t1))
            c += spacing
    elif pattern == "horizontal":
        yy = y + spacing / 2
        while yy < y + h:
            lines.append(Line(x, yy, x + w, yy))
            yy += spacing
    for line in lines:
        line.strokeColor, line.strokeWidth = HATCH, 0.35
    return lines


def _bar(x: float, y: float, w: float, h: float, fill: Fill) -> list:
    rect = Rect(x, y, w, h, fillColor=colors.Color(fill.grey, fill.grey, fill.grey),
                strokeColor=HATCH, strokeWidth=0.5)
    return [rect, *_hatch(x, y, w, h, fill.pattern)]


def nice_ticks(maximum: float, count: int = 5) -> list[float]:
    """Round axis ticks from 0 to at least `maximum` (steps of 1, 2, 2.5 or 5 × 10^k)."""
    if maximum <= 0:
        return [0.0, 1.0]
    raw = maximum / count
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    steps = math.ceil(maximum / step - 1e-9)
    return [i * step for i in range(steps + 1)]


def _tick_text(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"


def _string(x: float, y: float, value: str, *, size: float = LABEL_SIZE, anchor: str = "start",
            font: str = REGULAR, color=colors.black) -> String:
    return String(x, y, value, fontName=font, fontSize=size, textAnchor=anchor, fillColor=color)


def _legend(series: Sequence[Series], x: float, y: float) -> list:
    shapes = []
    for i, s in enumerate(series):
        shapes += _bar(x, y, 9, 7, FILLS[i % len(FILLS)])
        shapes.append(_string(x + 12, y + 0.5, s.name))
        x += 22 + text_width(s.name, LABEL_SIZE)
    return shapes


def bar_chart(categories: Sequence[str], series: Sequence[Series], *, width: float,
              height: float | None = None, horizontal: bool = False,
              value_text: Callable[[float], str] = _tick_text) -> Drawing:
    """Grouped bars: one group per category, one bar per series, each labelled.

    Horizontal charts (long category names, e.g. branches) size their own height
    from the number of bars unless `height` is given; vertical charts (e.g.
    months) default to 60 mm. Category labels may hold a second line after "\\n".
    """
    register_fonts()
    texts = [[(s.labels[i] if s.labels is not None else
               (value_text(v) if v is not None else "")) for i, v in enumerate(s.values)]
             for s in series]
    peak = max((v for s in series for v in s.values if v is not None), default=0)
    ticks = nice_ticks(peak)
    legend_h = 14 if len(series) > 1 else 0
    if horizontal:
        return _horizontal(categories, series, texts, ticks, width, height, legend_h)
    return _vertical(categories, series, texts, ticks, width, height or 60 * mm, legend_h)


def _vertical(categories, series, texts, ticks, width, height, legend_h) -> Drawing:
    d = Drawing(width, height, initialFontName=REGULAR)  # no stray Helvetica
    lines = max((c.count("\n") + 1 for c in categories), default=1)
    left = max(text_width(_tick_text(t), LABEL_SIZE) for t in ticks) + 6
    bottom, top = 4 + lines * (LABEL_SIZE + 2), 12 + legend_h
    plot_w, plot_h = width - left - 2, height - bottom - top
    scale = plot_h / ticks[-1]
    for t in ticks:
        y = bottom + t * scale
        d.add(Line(left, y, left + plot_w, y, strokeColor=GRID if t else AXIS, strokeWidth=0.5))
        d.add(_string(left - 4, y - 2.5, _tick_text(t), anchor="end", color=AXIS))
    group = plot_w / max(len(categories), 1)
    bar_w = group * 0.72 / max(len(series), 1)
    for i, category in enumerate(categories):
        gx = left + i * group + group * 0.14
        for j, s in enumerate(series):
            x, value, label = gx + j * bar_w, s.values[i], texts[j][i]
            h = (value or 0) * scale
            if value:
                for shape in _bar(x, bottom, bar_w, h, FILLS[j % len(FILLS)]):
                    d.add(shape)
            if label:
                d.add(_value_label(x + bar_w / 2, bottom + h + 2, label, bar_w))
        for k, part in enumerate(category.split("\n")):
            d.add(_string(left + (i + 0.5) * group, bottom - (k + 1) * (LABEL_SIZE + 2),
                          fit_text(part, group - 1, LABEL_SIZE), anchor="middle"))
    if legend_h:
        for shape in _legend(series, left, height - legend_h + 2):
            d.add(shape)
    return d


def _value_label(cx: float, y: float, label: str, room: float):
    """A value over a bar; turned upright when it is wider than the bar's room."""
    if text_width(label, VALUE_SIZE) <= room * 1.3:
        return _string(cx, y, label, size=VALUE_SIZE, anchor="middle")
    g = Group(_string(0, 0, label, size=VALUE_SIZE))
    g.translate(cx + VALUE_SIZE / 3, y)
    g.rotate(90)
    return g


def _horizontal(categories, series, texts, ticks, width, height, legend_h) -> Drawing:
    bar_h, gap = 10.0, 6.0
    group = bar_h * len(series) + gap
    axis_h = LABEL_SIZE + 6
    height = height or legend_h + len(categories) * group + axis_h + 4
    d = Drawing(width, height, initialFontName=REGULAR)  # no stray Helvetica
    left = min(max((text_width(c, LABEL_SIZE) for c in categories), default=0) + 6, width * 0.35)
    right = max((text_width(t, VALUE_SIZE) for row in texts for t in row), default=0) + 6
    plot_w = width - left - right
    plot_h = height - legend_h - axis_h
    group = plot_h / max(len(categories), 1)
    bar_h = min(bar_h, (group - 3) / max(len(series), 1))
    scale = plot_w / ticks[-1]
    for t in ticks:
        x = left + t * scale
        d.add(Line(x, axis_h, x, axis_h + plot_h, strokeColor=GRID if t else AXIS,
                   strokeWidth=0.5))
        d.add(_string(x, axis_h - LABEL_SIZE - 1, _tick_text(t), anchor="middle", color=AXIS))
    for i, category in enumerate(categories):
        top = axis_h + plot_h - i * group
        first = top - (group - bar_h * len(series)) / 2
        d.add(_string(left - 4, first - bar_h * len(series) / 2 - 2.5,
                      fit_text(category, left - 6, LABEL_SIZE), anchor="end"))
        for j, s in enumerate(series):
            y, value = first - (j + 1) * bar_h, s.values[i]
            w = (value or 0) * scale
            if value:
                for shape in _bar(left, y, w, bar_h, FILLS[j % len(FILLS)]):
                    d.add(shape)
            if texts[j][i]:
                d.add(_string(left + w + 3, y + bar_h / 2 - 2.4, texts[j][i], size=VALUE_SIZE))
    if legend_h:
        for shape in _legend(series, left, height - legend_h + 3):
            d.add(shape)
    return d


def month_label(month: date, first: bool) -> str:
    """"Jan", with the year under the first month and under every January."""
    return f"{month:%b}\n{month.year}" if first or month.month == 1 else f"{month:%b}"


def hours_per_month_chart(months: Sequence[date], minutes: Sequence[int], *, width: float,
                          height: float = 58 * mm, name: str = "Volunteer hours") -> Drawing:
    """Hours per calendar month as vertical bars, each labelled with its hours
    (one decimal, from exact minutes)."""
    labels = [month_label(m, i == 0) for i, m in enumerate(months)]
    series = Series(name, [m / 60 for m in minutes],
                    [format_hours(m) if m else "0" for m in minutes])
    return bar_chart(labels, [series], width=width, height=height)

