"""Random and malformed tables, written as CSV and xlsx: reading always answers
with a table or a one-sentence refusal, and well-formed tables come back with
the values and row numbers that were written."""

from __future__ import annotations

import csv
import io
import math
import tempfile
from datetime import date, datetime
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook
from tests.importing.datafiles import DATA, one_sentence, sources

from mentordesk.importing.read import read_table
from mentordesk.importing.table import ImportRefused, SheetTable

SETTINGS = settings(max_examples=40, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
# Text people type: any letters and signs, commas, quotes and line breaks, but no
# control characters (an xlsx cannot hold them) and no other delimiters.
_TEXT_CHARS = st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp"),
                            blacklist_characters=";|\t\r") | st.sampled_from([",", '"', "\n"])
_WORDS = ("total", "totals", "totales", "sum", "suma", "subtotal", "grand")


def _not_total(text: str) -> bool:
    head = text.strip().casefold()
    return not any(head.startswith(word) for word in _WORDS)


texts = st.text(_TEXT_CHARS, min_size=1, max_size=12).map(str.strip).filter(
    lambda t: t and _not_total(t))
names = st.text(st.characters(whitelist_categories=("Lu", "Ll", "Lo")), min_size=1,
                max_size=10).filter(_not_total)
cells = st.one_of(st.none(), texts, st.integers(-10**9, 10**9),
                  st.floats(-1e9, 1e9, allow_nan=False).filter(lambda f: f == 0 or abs(f) > 1e-6),
                  st.dates(date(1950, 1, 1), date(2050, 12, 31)))


@st.composite
def tables(draw):
    width = draw(st.integers(1, 6))
    header = draw(st.lists(names, min_size=width, max_size=width,
                           unique_by=lambda h: " ".join(h.split()).casefold()))
    rows = draw(st.lists(st.tuples(names, *[cells] * (width - 1)), min_size=0, max_size=12))
    blank = draw(st.sets(st.integers(0, len(rows)), max_size=3))
    body = []
    for index, row in enumerate(rows):
        if index in blank:
            body.append((None,) * width)
        body.append(row)
    return header, body


def _csv_text(value) -> str:
    if value is None:
        return ""
    return value.isoformat() if isinstance(value, date) else str(value)


def write_csv(path: Path, header, body) -> list[tuple[int, tuple]]:
    """Writes the table; returns (line the record starts on, values expected back)."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    expected = []
    for row in body:
        line = buffer.getvalue().count("\n") + 1
        writer.writerow([_csv_text(v) for v in row])
        if any(v is not None for v in row):
            expected.append((line, tuple(_csv_text(v) or None for v in row)))
    path.write_bytes(buffer.getvalue().encode("utf-8"))
    return expected


def write_xlsx(path: Path, header, body) -> list[tuple[int, tuple]]:
    book = Workbook()
    numbered = list(enumerate(body, start=2))
    sources.put_rows(book.active, numbered, header)
    book.save(path)
    return [(number, row) for number, row in numbered if any(v is not None for v in row)]


def _same(read, written) -> bool:
    if isinstance(written, bool) or not isinstance(written, (int, float)):
        if isinstance(written, date) and isinstance(read, datetime):
            return read == datetime.combine(written, datetime.min.time())
        return read == written
    # openpyxl writes floats with 16 significant digits: compare to that precision
    return isinstance(read, (int, float)) and math.isclose(read, written, rel_tol=1e-15)


def answers(path: Path) -> SheetTable | None:
    """Reading gives a table or a one-sentence refusal; anything else fails the test."""
    try:
        return read_table(path)
    except ImportRefused as refused:
        assert one_sentence(str(refused)), str(refused)
        return None


def _read_back(table, suffix: str, write):
    header, body = table
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"t.{suffix}"
        expected = write(path, header, body)
        read = read_table(path)
    assert read.header_row == 1
    assert read.headers == tuple(" ".join(h.split()) for h in header)
    assert [r.number for r in read.rows] == [number for number, _ in expected]
    return [(row.values, values) for row, (_, values) in zip(read.rows, expected)]


@SETTINGS
@given(tables())
def test_well_formed_csv_comes_back_as_written(table):
    for read, written in _read_back(table, "csv", write_csv):
        assert read == written


@SETTINGS
@given(tables())
def test_well_formed_xlsx_comes_back_as_written(table):
    for read, written in _read_back(table, "xlsx", write_xlsx):
        assert all(_same(a, b) for a, b in zip(read, written)), (read, written)


@SETTINGS
@given(st.lists(st.lists(cells, max_size=6), max_size=10), st.sampled_from(["csv", "xlsx"]))
def test_random_tables_get_a_table_or_a_refusal(rows, fmt):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"t.{fmt}"
        if fmt == "csv":
            write_csv(path, [], rows)
        else:
            write_xlsx(path, [], rows)
        answers(path)


@SETTINGS
@given(st.binary(max_size=3000), st.sampled_from(["x.csv", "x.xlsx", "x.xls", "x.ods"]))
def test_random_bytes_get_a_table_or_a_refusal(data, name):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        answers(path)


_WORKBOOKS = [(DATA / name).read_bytes() for name in (
    "roster_volunteers.xlsx", "roster_volunteers.xls", "roster_volunteers.ods")]


@SETTINGS
@given(st.sampled_from(_WORKBOOKS), st.data())
def test_cut_and_corrupted_workbooks_get_a_table_or_a_refusal(workbook, data):
    cut = data.draw(st.integers(0, len(workbook)))
    damaged = bytearray(workbook[:cut])
    for _ in range(data.draw(st.integers(0, 4))):
        if damaged:
            at = data.draw(st.integers(0, len(damaged) - 1))
            damaged[at] = data.draw(st.integers(0, 255))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "cut.xlsx"
        path.write_bytes(bytes(damaged))
        answers(path)
