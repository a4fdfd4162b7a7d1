"""CSV output: UTF-8 with a byte-order mark (so Excel reads accents), every field
in double quotes with embedded quotes doubled, and formula-like text neutralised
as OWASP recommends (files.neutralise_formula). One sheet per file.

Values: dates as ISO text (2024-03-05, which Excel and LibreOffice read as
dates), whole numbers as they are, hours with two decimals (the Minutes column
beside them is exact), rates as percentages.
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from datetime import date
from pathlib import Path

from ..domain.progress import SILENT, Progress
from .files import neutralise_formula
from .sheets import HOURS, PERCENT, Sheet, paced


def _plain(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return neutralise_formula(value)
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _hours(value: object) -> str:
    return f"{value:.2f}" if isinstance(value, (int, float)) else _plain(value)


def _percent(value: object) -> str:
    return f"{value * 100:.1f}%" if isinstance(value, (int, float)) else _plain(value)


def _formatter(kind: str) -> Callable[[object], str]:
    return {HOURS: _hours, PERCENT: _percent}.get(kind, _plain)


def write_csv(path: Path, sheet: Sheet, progress: Progress = SILENT) -> int:
    """Write one sheet to `path`; return the number of data rows."""
    formats = [_formatter(column.kind) for column in sheet.columns]
    count = 0
    with open(path, "w", encoding="utf-8-sig", newline="") as out:
        writer = csv.writer(out, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
        writer.writerow([neutralise_formula(column.header) for column in sheet.columns])
        for row in paced(sheet.rows, progress, sheet.total or 0, sheet.name):
            writer.writerow([fmt(value) for fmt, value in zip(formats, row)])
            count += 1
    progress.progress(count, max(sheet.total or 0, count), sheet.name)
    return count
