"""From the rows of a sheet to a table: the header row, the data rows, the rest.

The header row is found among the first SEARCH_ROWS rows, under title rows,
merged title cells and blank rows: the first row whose filled cells are all
header-like text (not numbers, dates or emails), mostly distinct, and about as
wide as the rows below it; when the caller expects some header names
(vocabulary), the row naming most of them wins. Below it, blank rows are left
out, and totals rows go to `skipped` with the reason: a row labelled "Total",
"Totales", "Grand total", "Subtotal", "Sum", "Suma"..., or a trailing row with
no text whose numbers equal the sums of the columns above.
"""

from __future__ import annotations

import math
import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from operator import itemgetter
from statistics import median

from ..domain.progress import SILENT, Progress
from .headers import header_key
from .parse import CellError, parse_number
from .table import Cell, SourceRow

SEARCH_ROWS = 50
_NUMERIC = re.compile(r"[\s$€£¥%+\-−(]*\d[\d\s.,'\u00a0]*[%)]?\s*")
_DATE_LIKE = re.compile(r"\s*\d{1,4}\s*[/.\-]\s*\d{1,2}\s*[/.\-]\s*\d{1,4}\b.*")
_TOTAL_START = frozenset("TtSsGg \t\u00a0")  # how a totals label (or blank text) starts
_NONE_FOR_EMPTY = {"": None}
_TOTAL = re.compile(r"(?i)\s*(grand\s+|sub\s*)?(totals?|totales|total\s+general|sumas?|sum)\b")


@dataclass(frozen=True)
class Extracted:
    header_row: int
    headers: tuple[str, ...]
    rows: tuple[SourceRow, ...]
    skipped: tuple[tuple[int, str], ...]
    notes: tuple[str, ...]


def column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def is_blank(row: Sequence[Cell]) -> bool:
    return all(v is None or v == "" or (type(v) is str and v.isspace()) for v in row)


def _filled(row: Sequence[Cell]) -> list[Cell]:
    return [v for v in row if not (v is None or v == "" or (type(v) is str and v.isspace()))]


def _texty(value: Cell) -> bool:
    return (isinstance(value, str) and not _NUMERIC.fullmatch(value)
            and not _DATE_LIKE.fullmatch(value) and "@" not in value)


def _label(value: Cell) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split())


class _Vocabulary:
    def __init__(self, words: Collection[str]):
        self.keys = {header_key(w) for w in words} - {""}
        # The word sets of the known names, filed under one of their words: a set can only
        # be inside a cell's words when that word is (one lookup per word, not per name).
        self.sets: dict[str, list[frozenset[str]]] = {}
        self.empty = False
        for k in self.keys:
            words = frozenset(k.split())
            if words:
                self.sets.setdefault(min(words), []).append(words)
            else:
                self.empty = True

    def hits(self, cells: list[Cell]) -> int:
        found = 0
        sets = self.sets
        for cell in cells:
            key = header_key(_label(cell))
            if key in self.keys or self.empty:
                found += 1
                continue
            words = set(key.split())
            if any(s <= words for w in words for s in sets.get(w, ())):
                found += 1
        return found


def find_header(rows: Sequence[Sequence[Cell]], vocabulary: Collection[str] = ()) -> int | None:
    """Index (in `rows`) of the header row, or None when no row looks like one."""
    window = [(i, _filled(rows[i])) for i in range(min(len(rows), SEARCH_ROWS))]
    window = [(i, cells) for i, cells in window if cells]
    candidates = []
    for position, (index, cells) in enumerate(window):
        texts = [_label(c) for c in cells if _texty(c)]
        below = [len(c) for _, c in window[position + 1:position + 11]]
        width = median(below) if below else len(cells)
        distinct = len({t.casefold() for t in texts})
        if (len(texts) >= len(cells) - (len(cells) >= 5) and len(texts) >= min(2, width)
                and len(texts) >= 0.5 * width and 2 * distinct >= len(texts)
                and (len(texts) == 1 or distinct >= 2)):
            candidates.append((index, cells))
    if vocabulary:
        known = _Vocabulary(vocabulary)
        scored = [(known.hits(cells), -index) for index, cells in window]
        best = max(scored, default=(0, 0))
        if best[0] >= 2 or (best[0] == 1 and len(window[scored.index(best)][1]) == 1):
            return -best[1]
    return candidates[0][0] if candidates else None


def make_headers(cells: Sequence[Cell], columns: Sequence[int]) -> tuple[str, ...]:
    """Trimmed header texts; blank ones named after their column ("Column F"),
    repeated ones numbered ("Email (2)")."""
    names: list[str] = []
    seen: set[str] = set()
    for column in columns:
        value = cells[column] if column < len(cells) else None
        text = _label(value) if value not in (None, "") else ""
        name = text or f"Column {column_letter(column)}"
        base, count = name, 1
        while name.casefold() in seen:
            count += 1
            name = f"{base} ({count})"
        seen.add(name.casefold())
        names.append(name)
    return tuple(names)


