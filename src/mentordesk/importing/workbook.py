"""Workbooks (.xlsx, .xlsm, .xlsb, .xls, .ods) through python-calamine.

Stored values only: a formula's cached result is read, never evaluated (a
formula saved without its result reads as empty). Rows keep the numbers the
user sees (to_python(skip_empty_area=False) starts at A1). Any error from the
library becomes one sentence: password-protected, or damaged.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from python_calamine import CalamineWorkbook, PasswordError, SheetTypeEnum, SheetVisibleEnum

from .safety import damaged, encrypted, refuse
from .table import Cell, ImportRefused

MAX_CELLS = 20_000_000  # far beyond any roster; refuses sheets that would exhaust memory


def _guard(error: BaseException, name: str) -> Exception:
    if isinstance(error, (KeyboardInterrupt, SystemExit, GeneratorExit, MemoryError)):
        raise error
    if isinstance(error, PasswordError):
        return encrypted(name)
    return damaged(name)


@dataclass
class Workbook:
    book: CalamineWorkbook
    name: str  # the file's base name, for messages
    sheets: tuple[str, ...]  # worksheets in workbook order
    visible: tuple[str, ...]  # the ones a user sees

    def rows(self, sheet: str) -> tuple[list[list[Cell]], list]:
        """All rows of a sheet from A1 ("" for empty cells) and its merged ranges."""
        try:
            data = self.book.get_sheet_by_name(sheet)
            if data.height * max(data.width, 1) > MAX_CELLS:
                raise refuse(self.name, f"has too many cells on sheet \u201c{sheet}\u201d "
                             "to be a roster; copy the table to a new workbook.")
            rows = data.to_python(skip_empty_area=False)
            merged = data.merged_cell_ranges or []
        except ImportRefused:
            raise
        except BaseException as error:  # noqa: BLE001 - incl. a panic inside the Rust library
            raise _guard(error, self.name) from None
        return rows, merged


def open_workbook(data: bytes, name: str) -> Workbook:
    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(data))
        meta = book.sheets_metadata
        sheets = tuple(m.name for m in meta if m.typ == SheetTypeEnum.WorkSheet)
        visible = tuple(m.name for m in meta if m.typ == SheetTypeEnum.WorkSheet
                        and m.visible == SheetVisibleEnum.Visible)
    except BaseException as error:  # noqa: BLE001 - including a panic inside the library
        raise _guard(error, name) from None
    if not sheets:
        raise refuse(name, "has no worksheets (only charts or macros); "
                     "open it and save the table as .xlsx or .csv.")
    return Workbook(book, name, sheets, visible or sheets)
