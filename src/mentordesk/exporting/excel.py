"""Excel workbooks with openpyxl in write-only mode: pure functions of plain rows.

A `Sheet` is a list of typed `Column`s and an iterable of value tuples (read in
chunks from the database by the service). `write_workbook` streams each sheet
row by row, so memory stays flat however many rows there are, and gives every
sheet the same finish: bold frozen header, an Excel table (which carries the
filter buttons), column widths sized from the header and the first rows, print
setup (landscape, one page wide, header row on every page, footer with title,
date and "page N of M") and document properties.

Text is always stored as a string cell, never a formula (cells.py). Write-only
worksheets cannot add a table before the rows exist
(openpyxl would read the header cells back), so the table is added after the
last row with its columns named explicitly; it is written with the sheet's tail.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from itertools import chain, islice
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.filters import AutoFilter
from openpyxl.worksheet.table import Table, TableColumn, TableStyleInfo

from ..domain.progress import SILENT, Progress
from .cells import safe_value, text_cell
from .sheets import DATE, HOURS, ID, INT, NOTE, PERCENT, TEXT, Column, Sheet, paced

# Dates get "yyyy-mm-dd" from openpyxl itself; whole numbers and IDs stay "General".
NUMBER_FORMATS = {HOURS: "0.0", PERCENT: "0.0%"}
BASE_WIDTH = {ID: 7, INT: 7, DATE: 11, HOURS: 7, PERCENT: 8, TEXT: 6, NOTE: 36}
MAX_WIDTH = 46  # wide enough for a long programme name or email; NOTE columns wrap instead
FILTER_BUTTON = 3  # characters the header's filter button takes
LINE_HEIGHT = 15.0  # points per line of 11-point Calibri, openpyxl's default font
MAX_LINES = 6  # a taller note is cut on paper (the cell still holds all of it)
SAMPLE_ROWS = 500
WRAP = Alignment(wrap_text=True)


@dataclass(frozen=True)
class WorkbookInfo:
    title: str
    author: str
    exported_on: date
    subject: str = ""


def _styled(ws, number_format: str) -> Callable[[object], object]:
    """A converter giving numbers a shared number format (one style object for all cells)."""
    template = WriteOnlyCell(ws, 0)
    template.number_format = number_format
    style = template._style

    def convert(value):
        if value is None or isinstance(value, str):
            return safe_value(ws, value)
        cell = WriteOnlyCell(ws, value)
        cell._style = style
        return cell

    return convert


def _converters(ws, columns: Sequence[Column], widths: Sequence[float],
                wraps: Sequence[bool]) -> list[Callable[[object], object]]:
    """One function per column turning a value into what ws.append() should get."""
    def text(value):
        return safe_value(ws, value)

    template = WriteOnlyCell(ws, "")
    template.alignment = WRAP
    wrap_style = template._style

    def wrapping(width: float) -> Callable[[object], object]:
        def wrap(value):  # only text too long for one line gets the (costlier) wrap style
            value = safe_value(ws, value)
            if isinstance(value, str) and (len(value) >= width - 1 or "\n" in value):
                cell = WriteOnlyCell(ws, value)
                cell._style = wrap_style
                return cell
            if isinstance(value, Cell):
                value.alignment = WRAP
            return value
        return wrap

    styled = {kind: _styled(ws, fmt) for kind, fmt in NUMBER_FORMATS.items()}
    out = []
    for column, width, wrapped in zip(columns, widths, wraps):
        if wrapped:
            out.append(wrapping(width))
        elif column.kind in styled:
            out.append(styled[column.kind])
        else:  # text, id, date: openpyxl gives dates "yyyy-mm-dd" by itself
            out.append(text)
    return out


def _shown_length(value: object) -> int:
    if value is None:
        return 0
    if isinstance(value, (date, datetime)):
        return 10
    if isinstance(value, float):
        return len(f"{value:,.1f}")
    return max((len(part) for part in str(value).split("\n")), default=0)


def _widths(columns: Sequence[Column],
            sample: Sequence[Sequence[object]]) -> tuple[list[float], list[bool]]:
    """Widths in characters -- the longest of the first rows, the header's longest word
    (headers wrap) plus its filter button -- and which columns wrap (NOTE columns)."""
    widths, wraps = [], []
    for index, column in enumerate(columns):
        longest = max((_shown_length(row[index]) for row in sample), default=0)
        wraps.append(column.kind == NOTE)
        if column.width is not None:
            widths.append(column.width)
            continue
        if column.kind == NOTE:
            longest = min(longest, BASE_WIDTH[NOTE])
        word = max(len(part) for part in column.header.split())
        base = max(BASE_WIDTH.get(column.kind, 6), word + FILTER_BUTTON, longest + 2)
        widths.append(min(base, MAX_WIDTH))
    return widths, wraps


def _footer_text(text: str) -> str:
    return text.replace("&", "&&")


def _table_name(name: str, used: set[str]) -> str:
    base = re.sub(r"\W", "_", name) or "Table"
    if not base[0].isalpha():
        base = "T_" + base
    candidate, n = base, 2
    while candidate.lower() in used:
        candidate, n = f"{base}{n}", n + 1
    used.add(candidate.lower())
    return candidate


def _setup_sheet(ws, sheet: Sheet, info: WorkbookInfo, widths: list[float]) -> None:
    for index, width in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(index)].width = width
    ws.freeze_panes = "A2"
    ws.print_title_rows = "1:1"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.gridLines = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.oddFooter.left.text = _footer_text(sheet.title)
    ws.oddFooter.left.size = 8
    ws.oddFooter.center.text = "Page &P of &N"
    ws.oddFooter.center.size = 8
    exported = f"{info.author}, exported {info.exported_on.isoformat()}"
    ws.oddFooter.right.text = _footer_text(exported)
    ws.oddFooter.right.size = 8


def _header_row(ws, columns: Sequence[Column]) -> list[WriteOnlyCell]:
    bold = Font(bold=True)
    cells = []
    for column in columns:
        cell = text_cell(ws, column.header)
        cell.quotePrefix = False
        cell.font = bold
        cell.alignment = WRAP
        cells.append(cell)
    return cells


def _lines(text: object, width: float) -> int:
    """Lines `text` takes when wrapped at `width` characters (an estimate, on the safe side)."""
    if not isinstance(text, str) or not text:
        return 1
    per_line = max(int(width) - 1, 1)
    return sum(-(-len(part) // per_line) or 1 for part in text.split("\n"))


def _header_lines(header: str, width: float) -> int:
    lines, used = 1, 0
    for word in header.split():
        if used and used + 1 + len(word) > width - FILTER_BUTTON:
            lines, used = lines + 1, len(word)
        else:
            used += len(word) + (1 if used else 0)
    return lines


def write_sheet(wb: Workbook, sheet: Sheet, info: WorkbookInfo, used_names: set[str],
                progress: Progress = SILENT, offset: int = 0, total: int = 0) -> int:
    """Stream one sheet into a write-only workbook; return the number of data rows.

    Row heights are given where text wraps (the header, NOTE columns): LibreOffice
    and some Excel versions do not grow rows by themselves when opening a file.
    """
    ws = wb.create_sheet(title=sheet.name[:31])
    rows = iter(sheet.rows)
    sample = list(islice(rows, SAMPLE_ROWS))
    widths, wraps = _widths(sheet.columns, sample)
    _setup_sheet(ws, sheet, info, widths)
    heads = max(_header_lines(c.header, w) for c, w in zip(sheet.columns, widths))
    if heads > 1:
        ws.row_dimensions[1].height = LINE_HEIGHT * heads
    ws.append(_header_row(ws, sheet.columns))
    converters = _converters(ws, sheet.columns, widths, wraps)
    wrapped = [(i, w) for i, (w, wrap) in enumerate(zip(widths, wraps)) if wrap]
    dims, append = ws.row_dimensions, ws.append
    count = 0
    for row in paced(chain(sample, rows), progress, total, sheet.name, offset):
        count += 1
        lines = 1
        for i, width in wrapped:
            text = row[i]
            if text.__class__ is str and (len(text) >= width - 1 or "\n" in text):
                lines = max(lines, _lines(text, width))
        if lines > 1:  # set for this row only, then dropped: memory stays flat
            dims[count + 1].height = LINE_HEIGHT * min(lines, MAX_LINES)
        append([convert(value) for convert, value in zip(converters, row)])
        if lines > 1:
            del dims[count + 1]
    ref = f"A1:{get_column_letter(len(sheet.columns))}{count + 1 if count else 2}"
    # ws.add_table() warns in write-only mode even when the columns are given, as here.
    ws.tables.add(Table(
        displayName=_table_name(sheet.name, used_names),
        ref=ref,
        tableColumns=[TableColumn(id=i, name=c.header) for i, c in enumerate(sheet.columns, 1)],
        autoFilter=AutoFilter(ref=ref),
        tableStyleInfo=TableStyleInfo(name="TableStyleLight9", showRowStripes=True),
    ))
    return count


def _discard(wb: Workbook) -> None:
    """After a failure or Cancel: close the sheets' streams and remove openpyxl's
    temporary files (it would otherwise keep them until the program exits)."""
    for ws in wb._sheets:
        writer = getattr(ws, "_writer", None)
        if writer is None:
            continue
        for close in (getattr(ws, "_rows", None), writer.xf):
            with contextlib.suppress(Exception):
                if close is not None:
                    close.close()
        with contextlib.suppress(Exception):
            writer.cleanup()


def write_workbook(path: Path, sheets: Iterable[Sheet], info: WorkbookInfo,
                   progress: Progress = SILENT) -> dict[str, int]:
    """Write `sheets` to `path` (write-only mode); return rows written per sheet name."""
    sheets = list(sheets)
    total = sum(sheet.total or 0 for sheet in sheets)
    wb = Workbook(write_only=True)
    wb.properties.title = info.title
    wb.properties.creator = info.author
    wb.properties.lastModifiedBy = info.author
    wb.properties.subject = info.subject or None
    counts: dict[str, int] = {}
    used: set[str] = set()
    try:
        for sheet in sheets:
            done = sum(counts.values())
            counts[sheet.name[:31]] = write_sheet(wb, sheet, info, used, progress, done, total)
            done = sum(counts.values())
            progress.progress(done, max(total, done), sheet.name)
        progress.check()
        wb.save(path)
    except BaseException:
        _discard(wb)
        raise
    return counts