def _total_label(row: Sequence[Cell]) -> str | None:
    """The reason a row is a labelled totals row: "Total" (or the like) in its
    first filled cell, and at most one other text cell."""
    value = next((v for v in row if v is not None), None)
    if not (type(value) is str and len(value) <= 40 and _TOTAL.match(value)):
        return None
    if len([v for v in row if _texty(v) and not v.isspace()]) > 2:
        return None
    return f"a totals row (\u201c{value.strip()}\u201d), not data"


def _number(value: Cell) -> float | None:
    if isinstance(value, bool) or value is None or value == "":
        return None
    if isinstance(value, (int, float)):
        return float(value)
    try:
        looks = isinstance(value, str) and _NUMERIC.fullmatch(value)
        number = parse_number(value) if looks else None
    except CellError:
        return None
    return float(number) if number is not None else None


def _is_sum_row(row: tuple[Cell, ...], above: Sequence[SourceRow]) -> bool:
    filled = [(i, v) for i, v in enumerate(row) if v is not None and not (
        isinstance(v, str) and v.isspace())]
    if not filled or not above or any(_number(v) is None for _, v in filled):
        return False
    for index, value in filled:
        total = math.fsum(n for r in above if (n := _number(r.values[index])) is not None)
        if not math.isclose(total, _number(value), rel_tol=1e-9, abs_tol=1e-6):
            return False
    return True


def extract(
    rows: Sequence[Sequence[Cell]],
    numbers: Sequence[int] | None = None,
    *,
    vocabulary: Collection[str] = (),
    merged: Sequence[tuple[tuple[int, int], tuple[int, int]]] = (),
    progress: Progress = SILENT,
) -> Extracted | None:
    """The table in `rows` (lists of cells, "" or None for empty); `numbers` are
    the row numbers the user sees (default: position + 1); `merged` ranges
    (0-based, inclusive) below the header are filled with their top-left value.
    None when no header row is found."""
    found = find_header(rows, vocabulary)
    if found is None:
        return None
    number = (lambda i: i + 1) if numbers is None else numbers.__getitem__
    header = rows[found]
    width = max(len(header), max((len(r) for r in rows[found + 1:]), default=0))
    _fill_merged(rows, merged, found)
    body = range(found + 1, len(rows))
    columns = [c for c in range(width) if (c < len(header) and header[c] not in (None, "")
               and not (isinstance(header[c], str) and header[c].isspace()))
               or any(c < len(rows[i]) and rows[i][c] not in (None, "") for i in body)]
    if not columns:
        return None
    pick = itemgetter(*columns) if len(columns) > 1 else (lambda r: (r[columns[0]],))
    data, skipped = _data_rows(rows, found + 1, width, pick, number, progress)
    while data and _is_sum_row(data[-1].values, data[:-1]):
        skipped.append((data.pop().number, "a row of column totals, not data"))
    skipped.sort()
    titles = [_label(v) for i in range(found) for v in _filled(rows[i])]
    notes = ((f"The header is on row {number(found)}; the title above it "
              f"(\u201c{' '.join(titles)[:80]}\u201d) was not read."),) if titles else ()
    return Extracted(number(found), make_headers(header, columns), tuple(data),
                     tuple(skipped), notes)


def _data_rows(rows, start: int, width: int, pick, number, progress: Progress):
    """One pass: the picked cells of each row ("" -> None); blank rows dropped,
    labelled totals rows set aside. Kept lean: it runs once per row."""
    data: list[SourceRow] = []
    skipped: list[tuple[int, str]] = []
    total = len(rows) - start
    add, make, none_for_empty, starts = data.append, SourceRow, _NONE_FOR_EMPTY.get, _TOTAL_START
    for i in range(start, len(rows)):
        if not (i - start) % 2000:
            progress.check()
            progress.progress(i - start, total, "Reading rows")
        row = rows[i]
        if len(row) < width:
            row = [*row, *([None] * (width - len(row)))]
        values = pick(row)
        if "" in values:
            values = tuple(map(none_for_empty, values, values))  # C speed
        first = values[0]
        if first is None or type(first) is str and first[:1] in starts:
            if is_blank(values):
                continue
            reason = _total_label(values)
            if reason:
                skipped.append((number(i), reason))
                continue
        add(make(number(i), values))
    return data, skipped


def _fill_merged(rows, merged, header_index: int) -> None:
    for (r0, c0), (r1, c1) in merged:
        if r0 <= header_index or r1 <= r0 or r1 >= len(rows):
            continue
        value = rows[r0][c0] if c0 < len(rows[r0]) else None
        for r in range(r0, r1 + 1):
            for c in range(c0, min(c1 + 1, len(rows[r]))):
                rows[r][c] = value
