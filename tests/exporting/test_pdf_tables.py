"""Exact formatting of printed figures, figure tables and headline tiles."""

from __future__ import annotations

import io
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mentordesk.exporting.pdf.document import ReportDocument
from mentordesk.exporting.pdf.tables import (
    Column,
    Tile,
    cell_text,
    figure_table,
    figure_tiles,
    format_count,
    format_date,
    format_hours,
    format_money,
    format_percent,
    format_period,
    format_tenths,
)
from mentordesk.exporting.privacy import PARTNER, SMALL

from .test_pdf_document import pdf_pages, pdf_text


def _half_up(value: Decimal, places: str) -> Decimal:
    return value.quantize(Decimal(places), ROUND_HALF_UP)


@given(st.integers(min_value=0, max_value=10**9))
def test_hours_have_one_decimal_from_exact_minutes(minutes):
    expected = _half_up(Decimal(minutes) / 60, "0.1")
    assert format_hours(minutes).replace(",", "") == str(expected)


def test_hours_examples():
    assert [format_hours(m) for m in (0, 2, 3, 60, 90, 61, 1_234_567)] == [
        "0.0", "0.0", "0.1", "1.0", "1.5", "1.0", "20,576.1"]


@given(st.integers(min_value=-10**10, max_value=10**10))
def test_money_is_exact_cents(cents):
    text = format_money(cents)
    sign = "-" if cents < 0 else ""
    assert text == f"{sign}${abs(cents) // 100:,}.{abs(cents) % 100:02d}"


def test_money_in_other_currencies():
    assert format_money(318000) == "$3,180.00"
    assert format_money(5, "GBP") == "£0.05"
    assert format_money(123456, "CHF") == "1,234.56 CHF"


@given(st.integers(0, 10**6), st.integers(1, 10**6))
def test_percentages_round_half_up(part, whole):
    assert format_percent(part, whole) == f"{_half_up(Decimal(100 * part) / whole, '1')}%"
    assert format_percent(part, whole, 1) == f"{_half_up(Decimal(100 * part) / whole, '0.1')}%"


def test_percent_and_tenths_examples():
    assert format_percent(1, 8) == "13%"  # 12.5 -> 13
    assert format_percent(1, 8, 1) == "12.5%"
    assert format_percent(73, 6520, 1) == "1.1%"
    assert format_percent(3, 0) == "–"
    assert format_tenths(145, 10) == "14.5" and format_tenths(1, 0) == "–"
    assert format_tenths(12345 * 48, 3 * 1461) == "135.2"  # 12,345 days over 3 matches


def test_dates_and_periods():
    assert format_date(date(2025, 3, 5)) == "5 Mar 2025"
    assert format_period(date(2025, 1, 1), date(2025, 12, 31)) == "1 Jan 2025 – 31 Dec 2025"
    assert format_count(1234567) == "1,234,567"


def test_cell_text():
    assert cell_text(None) == "–"
    assert cell_text(SMALL) == "fewer than 5" and cell_text(PARTNER) == "not shown"
    assert cell_text(SMALL, format_hours) == "fewer than 5"
    assert cell_text(1234) == "1,234" and cell_text(90, format_hours) == "1.5"
    assert cell_text("Leeds") == "Leeds" and cell_text(True) == "True"


def _render(*flowables):
    out = io.BytesIO()
    doc = ReportDocument(out, title="x")
    doc.build(list(flowables))
    return out.getvalue()


def test_a_figure_table_prints_values_hidden_counts_and_total():
    columns = [Column("Branch", 2), Column("Volunteers", 1, True),
               Column("Hours", 1, True, format_hours)]
    rows = [["Αθήνα", 12, 125], ["Москва", SMALL, 60], ["Lyon", PARTNER, 0]]
    data = _render(figure_table(columns, rows, width=400, total=["Total", 22, 185]))
    text = pdf_text(data)
    for expected in ("Branch", "Volunteers", "Hours", "Αθήνα", "Москва", "fewer than 5",
                     "not shown", "2.1", "1.0", "0.0", "Total", "22", "3.1"):
        assert expected in text


def test_a_long_table_repeats_its_header_on_every_page():
    columns = [Column("Name"), Column("Count", 1, True)]
    rows = [[f"Row {i}", i] for i in range(200)]
    pages = pdf_pages(_render(figure_table(columns, rows, width=400)))
    assert len(pages) >= 3
    assert all("Name" in p and "Count" in p for p in pages)
    assert "Row 199" in pages[-1]


def test_numeric_headers_are_not_broken_inside_a_word():
    columns = [Column("Branch"), *(Column(t, 1, True) for t in
                                   ("Volunteers", "Headcount", "Participation", "Sessions"))]
    text = pdf_text(_render(figure_table(columns, [["North", 1, 2, "3%", 4]], width=480)))
    for word in ("Volunteers", "Headcount", "Participation", "Sessions"):
        assert word in text


def test_rows_must_match_the_columns():
    with pytest.raises(ValueError):
        figure_table([Column("A"), Column("B")], [["only one"]], width=300)


def test_tiles_show_value_label_and_note_and_stretch_the_last_row():
    tiles = [Tile("1,234", "sessions"), Tile("fewer than 5", "young people served"),
             Tile("$3,180.00", "value", "at $31.80 an hour (2022)"), Tile("91%", "reached")]
    table = figure_tiles(tiles, width=480, per_row=3)
    text = pdf_text(_render(table))
    for t in tiles:
        assert t.value in text and t.label in text
    assert "at $31.80 an hour (2022)" in text
    assert ("SPAN", (0, 1), (2, 1)) in [tuple(c[:3]) for c in table._spanCmds]
    with pytest.raises(ValueError):
        figure_tiles([], width=100)


def test_a_tile_too_long_for_one_line_wraps_instead_of_overflowing():
    label = "employees volunteering across every office and branch of the company this year"
    table = figure_tiles([Tile("1,234", label), Tile("5", "short")], width=240, per_row=2)
    cell = table._cellvalues[0][0]
    assert isinstance(cell, list)  # paragraphs, which wrap
    assert not isinstance(table._cellvalues[0][1], list)  # the short one stays one line
    text = " ".join(pdf_text(_render(table)).split())
    assert label in text and "1,234" in text
