"""What the writers (excel.py, delimited.py) are given: typed columns and plain rows.

A `Sheet` is a list of `Column`s and an iterable of value tuples in column
order (str, int, float, date or None). The rows may be a generator reading the
database in chunks: writers consume them once, front to back.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from ..domain.progress import Progress

# Column kinds: how a value is written and shown.
TEXT, ID, INT, DATE, HOURS, PERCENT, NOTE = "text", "id", "int", "date", "hours", "percent", "note"
CHECK_EVERY = 2000  # rows between progress reports and Cancel checks


@dataclass(frozen=True)
class Column:
    header: str
    kind: str = TEXT
    width: float | None = None  # characters; None: sized from the header and the first rows


@dataclass
class Sheet:
    name: str  # tab name (at most 31 characters, no []:*?/\)
    title: str  # printed in the footer, e.g. "Sessions: Acme Corp, 2024-01-01 to 2024-06-30"
    columns: Sequence[Column]
    rows: Iterable[Sequence[object]]
    total: int | None = None  # rows expected, for progress


def paced(rows: Iterable[Sequence[object]], progress: Progress, total: int, text: str,
          offset: int = 0) -> Iterator[Sequence[object]]:
    """Yield `rows`, reporting progress (offset + done of total) and checking for
    Cancel every CHECK_EVERY rows."""
    done = 0
    for row in rows:
        yield row
        done += 1
        if done % CHECK_EVERY == 0:
            progress.check()
            progress.progress(offset + done, max(total, offset + done), text)
