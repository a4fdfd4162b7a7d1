"""What the readers hand to the rest of the import: one sheet as a plain table.

The reading side (read.py and friends) turns any supported file into a
`SheetTable`; the applying side (kinds, mapping, plan, services/imports.py)
never looks at the file again. Nothing here imports Qt or touches a database.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from ..domain.errors import MentorDeskError

# A cell as read: text, a number, a bool, a real date/time cell, or empty.
Cell = str | int | float | bool | date | datetime | time | timedelta | None


class ImportRefused(MentorDeskError):
    """The file cannot be used at all (not a spreadsheet, encrypted, truncated,
    suspiciously large when unpacked, no header row, unknown sheet, ...).
    str(error) is one sentence for the user; nothing has been written."""


class CellError(ValueError):
    """One value cannot be used (parse.py raises it; the row is rejected);
    str(error) is one sentence saying how to fix the value."""


@dataclass(frozen=True, slots=True)
class SourceRow:
    number: int  # the row number the user sees in the spreadsheet (1-based; CSV: line of the record)
    values: tuple[Cell, ...]  # one per header, in header order; stored values, never formulas


@dataclass(frozen=True)
class SheetTable:
    file_name: str  # base name, for messages and the import record
    file_hash: str  # sha256 hex of the file's bytes
    file_format: str  # "xlsx", "xlsm", "xls", "ods", "csv"
    sheet: str | None  # the sheet read (None for CSV)
    sheets: tuple[str, ...]  # every sheet in the workbook (empty for CSV)
    header_row: int  # the row number (as the user sees it) of the header
    headers: tuple[str, ...]  # header texts as found (trimmed); blank headers get "Column C"-style names
    rows: tuple[SourceRow, ...]  # data rows only: blank rows and totals rows are left out
    skipped: tuple[tuple[int, str], ...] = ()  # (row number, why it is not data), e.g. a totals row
    notes: tuple[str, ...] = ()  # facts worth telling the user: encoding, delimiter, merged title...
    extra: dict[str, object] = field(default_factory=dict)  # reader details (encoding, delimiter)

    def column(self, index: int) -> list[Cell]:
        return [row.values[index] for row in self.rows]
