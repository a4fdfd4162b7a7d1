"""Vector bar charts: direct labels, greyscale fills with patterns, sensible axes."""

from __future__ import annotations

import io
from datetime import date

from reportlab.graphics.shapes import Drawing, Group, Line, Rect, String

from mentordesk.exporting.pdf.charts import (
    FILLS,
    Series,
    _hatch,
    bar_chart,
    hours_per_month_chart,
    month_label,
    nice_ticks,
)
from mentordesk.exporting.pdf.document import ReportDocument

from .test_pdf_document import pdf_text


def _walk(node):
    for child in getattr(node, "contents", []):
        yield child
        if isinstance(child, Group):
            yield from _walk(child)


def _strings(d: Drawing) -> list[str]:
    return [s.text for s in _walk(d) if isinstance(s, String)]


def _bars(d: Drawing) -> list[Rect]:
    return [r for r in _walk(d) if isinstance(r, Rect)]


def test_nice_ticks():
    assert nice_ticks(0) == [0.0, 1.0]
    assert nice_ticks(10) == [0, 2, 4, 6, 8, 10]
    assert nice_ticks(173.7) == [0, 50, 100, 150, 200]
    assert nice_ticks(1396.3)[-1] >= 1396.3
    assert nice_ticks(12)[-1] == 12.5


def test_fills_are_distinct_in_greyscale():
    looks = {(f.grey, f.pattern) for f in FILLS}
    assert len(looks) == len(FILLS)
    assert len({f.grey for f in FILLS if f.pattern is None}) == sum(
        1 for f in FILLS if f.pattern is None)


def test_hatching_stays_inside_its_bar():
    for pattern in ("diagonal", "cross", "horizontal"):
        lines = _hatch(10, 20, 30, 50, pattern)
        assert lines
        for line in lines:
            for x, y in ((line.x1, line.y1), (line.x2, line.y2)):
                assert 10 - 1e-9 <= x <= 40 + 1e-9 and 20 - 1e-9 <= y <= 70 + 1e-9
    assert _hatch(0, 0, 10, 10, None) == []


def test_every_bar_carries_its_label_and_none_draws_no_bar():
    d = bar_chart(["North", "South", "East"],
                  [Series("Volunteers", [12, None, 7], ["12", "fewer than 5", "7"])],
                  width=400, horizontal=True)
    texts = _strings(d)
    for label in ("North", "South", "East", "12", "fewer than 5", "7"):
        assert label in texts
    assert len(_bars(d)) == 2  # no bar for the hidden value


def test_bar_lengths_are_proportional():
    d = bar_chart(["a", "b"], [Series("s", [10, 5])], width=300, height=150)
    heights = sorted(r.height for r in _bars(d))
    assert heights[1] == 2 * heights[0]


def test_two_series_get_a_legend_and_different_fills():
    d = bar_chart(["A", "B"], [Series("2024", [5, 10]), Series("2025", [7, 3])], width=300)
    texts = _strings(d)
    assert "2024" in texts and "2025" in texts
    fills = {(r.fillColor.red, r.fillColor.green) for r in _bars(d)}
    assert len(fills) == 2
    # the second series is hatched
    assert any(isinstance(x, Line) and x.strokeWidth == 0.35 for x in _walk(d))


def test_a_long_category_name_is_shortened_not_overlapping():
    name = "A branch with a name so long that it would run into the bars themselves"
    d = bar_chart([name], [Series("h", [3])], width=300, horizontal=True)
    assert any(t.endswith("…") for t in _strings(d))


def test_month_labels_show_the_year_on_the_first_month_and_january():
    months = [date(2024, 11, 1), date(2024, 12, 1), date(2025, 1, 1), date(2025, 2, 1)]
    assert [month_label(m, i == 0) for i, m in enumerate(months)] == [
        "Nov\n2024", "Dec", "Jan\n2025", "Feb"]


def test_hours_per_month_chart_prints_hours_from_minutes():
    months = [date(2025, m, 1) for m in range(1, 13)]
    minutes = [0, 90, 3, 600, 61, 59, 120, 0, 0, 45, 4500, 7]
    d = hours_per_month_chart(months, minutes, width=480)
    texts = _strings(d)
    for label in ("1.5", "0.1", "10.0", "1.0", "2.0", "0.8", "75.0", "Jan", "2025", "Dec"):
        assert label in texts
    out = io.BytesIO()
    ReportDocument(out, title="x").build([d])
    assert "75.0" in pdf_text(out.getvalue())
