"""The rejected rows, as they were, with the reason beside each: a workbook the
coordinator fixes and imports again.

Same headers as the file (made unique: an Excel table needs that), the cells
exactly as read (dates stay dates, numbers numbers; text that looks like a
formula is stored as text, never evaluated), in the file's order, and a last
column "Problem" with every reason of the row. Written through
exporting.files.atomic_output: a file open in Excel gets "close it and try again".
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from pathlib import Path

from ..domain.progress import SILENT, Progress
from ..exporting.sheets import NOTE, Column, Sheet
from ..exporting.files import atomic_output
from .plan import REJECTED, RowPlan
from .table import SheetTable

PROBLEM = "Problem"


def problem_text(plan: RowPlan) -> str:
    return " ".join(f"{p.column}: {p.message}" if p.column else p.message for p in plan.problems)


def unique_headers(headers: Iterable[str]) -> list[str]:
    seen: set[str] = set()
    out = []
    for header in headers:
        name, n = header or "Column", 2
        while name.casefold() in seen:
            name, n = f"{header} ({n})", n + 1
        seen.add(name.casefold())
        out.append(name)
    return out


def write_rejects(table: SheetTable, rows: Iterable[RowPlan], out_path: Path,
                  progress: Progress = SILENT) -> Path:
    """Write the rejected rows of `table` to an .xlsx file; returns the path written."""
    rejected = {r.row: r for r in rows if r.status == REJECTED}
    data = [(*source.values, problem_text(rejected[source.number]))
            for source in table.rows if source.number in rejected]
    headers = unique_headers([*table.headers, PROBLEM])
    columns = [Column(h) for h in headers[:-1]] + [Column(headers[-1], NOTE)]
    sheet = Sheet(name="Rejected rows", title=f"Rejected rows of {table.file_name}",
                  columns=columns, rows=data, total=len(data))
    from ..exporting.excel import WorkbookInfo, write_workbook  # openpyxl: only when writing

    info = WorkbookInfo(title=f"Rejected rows of {table.file_name}", author="MentorDesk",
                        exported_on=date.today())
    out_path = Path(out_path)
    with atomic_output(out_path) as temp:
        write_workbook(temp, [sheet], info, progress)
    return out_path
