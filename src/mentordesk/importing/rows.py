"""A mapped row -> typed values, or the problems that keep it out.

Each mapped column gets one reader (parse.py's functions; the day/month order
of a date column is decided once per column from all its values). A row whose
mapped cells all read cleanly becomes `Converted.values` (field -> value; empty
cells are left out: an empty cell never clears a stored value); any cell that
cannot be read gives a `Problem` with the user's row number, the column's
header, the cell as typed and one sentence, and the row is rejected.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from functools import partial
from operator import itemgetter
from typing import Any

from ..domain.errors import ValidationError
from ..domain.progress import SILENT, Progress
from ..domain.values import normalise_tags
from .choices import parse_choice
from .kinds import Field, Kind
from .parse import (
    CellError,
    detect_date_order,
    parse_bool,
    parse_date,
    parse_email,
    parse_int,
    parse_minutes,
    parse_name,
    parse_phone,
    parse_text,
)
from .table import Cell, SheetTable


@dataclass(frozen=True, slots=True)
class Problem:
    """Why a row (or one of its cells) cannot be imported."""

    row: int  # the row number the user sees in the spreadsheet
    column: str | None  # the column's header, None when the row as a whole is at fault
    value: str  # the cell as typed ("" when none)
    message: str  # one sentence

    def as_dict(self) -> dict[str, Any]:
        return {"row": self.row, "column": self.column, "value": self.value,
                "message": self.message}


@dataclass(slots=True)
class Converted:
    row: int
    values: dict[str, Any]
    problems: list[Problem] = field(default_factory=list)


def cell_text(cell: Cell) -> str:
    """A cell as the user would read it back (for problem reports)."""
    if cell is None:
        return ""
    if isinstance(cell, bool):
        return "TRUE" if cell else "FALSE"
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    if isinstance(cell, datetime):
        return cell.isoformat(sep=" ") if cell.time() != time() else cell.date().isoformat()
    if isinstance(cell, (date, time)):
        return cell.isoformat()
    if isinstance(cell, timedelta):
        minutes = round(cell.total_seconds() / 60)
        return f"{minutes // 60}:{minutes % 60:02d}"
    return str(cell)


def _id(cell: Cell) -> int | None:
    value = parse_int(cell)
    if value is not None and value <= 0:
        raise CellError(f"{cell_text(cell)} is not a MentorDesk ID (those are whole numbers from 1).")
    return value


def _rating(cell: Cell) -> int | None:
    value = parse_int(cell)
    if value is not None and not 1 <= value <= 5:
        raise CellError("Rate the relationship from 1 (poor) to 5 (excellent).")
    return value


def _tags(cell: Cell) -> str | None:
    return normalise_tags(parse_text(cell)) or None


READERS: dict[str, Callable[[Cell], Any]] = {
    "text": parse_text, "name": parse_name, "email": parse_email, "phone": parse_phone,
    "bool": parse_bool, "int": parse_int, "id": _id, "rating": _rating, "tags": _tags,
    "hours": partial(parse_minutes, unit="hours"),
    "minutes": partial(parse_minutes, unit="minutes"),
    "duration": partial(parse_minutes, unit="auto"),
}


def _reader(spec: Field, table: SheetTable, index: int, warnings: list[str]) -> Callable[[Cell], Any]:
    if spec.parse == "date":
        column = detect_date_order(table.column(index))
        if column.warning:
            warnings.append(f"Column {table.headers[index]!r}: {column.warning}")
        return partial(parse_date, order=column.order)
    if spec.parse == "choice":
        return partial(parse_choice, spec.choice)
    return READERS[spec.parse]


_TEXT_OR_NONE = {str, type(None)}


def convert_rows(
    table: SheetTable, kind: Kind, columns: Mapping[int, str], progress: Progress = SILENT,
) -> tuple[list[Converted], list[str]]:
    """Every data row read through the mapping; plus warnings about whole columns."""
    warnings: list[str] = []
    readers = [
        (index, name, table.headers[index], _reader(kind.field(name), table, index, warnings))
        for index, name in sorted(columns.items())
    ]
    # Column by column: each distinct cell is read once per column (statuses, cities, companies
    # and dates repeat); the readers are pure, so reading once changes nothing but the time.
    total = len(table.rows)
    rows = [source.values for source in table.rows]
    width = min(map(len, rows), default=0)
    outs: list[list[Any]] = []
    problems: dict[int, list[Problem]] = defaultdict(list)
    for done, (index, name, header, read) in enumerate(readers):
        progress.check()
        progress.progress(done * total // max(len(readers), 1), total, "Checking the rows")
        cells = (list(map(itemgetter(index), rows)) if index < width
                 else [v[index] if index < len(v) else None for v in rows])
        # 1, 1.0 and True are equal dict keys but read apart: key non-text cells by type too.
        keys = cells if set(map(type, cells)) <= _TEXT_OR_NONE else [
            c if type(c) is str else (type(c), c) for c in cells]
        values: dict[Any, Any] = {}
        errors: dict[Any, str] = {}
        for key, cell in dict(zip(keys, cells)).items():
            if cell is None or cell == "":
                continue
            try:
                values[key] = read(cell)
            except (CellError, ValidationError) as exc:
                errors[key] = str(exc)
        outs.append(list(map(values.get, keys)))
        if errors:
            for n, key in enumerate(keys):
                if key in errors:
                    problems[n].append(Problem(table.rows[n].number, header,
                                               cell_text(cells[n]), errors[key]))
    names = [name for _, name, _, _ in readers]
    converted = [
        Converted(source.number, {k: v for k, v in zip(names, row) if v is not None},
                  problems.get(n, []))
        for n, (source, row) in enumerate(zip(table.rows, zip(*outs) if outs else
                                               ((),) * total))
    ]
    progress.progress(total, total, "Checking the rows")
    return converted, warnings
