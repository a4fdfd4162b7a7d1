"""Reading exported files back for the tests: an independent reader (python-calamine),
the formula rule on every cell, every text cell of a workbook."""

from __future__ import annotations

import zipfile
from pathlib import Path

from openpyxl import load_workbook
from python_calamine import CalamineWorkbook


def rows_of(path: Path, sheet: str) -> list[list]:
    return CalamineWorkbook.from_path(str(path)).get_sheet_by_name(sheet).to_python()


def sheet_names(path: Path) -> list[str]:
    return CalamineWorkbook.from_path(str(path)).sheet_names


def records(path: Path, sheet: str) -> list[dict]:
    """Data rows as {header: value} (calamine gives whole numbers as floats: 3.0 == 3)."""
    header, *rows = rows_of(path, sheet)
    return [dict(zip(header, row)) for row in rows]


def every_cell(path: Path) -> list[str]:
    """Every non-empty cell of every sheet, as text."""
    wb = CalamineWorkbook.from_path(str(path))
    return [str(value) for name in wb.sheet_names for row in wb.get_sheet_by_name(name).to_python()
            for value in row if value not in ("", None)]


def assert_no_formula(path: Path) -> None:
    """No cell is a formula: openpyxl's full reader and the raw sheet XML agree."""
    wb = load_workbook(path)
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"{ws.title}!{cell.coordinate} is a formula"
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/"):
                xml = archive.read(name)
                assert b"<f>" not in xml and b"<f " not in xml, name
